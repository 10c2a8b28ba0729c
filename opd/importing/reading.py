"""Reading the organisation files (CSV per sheet, or one XLSX workbook) and writing templates."""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.tabular import (
    ReadError,
    ReadProgress,
    RowError,
    Table,
    Upload,
    csv_bytes,
    normalise_header,
    open_workbook,
    read_table,
    sheet_table,
    xlsx_bytes,
)
from opd.importing.progress import Progress
from opd.importing.sheets import COLUMNS, SHEET_ALIASES, SHEETS, TEMPLATE_EXAMPLE


def read_workbook(
    upload: Upload, progress: ReadProgress | None = None
) -> tuple[dict[str, Table], list[RowError]]:
    """Every known sheet of a workbook (opds, units, employees; case-insensitive)."""
    tables: dict[str, Table] = {}
    errors: list[RowError] = []
    with open_workbook(upload) as wb:
        for ws in wb.worksheets:
            name = normalise_header(ws.title)
            for sheet, aliases in SHEET_ALIASES.items():
                if name in aliases and sheet not in tables:
                    try:
                        tables[sheet] = sheet_table(
                            ws, sheet=sheet, file=upload.name, progress=progress
                        )
                    except ReadError as exc:
                        errors.append(exc.error)
    if not tables and not errors:
        errors.append(
            RowError(
                file=upload.name,
                row=None,
                message=_("Tidak ada lembar bernama opds, units atau employees di buku kerja ini."),
            )
        )
    return tables, errors


def read_uploads(
    *,
    opds: Upload | None = None,
    units: Upload | None = None,
    employees: Upload | None = None,
    workbook: Upload | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, Table], list[RowError]]:
    """The tables of the given files; a sheet given on its own wins over the workbook's."""
    progress = progress or Progress()
    tables: dict[str, Table] = {}
    errors: list[RowError] = []
    index = 0
    if workbook is not None:
        try:
            tables, errors = read_workbook(workbook, progress.file(index))
        except ReadError as exc:
            errors.append(exc.error)
        index += 1
    for sheet, upload in (("opds", opds), ("units", units), ("employees", employees)):
        if upload is None:
            continue
        try:
            # a CSV, or an XLSX: its sheet named like `sheet`, or its only sheet
            tables[sheet] = read_table(
                upload, sheet=sheet, names=SHEET_ALIASES[sheet], progress=progress.file(index)
            )
        except ReadError as exc:
            errors.append(exc.error)
        index += 1
    return tables, errors


def _template_rows(sheet: str) -> list[list[str]]:
    return [list(COLUMNS[sheet]), [TEMPLATE_EXAMPLE[sheet][c] for c in COLUMNS[sheet]]]


def template_csv(sheet: str) -> bytes:
    """Header and one example row, comma-separated, UTF-8 with BOM (so Excel opens it right)."""
    return csv_bytes(_template_rows(sheet))


def template_xlsx() -> bytes:
    """A workbook with the three sheets; every cell is text so NIPs keep their 18 digits."""
    return xlsx_bytes({sheet: _template_rows(sheet) for sheet in SHEETS})
