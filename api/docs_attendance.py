"""OpenAPI descriptions and examples of attendance: events sent in, daily records, OPD
summaries."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, PolymorphicProxySerializer

from api.serializers import EventBatchSerializer, EventItemSerializer

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
    "`duplicate` (ID eksternal yang sama sudah Anda simpan untuk pegawai yang sama: aman untuk "
    "kirim ulang), `flagged` (tersimpan, menunggu tinjauan admin OPD; `flags` menyebut "
    "alasannya: `outside_geofence`, `outside_home`, `no_home`, `no_location`, `day_off`, "
    "`future`, `too_old`, `impossible_travel`, `low_accuracy` (akurasi di atas batas yang "
    "dipercaya, bawaan 100 m), `shared_position` (koordinat 5 desimal sama dengan pegawai lain "
    "hari itu), `same_position_days`, `zero_accuracy`, `missing_accuracy`) atau `rejected` "
    "(tidak tersimpan; `field` menyebut isian yang salah). ID eksternal milik pengirimnya: "
    "setiap klien API punya ruang ID sendiri, jadi ID klien lain tidak pernah membuat presensi "
    "Anda `duplicate`; ID yang sama untuk pegawai lain ditolak (`field` `external_id`). "
    "Jawaban 200 walaupun ada item yang ditolak; 400 hanya bila kiriman secara keseluruhan salah "
    "(bukan daftar, kosong, lebih dari 1.000). `timestamp` wajib membawa zona waktu (-12:00 "
    "sampai +14:00) dan berada antara 10 tahun lalu dan 24 jam ke depan."
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
