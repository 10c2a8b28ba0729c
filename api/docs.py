"""OpenAPI documentation of API v1: one decorator that gives every endpoint its scope, its
examples and its error responses (all with the one error body), so no view is left half-documented.
"""

from __future__ import annotations

import copy

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework.mixins import ListModelMixin

from api.serializers import (
    CostBatchSerializer,
    CostItemSerializer,
    ErrorSerializer,
    EventBatchSerializer,
    EventItemSerializer,
    ServiceOutputBatchSerializer,
    ServiceOutputItemSerializer,
)

TAGS = {
    "org:read": "Organisasi",
    "schedule:read": "Jadwal",
    "attendance:write": "Presensi",
    "attendance:read": "Presensi",
    "summary:read": "Rekap",
    "evaluation:write": "Kajian",
    "webhook": "Webhook",
    "roster:write": "Roster",
}


def _error(
    code: str, message: str, errors: dict | None = None, summary: str = ""
) -> OpenApiExample:
    return OpenApiExample(
        code,
        value={"code": code, "message": message, "errors": errors or {}},
        response_only=True,
        summary=summary or message,
    )


ERR_400 = OpenApiResponse(
    ErrorSerializer,
    description="Parameter atau isi permintaan salah; `errors` menyebut isiannya.",
    examples=[
        _error(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"date": ["Bidang ini dibutuhkan."]},
            summary="Parameter wajib tidak dikirim",
        )
    ],
)
ERR_401 = OpenApiResponse(
    ErrorSerializer,
    description="Token tidak dikirim, tidak dikenal, atau sudah dicabut.",
    examples=[
        _error("not_authenticated", "Kredensial untuk autentikasi tidak diberikan."),
        _error("authentication_failed", "Token tidak dikenal atau sudah dicabut."),
    ],
)
ERR_403 = OpenApiResponse(
    ErrorSerializer,
    description="Klien tidak memiliki cakupan (scope) yang dibutuhkan.",
    examples=[_error("permission_denied", "Klien ini tidak memiliki cakupan schedule:read.")],
)
ERR_404 = OpenApiResponse(
    ErrorSerializer,
    description="Tidak ada, atau di luar OPD yang boleh diakses klien.",
    examples=[_error("not_found", "OPD DINKES tidak ditemukan atau di luar cakupan Anda.")],
)
ERR_429 = OpenApiResponse(
    ErrorSerializer,
    description="Terlalu banyak permintaan dari klien ini; tunggu sesuai header Retry-After.",
    examples=[_error("throttled", "Terlalu banyak permintaan. Coba lagi dalam 12 detik.")],
)

SCOPE_NOTE = (
    "**Cakupan (scope): `{scope}`.** Klien API mengirim `Authorization: Token <kunci>`; sesi "
    "peramban juga diterima dengan aturan peran yang sama seperti halaman web. Klien yang dibatasi "
    "ke OPD tertentu hanya melihat baris OPD tersebut."
)


