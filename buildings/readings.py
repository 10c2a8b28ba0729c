"""Meter readings in: a CSV/XLSX import (all-or-nothing), the form, and smart meters over the API.

One rule for all three (`rows_check`): columns `building,meter,start,end,value` (`end` empty =
the one day `start`); the meter is named by its building's code and its own code; dates as
2025-11-06 or 06/11/2025; the value in the meter's unit (kWh, m³, liter, GB), a decimal comma
allowed. A period is at most 366 days, and one meter's periods never overlap: a reading for
exactly the same period replaces the stored value (or, the same value, changes nothing), so
re-sending a day or a file never doubles it. Who may write: HR every building; an OPD admin (or
an API client restricted to OPDs) only the buildings housing their OPDs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from buildings.models import Building, Meter, MeterReading, ReadingSource
from common.tabular import ReadError, RowError, Upload, read_records
from opd import access
from opd.importing.cells import parse_date
from opd.importing.errors import CellError

COLUMNS = ("building", "meter", "start", "end", "value")
REQUIRED = ("building", "meter", "start", "value")
TEMPLATE_EXAMPLE = {
    "building": "PEMKOT",
    "meter": "PLN-UTAMA",
    "start": "2025-11-06",
    "end": "2025-11-06",
    "value": "812,5",
}
MAX_PERIOD_DAYS = 366
MAX_VALUE = Decimal("99999999999")  # the column holds 11 digits before the point
MAX_API_BATCH = 1000
CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


# -- who may write ------------------------------------------------------------------------------


def buildings_for(user) -> QuerySet[Building]:
    """The buildings a user may read and record readings for: HR all, an OPD admin those
    housing one of their OPDs, anyone else none."""
    scope = access.scope_for(user)
    if scope.is_hr:
        return Building.objects.all()
    if scope.is_opd_admin:
        return Building.objects.filter(opds__in=scope.opd_ids).distinct()
    return Building.objects.none()


def building_ids_for_opds(opd_ids: frozenset[int] | None) -> frozenset[int] | None:
    """The buildings housing these OPDs (None, no restriction, stays None)."""
    if opd_ids is None:
        return None
    return frozenset(
        Building.objects.filter(opds__in=opd_ids).values_list("id", flat=True).distinct()
    )


# -- checking ------------------------------------------------------------------------------------


@dataclass
class ReadingRow:
    number: int
    meter: Meter
    start: dt.date
    end: dt.date
    value: Decimal


def parse_value(text: str) -> Decimal:
    """A reading as people type it: 812.5, 812,5 or 1.234,5 (Indonesian), never negative."""
    raw = str(text).replace(" ", "").replace("\u00a0", "")
    if "," in raw and "." in raw:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal_sep == "," else ",", "").replace(decimal_sep, ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError(_("%(value)s bukan angka.") % {"value": text}) from None
    if not number.is_finite():
        raise CellError(_("%(value)s bukan angka.") % {"value": text})
    if number < 0:
        raise CellError(_("Pemakaian tidak boleh negatif."))
    if number > MAX_VALUE:
        raise CellError(_("Angka terlalu besar: %(value)s.") % {"value": text})
    return number.quantize(Decimal("0.001"))


def _overlap_message(start: dt.date, end: dt.date, where: str) -> str:
    return _(
        "Periode ini tumpang tindih dengan pembacaan %(start)s sampai %(end)s %(where)s; satu "
        "meter hanya punya satu pembacaan untuk setiap hari."
    ) % {"start": start.isoformat(), "end": end.isoformat(), "where": where}


def rows_check(
    records: list[tuple[int, dict[str, str]]],
    *,
    file: str,
    building_ids: frozenset[int] | None,
    errors: list[RowError],
) -> list[ReadingRow]:
    """The good rows of `records`; every problem goes to `errors` with its row and column.
    `building_ids` limits the buildings that may be written (None: all). Two queries."""

    def error(number: int, column: str, message: str) -> None:
        errors.append(RowError(file=file, row=number, column=column, message=message))

    codes = {
        (c.get("building", "").strip().upper(), c.get("meter", "").strip().upper())
        for _n, c in records
    }
    building_codes = {b for b, _m in codes} | {c.get("building", "").strip() for _n, c in records}
    meters = {
        (m.building.code.upper(), m.code.upper()): m
        for m in Meter.objects.filter(building__code__in=building_codes).select_related("building")
        if (m.building.code.upper(), m.code.upper()) in codes
    }
    rows: list[ReadingRow] = []
    for number, cells in records:
        before = len(errors)
        building_code = cells.get("building", "").strip()
        meter_code = cells.get("meter", "").strip()
        meter = None
        if not building_code:
            error(number, "building", _("Wajib diisi: kode gedung."))
        if not meter_code:
            error(number, "meter", _("Wajib diisi: kode meter."))
        if building_code and meter_code:
            meter = meters.get((building_code.upper(), meter_code.upper()))
            if meter is None:
                error(
                    number,
                    "meter",
                    _("Meter %(meter)s di gedung %(building)s tidak terdaftar.")
                    % {"meter": meter_code, "building": building_code},
                )
            elif building_ids is not None and meter.building_id not in building_ids:
                error(
                    number,
                    "building",
                    _("Gedung %(building)s bukan gedung OPD yang Anda kelola.")
                    % {"building": building_code},
                )
                meter = None
        dates: dict[str, dt.date | None] = {}
        for column in ("start", "end"):
            text = cells.get(column, "").strip()
            if column == "start" and not text:
                error(number, column, _("Wajib diisi: tanggal mulai."))
                continue
            try:
                dates[column] = parse_date(text)
            except CellError as exc:
                error(number, column, str(exc))
        start = dates.get("start")
        end = dates.get("end") or start
        if "end" in dates and start and end and end < start:
            error(number, "end", _("Tanggal akhir sebelum tanggal mulai."))
        elif start and end and (end - start).days + 1 > MAX_PERIOD_DAYS:
            error(
                number,
                "end",
                _("Satu pembacaan paling lama %(days)d hari.") % {"days": MAX_PERIOD_DAYS},
            )
        value = None
        text = str(cells.get("value", "")).strip()
        if not text:
            error(number, "value", _("Wajib diisi: pemakaian dalam satuan meter."))
        else:
            try:
                value = parse_value(text)
            except CellError as exc:
                error(number, "value", str(exc))
        if len(errors) == before and meter and start and end and value is not None:
            rows.append(ReadingRow(number, meter, start, end, value))
    return _without_overlaps(rows, file=file, errors=errors)


def _without_overlaps(
    rows: list[ReadingRow], *, file: str, errors: list[RowError]
) -> list[ReadingRow]:
    """Drops (and names) a row repeating or overlapping another of the file, or overlapping a
    stored reading of another period (the same period is an update, not an overlap)."""
    if not rows:
        return rows
    by_meter: dict[int, list[ReadingRow]] = defaultdict(list)
    for row in rows:
        by_meter[row.meter.pk].append(row)
    lo, hi = min(r.start for r in rows), max(r.end for r in rows)
    stored: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for meter_id, start, end in MeterReading.objects.filter(
        meter_id__in=by_meter, start__lte=hi, end__gte=lo
    ).values_list("meter_id", "start", "end"):
        stored[meter_id].append((start, end))
    bad: set[int] = set()
    for meter_id, meter_rows in by_meter.items():
        ordered = sorted(meter_rows, key=lambda r: (r.start, r.end, r.number))
        for previous, row in zip(ordered, ordered[1:], strict=False):
            if row.start <= previous.end:
                first, second = sorted((previous, row), key=lambda r: r.number)
                errors.append(
                    RowError(
                        file=file,
                        row=second.number,
                        column="start",
                        message=(
                            _("Meter dan periode yang sama sudah ada di baris %(row)d.")
                            % {"row": first.number}
                            if (row.start, row.end) == (previous.start, previous.end)
                            else _overlap_message(
                                first.start,
                                first.end,
                                _("di baris %(row)d") % {"row": first.number},
                            )
                        ),
                    )
                )
                bad.add(second.number)
        periods = stored.get(meter_id, [])
        for row in meter_rows:
            if row.number in bad:
                continue
            for start, end in periods:
                if (start, end) != (row.start, row.end) and start <= row.end and row.start <= end:
                    errors.append(
                        RowError(
                            file=file,
                            row=row.number,
                            column="start",
                            message=_overlap_message(start, end, _("yang sudah tersimpan")),
                        )
                    )
                    bad.add(row.number)
                    break
    return [r for r in rows if r.number not in bad]


# -- writing -------------------------------------------------------------------------------------


def readings_write(rows: list[ReadingRow], *, source: str) -> dict[int, str]:
    """Upsert the rows per (meter, start, end): {row number: created, updated or unchanged}.
    Re-sending a period replaces its value, never adds a second reading, even when two senders
    race (the insert is an upsert on the unique period)."""
    if not rows:
        return {}
    current = {
        (r.meter_id, r.start, r.end): r
        for r in MeterReading.objects.select_for_update()
        .filter(
            meter_id__in={row.meter.pk for row in rows},
            start__in={row.start for row in rows},
        )
        .order_by()
    }
    status: dict[int, str] = {}
    changed: list[MeterReading] = []
    for row in rows:
        existing = current.get((row.meter.pk, row.start, row.end))
        if existing is not None and existing.value == row.value:
            status[row.number] = UNCHANGED
            continue
        status[row.number] = CREATED if existing is None else UPDATED
        changed.append(
            MeterReading(
                meter=row.meter, start=row.start, end=row.end, value=row.value, source=source
            )
        )
    if changed:
        MeterReading.objects.bulk_create(
            changed,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["meter", "start", "end"],
            update_fields=["value", "source", "recorded_at"],
        )
    return status


@dataclass
class ReadingsImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@transaction.atomic
def readings_import(
    *, upload: Upload, user=None, dry_run: bool = False, source: str = ReadingSource.IMPORT
) -> ReadingsImportResult:
    """Check every row, then write all of them, or (any error, or `dry_run`) none. `user`, when
    given, limits the rows to the buildings they may write (buildings_for)."""
    result = ReadingsImportResult(dry_run=dry_run)
    try:
        records = read_records(upload, columns=COLUMNS, required=REQUIRED)
    except ReadError as exc:
        result.errors.append(exc.error)
        return result
    if not records:
        result.errors.append(
            RowError(file=upload.name, row=None, message=_("Berkas tidak berisi baris data."))
        )
        return result
    allowed = None
    if user is not None and not access.scope_for(user).is_hr:
        allowed = frozenset(buildings_for(user).values_list("id", flat=True))
    rows = rows_check(records, file=upload.name, building_ids=allowed, errors=result.errors)
    if result.errors:
        return result
    if dry_run:
        result.created = len(rows)
        return result
    status = readings_write(rows, source=source)
    for value in status.values():
        setattr(result, value, getattr(result, value) + 1)
    result.written = True
    return result


def reading_record(
    *, meter: Meter, start: dt.date, end: dt.date | None, value: Decimal | str, user
) -> tuple[str | None, list[RowError]]:
    """One reading from the form, checked by the import's rule: (status or None, errors; the
    errors' `column` is the form field)."""
    errors: list[RowError] = []
    record = {
        "building": meter.building.code,
        "meter": meter.code,
        "start": start.isoformat(),
        "end": end.isoformat() if end else "",
        "value": str(value),
    }
    allowed = None
    if not access.scope_for(user).is_hr:
        allowed = frozenset(buildings_for(user).values_list("id", flat=True))
    with transaction.atomic():
        rows = rows_check([(1, record)], file="", building_ids=allowed, errors=errors)
        if errors:
            return None, errors
        return readings_write(rows, source=ReadingSource.FORM)[1], []


