"""The opds sheet: each row parsed, then parents that exist, are imported, and form no loop."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from opd.importing.cells import (
    MISSING,
    parse_code,
    parse_decimal,
    parse_integer,
    parse_kind,
    parse_max_len,
    parse_required,
    parse_time_zone,
    parse_yes_no,
)
from opd.importing.checks import Checks
from opd.importing.rows import OpdRow
from opd.importing.sheets import DEFAULT_RADIUS_M, MAX_RADIUS_M


def parse_opds(checks: Checks) -> None:
    """Each row of the opds sheet as an OpdRow (current values where a column is left out)."""
    if "opds" not in checks.tables:
        return
    index = checks.columns("opds")
    if index is None:
        return
    first_row: dict[str, int] = {}
    for number, cells in checks.cells("opds", index):
        ok = True
        code, ok = checks.field("opds", number, ok, "code", parse_code, cells["code"])
        if code is MISSING:
            checks.bad_rows["opds"] += 1
            continue
        if code in first_row:
            checks.error(
                "opds",
                number,
                "code",
                _("Kode OPD %(code)s sudah dipakai di baris %(row)d.")
                % {"code": code, "row": first_row[code]},
            )
            checks.bad_rows["opds"] += 1
            continue
        first_row[code] = number
        current = checks.db.opds.get(code)
        rec = OpdRow(row=number, code=code)
        if current is not None:
            (
                rec.name,
                rec.kind,
                rec.parent_code,
                rec.latitude,
                rec.longitude,
                rec.radius_m,
                rec.time_zone,
                rec.active,
            ) = current.values()
        name, ok = checks.field("opds", number, ok, "name", parse_required, cells["name"])
        if ok:
            name, ok = checks.field("opds", number, ok, "name", parse_max_len, name, 200)
        rec.name = name
        rec.kind, ok = checks.field("opds", number, ok, "kind", parse_kind, cells["kind"])
        if "parent_code" in cells:
            parent = cells["parent_code"]
            if parent == code:
                checks.error(
                    "opds",
                    number,
                    "parent_code",
                    _("OPD tidak boleh menjadi induk dirinya sendiri."),
                )
                ok = False
            rec.parent_code = parent or None
        for column, low, high, label in (
            ("latitude", -90, 90, _("Lintang")),
            ("longitude", -180, 180, _("Bujur")),
        ):
            if column in cells:
                value, ok = checks.field(
                    "opds", number, ok, column, parse_decimal, cells[column], low, high, label
                )
                setattr(rec, column, value)
        if ok and (rec.latitude is None) != (rec.longitude is None):
            missing = "longitude" if rec.longitude is None else "latitude"
            checks.error(
                "opds",
                number,
                missing,
                _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."),
            )
            ok = False
        if "radius_m" in cells:
            rec.radius_m, ok = checks.field(
                "opds",
                number,
                ok,
                "radius_m",
                parse_integer,
                cells["radius_m"],
                DEFAULT_RADIUS_M,
                1,
                MAX_RADIUS_M,
            )
        if "time_zone" in cells:
            rec.time_zone, ok = checks.field(
                "opds", number, ok, "time_zone", parse_time_zone, cells["time_zone"]
            )
        if "active" in cells:
            rec.active, ok = checks.field(
                "opds", number, ok, "active", parse_yes_no, cells["active"], True
            )
        rec.ok = ok
        checks.opds[code] = rec


def check_opd_parents(checks: Checks) -> None:
    """Parents exist, are not skipped, and do not form a loop."""
    children: dict[str, list[OpdRow]] = defaultdict(list)
    work = [rec.code for rec in checks.opds.values() if not rec.ok]
    for rec in checks.opds.values():
        if rec.parent_code and rec.parent_code != rec.code:
            children[rec.parent_code].append(rec)
            if rec.ok and not checks.opd_ref("opds", rec.row, "parent_code", rec.parent_code):
                rec.ok = False
                work.append(rec.code)
    checks.cascade(
        work, children, lambda rec, code: checks.opd_ref("opds", rec.row, "parent_code", code)
    )
    # loops in the final parent graph (file rows override the database)
    parent_of = {code: rec.parent_code for code, rec in checks.db.opds.items()}
    parent_of.update({code: rec.parent_code for code, rec in checks.opds.items() if rec.ok})
    work.extend(
        checks.flag_loops(
            parent_of, checks.opds, "opds", "parent_code", _("Induk OPD berputar: %(loop)s.")
        )
    )
    checks.cascade(
        work, children, lambda rec, code: checks.opd_ref("opds", rec.row, "parent_code", code)
    )
