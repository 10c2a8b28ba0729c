"""Imports of the kajian's inputs: operating costs, public-service output, e-Kinerja attainment.

A CSV (comma or semicolon, UTF-8) or an XLSX (the first sheet, or the sheet named like the kind)
with a header row. Every row is checked first and every problem is reported with its file, row
and column (the header is row 1); only a file without a single problem is written, all rows in
one transaction (all-or-nothing). Existing rows with the same key (OPD and month, OPD and span,
employee and month) are updated, so importing a file again changes nothing.

An empty number cell means "not reported" and is stored empty, never as zero.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from common.tabular import ReadError, RowError, Table, Upload, csv_bytes, read_table, xlsx_bytes
from evaluation.models import InputSource, OperatingCost, PerformanceTarget, ServiceOutput
from opd.models import Employee, Opd

COSTS = "costs"
SERVICES = "services"
EKINERJA = "ekinerja"

COLUMNS = {
    COSTS: (
        "opd_code",
        "month",
        "electricity_kwh",
        "electricity_rp",
        "water_m3",
        "water_rp",
        "internet_rp",
        "fuel_transport_rp",
        "support_staff_rp",
        "other_rp",
        "note",
    ),
    SERVICES: (
        "opd_code",
        "start",
        "end",
        "services_delivered",
        "complaints",
        "avg_response_minutes",
        "sla_breaches",
        "system",
    ),
    EKINERJA: ("nip", "month", "attainment_percent"),
}
REQUIRED = {
    COSTS: ("opd_code", "month"),
    SERVICES: ("opd_code", "start", "services_delivered"),
    EKINERJA: ("nip", "month", "attainment_percent"),
}
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
MONEY_FIELDS = {
    "electricity_rp",
    "water_rp",
    "internet_rp",
    "fuel_transport_rp",
    "support_staff_rp",
    "other_rp",
}
QUANTITY_FIELDS = {"electricity_kwh", "water_m3"}


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


class _Bad(Exception):
    pass


# -- cell parsers ---------------------------------------------------------------------------------

_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")


def parse_number(value: str, *, integer: bool) -> Decimal | None:
    """A number as people type it: 18750000, 18.750.000, Rp 18.750.000, 1234,5 or 1.234,5.
    Empty means not reported (None). Rupiah (integer) fields take dots as thousand separators."""
    text = value.replace("Rp", "").replace("rp", "").replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "." in text and "," in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        text = text.replace(thousands, "").replace(decimal_sep, ".")
    elif "," in text:
        text = (
            text.replace(",", "")
            if _THOUSANDS_COMMA.match(text) and integer
            else text.replace(",", ".")
        )
    elif "." in text and integer and _THOUSANDS_DOT.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _Bad(_("'%(value)s' bukan angka.") % {"value": value}) from None
    if not number.is_finite():
        raise _Bad(_("'%(value)s' bukan angka.") % {"value": value})
    if number < 0:
        raise _Bad(_("Angka tidak boleh negatif."))
    if integer and number != number.to_integral_value():
        raise _Bad(_("Isi bilangan bulat (tanpa desimal)."))
    return number


def parse_month(value: str) -> dt.date:
    text = value.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text) or None
    if match is None:
        slash = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if slash is None:
            raise _Bad(
                _("Bulan '%(value)s' tidak dikenal; tulis seperti 2025-10.") % {"value": value}
            )
        year, month, day = int(slash.group(2)), int(slash.group(1)), 1
    else:
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3) or 1)
    if not 1 <= month <= 12:
        raise _Bad(_("Bulan '%(value)s' tidak dikenal; tulis seperti 2025-10.") % {"value": value})
    if day != 1:
        raise _Bad(_("Isi bulan saja (2025-10) atau tanggal 1 bulan itu."))
    return dt.date(year, month, 1)


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _Bad(
            _("Tanggal '%(value)s' tidak dikenal; tulis seperti 2025-10-06.") % {"value": value}
        ) from None


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


class _Row:
    """Collects the parsed cells of one row and its errors."""

    def __init__(self, file: str, number: int, cells: dict[str, str], errors: list[RowError]):
        self.file, self.number, self.cells, self.errors = file, number, cells, errors
        self.failed = False

    def get(self, column: str, parse: Callable[[str], object], *, required: bool = False):
        text = self.cells.get(column, "").strip()
        if not text:
            if required:
                self.fail(column, _("Wajib diisi."))
            return None
        try:
            return parse(text)
        except _Bad as exc:
            self.fail(column, str(exc))
            return None

    def fail(self, column: str, message: str) -> None:
        self.failed = True
        self.errors.append(
            RowError(file=self.file, row=self.number, column=column, message=message)
        )


def _opd_lookup(tables_codes: set[str]) -> dict[str, int]:
    return dict(Opd.objects.filter(code__in=tables_codes).values_list("code", "id"))


def _opd_of(row: _Row, opds: dict[str, int]) -> int | None:
    code = row.cells.get("opd_code", "").strip()
    if not code:
        row.fail("opd_code", _("Wajib diisi."))
        return None
    if code not in opds:
        row.fail("opd_code", _("OPD dengan kode %(code)s tidak ada.") % {"code": code})
        return None
    return opds[code]


# -- the three imports -----------------------------------------------------------------------------


def import_file(*, kind: str, upload: Upload, user=None) -> ImportResult:
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
    {COSTS: _costs, SERVICES: _services, EKINERJA: _ekinerja}[kind](table.file, rows, result, user)
    return result


def _costs(file, rows, result: ImportResult, user) -> None:
    opds = _opd_lookup({cells.get("opd_code", "").strip() for _n, cells in rows})
    parsed: dict[tuple[int, dt.date], dict] = {}
    seen: dict[tuple[int, dt.date], int] = {}
    for number, cells in rows:
        row = _Row(file, number, cells, result.errors)
        opd_id = _opd_of(row, opds)
        month = row.get("month", parse_month, required=True)
        values = {}
        for column in COLUMNS[COSTS][2:-1]:
            if column in cells:
                values[column] = row.get(
                    column, lambda v, c=column: parse_number(v, integer=c in MONEY_FIELDS)
                )
        if "note" in cells:
            values["note"] = cells["note"].strip()[:2000]
        if row.failed:
            continue
        key = (opd_id, month)
        if key in seen:
            row.fail(
                "month", _("OPD dan bulan ini sudah ada di baris %(row)s.") % {"row": seen[key]}
            )
            continue
        seen[key] = number
        parsed[key] = values
    if result.errors:
        return
    with transaction.atomic():
        existing = {
            (c.opd_id, c.month): c
            for c in OperatingCost.objects.filter(
                opd_id__in={k[0] for k in parsed}, month__in={k[1] for k in parsed}
            )
        }
        new, changed = [], []
        for (opd_id, month), values in parsed.items():
            cost = existing.get((opd_id, month)) or OperatingCost(opd_id=opd_id, month=month)
            for name, value in values.items():
                setattr(cost, name, value)
            cost.source, cost.updated_by = InputSource.IMPORT, user
            (changed if cost.pk else new).append(cost)
        OperatingCost.objects.bulk_create(new, batch_size=1000)
        fields = [*COLUMNS[COSTS][2:], "source", "updated_by", "updated_at"]
        for cost in changed:
            cost.save(update_fields=fields)
    result.created, result.updated = len(new), len(changed)


def _services(file, rows, result: ImportResult, user) -> None:
    opds = _opd_lookup({cells.get("opd_code", "").strip() for _n, cells in rows})
    parsed: dict[tuple[int, dt.date, dt.date], dict] = {}
    seen: dict[tuple, int] = {}

    def count(v):
        return int(parse_number(v, integer=True))

    for number, cells in rows:
        row = _Row(file, number, cells, result.errors)
        opd_id = _opd_of(row, opds)
        start = row.get("start", parse_date, required=True)
        end = row.get("end", parse_date) or start
        problem = service_span_problem(start, end)
        if problem:
            row.fail(*problem)
        values = {
            "services_delivered": row.get("services_delivered", count, required=True),
            "complaints": row.get("complaints", count),
            "avg_response_minutes": row.get(
                "avg_response_minutes", lambda v: parse_number(v, integer=False)
            ),
            "sla_breaches": row.get("sla_breaches", count),
            "system": cells.get("system", "").strip()[:100],
        }
        if row.failed:
            continue
        key = (opd_id, start, end)
        if key in seen:
            row.fail(
                "start",
                _("OPD dan rentang tanggal ini sudah ada di baris %(row)s.") % {"row": seen[key]},
            )
            continue
        seen[key] = number
        parsed[key] = values
    if result.errors:
        return
    with transaction.atomic():
        existing = {
            (s.opd_id, s.start, s.end): s
            for s in ServiceOutput.objects.filter(
                opd_id__in={k[0] for k in parsed}, start__in={k[1] for k in parsed}
            )
        }
        new, changed = [], []
        for (opd_id, start, end), values in parsed.items():
            item = existing.get((opd_id, start, end)) or ServiceOutput(
                opd_id=opd_id, start=start, end=end
            )
            for name, value in values.items():
                setattr(item, name, value)
            item.source = InputSource.IMPORT
            (changed if item.pk else new).append(item)
        ServiceOutput.objects.bulk_create(new, batch_size=1000)
        for item in changed:
            item.save()
    result.created, result.updated = len(new), len(changed)


def _ekinerja(file, rows, result: ImportResult, user) -> None:
    nips = {cells.get("nip", "").strip() for _n, cells in rows}
    employees = dict(Employee.objects.filter(nip__in=nips).values_list("nip", "id"))
    parsed: dict[tuple[int, dt.date], Decimal] = {}
    seen: dict[tuple, int] = {}

    def percent(v):
        value = parse_number(v, integer=False)
        if value is not None and value > 200:
            raise _Bad(_("Capaian paling tinggi 200%."))
        return value

    for number, cells in rows:
        row = _Row(file, number, cells, result.errors)
        nip = cells.get("nip", "").strip()
        employee_id = None
        if not nip:
            row.fail("nip", _("Wajib diisi."))
        elif nip not in employees:
            hint = _(" Format kolom NIP sebagai Teks di Excel.") if "e+" in nip.lower() else ""
            row.fail("nip", _("Pegawai dengan NIP %(nip)s tidak ada.") % {"nip": nip} + hint)
        else:
            employee_id = employees[nip]
        month = row.get("month", parse_month, required=True)
        value = row.get("attainment_percent", percent, required=True)
        if row.failed:
            continue
        key = (employee_id, month)
        if key in seen:
            row.fail(
                "month", _("NIP dan bulan ini sudah ada di baris %(row)s.") % {"row": seen[key]}
            )
            continue
        seen[key] = number
        parsed[key] = value
    if result.errors:
        return
    with transaction.atomic():
        existing = {
            (t.employee_id, t.month): t
            for t in PerformanceTarget.objects.filter(
                employee_id__in={k[0] for k in parsed}, month__in={k[1] for k in parsed}
            )
        }
        new, changed = [], []
        for (employee_id, month), value in parsed.items():
            item = existing.get((employee_id, month))
            if item is None:
                new.append(
                    PerformanceTarget(
                        employee_id=employee_id,
                        month=month,
                        attainment_percent=value,
                        source=InputSource.IMPORT,
                    )
                )
            else:
                item.attainment_percent, item.source = value, InputSource.IMPORT
                changed.append(item)
        PerformanceTarget.objects.bulk_create(new, batch_size=2000)
        PerformanceTarget.objects.bulk_update(
            changed, ["attainment_percent", "source"], batch_size=2000
        )
    result.created, result.updated = len(new), len(changed)


# -- templates -------------------------------------------------------------------------------------


def template_csv(kind: str) -> bytes:
    return csv_bytes([COLUMNS[kind], EXAMPLES[kind]])


def template_xlsx(kind: str) -> bytes:
    """Every cell text, so NIPs and months stay as typed."""
    return xlsx_bytes({kind: [COLUMNS[kind], EXAMPLES[kind]]})


def service_span_problem(start: dt.date | None, end: dt.date | None) -> tuple[str, str] | None:
    """The span rule of a service-output row: (field, message) when it breaks it."""
    if start and end and end < start:
        return "end", _("Tanggal akhir sebelum tanggal mulai.")
    if start and end and (end - start).days > 31:
        return "end", _("Satu baris paling lama satu bulan (per hari atau per minggu).")
    return None
