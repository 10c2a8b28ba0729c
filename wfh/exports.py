"""The schedule file an OPD sends to BKD: one row per employee per working day."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from common.tabular import csv_writer, xlsx_append
from opd.models import Opd
from wfh import selectors
from wfh.models import Assignment, Phase, Roster, ScheduleDay

COLUMNS = ["nip", "name", "opd_code", "unit_code", "date", "mode", "source"]
_FIELDS = ("employee__nip", "employee__name", "unit__code", "day", "mode", "source")


def schedule_rows(
    *, phase: Phase, opds: Iterable[Opd] | None = None, published: bool = False
) -> Iterator[list[str]]:
    """Rows in COLUMNS order, sorted by OPD, unit, name, NIP and date.

    `published=True` reads the published schedule; otherwise each OPD's latest roster version.
    """
    opd_list = list(opds) if opds is not None else list(selectors.phase_opds(phase))
    for opd in sorted(opd_list, key=lambda o: o.code):
        qs = _published(phase, opd) if published else _latest(phase, opd)
        if qs is None:
            continue
        ordered = qs.order_by("unit__code", "employee__name", "employee__nip", "day")
        for nip, name, unit_code, day, mode, source in ordered.values_list(*_FIELDS).iterator(
            chunk_size=20000
        ):
            yield [nip, name, opd.code, unit_code or "", day.isoformat(), mode, source]


def roster_rows(*, roster: Roster) -> Iterator[list[str]]:
    """One roster version's own rows in COLUMNS order, sorted as `schedule_rows`."""
    qs = Assignment.objects.filter(roster=roster).order_by(
        "unit__code", "employee__name", "employee__nip", "day"
    )
    code = roster.opd.code
    for nip, name, unit_code, day, mode, source in qs.values_list(*_FIELDS).iterator(
        chunk_size=20000
    ):
        yield [nip, name, code, unit_code or "", day.isoformat(), mode, source]


def _published(phase: Phase, opd: Opd) -> QuerySet:
    return ScheduleDay.objects.filter(phase=phase, opd=opd)


def _latest(phase: Phase, opd: Opd) -> QuerySet | None:
    roster = (
        Roster.objects.filter(phase=phase, opd=opd, status=Roster.Status.READY)
        .order_by("-version")
        .first()
    )
    return Assignment.objects.filter(roster=roster) if roster else None


def write_csv(rows: Iterable[list[str]], out: io.TextIOBase) -> int:
    writer = csv_writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_xlsx(rows: Iterable[list[str]], out, *, grid: bool = False) -> int:
    """The long sheet "jadwal" (COLUMNS, one row per person per day); with `grid`, a second
    sheet "per_hari": one row per person and one column per day, as HR reads a roster (one OPD's
    roster: it holds the rows in memory)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("jadwal")
    ws.append(COLUMNS)
    kept: list[list[str]] = []
    n = 0
    for row in rows:
        xlsx_append(ws, row)  # a name "=HYPERLINK(...)" stays text
        if grid:
            kept.append(row)
        n += 1
    if grid:
        _grid_sheet(wb, kept)
    wb.save(out)
    return n


def _grid_sheet(wb, rows: list[list[str]]) -> None:
    """Staff x days: NIP, name, unit, then each day's mode; the day headers are real dates."""
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet("per_hari")
    days = sorted({row[4] for row in rows})
    column = {day: i for i, day in enumerate(days)}
    people: dict[str, list] = {}  # NIP -> [nip, name, unit, mode per day...], in the rows' order
    for nip, name, _opd, unit, day, mode, _source in rows:
        line = people.setdefault(nip, [nip, name, unit, *([""] * len(days))])
        line[3 + column[day]] = mode
    header = [WriteOnlyCell(ws, value=v) for v in ("nip", "name", "unit_code")]
    for day in days:
        cell = WriteOnlyCell(ws, value=dt.date.fromisoformat(day))
        cell.number_format = "ddd d mmm yyyy"
        header.append(cell)
    ws.append(header)
    ws.freeze_panes = "D2"
    for line in people.values():
        xlsx_append(ws, line)
