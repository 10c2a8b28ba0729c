"""Rows as parsed from the files, completed with current values for columns a file leaves out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from opd.importing.sheets import DEFAULT_RADIUS_M, DEFAULT_TIME_ZONE
from opd.models import UnitRole


@dataclass(slots=True)
class OpdRow:
    row: int
    code: str
    name: str = ""
    kind: str = ""
    parent_code: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    radius_m: int = DEFAULT_RADIUS_M
    time_zone: str = DEFAULT_TIME_ZONE
    active: bool = True
    ok: bool = True

    def values(self) -> tuple:
        return (
            self.name,
            self.kind,
            self.parent_code,
            self.latitude,
            self.longitude,
            self.radius_m,
            self.time_zone,
            self.active,
        )


@dataclass(slots=True)
class UnitRow:
    row: int
    opd_code: str
    code: str
    name: str = ""
    frontline: bool = False
    min_onsite: int = 0
    ok: bool = True

    @property
    def key(self) -> tuple[str, str]:
        return (self.opd_code, self.code)

    def values(self) -> tuple:
        return (self.name, self.frontline, self.min_onsite)


@dataclass(slots=True)
class EmployeeRow:
    row: int
    nip: str
    name: str = ""
    asn_type: str = ""
    opd_code: str = ""
    unit_code: str | None = None
    position: str = ""
    unit_role: str = UnitRole.STAFF
    supervisor_nip: str | None = None
    wfh_eligible: bool = True
    ineligible_reason: str = ""
    ineligible_note: str = ""
    email: str = ""
    phone: str = ""
    new_in_post_since: dt.date | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    ok: bool = True

    def values(self) -> tuple:
        return (
            self.name,
            self.asn_type,
            self.opd_code,
            self.unit_code,
            self.position,
            self.unit_role,
            self.supervisor_nip,
            self.wfh_eligible,
            self.ineligible_reason,
            self.ineligible_note,
            self.email,
            self.phone,
            self.new_in_post_since,
            self.active_from,
            self.active_to,
        )
