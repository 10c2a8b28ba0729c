"""Small builders for the shared test world: valid NIPs, OPDs, units, employees, users."""

from __future__ import annotations

import datetime as dt
import itertools

from accounts.models import Role, User
from opd.models import AsnType, Employee, Opd, Unit, UnitRole

_serial = itertools.count(1)


def make_nip(asn_type: str = AsnType.PNS, *, birth: dt.date | None = None) -> str:
    """A valid, unique NIP of the given form."""
    n = next(_serial)
    birth = birth or dt.date(1970 + n % 25, 1 + n % 12, 1 + n % 28)
    gender = 1 + n % 2
    serial = 1 + n % 999
    if asn_type == AsnType.PPPK:
        return f"{birth:%Y%m%d}{birth.year + 25:04d}21{gender}{serial:03d}"[:18]
    # the serial alone repeats after 999; vary the start month and year too
    start_year = birth.year + 20 + (n // 999) % 10
    return f"{birth:%Y%m%d}{start_year:04d}{1 + (n // 12) % 12:02d}{gender}{serial:03d}"


def make_opd(code: str = "DISKOMINFO", **kw) -> Opd:
    defaults = {"name": f"Dinas {code.title()}", "kind": "dinas"}
    defaults.update(kw)
    return Opd.objects.create(code=code, **defaults)


def make_unit(opd: Opd, code: str = "SEK", **kw) -> Unit:
    defaults = {"name": f"Unit {code}"}
    defaults.update(kw)
    return Unit.objects.create(opd=opd, code=code, **defaults)


def make_employee(opd: Opd, unit: Unit | None = None, **kw) -> Employee:
    asn_type = kw.pop("asn_type", AsnType.PNS)
    defaults = {
        "nip": make_nip(asn_type),
        "name": f"Pegawai {next(_serial)}",
        "asn_type": asn_type,
        "unit_role": UnitRole.STAFF,
    }
    defaults.update(kw)
    return Employee.objects.create(opd=opd, unit=unit, **defaults)


def make_user(username: str, role: str = Role.EMPLOYEE, *, password: str = "rahasia-123", **kw):
    user = User.objects.create_user(username=username, password=password, role=role, **kw)
    return user