def endpoint(
    scope: str | tuple[str, ...],
    *,
    summary: str,
    description: str,
    examples: list[OpenApiExample],
    response=None,
    request=None,
    method: str = "get",
    not_found: bool = False,
    etag: bool = False,
    path: dict[str, str] | None = None,
    bad_request: OpenApiResponse | None = None,
    query: list | None = None,
    success: int = 200,
    conflict: OpenApiResponse | None = None,
    tag: str | None = None,
):
    """`scope` may be a tuple: any one of those scopes. A GET without `response` documents the
    view's serializer (paginated for a list); `success` is the status of the answer (e.g. 202),
    `query` extra parameters (a serializer of query parameters, or OpenApiParameters), `conflict`
    the 409 answer."""
    scopes = (scope,) if isinstance(scope, str) else tuple(scope)
    responses: dict = {401: ERR_401, 403: ERR_403, 429: ERR_429}
    if bad_request is not None:
        responses[400] = bad_request
    elif method == "get":
        responses[400] = ERR_400
    else:
        responses[400] = OpenApiResponse(
            ErrorSerializer,
            description="Kiriman bukan daftar presensi, kosong, atau lebih dari 1.000 item.",
            examples=[
                _error(
                    "validation_error",
                    "Paling banyak 1000 presensi sekali kirim; diterima 1001.",
                    {
                        "non_field_errors": [
                            "Paling banyak 1000 presensi sekali kirim; diterima 1001."
                        ]
                    },
                    summary="Lebih dari 1.000 item",
                )
            ],
        )
    if not_found:
        responses[404] = ERR_404
    if conflict is not None:
        responses[409] = conflict
    if response is not None:
        responses[success] = response
    if etag:
        responses[304] = OpenApiResponse(description="Tidak berubah sejak ETag di If-None-Match.")
    parameters = [path_param(name, text) for name, text in (path or {}).items()]
    parameters += list(query or [])
    if etag:
        parameters.append(
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="ETag dari jawaban sebelumnya; bila sama, jawaban 304 tanpa isi.",
            )
        )
    kwargs = {
        "summary": summary,
        "description": SCOPE_NOTE.format(scope="` atau `".join(scopes)) + "\n\n" + description,
        "tags": [tag or TAGS.get(scopes[0], "API")],
        "responses": responses,
        "examples": examples,
        "parameters": parameters or None,
    }
    if request is not None:
        kwargs["request"] = request

    def decorate(view):
        per_view = dict(kwargs)
        serializer = getattr(view, "serializer_class", None)
        if response is None and method == "get" and serializer is not None:
            per_view["responses"] = {success: serializer, **responses}
            if issubclass(view, ListModelMixin):
                per_view["examples"] = [_one_row(e) for e in examples]
        return extend_schema_view(**{method: extend_schema(**per_view)})(view)

    return decorate


def _one_row(example: OpenApiExample) -> OpenApiExample:
    """A list's response example is written as a page; the generator wraps one row in its own
    page (the paginator's), so it gets the first row."""
    value = example.value
    if example.response_only and isinstance(value, dict) and value.get("results"):
        example = copy.copy(example)
        example.value = value["results"][0]
    return example


def path_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.PATH, description=description)


# -- examples ----------------------------------------------------------------------------------

OPD_LIST_EXAMPLES = [
    OpenApiExample(
        "Daftar OPD",
        response_only=True,
        value={
            "count": 1,
            "next": None,
            "previous": None,
            "results": [
                {
                    "code": "DISKOMINFO",
                    "name": "Dinas Komunikasi dan Informatika",
                    "kind": "dinas",
                    "parent": None,
                    "time_zone": "Asia/Jakarta",
                    "latitude": "-6.238270",
                    "longitude": "106.975573",
                    "radius_m": 150,
                    "active": True,
                    "unit_count": 2,
                }
            ],
        },
    )
]

OPD_DETAIL_EXAMPLES = [
    OpenApiExample(
        "Satu OPD",
        response_only=True,
        value={
            "code": "DISKOMINFO",
            "name": "Dinas Komunikasi dan Informatika",
            "kind": "dinas",
            "parent": None,
            "time_zone": "Asia/Jakarta",
            "latitude": "-6.238270",
            "longitude": "106.975573",
            "radius_m": 150,
            "active": True,
            "units": [
                {"code": "SEK", "name": "Sekretariat", "frontline": False, "min_onsite": 1},
                {"code": "TIK", "name": "Bidang TIK", "frontline": False, "min_onsite": 1},
            ],
        },
    )
]

SCHEDULE_EXAMPLES = [
    OpenApiExample(
        "Jadwal Kamis",
        response_only=True,
        value={
            "count": 2,
            "next": None,
            "previous": None,
            "results": [
                {
                    "nip": "198503122010011001",
                    "name": "Budi Santoso",
                    "unit": "SEK",
                    "unit_name": "Sekretariat",
                    "mode": "WFO",
                },
                {
                    "nip": "199001012015032002",
                    "name": "Sari Dewi",
                    "unit": "TIK",
                    "unit_name": "Bidang TIK",
                    "mode": "WFH",
                },
            ],
        },
    )
]