# -- the API: one answer per item ----------------------------------------------------------------


def _answer(index: int, status: str, errors: list[RowError]) -> dict:
    listed = [{"field": e.column, "message": e.message} for e in errors]
    first = listed[0] if listed else {"field": "", "message": ""}
    return {"index": index, "status": status, **first, "errors": listed}


@transaction.atomic
def readings_ingest(*, items: list, building_ids: frozenset[int] | None) -> dict:
    """Readings from smart meters: each item checked like an import row and answered on its own
    (created, updated, unchanged or rejected with the field and why); the good ones are written.
    Answers {"counts", "results": one per item, in order}."""
    answers: dict[int, dict] = {}
    records: list[tuple[int, dict[str, str]]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            error = RowError(file="api", row=index, message=_("Item harus berupa objek JSON."))
            answers[index] = _answer(index, REJECTED, [error])
            continue
        errors: list[RowError] = []
        cells: dict[str, str] = {}
        for key, value in item.items():
            if key not in COLUMNS:
                errors.append(
                    RowError(
                        file="api",
                        row=index,
                        column=str(key),
                        message=_("Isian tidak dikenal. Isian yang dipakai: %(columns)s.")
                        % {"columns": ", ".join(COLUMNS)},
                    )
                )
            elif value is None:
                cells[key] = ""
            elif isinstance(value, bool) or not isinstance(value, str | int | float):
                errors.append(
                    RowError(file="api", row=index, column=key, message=_("Isi teks atau angka."))
                )
            else:
                cells[key] = str(value) if not isinstance(value, str) else value
        if errors:
            answers[index] = _answer(index, REJECTED, errors)
        else:
            records.append((index, cells))
    errors: list[RowError] = []
    rows = rows_check(records, file="api", building_ids=building_ids, errors=errors)
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for e in errors:
        by_row[e.row].append(e)
    for index, row_errors in by_row.items():
        answers[index] = _answer(index, REJECTED, row_errors)
    for index, status in readings_write(rows, source=ReadingSource.API).items():
        answers[index] = _answer(index, status, [])
    ordered = [answers[i] for i in range(len(items))]
    counts = dict.fromkeys((CREATED, UPDATED, UNCHANGED, REJECTED), 0)
    for answer in ordered:
        counts[answer["status"]] += 1
    return {"counts": counts, "results": ordered}


def readings_recent(*, building_ids, limit: int = 50) -> list[MeterReading]:
    """The latest readings of these buildings, newest period first (one query)."""
    return list(
        MeterReading.objects.filter(meter__building_id__in=building_ids)
        .select_related("meter__building")
        .order_by("-end", "meter__building__code", "meter__code")[:limit]
    )


def readable_meters(user) -> QuerySet[Meter]:
    return (
        Meter.objects.filter(building__in=buildings_for(user), active=True)
        .select_related("building")
        .order_by("building__code", "code")
    )
