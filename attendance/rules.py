"""The day checks of attendance as plain functions: no Django, no database, no clock.

Distances are in metres on a sphere (haversine). A working day is the calendar date of a timestamp
in the OPD's own time zone (WIB, WITA or WIT), never in UTC. Lateness (TL, terlambat) and leaving
early (PSW, pulang sebelum waktu) are counted in whole minutes against a policy's hours and tiered
by the policy's own tiers; the policy is data (see attendance.models.WorkingHours).

Lateness has one definition here, on the whole second of the local day an event is stored with
(`local_second`): `minutes_late` and `minutes_early`, their SQL spelling for the set-based
summaries (`minutes_late_sql`, `minutes_early_sql`, `tier_sql`) and the last second that is not
late for the live dashboard (`last_on_time_second`); tests/attendance/test_lateness.py holds them
together.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Callable
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


def local_second(ts: dt.datetime, tz_name: str) -> int:
    """Whole seconds since local midnight (the fraction dropped): what an event stores, and what
    lateness and leaving early are counted from."""
    local = local_time(ts, tz_name)
    return local.hour * 3600 + local.minute * 60 + local.second


def seconds_of(t: dt.time) -> int:
    """A time of day as whole seconds since midnight."""
    return t.hour * 3600 + t.minute * 60 + t.second


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


MINUTE = 60  # seconds; a started minute counts whole


def minutes_late(in_second: int, start_second: int, grace_minutes: int) -> int:
    """Minutes late of a first check-in at `in_second` (seconds since local midnight): the
    minutes started since the start, counted from the start once they exceed the grace, else 0.
    Late exactly when `in_second` is after `last_on_time_second`."""
    if in_second <= start_second:
        return 0
    minutes = -(-(in_second - start_second) // MINUTE)
    return minutes if minutes > grace_minutes else 0


def last_on_time_second(start_second: int, grace_minutes: int) -> int:
    """The last second of the day at which a check-in is not late (the start plus the grace)."""
    return start_second + grace_minutes * MINUTE


def minutes_early(out_second: int, end_second: int) -> int:
    """Minutes started between the last check-out and the end of the day's hours (0 at or after)."""
    if out_second >= end_second:
        return 0
    return -(-(end_second - out_second) // MINUTE)


def minutes_late_sql(in_second: str, start_second: str, grace_minutes: str) -> str:
    """`minutes_late` as a SQL expression over three integer expressions (integer division
    rounds the non-negative quotient down, so `+ 59` rounds a started minute up)."""
    minutes = f"(({in_second} - {start_second} + {MINUTE - 1}) / {MINUTE})"
    return (
        f"(CASE WHEN {in_second} > {start_second} AND {minutes} > {grace_minutes} "
        f"THEN {minutes} ELSE 0 END)"
    )


def minutes_early_sql(out_second: str, end_second: str) -> str:
    """`minutes_early` as a SQL expression over two integer expressions."""
    minutes = f"(({end_second} - {out_second} + {MINUTE - 1}) / {MINUTE})"
    return f"(CASE WHEN {out_second} < {end_second} THEN {minutes} ELSE 0 END)"


def late_minutes(policy: Policy, first_in: dt.datetime, tz_name: str) -> int:
    """Minutes late of the first check-in under the policy's hours that day (`minutes_late`)."""
    hours = hours_on(policy, local_time(first_in, tz_name).date())
    if hours is None:
        return 0
    return minutes_late(local_second(first_in, tz_name), seconds_of(hours[0]), policy.grace_minutes)


def early_minutes(policy: Policy, last_out: dt.datetime, tz_name: str) -> int:
    """Minutes between the last check-out and the end of the day's hours (`minutes_early`)."""
    hours = hours_on(policy, local_time(last_out, tz_name).date())
    if hours is None:
        return 0
    return minutes_early(local_second(last_out, tz_name), seconds_of(hours[1]))


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


def tier_sql(tiers: tuple[Tier, ...], minutes: str | None, literal: Callable[[str], str]) -> str:
    """`tier_for` as a SQL expression: the code of the tier holding the integer expression
    `minutes`, or of the open-ended tier when `minutes` is None (no record); '' when none fits.
    `literal` turns a tier code into SQL (a query parameter)."""
    if minutes is None:
        tier = tier_for(tiers, None)
        return literal(tier.code) if tier else "''"
    whens = " ".join(
        f"WHEN {minutes} >= {int(t.low)}"
        + ("" if t.high is None else f" AND {minutes} <= {int(t.high)}")
        + f" THEN {literal(t.code)}"
        for t in tiers
    )
    return f"(CASE WHEN {minutes} <= 0 THEN '' {whens} ELSE '' END)" if whens else "''"


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