EMPLOYEE_SCHEDULE_EXAMPLES = [
    OpenApiExample(
        "Satu pegawai, satu minggu",
        response_only=True,
        value={
            "count": 2,
            "next": None,
            "previous": None,
            "results": [
                {"date": "2025-12-01", "mode": "WFO", "opd": "DISKOMINFO", "unit": "TIK"},
                {"date": "2025-12-04", "mode": "WFH", "opd": "DISKOMINFO", "unit": "TIK"},
            ],
        },
    )
]

DAILY_EXAMPLES = [
    OpenApiExample(
        "Rekap harian",
        response_only=True,
        value={
            "count": 1,
            "next": None,
            "previous": None,
            "results": [
                {
                    "date": "2025-12-01",
                    "nip": "199001012015032002",
                    "name": "Sari Dewi",
                    "opd": "DISKOMINFO",
                    "unit": "TIK",
                    "scheduled_mode": "WFO",
                    "status": "terlambat",
                    "leave_kind": "",
                    "first_in": "2025-12-01T01:05:00Z",
                    "last_out": "2025-12-01T09:02:00Z",
                    "present_mode": "WFO",
                    "late_minutes": 35,
                    "late_tier": "TL2",
                    "early_minutes": 0,
                    "early_tier": "",
                    "mismatch": False,
                    "pending_review": 0,
                    "report_state": "",
                    "unexcused_ytd": 0,
                    "pp94_level": "",
                    "computed_at": "2025-12-02T00:30:04+07:00",
                }
            ],
        },
    )
]

SUMMARY_EXAMPLES = [
    OpenApiExample(
        "Rekap OPD",
        response_only=True,
        value={
            "count": 1,
            "next": None,
            "previous": None,
            "results": [
                {
                    "date": "2025-12-04",
                    "opd": "DISKOMINFO",
                    "headcount": 40,
                    "scheduled_wfh": 20,
                    "scheduled_wfo": 18,
                    "present_wfh": 19,
                    "present_wfo": 17,
                    "absent": 2,
                    "late": 3,
                    "early": 1,
                    "on_leave": 2,
                    "mismatches": 1,
                    "reports_missing": 1,
                    "lowest_unit": "TIK",
                    "lowest_unit_onsite": 2,
                    "lowest_unit_minimum": 2,
                    "computed_at": "2025-12-05T00:30:04+07:00",
                }
            ],
        },
    )
]

INGEST_DESCRIPTION = (
    "Kirim paling banyak 1.000 presensi sebagai daftar JSON, atau sebagai objek "
    '`{"events": [...]}`. Setiap item dijawab pada posisinya (`index`): `accepted` (tersimpan), '
    "`duplicate` (ID eksternal yang sama sudah tersimpan: aman untuk kirim ulang), `flagged` "
    "(tersimpan, menunggu tinjauan admin OPD; `flags` menyebut alasannya, mis. "
    "`outside_geofence`) atau `rejected` (tidak tersimpan; `field` menyebut isian yang salah). "
    "Jawaban 200 walaupun ada item yang ditolak; 400 hanya bila kiriman secara keseluruhan salah "
    "(bukan daftar, kosong, lebih dari 1.000). `timestamp` wajib membawa zona waktu."
)

INGEST_REQUEST = PolymorphicProxySerializer(
    component_name="EventIngest",
    serializers=[EventItemSerializer(many=True), EventBatchSerializer],
    resource_type_field_name=None,
    many=False,
)

