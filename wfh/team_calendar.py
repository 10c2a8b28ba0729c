"""The team calendar (/kalender-tim/): a week or a month of one unit's published modes, "who is
in the office on Thursday".

Reads only: the employees come from the caller (opd.access.schedule_employees, the one rule of
who may see whose schedule), the modes from the published schedule (ScheduleDay) and the piket
marks from the roster version each published day came from (Assignment.reason == "piket": kept
on site on a WFH weekday for the unit's minimum). A fixed number of queries, whatever the team's
size: the employees, the published days, the piket cells and the days off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from opd.models import Employee, Unit
from wfh.calendar import days_off
from wfh.engine.types import Reason
from wfh.models import Assignment, Mode, ScheduleDay

WEEK = "minggu"
MONTH = "bulan"
VIEWS = (WEEK, MONTH)


@dataclass(frozen=True)
class TeamCell:
    day: dt.date
    kind: str  # WFH, WFO, LEAVE, OFF (weekend or day off), UNPUBLISHED (working, no schedule)
    piket: bool = False
    swapped: bool = False


@dataclass
class TeamRow:
    employee_id: int
    name: str
    position: str
    is_me: bool
    cells: list[TeamCell] = field(default_factory=list)


@dataclass
class TeamDay:
    day: dt.date
    in_range: bool  # a month view's leading/trailing days of other months are padding
    off_name: str = ""
    weekend: bool = False
    today: bool = False
    office: list[str] = field(default_factory=list)  # names of those WFO that day
    home: int = 0
    leave: int = 0
    unpublished: int = 0
    piket: list[str] = field(default_factory=list)  # names of the duty officers that day

    @property
    def working(self) -> bool:
        return self.in_range and not self.weekend and not self.off_name


@dataclass
class TeamCalendar:
    unit: Unit
    start: dt.date
    end: dt.date
    days: list[TeamDay]
    rows: list[TeamRow]

    @property
    def weeks(self) -> list[list[TeamDay]]:
        """The days in weeks of seven, Monday first (the month view's calendar)."""
        return [self.days[i : i + 7] for i in range(0, len(self.days), 7)]

    @property
    def has_piket(self) -> bool:
        return any(d.piket for d in self.days)

    @property
    def has_schedule(self) -> bool:
        return any(d.office or d.home or d.leave for d in self.days)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Friday of the week holding `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=4)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def _padded_month(first: dt.date, last: dt.date) -> list[dt.date]:
    day = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=6 - last.weekday())
    out = []
    while day <= end:
        out.append(day)
        day += dt.timedelta(days=1)
    return out


def team_calendar(
    *,
    unit: Unit,
    employees: QuerySet[Employee],
    view: str,
    day: dt.date,
    today: dt.date,
    me_id: int | None = None,
) -> TeamCalendar:
    """The unit's calendar for the week (Monday to Friday) or the month holding `day`, of the
    employees in `employees` placed in `unit` and active in that range."""
    if view == MONTH:
        start, end = month_of(day)
        shown = _padded_month(start, end)
    else:
        start, end = week_of(day)
        shown = [start + dt.timedelta(days=i) for i in range(5)]
    staff = list(
        employees.filter(unit=unit)
        .filter(Q(active_from__isnull=True) | Q(active_from__lte=end))
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=start))
        .order_by("name", "id")
        .values_list("id", "name", "position")
        .distinct()
    )
    ids = [e[0] for e in staff]
    published: dict[tuple[int, dt.date], tuple[str, str, int]] = {}
    if ids:
        for eid, d, mode, source, roster_id in ScheduleDay.objects.filter(
            employee_id__in=ids, day__gte=start, day__lte=end
        ).values_list("employee_id", "day", "mode", "source", "roster_id"):
            published[(eid, d)] = (mode, source, roster_id)
    piket: set[tuple[int, dt.date]] = set()
    rosters = {v[2] for v in published.values() if v[0] == Mode.WFO}
    if rosters:
        for eid, d, roster_id in Assignment.objects.filter(
            roster_id__in=rosters,
            employee_id__in=ids,
            day__gte=start,
            day__lte=end,
            reason=Reason.PIKET,
        ).values_list("employee_id", "day", "roster_id"):
            mode, _source, published_roster = published.get((eid, d), ("", "", 0))
            # only where the published day still is that roster's piket WFO (not swapped since)
            if published_roster == roster_id and mode == Mode.WFO:
                piket.add((eid, d))
    off = days_off(start, end, opd_id=unit.opd_id)
    days = []
    for d in shown:
        reason = off.get(d)
        days.append(
            TeamDay(
                day=d,
                in_range=start <= d <= end,
                off_name=reason.name if reason is not None and start <= d <= end else "",
                weekend=d.weekday() >= 5,
                today=d == today,
            )
        )
    by_day = {d.day: d for d in days}
    rows = []
    for eid, name, position in staff:
        row = TeamRow(employee_id=eid, name=name, position=position, is_me=eid == me_id)
        for d in shown:
            info = by_day[d]
            if not info.in_range:
                continue
            mode, source, _roster = published.get((eid, d), ("", "", 0))
            kind = "OFF" if info.weekend or info.off_name else mode or "UNPUBLISHED"
            cell = TeamCell(day=d, kind=kind, piket=(eid, d) in piket, swapped=source == "swap")
            row.cells.append(cell)
            if kind == Mode.WFO:
                info.office.append(name)
                if cell.piket:
                    info.piket.append(name)
            elif kind == Mode.WFH:
                info.home += 1
            elif kind == Mode.LEAVE:
                info.leave += 1
            elif kind == "UNPUBLISHED":
                info.unpublished += 1
        rows.append(row)
    return TeamCalendar(unit=unit, start=start, end=end, days=days, rows=rows)
