"""Imports of the kajian's inputs: operating costs, public-service output, e-Kinerja attainment.

A CSV or an XLSX (the sheet named like the kind, else the first), read by common.tabular, with a
header row. Every row is checked first and every problem is reported with its file, row
and column (the header is row 1); only a file without a single problem is written, all rows in
one transaction (all-or-nothing). Existing rows with the same key (OPD and month, OPD and span,
employee and month) are updated, so importing a file again changes nothing.

An empty number cell means "not reported" and is stored empty, never as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from common.tabular import ReadError, RowError, Table, Upload, csv_bytes, read_table, xlsx_bytes
from evaluation import inputs
from evaluation.inputs import (
    COLUMNS,
    COSTS,
    EKINERJA,
    REQUIRED,
    SERVICES,
    Row,
)
from evaluation.models import InputSource

EXAMPLES = {
    COSTS: (
        "DISKOMINFO",
        "2025-10",
        "12500",
        "18750000",
        "310",
        "2480000",
        "15000000",
        "6200000",
        "24000000",
        "",
        "tagihan PLN dan PDAM",
    ),
    SERVICES: ("DISDUKCAPIL", "2025-10-06", "2025-10-10", "1240", "7", "18.5", "3", "SIAK"),
    EKINERJA: ("198503302003121002", "2025-10", "92.5"),
}
REPEATED = {  # a row whose key an earlier row of the file has
    COSTS: lambda first: _("OPD dan bulan ini sudah ada di baris %(row)s.") % {"row": first.number},
    SERVICES: lambda first: (
        _("OPD dan rentang tanggal ini sudah ada di baris %(row)s.") % {"row": first.number}
    ),
    EKINERJA: lambda first: (
        _("NIP dan bulan ini sudah ada di baris %(row)s.") % {"row": first.number}
    ),
}


@dataclass
class ImportResult:
    kind: str
    file: str
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> int:
        return self.created + self.updated


# -- reading --------------------------------------------------------------------------------------


def read_upload(upload: Upload, kind: str) -> Table:
    """A CSV, or the sheet of an XLSX named like the kind (else its first sheet)."""
    return read_table(upload, sheet=kind, any_sheet=True)


def _rows(table: Table, kind: str, errors: list[RowError]):
    """Yield (row number, {column: text}) after checking the header."""
    unknown = [c for c in table.columns if c and c not in COLUMNS[kind]]
    for column in unknown:
        errors.append(
            RowError(
                file=table.file,
                row=1,
                column=column,
                message=_("Kolom tidak dikenal. Kolom yang dipakai: %(columns)s.")
                % {"columns": ", ".join(COLUMNS[kind])},
            )
        )
    for column in REQUIRED[kind]:
        if column not in table.columns:
            errors.append(
                RowError(
                    file=table.file, row=1, column=column, message=_("Kolom wajib ini tidak ada.")
                )
            )
    if errors:
        return
    yield from table.records()


# -- the import ------------------------------------------------------------------------------------


def inputs_import(*, kind: str, upload: Upload, user=None) -> ImportResult:
    """Import one file of `kind`: every row checked by evaluation.inputs, then, only when no row
    has a problem, all written by evaluation.inputs.inputs_upsert (the API's own writer)."""
    result = ImportResult(kind=kind, file=upload.name)
    try:
        table = read_upload(upload, kind)
    except ReadError as exc:
        result.errors.append(exc.error)
        return result
    rows = list(_rows(table, kind, result.errors))
    if result.errors:
        return result
    if not rows:
        result.errors.append(
            RowError(file=table.file, row=None, message=_("Tidak ada baris data."))
        )
        return result
    checked = inputs.rows_check(
        kind=kind,
        rows=(Row(table.file, number, cells, result.errors) for number, cells in rows),
        repeated=REPEATED[kind],
    )
    if result.errors:
        return result
    created = inputs.inputs_upsert(
        kind=kind,
        rows={key: values for key, (_row, values) in checked.items()},
        source=InputSource.IMPORT,
        user=user,
    )
    result.created = sum(created.values())
    result.updated = len(created) - result.created
    return result


# -- templates -------------------------------------------------------------------------------------


def template_csv(kind: str) -> bytes:
    return csv_bytes([COLUMNS[kind], EXAMPLES[kind]])


def template_xlsx(kind: str) -> bytes:
    """Every cell text, so NIPs and months stay as typed."""
    return xlsx_bytes({kind: [COLUMNS[kind], EXAMPLES[kind]]})