INGEST_EXAMPLES = [
    OpenApiExample(
        "Dua presensi",
        request_only=True,
        value=[
            {
                "nip": "199001012015032002",
                "timestamp": "2025-12-01T07:25:00+07:00",
                "kind": "in",
                "mode": "WFO",
                "latitude": -6.23827,
                "longitude": 106.975573,
                "accuracy_m": 12,
                "device_id": "mesin-lobby-1",
                "external_id": "mesin-lobby-1:000123",
            },
            {
                "nip": "199001012015032002",
                "timestamp": "2025-12-01T16:05:00+07:00",
                "kind": "out",
                "mode": "WFO",
                "device_id": "mesin-lobby-1",
                "external_id": "mesin-lobby-1:000187",
            },
        ],
    ),
    OpenApiExample(
        "Jawaban per item",
        response_only=True,
        value={
            "counts": {"accepted": 1, "duplicate": 1, "flagged": 1, "rejected": 1},
            "results": [
                {
                    "index": 0,
                    "status": "accepted",
                    "event_id": 901,
                    "flags": [],
                    "field": "",
                    "message": "",
                },
                {
                    "index": 1,
                    "status": "duplicate",
                    "event_id": 877,
                    "flags": [],
                    "field": "",
                    "message": "Presensi dengan ID eksternal ini sudah tersimpan.",
                },
                {
                    "index": 2,
                    "status": "flagged",
                    "event_id": 902,
                    "flags": ["outside_geofence"],
                    "field": "",
                    "message": "Di luar radius kantor pada hari WFO (830 m dari kantor).",
                },
                {
                    "index": 3,
                    "status": "rejected",
                    "event_id": None,
                    "flags": [],
                    "field": "timestamp",
                    "message": "Waktu harus menyertakan zona waktu (mis. +07:00 untuk WIB).",
                },
            ],
        },
    ),
]


# -- kajian inputs ---------------------------------------------------------------------------------

INPUT_NOTE = (
    "Kirim paling banyak 1.000 item sebagai daftar JSON, atau sebagai objek "
    '`{{"items": [...]}}`. Setiap item dijawab pada posisinya (`index`): `created` (baris baru), '
    "`updated` (baris {key} yang sama sudah ada dan diganti: aman untuk kirim ulang) atau "
    "`rejected` (tidak tersimpan; `field` dan `message` menyebut isian pertama yang salah, "
    "`errors` semuanya). Item lain tetap tersimpan walaupun ada yang ditolak; jawaban 200. "
    "400 hanya bila kiriman secara keseluruhan salah (bukan daftar, kosong, lebih dari 1.000). "
    "Klien yang dibatasi ke OPD tertentu hanya boleh mengisi OPD tersebut (item OPD lain "
    "ditolak, `field` = `opd`). Isian diperiksa dengan aturan yang sama seperti impor CSV/XLSX "
    "di halaman Kajian → Impor. Angka kosong (`null`) berarti belum dilaporkan, bukan nol. "
    "Lewat sesi peramban hanya HR yang boleh mengirim."
)

COSTS_DESCRIPTION = INPUT_NOTE.format(key="OPD dan bulan") + (
    "\n\nSatu item = biaya operasional satu OPD dalam satu bulan (`month` = `YYYY-MM`). "
    "Rupiah bilangan bulat; kWh dan m³ boleh satu desimal. Isian yang tidak dikirim tidak "
    "diubah pada baris yang sudah ada; `null` mengosongkannya."
)

SERVICE_OUTPUT_DESCRIPTION = INPUT_NOTE.format(key="OPD dan rentang tanggal") + (
    "\n\nSatu item = keluaran layanan publik satu OPD dalam satu hari (`end` kosong) atau "
    "satu rentang paling lama 31 hari (mis. satu minggu). `services_delivered` wajib. Seperti "
    "impor, satu item mengganti seluruh baris rentang itu."
)


def _input_bad_request(noun: str) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorSerializer,
        description="Kiriman bukan daftar item, kosong, atau lebih dari 1.000 item.",
        examples=[
            _error(
                "validation_error",
                f"Paling banyak 1000 {noun} sekali kirim; diterima 1001.",
                {"non_field_errors": [f"Paling banyak 1000 {noun} sekali kirim; diterima 1001."]},
                summary="Lebih dari 1.000 item",
            ),
            _error(
                "validation_error",
                f"Daftar {noun} kosong.",
                {"items": [f"Daftar {noun} kosong."]},
                summary="Daftar kosong",
            ),
        ],
    )


COSTS_BAD_REQUEST = _input_bad_request("biaya")
SERVICE_OUTPUT_BAD_REQUEST = _input_bad_request("keluaran layanan")

