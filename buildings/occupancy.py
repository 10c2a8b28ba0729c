"""Who is expected on site: counts from the published schedule (wfh.ScheduleDay).

A person is expected on site on a day when their published mode is WFO (piket days included: a
piket is a WFO day on a WFH day); WFH and leave (cuti, izin, dinas: mode LEAVE) are not on site.
Days not yet published count nobody: callers say so rather than show an empty office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count

from buildings.models import UnitSeat
from buildings.seating import host_on, moves_in_force
from wfh.models import Mode, ScheduleDay


def onsite_by_unit_day(
    *, unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """{(unit id, day): people expected on site} for the units and days given (one query)."""
    rows = (
        ScheduleDay.objects.filter(
            unit_id__in=list(unit_ids), day__gte=start, day__lte=end, mode=Mode.WFO
        )
        .values("unit_id", "day")
        .annotate(n=Count("id"))
        .values_list("unit_id", "day", "n")
        .order_by()
    )
    return {(unit_id, day): n for unit_id, day, n in rows}


def onsite_by_zone_day(
    *, zone_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """{(zone id, day): people expected on site}, from the units seated in each zone, and on the
    days an accepted consolidation plan moves a unit, in its host zone instead (three queries)."""
    zone_ids = set(zone_ids)
    zone_of_unit = dict(
        UnitSeat.objects.filter(zone_id__in=zone_ids).values_list("unit_id", "zone_id")
    )
    moves = moves_in_force(zone_ids=zone_ids, start=start, end=end)
    unit_ids = set(zone_of_unit) | {unit_id for unit_id, _ in moves}
    counts: dict[tuple[int, dt.date], int] = {}
    for (unit_id, day), n in onsite_by_unit_day(unit_ids=unit_ids, start=start, end=end).items():
        zone_id = host_on(moves.get((unit_id, day.weekday())), day) or zone_of_unit.get(unit_id)
        if zone_id in zone_ids:
            key = (zone_id, day)
            counts[key] = counts.get(key, 0) + n
    return counts
