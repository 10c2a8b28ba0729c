"""The plan of an import: which checked rows are new, which change, and the counts per sheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from opd.importing.checks import Checks
from opd.importing.registry import Registry
from opd.importing.results import SheetCounts
from opd.importing.rows import EmployeeRow, OpdRow, UnitRow


@dataclass
class Plan:
    db: Registry
    opds_new: list[OpdRow] = field(default_factory=list)
    opds_changed: list[OpdRow] = field(default_factory=list)
    units_new: list[UnitRow] = field(default_factory=list)
    units_changed: list[UnitRow] = field(default_factory=list)
    employees_new: list[EmployeeRow] = field(default_factory=list)
    employees_changed: list[EmployeeRow] = field(default_factory=list)


def make_plan(checks: Checks) -> tuple[Plan, dict[str, SheetCounts]]:
    """Sort the rows that passed into new and changed (the rest are unchanged), count per sheet."""
    db = checks.db
    plan = Plan(db=db)
    counts: dict[str, SheetCounts] = {}
    for sheet, records, current, new, changed in (
        ("opds", checks.opds, db.opds, plan.opds_new, plan.opds_changed),
        ("units", checks.units, db.units, plan.units_new, plan.units_changed),
        ("employees", checks.employees, db.employees, plan.employees_new, plan.employees_changed),
    ):
        if sheet not in checks.tables:
            continue
        c = counts[sheet] = SheetCounts(skipped=checks.bad_rows[sheet])
        if sheet in checks.sheet_failed:
            c.skipped += len(checks.tables[sheet].rows)
            continue
        for key, rec in records.items():
            if not rec.ok:
                c.skipped += 1
                continue
            before = current.get(key)
            if before is None:
                new.append(rec)
                c.created += 1
            elif before.values() != rec.values():
                changed.append(rec)
                c.updated += 1
            else:
                c.unchanged += 1
    return plan, counts