COSTS_REQUEST = PolymorphicProxySerializer(
    component_name="CostInput",
    serializers=[CostItemSerializer(many=True), CostBatchSerializer],
    resource_type_field_name=None,
    many=False,
)

SERVICE_OUTPUT_REQUEST = PolymorphicProxySerializer(
    component_name="ServiceOutputInput",
    serializers=[ServiceOutputItemSerializer(many=True), ServiceOutputBatchSerializer],
    resource_type_field_name=None,
    many=False,
)

COSTS_EXAMPLES = [
    OpenApiExample(
        "Biaya dua OPD",
        request_only=True,
        value=[
            {
                "opd": "DISKOMINFO",
                "month": "2025-10",
                "electricity_kwh": 12500,
                "electricity_rp": 18750000,
                "water_m3": 310,
                "water_rp": 2480000,
                "internet_rp": 15000000,
                "fuel_transport_rp": 6200000,
                "support_staff_rp": 24000000,
                "other_rp": None,
                "note": "tagihan PLN dan PDAM",
            },
            {"opd": "DISDUKCAPIL", "month": "2025-10", "electricity_rp": 21400000},
        ],
    ),
    OpenApiExample(
        "Jawaban per item",
        response_only=True,
        value={
            "counts": {"created": 1, "updated": 1, "rejected": 1},
            "results": [
                {"index": 0, "status": "created", "field": "", "message": "", "errors": []},
                {"index": 1, "status": "updated", "field": "", "message": "", "errors": []},
                {
                    "index": 2,
                    "status": "rejected",
                    "field": "month",
                    "message": "Bulan '10-2025' tidak dikenal; tulis seperti 2025-10.",
                    "errors": [
                        {
                            "field": "month",
                            "message": "Bulan '10-2025' tidak dikenal; tulis seperti 2025-10.",
                        }
                    ],
                },
            ],
        },
    ),
]

SERVICE_OUTPUT_EXAMPLES = [
    OpenApiExample(
        "Satu minggu layanan",
        request_only=True,
        value=[
            {
                "opd": "DISDUKCAPIL",
                "start": "2025-10-06",
                "end": "2025-10-10",
                "services_delivered": 1240,
                "complaints": 7,
                "avg_response_minutes": 18.5,
                "sla_breaches": 3,
                "system": "SIAK",
            }
        ],
    ),
    OpenApiExample(
        "Jawaban per item",
        response_only=True,
        value={
            "counts": {"created": 1, "updated": 0, "rejected": 1},
            "results": [
                {"index": 0, "status": "created", "field": "", "message": "", "errors": []},
                {
                    "index": 1,
                    "status": "rejected",
                    "field": "opd",
                    "message": "OPD DINKES di luar OPD yang boleh diisi klien ini.",
                    "errors": [
                        {
                            "field": "opd",
                            "message": "OPD DINKES di luar OPD yang boleh diisi klien ini.",
                        }
                    ],
                },
            ],
        },
    ),
]


# -- employees ----------------------------------------------------------------------------------

EMPLOYEE_NOTE = (
    "Pegawai yang boleh dilihat pemanggil. Dengan `org:read` setiap pegawai membawa NIP dan data "
    "pribadinya (`nip`, `asn_type`, `email`, `phone`, `wfh_eligible`, `ineligible_reason`, "
    "`supervisor_nip`, `active_from`, `active_to`); dengan `schedule:read` saja isian itu tidak "
    "ada dan `id` menjadi pengenal tetap pegawai. Lokasi rumah tidak pernah diberikan. Lewat sesi "
    "peramban: HR melihat semua pegawai dengan data pribadi, admin OPD pegawai OPD-nya dengan data "
    "pribadi, atasan timnya tanpa data pribadi (kecuali dirinya), pegawai hanya dirinya."
)

_EMPLOYEE_BASIC = {
    "id": 4182,
    "name": "Sari Wulandari",
    "opd": "DISKOMINFO",
    "unit": "TIK",
    "unit_name": "Bidang Teknologi Informasi",
    "position": "Pranata Komputer Ahli Pertama",
    "unit_role": "staff",
    "supervisor": 4101,
    "active": True,
}
_EMPLOYEE_FULL = {
    **_EMPLOYEE_BASIC,
    "nip": "199001012015032002",
    "asn_type": "PNS",
    "email": "sari.w@bekasikota.go.id",
    "phone": "0812-1234-5678",
    "wfh_eligible": True,
    "ineligible_reason": "",
    "supervisor_nip": "197805122003121004",
    "active_from": "2015-03-01",
    "active_to": None,
}


