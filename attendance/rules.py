"""The day checks of attendance as plain functions: no Django, no database, no clock.

Distances are in metres on a sphere (haversine). A working day is the calendar date of a timestamp
in the OPD's own time zone (WIB, WITA or WIT), never in UTC. Lateness (TL, terlambat) and leaving
early (PSW, pulang sebelum waktu) are counted in whole minutes against a policy's hours and tiered
by the policy's own tiers; the policy is data (see attendance.models.WorkingHours).
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from dataclasses import dataclass, field

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
MAX_TRAVEL_KMH = 120.0

TL = "TL"  # terlambat: arrived late
PSW = "PSW"  # pulang sebelum waktu: left early


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def outside_radius(distance: float, radius_m: float, accuracy_m: float | None) -> bool:
    """Whether a fix is certainly outside a circle: its error circle does not reach the radius."""
    return distance - (accuracy_m or 0.0) > radius_m


def local_day(ts: dt.datetime, tz_name: str) -> dt.date:
    """The working day a timestamp belongs to in the given time zone (e.g. Asia/Makassar)."""
    if ts.tzinfo is None or ts.utcoffset() is None:
        raise ValueError("timestamp must carry its offset")
    return ts.astimezone(zoneinfo.ZoneInfo(tz_name)).date()


def local_time(ts: dt.datetime, tz_name: str) -> dt.datetime:
    return ts.astimezone(zoneinfo.ZoneInfo(tz_name))


# -- working hours and TL/PSW tiers ----------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    """A band of minutes: `low`..`high` inclusive; `high` None means "more, or no record"."""

    code: str  # e.g. "TL1"
    low: int
    high: int | None
    cut_percent: float

    def contains(self, minutes: int) -> bool:
        return minutes >= self.low and (self.high is None or minutes <= self.high)


@dataclass(frozen=True)
class Period:
    """A special period (e.g. Ramadan) with its own hours per weekday, dates inclusive."""

    name: str
    start: dt.date
    end: dt.date
    week: dict[int, tuple[dt.time, dt.time]]


@dataclass(frozen=True)
class Policy:
    """Working hours of an OPD: per weekday (0 = Monday) start and end, grace, periods, tiers."""

    week: dict[int, tuple[dt.time, dt.time]]
    grace_minutes: int = 0
    periods: tuple[Period, ...] = ()
    tl_tiers: tuple[Tier, ...] = field(default_factory=tuple)
    psw_tiers: tuple[Tier, ...] = field(default_factory=tuple)


def default_tiers(prefix: str, cuts: tuple[float, float, float, float]) -> tuple[Tier, ...]:
    """The usual bands 1–30, 31–60, 61–90, > 90 (or no record) with the given cuts."""
    bounds = ((1, 30), (31, 60), (61, 90), (91, None))
    return tuple(
        Tier(f"{prefix}{i}", low, high, cut)
        for i, ((low, high), cut) in enumerate(zip(bounds, cuts, strict=True), start=1)
    )


def hours_on(policy: Policy, day: dt.date) -> tuple[dt.time, dt.time] | None:
    """Start and end on a day: a special period's hours win over the regular week."""
    for period in policy.periods:
        if period.start <= day <= period.end and day.weekday() in period.week:
            return period.week[day.weekday()]
    return policy.week.get(day.weekday())


def _minutes_between(earlier: dt.datetime, later: dt.datetime) -> int:
    return max(0, math.ceil((later - earlier).total_seconds() / 60))


def late_minutes(policy: Policy, first_in: dt.datetime, tz_name: str) -> int:
    """Minutes late of the first check-in, counted from the start once the grace is exceeded."""
    local = local_time(first_in, tz_name)
    hours = hours_on(policy, local.date())
    if hours is None:
        return 0
    start = dt.datetime.combine(local.date(), hours[0], tzinfo=local.tzinfo)
    minutes = _minutes_between(start, local)
    return minutes if minutes > policy.grace_minutes else 0


def early_minutes(policy: Policy, last_out: dt.datetime, tz_name: str) -> int:
    """Minutes between the last check-out and the end of the day's hours (0 when at or after)."""
    local = local_time(last_out, tz_name)
    hours = hours_on(policy, local.date())
    if hours is None:
        return 0
    end = dt.datetime.combine(local.date(), hours[1], tzinfo=local.tzinfo)
    return _minutes_between(local, end)


def tier_for(tiers: tuple[Tier, ...], minutes: int | None) -> Tier | None:
    """The tier of a number of minutes; None minutes (no record) falls in the open-ended tier."""
    if minutes is None:
        open_ended = [t for t in tiers if t.high is None]
        return open_ended[0] if open_ended else None
    if minutes <= 0:
        return None
    for tier in tiers:
        if tier.contains(minutes):
            return tier
    return None


# -- impossible travel -------------------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    """A located event: when and where, with the accuracy radius of the position."""

    ts: dt.datetime
    latitude: float
    longitude: float
    accuracy_m: float | None = None


def travel_speed_kmh(a: Fix, b: Fix) -> float:
    """The least speed that explains both fixes: distance less both accuracies, over the time."""
    gap = distance_m(a.latitude, a.longitude, b.latitude, b.longitude)
    gap = max(0.0, gap - (a.accuracy_m or 0.0) - (b.accuracy_m or 0.0))
    seconds = abs((b.ts - a.ts).total_seconds())
    if gap == 0:
        return 0.0
    if seconds == 0:
        return math.inf
    return gap / 1000 / (seconds / 3600)


def impossible_travel(a: Fix, b: Fix, *, max_kmh: float = MAX_TRAVEL_KMH) -> bool:
    return travel_speed_kmh(a, b) > max_kmh
