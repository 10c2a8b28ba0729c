"""The occupancy forecast: per building, zone and working day, the people expected on site (from
buildings.occupancy) against the seats, for the month view, the Pemda view, the XLSX and the API.

A zone-day is "nearly empty" when at most NEARLY_EMPTY of its seats are taken (and it has
seats); a building-day when its zones together are. A day without any published schedule for the
building's units is "not published": nobody is counted, and the pages say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from buildings.models import Building, Zone
from buildings.occupancy import zone_day_counts
from wfh.calendar import working_days

NEARLY_EMPTY = Decimal("0.25")


def level(onsite: int, capacity: int, published: bool = True) -> str:
    """The colour class of a cell: unpublished, empty, low (nearly empty), mid, full, over."""
    if not published:
        return "unpublished"
    if capacity <= 0:
        return "over" if onsite else "empty"
    if onsite == 0:
        return "empty"
    if onsite > capacity:
        return "over"
    ratio = Decimal(onsite) / capacity
    if ratio <= NEARLY_EMPTY:
        return "low"
    return "full" if ratio >= Decimal("0.9") else "mid"


def is_nearly_empty(onsite: int, capacity: int) -> bool:
    return capacity > 0 and Decimal(onsite) <= NEARLY_EMPTY * capacity


@dataclass(frozen=True)
class Cell:
    onsite: int
    capacity: int
    published: bool

    @property
    def level(self) -> str:
        return level(self.onsite, self.capacity, self.published)

    @property
    def percent(self) -> int:
        return round(100 * self.onsite / self.capacity) if self.capacity else 0


@dataclass
class ZoneRow:
    zone: Zone
    cells: list[Cell]


@dataclass
class BuildingMonth:
    building: Building
    days: list[dt.date]
    rows: list[ZoneRow]
    totals: list[Cell]
    published: set[dt.date] = field(default_factory=set)

    @property
    def capacity(self) -> int:
        return sum(r.zone.capacity for r in self.rows)

    @property
    def nearly_empty_days(self) -> list[dt.date]:
        return [
            d
            for d, c in zip(self.days, self.totals, strict=True)
            if c.published and is_nearly_empty(c.onsite, c.capacity)
        ]


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def buildings_month(
    buildings: list[Building], *, start: dt.date, end: dt.date
) -> list[BuildingMonth]:
    """The forecast of each building for the working days from start to end (a few queries for
    all the buildings together)."""
    building_ids = [b.pk for b in buildings]
    zones = list(Zone.objects.filter(building_id__in=building_ids).order_by("building_id", "code"))
    counts, published_zones = zone_day_counts(zone_ids=[z.pk for z in zones], start=start, end=end)
    days = working_days(start, end)
    result = []
    for building in buildings:
        own = [z for z in zones if z.building_id == building.pk]
        published = set().union(*(published_zones.get(z.pk, set()) for z in own))
        rows = [
            ZoneRow(
                z,
                [Cell(counts.get((z.pk, d), 0), z.capacity, d in published) for d in days],
            )
            for z in own
        ]
        capacity = sum(z.capacity for z in own)
        totals = [
            Cell(sum(r.cells[i].onsite for r in rows), capacity, d in published)
            for i, d in enumerate(days)
        ]
        result.append(BuildingMonth(building, days, rows, totals, published))
    return result


def building_month(building: Building, *, year: int, month: int) -> BuildingMonth:
    start, end = month_bounds(year, month)
    return buildings_month([building], start=start, end=end)[0]


@dataclass(frozen=True)
class ZoneDay:
    building: Building
    zone: Zone
    day: dt.date
    onsite: int
    published: bool

    @property
    def nearly_empty(self) -> bool:
        return self.published and is_nearly_empty(self.onsite, self.zone.capacity)


def zones_on(buildings: list[Building], day: dt.date) -> list[ZoneDay]:
    """Every zone of the buildings on one day (the API's rows), working day or not."""
    by_id = {b.pk: b for b in buildings}
    zones = list(
        Zone.objects.filter(building_id__in=list(by_id)).order_by("building__code", "code")
    )
    counts, published = zone_day_counts(zone_ids=[z.pk for z in zones], start=day, end=day)
    open_buildings = {z.building_id for z in zones if day in published.get(z.pk, ())}
    return [
        ZoneDay(
            by_id[z.building_id],
            z,
            day,
            counts.get((z.pk, day), 0),
            z.building_id in open_buildings,
        )
        for z in zones
    ]
