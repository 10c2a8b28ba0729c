"""OpenAPI descriptions and examples of a phase's changes from a date."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from api import docs
from api.serializers import ErrorSerializer

_CHANGE = {
    "id": 3,
    "phase": "depok-2026",
    "valid_from": "2026-02-17",
    "wfh_weekdays": [0],
    "ratio": None,
    "weekly_cap": 2,
    "exempt_kinds": ["puskesmas", "rsud", "sekolah"],
    "reference": "Surat Edaran Wali Kota Depok tentang perubahan hari WFH (Februari 2026)",
    "note": "Hari WFH dipindah dari Kamis ke Senin.",
    "created_at": "2026-02-10T09:12:40+07:00",
}

LIST_DESCRIPTION = (
    "Perubahan tahap mulai suatu tanggal, terlama dahulu. Tiap perubahan memuat ketentuan yang "
    "berlaku sejak `valid_from` secara lengkap (hari WFH, rasio, batas per minggu, jenis OPD yang "
    "dikecualikan); sebelum perubahan pertama berlaku ketentuan tahap itu sendiri (/phases/)."
)
CREATE_DESCRIPTION = (
    "Ubah tahap yang berjalan mulai `valid_from` (hari ini atau sesudahnya, di dalam tahap, "
    "sesudah perubahan terakhir) dengan `reference` (nomor surat edaran, wajib) dan sedikitnya "
    "satu ketentuan yang berbeda: `wfh_weekdays` (pola hari tetap), `ratio` (pola rotasi), "
    "`weekly_cap`, `exempt_kinds`. Hari sebelum `valid_from` tetap seperti yang dijalani; jadwal "
    "tiap OPD disusun ulang mulai tanggal itu sebagai draf, lalu diajukan dan diterbitkan seperti "
    "biasa (pegawai diberi tahu saat terbit). 201 dengan perubahannya. Hanya HR (sesi) atau klien "
    "`roster:write` yang tidak dibatasi ke OPD."
)
LIST_EXAMPLES = [
    OpenApiExample("Riwayat Depok 2026", response_only=True, value=docs.page_of(_CHANGE)),
]
CREATE_EXAMPLES = [
    OpenApiExample(
        "Kamis dipindah ke Senin",
        request_only=True,
        value={
            "valid_from": "2026-02-17",
            "wfh_weekdays": [0],
            "reference": "Surat Edaran Wali Kota Depok tentang perubahan hari WFH (Februari 2026)",
        },
    ),
    OpenApiExample(
        "Dicatat",
        response_only=True,
        status_codes=["201"],
        value={
            **_CHANGE,
            "history": "Kamis s.d. 16 Februari 2026, Senin sejak 17 Februari 2026",
            "rosters_queued": 42,
        },
    ),
]
BAD_REQUEST = OpenApiResponse(
    ErrorSerializer,
    description="Isian yang salah, masing-masing disebut namanya.",
    examples=[
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {
                "valid_from": [
                    "Tanggal berlaku Senin, 2 Februari 2026 sudah lewat: hari yang sudah "
                    "dijalani tidak diubah. Pilih hari ini atau sesudahnya."
                ]
            },
            summary="Tanggal sudah lewat",
        ),
    ],
)
