"""The kajian's input rows, whatever way they come in: the one parsing, checking and writing of
operating costs, public-service output and e-Kinerja attainment.

The file import (evaluation.importing), the API (evaluation.services.costs_ingest and
service_output_ingest) and HR's cost form (evaluation.views.cost_edit) all read a row's cells with
these parsers, check a number by `number_problem` (not negative, and the model field's own digits,
decimals and range) and write through `inputs_upsert`, which locks the rows it updates. A path
only adds its own policy: the file is all-or-nothing, the API answers each item on its own.

A row is a `Row` of text cells ({column: text}); an empty number cell means "not reported" and is
stored empty, never as zero.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.tabular import RowError
from evaluation.models import OperatingCost, PerformanceTarget, ServiceOutput
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
MONEY_FIELDS = {
    "electricity_rp",
    "water_rp",
    "internet_rp",
    "fuel_transport_rp",
    "support_staff_rp",
    "other_rp",
}
COST_NUMBERS = COLUMNS[COSTS][2:-1]  # the number columns of a cost row, between month and note

MODELS: dict[str, type[models.Model]] = {
    COSTS: OperatingCost,
    SERVICES: ServiceOutput,
    EKINERJA: PerformanceTarget,
}
KEYS = {  # the fields a row is known by: a second row with the same key is refused
    COSTS: ("opd_id", "month"),
    SERVICES: ("opd_id", "start", "end"),
    EKINERJA: ("employee_id", "month"),
}
KEY_COLUMN = {COSTS: "month", SERVICES: "start", EKINERJA: "month"}  # where a repeat is reported


class BadCell(Exception):
    """A cell that cannot be read; its message says why."""


class JsonNumber(str):
    """A cell that arrived as a JSON number, not as typed text: its dot is a decimal point, never
    a thousands separator (1.234 is one point two three four, not 1234)."""


# -- cell parsers ---------------------------------------------------------------------------------

_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")


def parse_number(value: str, *, integer: bool) -> Decimal | None:
    """A number as people type it: 18750000, 18.750.000, Rp 18.750.000, 1234,5 or 1.234,5.
    Empty means not reported (None). Rupiah (integer) fields take dots as thousand separators,
    except in a JSON number (JsonNumber), whose dot is always the decimal point."""
    if isinstance(value, JsonNumber):
        return _checked_number(value, Decimal(value), integer=integer)
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
        raise BadCell(_("'%(value)s' bukan angka.") % {"value": value}) from None
    return _checked_number(value, number, integer=integer)


def _checked_number(value: str, number: Decimal, *, integer: bool) -> Decimal:
    if not number.is_finite():
        raise BadCell(_("'%(value)s' bukan angka.") % {"value": value})
    if number < 0:
        raise BadCell(_("Angka tidak boleh negatif."))
    if integer and number != number.to_integral_value():
        raise BadCell(_("Isi bilangan bulat (tanpa desimal)."))
    return number


def number_problem(model: type[models.Model], column: str, number: Decimal | int) -> str | None:
    """Why `number` cannot be stored in `model.column`, or None: a negative number, or one the
    field's own validators refuse (more digits or decimals than the column keeps, out of range).
    Trailing zeros do not count as decimals (310.50 fits one decimal place)."""
    if number < 0:
        return _("Angka tidak boleh negatif.")
    field = model._meta.get_field(column)
    if isinstance(number, Decimal):
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            number = number.normalize()  # 310.50 -> 310.5; never 1000 -> 1E+3
    try:
        field.run_validators(number)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


def parse_month(value: str) -> dt.date:
    text = value.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text) or None
    if match is None:
        slash = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if slash is None:
            raise BadCell(
                _("Bulan '%(value)s' tidak dikenal; tulis seperti 2025-10.") % {"value": value}
            )
        year, month, day = int(slash.group(2)), int(slash.group(1)), 1
    else:
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3) or 1)
    if not 1 <= month <= 12:
        raise BadCell(
            _("Bulan '%(value)s' tidak dikenal; tulis seperti 2025-10.") % {"value": value}
        )
    if day != 1:
        raise BadCell(_("Isi bulan saja (2025-10) atau tanggal 1 bulan itu."))
    return dt.date(year, month, 1)


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadCell(
            _("Tanggal '%(value)s' tidak dikenal; tulis seperti 2025-10-06.") % {"value": value}
        ) from None


def service_span_problem(start: dt.date | None, end: dt.date | None) -> tuple[str, str] | None:
    """The span rule of a service-output row: (field, message) when it breaks it."""
    if start and end and end < start:
        return "end", _("Tanggal akhir sebelum tanggal mulai.")
    if start and end and (end - start).days > 31:
        return "end", _("Satu baris paling lama satu bulan (per hari atau per minggu).")
    return None


def _number(model: type[models.Model], column: str, *, integer: bool) -> Callable[[str], object]:
    def parse(text: str):
        number = parse_number(text, integer=integer)
        problem = number_problem(model, column, number) if number is not None else None
        if problem:
            raise BadCell(problem)
        return number

    return parse


def _count(model: type[models.Model], column: str) -> Callable[[str], int | None]:
    parse = _number(model, column, integer=True)

    def count(text: str) -> int | None:
        number = parse(text)
        return None if number is None else int(number)

    return count


def _percent(text: str) -> Decimal | None:
    value = parse_number(text, integer=False)
    if value is not None and value > 200:
        raise BadCell(_("Capaian paling tinggi 200%."))
    problem = (
        number_problem(PerformanceTarget, "attainment_percent", value)
        if value is not None
        else None
    )
    if problem:
        raise BadCell(problem)
    return value


# -- a row --------------------------------------------------------------------------------------


class Row:
    """The text cells of one row (file row or API item) and the errors found in it. `number` is
    where the row is: the spreadsheet row (header = 1) or the API item's index."""

    def __init__(self, file: str, number: int, cells: dict[str, str], errors: list[RowError]):
        self.file, self.number, self.cells, self.errors = file, number, cells, errors
        self.failed = False

    def get(self, column: str, parse: Callable[[str], object], *, required: bool = False):
        cell = self.cells.get(column, "")
        text = cell if isinstance(cell, JsonNumber) else cell.strip()
        if not text:
            if required:
                self.fail(column, _("Wajib diisi."))
            return None
        try:
            return parse(text)
        except BadCell as exc:
            self.fail(column, str(exc))
            return None

    def fail(self, column: str, message: str) -> None:
        self.failed = True
        self.errors.append(
            RowError(file=self.file, row=self.number, column=column, message=message)
        )


