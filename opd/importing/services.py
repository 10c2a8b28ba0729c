"""The organisation import: read, check every row, plan, and write (or, for a dry run, count)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.tabular import RowError, Table, Upload
from opd.importing.checks import Checks
from opd.importing.checks_employees import check_employee_refs, parse_employees
from opd.importing.checks_opds import check_opd_parents, parse_opds
from opd.importing.checks_units import parse_units
from opd.importing.plan import make_plan
from opd.importing.progress import Progress, Report
from opd.importing.reading import read_uploads
from opd.importing.registry import Registry
from opd.importing.results import ImportResult
from opd.importing.sheets import SHEETS
from opd.importing.writer import Writer


def org_import(
    *,
    opds: Upload | None = None,
    units: Upload | None = None,
    employees: Upload | None = None,
    workbook: Upload | None = None,
    dry_run: bool = False,
    keep_good_rows: bool = False,
    today: dt.date | None = None,
    progress: Report | None = None,
) -> ImportResult:
    """Read, check and (unless `dry_run`, and only if clean unless `keep_good_rows`) write.

    Every problem is in `errors`; `counts` says per sheet how many rows were (or, when nothing is
    written, would be) created, updated, left unchanged, and skipped. `progress(percent,
    rows_read)` is told as the reading and the checks move on (opd.importing.progress).
    """
    given = [u for u in (workbook, opds, units, employees) if u is not None]
    steps = Progress(progress, files=len(given))
    tables, errors = read_uploads(
        opds=opds, units=units, employees=employees, workbook=workbook, progress=steps
    )
    today = today or timezone.localdate()
    if not tables and not errors:
        errors.append(
            RowError(
                file="-",
                row=None,
                message=_("Tidak ada berkas untuk diimpor: berikan opds, units atau employees."),
            )
        )
    try:
        return _import(
            tables,
            errors,
            dry_run=dry_run,
            keep_good_rows=keep_good_rows,
            today=today,
            steps=steps,
        )
    except IntegrityError as exc:
        # another session changed the registry between the checks and the write
        errors.append(
            RowError(
                file="-",
                row=None,
                message=_(
                    "Data berubah selama impor sehingga tidak ada yang disimpan; ulangi impor. "
                    "(%(error)s)"
                )
                % {"error": exc},
            )
        )
        return ImportResult(
            counts={}, errors=errors, written=False, dry_run=dry_run, keep_good_rows=keep_good_rows
        )


@transaction.atomic
def _import(
    tables: dict[str, Table],
    errors: list[RowError],
    *,
    dry_run: bool,
    keep_good_rows: bool,
    today: dt.date,
    steps: Progress,
) -> ImportResult:
    db = Registry.load(with_employees="employees" in tables)
    checks = Checks(tables, db, today)
    parse_opds(checks)
    steps.step("opds")
    check_opd_parents(checks)
    steps.step("parents")
    parse_units(checks)
    steps.step("units")
    parse_employees(checks)
    steps.step("employees")
    check_employee_refs(checks)
    steps.step("references")
    errors.extend(_sorted(checks.errors, tables))
    plan, counts = make_plan(checks)
    write = not dry_run and (keep_good_rows or not errors)
    if write:
        Writer(plan, today).run()
    written = write and any(c.created or c.updated for c in counts.values())
    return ImportResult(
        counts=counts,
        errors=errors,
        written=written,
        dry_run=dry_run,
        keep_good_rows=keep_good_rows,
        readings=checks.readings,
        readings_total=len(checks.readings),
    )


def _sorted(errors: list[RowError], tables: dict[str, Table]) -> list[RowError]:
    order = {table.file: SHEETS.index(sheet) for sheet, table in tables.items()}
    return sorted(errors, key=lambda e: (order.get(e.file, 9), e.file, e.row or 0))
