"""OpenAPI descriptions and examples of the organisation: OPDs and employees."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

from api import docs

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
    "eligibility": {
        "eligible": False,
        "reason": "new_in_post",
        "since": "2026-10-01",
        "until": "2027-10-01",
        "manual": False,
        "text": "Baru menduduki jabatan (mutasi) sejak 1 Oktober 2026: memenuhi syarat mulai "
        "1 Oktober 2027",
    },
    "supervisor_nip": "197805122003121004",
    "active_from": "2015-03-01",
    "active_to": None,
}


EMPLOYEE_LIST_EXAMPLES = [
    OpenApiExample(
        "Dengan org:read",
        response_only=True,
        value=docs.page_of(_EMPLOYEE_FULL),
        status_codes=["200"],
    ),
    OpenApiExample(
        "Dengan schedule:read saja (tanpa NIP dan data pribadi)",
        response_only=True,
        value=docs.page_of(_EMPLOYEE_BASIC),
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
