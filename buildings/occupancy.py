"""Who is expected on site: counts from the published schedule (wfh.ScheduleDay).

A person is expected on site on a day when their published mode is WFO (piket days included: a
piket is a WFO day on a WFH day); WFH and leave (cuti, izin, dinas: mode LEAVE) are not on site,
and neither is a WFO day that an approved leave record covers (leave recorded after publishing).
Days no published roster covers count nobody: callers say so rather than show an empty office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count

from buildings.models import UnitSeat
from buildings.seating import host_on, moves_in_force
from leave.models import LeaveRecord, LeaveStatus
from wfh.calendar import working_days
from wfh.models import Mode, Roster, ScheduleDay


def onsite_by_unit_day(
    *, unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """{(unit id, day): people expected on site} for the units and days given: one GROUP BY
    over the WFO rows (the plain query's shape) and two small queries for leave."""
    unit_ids = list(unit_ids)
    rows = (
        ScheduleDay.objects.filter(
            unit_id__in=unit_ids, day__gte=start, day__lte=end, mode=Mode.WFO
        )
        .values("unit_id", "day")
        .annotate(n=Count("id"))
        .values_list("unit_id", "day", "n")
        .order_by()
    )
    counts = {(unit_id, day): n for unit_id, day, n in rows}
    for key in _wfo_days_on_leave(unit_ids=unit_ids, start=start, end=end):
        if counts.get(key):
            counts[key] -= 1
    return counts


def _wfo_days_on_leave(*, unit_ids, start: dt.date, end: dt.date) -> list[tuple[int, dt.date]]:
    """(unit id, day) once per published WFO day that approved leave covers (two small queries:
    leave records are few next to the schedule rows)."""
    spans: dict[int, list[tuple[dt.date, dt.date]]] = {}
    leave = LeaveRecord.objects.filter(
        status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).values_list("employee_id", "start", "end")
    for employee_id, first, last in leave:
        spans.setdefault(employee_id, []).append((first, last))
    if not spans:
        return []
    rows = ScheduleDay.objects.filter(
        employee_id__in=list(spans),
        unit_id__in=list(unit_ids),
        day__gte=start,
        day__lte=end,
        mode=Mode.WFO,
    ).values_list("employee_id", "unit_id", "day")
    return [
        (unit_id, day)
        for employee_id, unit_id, day in rows
        if any(first <= day <= last for first, last in spans[employee_id])
    ]


def published_days(*, opd_ids: Iterable[int], start: dt.date, end: dt.date) -> dict[int, set]:
    """{OPD id: working days from start to end that a published roster of the OPD covers} (one
    small query over the rosters: publishing writes every working day of its phase)."""
    spans: dict[int, list[tuple[dt.date, dt.date]]] = {}
    rosters = Roster.objects.filter(
        opd_id__in=list(opd_ids),
        workflow=Roster.Workflow.PUBLISHED,
        phase__start__lte=end,
        phase__end__gte=start,
    ).values_list("opd_id", "phase__start", "phase__end")
    for opd_id, first, last in rosters:
        spans.setdefault(opd_id, []).append((max(first, start), min(last, end)))
    if not spans:
        return {}
    days = working_days(start, end)
    return {
        opd_id: {d for d in days if any(first <= d <= last for first, last in ranges)}
        for opd_id, ranges in spans.items()
    }


def zone_day_counts(
    *, zone_ids: Iterable[int], start: dt.date, end: dt.date
) -> tuple[dict[tuple[int, dt.date], int], dict[int, set[dt.date]]]:
    """({(zone id, day): people expected on site}, {zone id: days published for an OPD seated
    there}): the units seated in each zone, and on the days an accepted consolidation plan moves
    a unit, in its host zone instead (buildings/seating.py); the WFO rows grouped by unit and day
    (onsite_by_unit_day, leave taken off), the published days (published_days)."""
    zone_ids = set(zone_ids)
    seats = list(
        UnitSeat.objects.filter(zone_id__in=zone_ids).values_list(
            "unit_id", "zone_id", "unit__opd_id"
        )
    )
    zone_of_unit = {unit_id: zone_id for unit_id, zone_id, _opd in seats}
    moves = moves_in_force(zone_ids=zone_ids, start=start, end=end)
    unit_ids = set(zone_of_unit) | {unit_id for unit_id, _ in moves}
    counts: dict[tuple[int, dt.date], int] = {}
    for (unit_id, day), n in onsite_by_unit_day(unit_ids=unit_ids, start=start, end=end).items():
        zone_id = host_on(moves.get((unit_id, day.weekday())), day) or zone_of_unit.get(unit_id)
        if zone_id in zone_ids:
            key = (zone_id, day)
            counts[key] = counts.get(key, 0) + n
    by_opd = published_days(opd_ids={opd for _u, _z, opd in seats}, start=start, end=end)
    published: dict[int, set[dt.date]] = {}
    for _unit, zone_id, opd_id in seats:
        published.setdefault(zone_id, set()).update(by_opd.get(opd_id, ()))
    return counts, published


def onsite_by_zone_day(
    *, zone_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """{(zone id, day): people expected on site} (zone_day_counts without the published days)."""
    return zone_day_counts(zone_ids=zone_ids, start=start, end=end)[0]