def _opd_of(row: Row, opds: dict[str, int], allowed: frozenset[int] | None) -> int | None:
    code = row.cells.get("opd_code", "").strip()
    if not code:
        row.fail("opd_code", _("Wajib diisi."))
        return None
    if code not in opds:
        row.fail("opd_code", _("OPD dengan kode %(code)s tidak ada.") % {"code": code})
        return None
    if allowed is not None and opds[code] not in allowed:
        row.fail(
            "opd_code",
            _("OPD %(code)s di luar OPD yang boleh diisi klien ini.") % {"code": code},
        )
    return opds[code]


def _cost(row: Row, opds: dict[str, int], allowed: frozenset[int] | None):
    opd_id = _opd_of(row, opds, allowed)
    month = row.get("month", parse_month, required=True)
    values: dict[str, object] = {}
    for column in COST_NUMBERS:
        if column in row.cells:
            parse = _number(OperatingCost, column, integer=column in MONEY_FIELDS)
            values[column] = row.get(column, parse)
    if "note" in row.cells:
        values["note"] = row.cells["note"].strip()[:2000]
    return (opd_id, month), values


def _service(row: Row, opds: dict[str, int], allowed: frozenset[int] | None):
    opd_id = _opd_of(row, opds, allowed)
    start = row.get("start", parse_date, required=True)
    end = row.get("end", parse_date) or start
    problem = service_span_problem(start, end)
    if problem:
        row.fail(*problem)
    values = {
        "services_delivered": row.get(
            "services_delivered", _count(ServiceOutput, "services_delivered"), required=True
        ),
        "complaints": row.get("complaints", _count(ServiceOutput, "complaints")),
        "avg_response_minutes": row.get(
            "avg_response_minutes", _number(ServiceOutput, "avg_response_minutes", integer=False)
        ),
        "sla_breaches": row.get("sla_breaches", _count(ServiceOutput, "sla_breaches")),
        "system": row.cells.get("system", "").strip()[:100],
    }
    return (opd_id, start, end), values


