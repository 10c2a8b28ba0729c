"""The units sheet: each row parsed and its OPD checked; references to a unit from employees."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opd.importing.cells import (
    MISSING,
    parse_code,
    parse_integer,
    parse_max_len,
    parse_required,
    parse_yes_no,
)
from opd.importing.checks import Checks
from opd.importing.rows import UnitRow
from opd.importing.sheets import MAX_MIN_ONSITE


def parse_units(checks: Checks) -> None:
    """Each row of the units sheet as a UnitRow, its OPD one that will exist."""
    if "units" not in checks.tables:
        return
    index = checks.columns("units")
    if index is None:
        return
    first_row: dict[tuple[str, str], int] = {}
    for number, cells in checks.cells("units", index):
        ok = True
        opd_code, ok = checks.field("units", number, ok, "opd_code", parse_code, cells["opd_code"])
        code, ok = checks.field("units", number, ok, "code", parse_code, cells["code"])
        if opd_code is MISSING or code is MISSING:
            checks.bad_rows["units"] += 1
            continue
        key = (opd_code, code)
        if key in first_row:
            checks.error(
                "units",
                number,
                "code",
                _("Unit %(code)s di OPD %(opd)s sudah ada di baris %(row)d.")
                % {"code": code, "opd": opd_code, "row": first_row[key]},
            )
            checks.bad_rows["units"] += 1
            continue
        first_row[key] = number
        rec = UnitRow(number, opd_code, code)
        current = checks.db.units.get(key)
        if current is not None:
            rec.name, rec.frontline, rec.min_onsite = current.values()
        name, ok = checks.field("units", number, ok, "name", parse_required, cells["name"])
        if ok:
            name, ok = checks.field("units", number, ok, "name", parse_max_len, name, 200)
        rec.name = name
        if "frontline" in cells:
            rec.frontline, ok = checks.field(
                "units", number, ok, "frontline", parse_yes_no, cells["frontline"], False
            )
        if "min_onsite" in cells:
            rec.min_onsite, ok = checks.field(
                "units",
                number,
                ok,
                "min_onsite",
                parse_integer,
                cells["min_onsite"],
                0,
                0,
                MAX_MIN_ONSITE,
            )
        if ok and not checks.opd_ref("units", number, "opd_code", opd_code):
            ok = False
        rec.ok = ok
        checks.units[key] = rec


def unit_ref(checks: Checks, number: int, opd_code: str, unit_code: str) -> bool:
    """Is the unit one that will exist in that OPD after the import? Reports why not on the
    employee's row."""
    key = (opd_code, unit_code)
    rec = checks.units.get(key)
    if (rec is not None and rec.ok) or key in checks.db.units:
        return True
    if rec is not None:
        message = _(
            "Unit %(unit)s di OPD %(opd)s (berkas units baris %(row)d) tidak diimpor "
            "karena barisnya salah."
        ) % {"unit": unit_code, "opd": opd_code, "row": rec.row}
    else:
        elsewhere = sorted(
            {o for (o, c), r in checks.units.items() if c == unit_code and r.ok}
            | set(checks.db.units_by_code.get(unit_code, ()))
        )
        if elsewhere:
            message = _(
                "Unit %(unit)s bukan bagian dari OPD %(opd)s (unit itu ada di OPD %(others)s)."
            ) % {"unit": unit_code, "opd": opd_code, "others": ", ".join(elsewhere)}
        else:
            message = _("Unit %(unit)s tidak ada di OPD %(opd)s.") % {
                "unit": unit_code,
                "opd": opd_code,
            }
    checks.error("employees", number, "unit_code", message)
    return False
