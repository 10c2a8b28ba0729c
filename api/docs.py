"""OpenAPI documentation of API v1: one decorator that gives every endpoint its scope, its
examples and its error responses (all with the one error body), so no view is left half-documented.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)

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
    scope: str,
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
):
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
    if response is not None:
        responses[200] = response
    if etag:
        responses[304] = OpenApiResponse(description="Tidak berubah sejak ETag di If-None-Match.")
    parameters = [path_param(name, text) for name, text in (path or {}).items()]
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
        "description": SCOPE_NOTE.format(scope=scope) + "\n\n" + description,
        "tags": [TAGS.get(scope, "API")],
        "responses": responses,
        "examples": examples,
        "parameters": parameters or None,
    }
    if request is not None:
        kwargs["request"] = request

    def decorate(view):
        return extend_schema_view(**{method: extend_schema(**kwargs)})(view)

    return decorate


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
