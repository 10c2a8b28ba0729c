"""OpenAPI descriptions and examples of the kajian inputs: operating costs and service output."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, PolymorphicProxySerializer

from api import docs
from api.serializers import (
    CostBatchSerializer,
    CostItemSerializer,
    ErrorSerializer,
    ServiceOutputBatchSerializer,
    ServiceOutputItemSerializer,
)

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
            docs.error_example(
                "validation_error",
                f"Paling banyak 1000 {noun} sekali kirim; diterima 1001.",
                {"non_field_errors": [f"Paling banyak 1000 {noun} sekali kirim; diterima 1001."]},
                summary="Lebih dari 1.000 item",
            ),
            docs.error_example(
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
