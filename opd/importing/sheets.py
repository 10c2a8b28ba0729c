"""What the organisation files hold: the sheets, their columns, the template examples, limits."""

from __future__ import annotations

SHEETS = ("opds", "units", "employees")

COLUMNS: dict[str, tuple[str, ...]] = {
    "opds": (
        "code",
        "name",
        "kind",
        "parent_code",
        "latitude",
        "longitude",
        "radius_m",
        "time_zone",
        "active",
    ),
    "units": ("opd_code", "code", "name", "frontline", "min_onsite"),
    "employees": (
        "nip",
        "name",
        "asn_type",
        "opd_code",
        "unit_code",
        "position",
        "role",
        "supervisor_nip",
        "wfh_eligible",
        "ineligible_reason",
        "email",
        "phone",
        "new_in_post_since",
        "active_from",
        "active_to",
    ),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "opds": ("code", "name", "kind"),
    "units": ("opd_code", "code", "name"),
    "employees": ("nip", "name", "opd_code"),
}
SHEET_ALIASES = {
    "opds": {"opds", "opd"},
    "units": {"units", "unit", "unit_kerja"},
    "employees": {"employees", "employee", "pegawai"},
}

# The example row of each template; the NIP is a valid PNS number.
TEMPLATE_EXAMPLE: dict[str, dict[str, str]] = {
    "opds": {
        "code": "DISKOMINFO",
        "name": "Dinas Komunikasi dan Informatika",
        "kind": "dinas",
        "parent_code": "",
        "latitude": "-6.238270",
        "longitude": "106.975571",
        "radius_m": "150",
        "time_zone": "Asia/Jakarta",
        "active": "ya",
    },
    "units": {
        "opd_code": "DISKOMINFO",
        "code": "TIK",
        "name": "Bidang Teknologi Informasi dan Komunikasi",
        "frontline": "tidak",
        "min_onsite": "1",
    },
    "employees": {
        "nip": "198503302003121002",
        "name": "Budi Santoso",
        "asn_type": "PNS",
        "opd_code": "DISKOMINFO",
        "unit_code": "TIK",
        "position": "Pranata Komputer Ahli Muda",
        "role": "staf",
        "supervisor_nip": "",
        "wfh_eligible": "ya",
        "ineligible_reason": "",
        "email": "budi.santoso@example.go.id",
        "phone": "081234567890",
        "new_in_post_since": "",
        "active_from": "",
        "active_to": "",
    },
}


MAX_RADIUS_M = 100_000
MAX_MIN_ONSITE = 100_000
DEFAULT_RADIUS_M = 150
DEFAULT_TIME_ZONE = "Asia/Jakarta"
