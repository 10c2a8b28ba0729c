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
from decimal import ROUND_HALF_UP, Decimal

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


def accuracy_credit(accuracy_m: float | None, max_credit_m: float) -> float:
    """The metres of a fix's accuracy a distance check believes: the accuracy, at most
    `max_credit_m` (a phone claiming 999 km of error is not given 999 km of benefit)."""
    return min(accuracy_m or 0.0, max_credit_m)


def poor_accuracy(accuracy_m: float | None, max_credit_m: float) -> bool:
    """A fix too vague to judge a distance by: its accuracy exceeds the credit a check gives."""
    return accuracy_m is not None and accuracy_m > max_credit_m


def outside_radius(
    distance: float, radius_m: float, accuracy_m: float | None, max_credit_m: float
) -> bool:
    """Whether a fix is certainly outside a circle: its error circle (the accuracy, capped by
    `accuracy_credit`) does not reach the radius."""
    return distance - accuracy_credit(accuracy_m, max_credit_m) > radius_m


POSITION_STEP = Decimal("0.00001")  # 5 decimals of a degree: about 1.1 m


def position_key(latitude, longitude) -> str:
    """The coordinates to 5 decimals, rounded half away from zero ("-6.23827,106.97557"): the
    spot two events are said to share. Accepts Decimals, strings or floats."""

    def five(value) -> str:
        number = Decimal(str(value)).quantize(POSITION_STEP, rounding=ROUND_HALF_UP)
        return format(number.copy_abs() if number.is_zero() else number, "f")

    return f"{five(latitude)},{five(longitude)}"


def sent_late(taken: dt.datetime, arrived: dt.datetime, after_s: int) -> bool:
    """Arrived more than `after_s` seconds after it was taken (a phone that kept it offline)."""
    return (arrived - taken).total_seconds() > after_s


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


@dataclass(frozen=True)
class PositionSigns:
    """The signs of a fake position on one event (besides a spot shared with others)."""

    same_days: bool  # the same spot on `same_days_limit` days or more
    zero_accuracy: bool  # an accuracy of exactly 0, which no real fix has
    missing_accuracy: bool  # no accuracy, from an employee whose earlier fixes had one


def position_signs(
    *, days_here: int, same_days_limit: int, accuracy_m: float | None, had_accuracy: bool
) -> PositionSigns:
    """Judge one located event: `days_here` the days (this one included) its employee was at
    this spot, `had_accuracy` whether their earlier located events came with an accuracy."""
    return PositionSigns(
        same_days=days_here >= same_days_limit,
        zero_accuracy=accuracy_m == 0,
        missing_accuracy=accuracy_m is None and had_accuracy,
    )


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


def travel_speed_kmh(a: Fix, b: Fix, *, max_credit_m: float = math.inf) -> float:
    """The least speed that explains both fixes: distance less both accuracies (each capped by
    `accuracy_credit`), over the time."""
    gap = distance_m(a.latitude, a.longitude, b.latitude, b.longitude)
    credit = accuracy_credit(a.accuracy_m, max_credit_m)
    credit += accuracy_credit(b.accuracy_m, max_credit_m)
    gap = max(0.0, gap - credit)
    seconds = abs((b.ts - a.ts).total_seconds())
    if gap == 0:
        return 0.0
    if seconds == 0:
        return math.inf
    return gap / 1000 / (seconds / 3600)


def impossible_travel(
    a: Fix, b: Fix, *, max_kmh: float = MAX_TRAVEL_KMH, max_credit_m: float = math.inf
) -> bool:
    return travel_speed_kmh(a, b, max_credit_m=max_credit_m) > max_kmh
