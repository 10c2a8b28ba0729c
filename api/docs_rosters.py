"""OpenAPI descriptions and examples of the programme phases and the rosters."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from api import docs
from api.serializers import ErrorSerializer

PHASE_DESCRIPTION = (
    "Tahap-tahap program WFH, urut program lalu urutan tahap: pola (`weekday`: hari tetap "
    "`wfh_weekdays`, 0 = Senin; `rotation`: rasio `ratio` dengan komposisi bawaan), batas hari "
    "WFH per minggu, status terhadap hari ini (`upcoming`, `active`, `ended`), dan OPD yang "
    "dicakup (sebatas OPD pemanggil; `all_opds` = tahap berlaku untuk semua OPD aktif). Klien "
    "yang dibatasi ke OPD hanya melihat tahap yang mencakup OPD-nya. Saring dengan `programme` "
    "(slug), `active_on` (tanggal) dan `opd`. `slug` tahap dipakai untuk POST /api/v1/rosters/."
)
PHASE_EXAMPLES = [
    OpenApiExample(
        "Daftar tahap",
        response_only=True,
        value=docs.page_of(
            {
                "programme": "jabar-2025",
                "programme_name": "WFH ASN Jawa Barat 2025",
                "slug": "jabar-2025-tahap-1",
                "name": "Tahap 1: Kamis",
                "order": 1,
                "start": "2025-11-03",
                "end": "2025-11-28",
                "pattern": "weekday",
                "wfh_weekdays": [3],
                "optional_weekday": None,
                "ratio": None,
                "default_composition": "balanced",
                "weekly_cap": 2,
                "status": "ended",
                "all_opds": True,
                "opds": ["DISDUKCAPIL", "DISKOMINFO"],
            }
        ),
    )
]

_ROSTER = {
    "id": 311,
    "phase": "jabar-2025-tahap-2",
    "opd": "DISKOMINFO",
    "version": 2,
    "status": "running",
    "workflow": "draft",
    "composition": "balanced",
    "progress": {"done": 6400, "total": 15200, "percent": 42.1},
    "stats": {},
    "error": "",
    "created_at": "2025-11-20T09:12:03+07:00",
    "started_at": "2025-11-20T09:12:04+07:00",
    "finished_at": None,
    "submitted_at": None,
    "published_at": None,
    "published_from": None,
    "url": "https://wfh.bekasikota.go.id/api/v1/rosters/311/",
}
_ROSTER_READY = {
    **_ROSTER,
    "status": "ready",
    "progress": {"done": 15200, "total": 15200, "percent": 100.0},
    "stats": {"wfh": 5980, "wfo": 9012, "leave": 208},
    "finished_at": "2025-11-20T09:12:40+07:00",
}

ROSTER_START_DESCRIPTION = (
    "Antrekan pembuatan roster satu OPD (`opd`, kode) dalam satu tahap (`phase`, slug) dan "
    "jawab 202 dengan roster itu (`status` = `queued`); ikuti kemajuannya di `url` (GET "
    "/api/v1/rosters/{id}/) sampai `status` menjadi `ready` atau `failed`. Bila versi terakhir "
    "masih draf, draf itu dibuat ulang; bila sudah diajukan atau terbit, dibuat versi baru. "
    "Roster yang masih antre atau sedang dibuat dijawab 202 dengan roster itu, tanpa antre dua "
    "kali. 400 bila tahap atau OPD tidak dikenal, OPD di luar cakupan klien, atau tahap tidak "
    "mencakup OPD itu (`errors` menyebut isiannya). Lewat sesi peramban: HR, atau admin OPD untuk "
    "OPD-nya."
)
ROSTER_START_EXAMPLES = [
    OpenApiExample(
        "Buat roster",
        request_only=True,
        value={"phase": "jabar-2025-tahap-2", "opd": "DISKOMINFO"},
    ),
    OpenApiExample(
        "Diterima (antre)",
        response_only=True,
        status_codes=["202"],
        value={
            **_ROSTER,
            "status": "queued",
            "progress": {"done": 0, "total": 0, "percent": 0.0},
            "started_at": None,
        },
    ),
]
ROSTER_START_BAD_REQUEST = OpenApiResponse(
    ErrorSerializer,
    description="Tahap atau OPD tidak dikenal, OPD di luar cakupan, atau tahap tidak mencakupnya.",
    examples=[
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"phase": ["Tahap jabar-2030-tahap-9 tidak dikenal."]},
            summary="Tahap tidak dikenal",
        ),
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"opd": ["Tahap jabar-2025-tahap-1 tidak mencakup OPD DINKES."]},
            summary="Tahap tidak mencakup OPD",
        ),
    ],
)
ROSTER_LIST_EXAMPLES = [
    OpenApiExample("Daftar roster", response_only=True, value=docs.page_of(_ROSTER_READY))
]
ROSTER_DETAIL_DESCRIPTION = (
    "Status pembuatan (`queued`, `running`, `ready`, `failed`), alur (`draft`, `submitted`, "
    "`published`, `returned`, `superseded`), kemajuan (`progress`: baris yang sudah dibuat dari "
    "seluruhnya), ringkasan hasil (`stats`), alasan gagal (`error`) dan waktu-waktunya. 404 bila "
    "tidak ada atau OPD-nya di luar cakupan."
)
ROSTER_DETAIL_EXAMPLES = [
    OpenApiExample("Sedang dibuat", response_only=True, value=_ROSTER),
    OpenApiExample("Siap", response_only=True, value=_ROSTER_READY),
]
ROSTER_PUBLISH_DESCRIPTION = (
    "Terbitkan roster yang sudah siap (`status` = `ready`, alur `draft` atau `submitted`): "
    "harinya mulai tanggal terbit menjadi jadwal terbit yang dibaca pegawai dan GET "
    "/api/v1/schedule/. Hari terbit sebelum tanggal itu tidak pernah ditulis ulang. Isi opsional "
    '`{"from": "YYYY-MM-DD"}` (di dalam tahap); tanpa itu: tanggal buat ulang, awal tahap pada '
    "terbitan pertama, atau hari ini. Jawaban 200: roster (alur `published`) dengan "
    "`published_rows`, jumlah baris jadwal yang ditulis. 409 bila roster belum siap, sudah "
    "terbit/digantikan/dikembalikan, atau tidak ada hari yang dapat diterbitkan. Lewat sesi "
    "peramban hanya HR (403 untuk peran lain)."
)
ROSTER_PUBLISH_EXAMPLES = [
    OpenApiExample("Terbit mulai tanggal", request_only=True, value={"from": "2025-12-01"}),
    OpenApiExample(
        "Terbit",
        response_only=True,
        value={
            **_ROSTER_READY,
            "workflow": "published",
            "published_at": "2025-11-21T10:00:00+07:00",
            "published_from": "2025-12-01",
            "published_rows": 15200,
        },
    ),
]
ROSTER_PUBLISH_BAD_REQUEST = OpenApiResponse(
    ErrorSerializer,
    description="`from` bukan tanggal YYYY-MM-DD atau di luar tahap.",
    examples=[
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"from": ["Tanggal 2026-03-01 di luar tahap (2025-12-01 s.d. 2025-12-31)."]},
            summary="Tanggal di luar tahap",
        )
    ],
)
ROSTER_PUBLISH_CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="Roster belum siap, alurnya tidak dapat diterbitkan, atau tidak ada hari terbit.",
    examples=[
        docs.error_example("conflict", "Jadwal belum siap diterbitkan.", summary="Belum siap"),
        docs.error_example(
            "conflict",
            "Jadwal berstatus diterbitkan: tidak dapat diterbitkan.",
            summary="Sudah terbit",
        ),
    ],
)