def _page(*rows) -> dict:
    return {"count": len(rows), "next": None, "previous": None, "results": list(rows)}


EMPLOYEE_LIST_EXAMPLES = [
    OpenApiExample(
        "Dengan org:read", response_only=True, value=_page(_EMPLOYEE_FULL), status_codes=["200"]
    ),
    OpenApiExample(
        "Dengan schedule:read saja (tanpa NIP dan data pribadi)",
        response_only=True,
        value=_page(_EMPLOYEE_BASIC),
        status_codes=["200"],
    ),
]
EMPLOYEE_DETAIL_EXAMPLES = [
    OpenApiExample("Dengan org:read", response_only=True, value=_EMPLOYEE_FULL),
    OpenApiExample(
        "Dengan schedule:read saja (tanpa NIP dan data pribadi)",
        response_only=True,
        value=_EMPLOYEE_BASIC,
    ),
]


# -- calendar -----------------------------------------------------------------------------------

CALENDAR_DESCRIPTION = (
    "Setiap hari kerja tahun `year` (2000–2100, wajib) dan setiap hari libur selain Sabtu dan "
    "Minggu: libur nasional (`holiday`), cuti bersama (`cuti_bersama`) dan libur lokal Pemda "
    "(`local`), dengan namanya. Satu tanggal dapat muncul lebih dari sekali (mis. libur lokal "
    "pada cuti bersama). Dengan `opd`: hari kerja OPD itu dan libur lokal yang berlaku baginya. "
    "Tanpa `opd`: hari kerja menurut libur nasional dan libur lokal untuk semua OPD, dan setiap "
    "libur lokal beserta OPD-nya (`opds` kosong = semua OPD; libur lokal OPD tertentu tidak "
    "mengurangi `working_days` tanpa `opd`; klien yang dibatasi hanya melihat libur lokal yang "
    "berlaku bagi OPD-nya). "
    "Jawaban membawa ETag: kirim `If-None-Match` untuk mendapat 304 bila tidak berubah."
)
CALENDAR_EXAMPLES = [
    OpenApiExample(
        "Tahun 2026 untuk satu OPD (dipersingkat)",
        response_only=True,
        value={
            "year": 2026,
            "opd": "DISKOMINFO",
            "working_day_count": 242,
            "working_days": ["2026-01-02", "2026-01-05", "2026-01-06"],
            "days_off": [
                {"date": "2026-01-01", "kind": "holiday", "name": "Tahun Baru Masehi", "opds": []},
                {
                    "date": "2026-03-20",
                    "kind": "cuti_bersama",
                    "name": "Cuti Bersama Hari Raya Idul Fitri",
                    "opds": [],
                },
                {
                    "date": "2026-03-10",
                    "kind": "local",
                    "name": "HUT Kota Bekasi",
                    "opds": [],
                },
            ],
        },
    )
]


# -- phases and rosters ---------------------------------------------------------------------------

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
        value=_page(
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
        _error(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"phase": ["Tahap jabar-2030-tahap-9 tidak dikenal."]},
            summary="Tahap tidak dikenal",
        ),
        _error(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"opd": ["Tahap jabar-2025-tahap-1 tidak mencakup OPD DINKES."]},
            summary="Tahap tidak mencakup OPD",
        ),
    ],
)
ROSTER_LIST_EXAMPLES = [
    OpenApiExample("Daftar roster", response_only=True, value=_page(_ROSTER_READY))
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
        _error(
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
        _error("conflict", "Jadwal belum siap diterbitkan.", summary="Belum siap"),
        _error(
            "conflict",
            "Jadwal berstatus diterbitkan: tidak dapat diterbitkan.",
            summary="Sudah terbit",
        ),
    ],
)