def _target(row: Row, employees: dict[str, int], allowed: frozenset[int] | None):
    nip = row.cells.get("nip", "").strip()
    employee_id = None
    if not nip:
        row.fail("nip", _("Wajib diisi."))
    elif nip not in employees:
        hint = _(" Format kolom NIP sebagai Teks di Excel.") if "e+" in nip.lower() else ""
        row.fail("nip", _("Pegawai dengan NIP %(nip)s tidak ada.") % {"nip": nip} + hint)
    else:
        employee_id = employees[nip]
    month = row.get("month", parse_month, required=True)
    value = row.get("attainment_percent", _percent, required=True)
    return (employee_id, month), {"attainment_percent": value}


_CHECKS = {COSTS: _cost, SERVICES: _service, EKINERJA: _target}


def _lookup(kind: str, rows: list[Row]) -> dict[str, int]:
    """The ids the rows name, in one query: OPD code -> id, or NIP -> employee id."""
    if kind == EKINERJA:
        nips = {row.cells.get("nip", "").strip() for row in rows}
        return dict(Employee.objects.filter(nip__in=nips).values_list("nip", "id"))
    codes = {row.cells.get("opd_code", "").strip() for row in rows}
    return dict(Opd.objects.filter(code__in=codes).values_list("code", "id"))


def rows_check(
    *,
    kind: str,
    rows: Iterable[Row],
    repeated: Callable[[Row], str],
    opd_ids: frozenset[int] | None = None,
) -> dict[tuple, tuple[Row, dict]]:
    """Check every row's cells; answer {key: (row, values)} for the rows without a problem.
    A row that fails records its errors on itself (row.failed, row.errors); so does a row whose
    key an earlier row already has (`repeated(earlier row)` says so). With `opd_ids`, a row of
    another OPD is refused."""
    rows = list(rows)
    lookup = _lookup(kind, rows)
    checked: dict[tuple, tuple[Row, dict]] = {}
    for row in rows:
        key, values = _CHECKS[kind](row, lookup, opd_ids)
        if row.failed:
            continue
        if key in checked:
            row.fail(KEY_COLUMN[kind], repeated(checked[key][0]))
            continue
        checked[key] = (row, values)
    return checked


# -- writing -------------------------------------------------------------------------------------


@transaction.atomic
def inputs_upsert(
    *, kind: str, rows: dict[tuple, dict], source: str, user=None
) -> dict[tuple, bool]:
    """Write checked rows ({key: values}, keys as in KEYS) in one transaction: a row whose key
    exists is updated (only the fields in its values; the existing rows are locked with SELECT
    ... FOR UPDATE first, so two writers never interleave), the others created. Every row gets
    `source`; a cost also who entered it. Answers {key: True if created}."""
    model, names = MODELS[kind], KEYS[kind]
    first, second = names[0], names[1]
    existing = {
        tuple(getattr(obj, name) for name in names): obj
        for obj in model.objects.select_for_update(of=("self",))
        .order_by()
        .filter(**{f"{first}__in": {k[0] for k in rows}, f"{second}__in": {k[1] for k in rows}})
    }
    now = timezone.now()
    new, changed, created = [], [], {}
    for key, values in rows.items():
        obj = existing.get(key) or model(**dict(zip(names, key, strict=True)))
        for name, value in values.items():
            setattr(obj, name, value)
        obj.source = source
        if kind == COSTS:
            obj.updated_by = user
        obj.updated_at = now
        created[key] = obj.pk is None
        (new if obj.pk is None else changed).append(obj)
    model.objects.bulk_create(new, batch_size=1000)
    written = [c for c in COLUMNS[kind] if c not in ("opd_code", "nip", *names)]
    extra = ["source", "updated_by", "updated_at"] if kind == COSTS else ["source", "updated_at"]
    model.objects.bulk_update(changed, [*written, *extra], batch_size=500)
    return created
