"""Who is expected on site: counts from the published schedule (wfh.ScheduleDay).

A person is expected on site on a day when their published mode is WFO (piket days included: a
piket is a WFO day on a WFH day); WFH and leave (cuti, izin, dinas: mode LEAVE) are not on site,
and neither is a WFO day that an approved leave record covers (leave recorded after publishing).
Days not yet published count nobody: callers say so rather than show an empty office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from buildings.models import UnitSeat
from leave.models import LeaveRecord, LeaveStatus
from wfh.models import Mode, ScheduleDay


def unit_day_counts(
    *, unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> tuple[dict[tuple[int, dt.date], int], dict[int, set[dt.date]]]:
    """({(unit id, day): people expected on site}, {unit id: days with a published row}) for the
    units and days given: one GROUP BY over the schedule rows, and two small queries for leave."""
    unit_ids = list(unit_ids)
    rows = (
        ScheduleDay.objects.filter(unit_id__in=unit_ids, day__gte=start, day__lte=end)
        .values("unit_id", "day")
        .annotate(n=Count("id", filter=Q(mode=Mode.WFO)))
        .values_list("unit_id", "day", "n")
        .order_by()
    )
    counts: dict[tuple[int, dt.date], int] = {}
    published: dict[int, set[dt.date]] = {}
    for unit_id, day, n in rows:
        published.setdefault(unit_id, set()).add(day)
        if n:
            counts[(unit_id, day)] = n
    for key in _wfo_days_on_leave(unit_ids=unit_ids, start=start, end=end):
        if counts.get(key):
            counts[key] -= 1
    return counts, published


def onsite_by_unit_day(
    *, unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """{(unit id, day): people expected on site} for the units and days given."""
    return unit_day_counts(unit_ids=unit_ids, start=start, end=end)[0]


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


def zone_day_counts(
    *, zone_ids: Iterable[int], start: dt.date, end: dt.date
) -> tuple[dict[tuple[int, dt.date], int], dict[int, set[dt.date]]]:
    """({(zone id, day): people expected on site}, {zone id: days with a published row}), from
    the units seated in each zone."""
    zone_of_unit = dict(
        UnitSeat.objects.filter(zone_id__in=list(zone_ids)).values_list("unit_id", "zone_id")
    )
    by_unit, published_units = unit_day_counts(unit_ids=zone_of_unit, start=start, end=end)
    counts: dict[tuple[int, dt.date], int] = {}
    for (unit_id, day), n in by_unit.items():
        key = (zone_of_unit[unit_id], day)
        counts[key] = counts.get(key, 0) + n
    published: dict[int, set[dt.date]] = {}
    for unit_id, days in published_units.items():
        published.setdefault(zone_of_unit[unit_id], set()).update(days)
    return counts, published


def onsite_by_zone_day(
    *, zone_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """{(zone id, day): people expected on site}, from the units seated in each zone."""
    return zone_day_counts(zone_ids=zone_ids, start=start, end=end)[0]
