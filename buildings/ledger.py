"""The savings ledger's arithmetic: pure Python on plain values, no database, no `now()`.

Two comparisons, chosen by what a meter has:

- **Daily readings** (`daily_compare`): each WFH day is compared with the office days *of the
  same ISO week* on the same meter, so a season, a tariff change or a new server months away does
  not leak into the figure. A week with no WFH day or no office day is skipped and counted. The
  saving of a WFH day is the mean of its week's office days minus its own reading.
- **Monthly bills only** (`monthly_compare`): the month's quantity against a baseline per working
  day (the mean of the baseline months' quantity per working day), times the month's working
  days. Weather, optional: where the baseline months and the month all carry cooling degree days,
  the baseline is scaled by the month's degree days over the baseline's mean degree days (an
  office in Indonesia is cooled, not heated); without them the figure says it is not weather-
  normalised.

Money and CO2: every kWh saved on a day is priced with the tariff in force that day
(`price_on`) and, for electricity, weighed with the emission factor in force that day. Each result
keeps its inputs, so a page can show how the figure was made.

`closed_zone_savings` is the seam for the consolidation planner: given the zone-days closed and
each zone's share of its meter, what closing them saved; `split_savings` then tells the Pemda
summary how much came from closed zones and how much from lower use.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")


def price_on(prices: Sequence[tuple[dt.date, Decimal]], day: dt.date) -> Decimal | None:
    """The value in force on `day` from (valid_from, value) pairs: the latest from on or before
    the day, or None when none is yet in force (works for tariffs and emission factors)."""
    best: tuple[dt.date, Decimal] | None = None
    for valid_from, value in prices:
        if valid_from <= day and (best is None or valid_from > best[0]):
            best = (valid_from, value)
    return best[1] if best else None


def _q(value: Decimal, places: str = "0.001") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Money:
    """Rupiah and kg CO2 of a saving, with the days that had no tariff or no factor."""

    rupiah: Decimal | None
    co2_kg: Decimal | None
    days_without_tariff: int = 0
    days_without_factor: int = 0


def value_of(
    saved_by_day: Mapping[dt.date, Decimal],
    *,
    tariffs: Sequence[tuple[dt.date, Decimal]],
    factors: Sequence[tuple[dt.date, Decimal]] | None,
) -> Money:
    """Rupiah (tariff of each day) and CO2 (factor of each day; None for a meter that is not
    electricity) of the quantity saved on each day."""
    rupiah, co2 = ZERO, ZERO
    no_tariff = no_factor = 0
    for day, saved in saved_by_day.items():
        price = price_on(tariffs, day)
        if price is None:
            no_tariff += 1
        else:
            rupiah += saved * price
        if factors is not None:
            factor = price_on(factors, day)
            if factor is None:
                no_factor += 1
            else:
                co2 += saved * factor
    priced = len(saved_by_day) - no_tariff
    return Money(
        rupiah=_q(rupiah, "1") if priced or not saved_by_day else None,
        co2_kg=(_q(co2, "0.1") if factors is not None and len(saved_by_day) > no_factor else None),
        days_without_tariff=no_tariff,
        days_without_factor=no_factor,
    )


# -- daily readings: WFH days against office days of the same week -------------------------------


@dataclass(frozen=True)
class WeekComparison:
    week: tuple[int, int]  # ISO (year, week)
    wfh_days: tuple[dt.date, ...]
    office_days: tuple[dt.date, ...]
    wfh_mean: Decimal
    office_mean: Decimal
    saved: Decimal  # over the week's WFH days


@dataclass(frozen=True)
class DailyComparison:
    weeks: tuple[WeekComparison, ...]
    weeks_skipped: int  # weeks with readings but no WFH day or no office day
    saved_by_day: dict[dt.date, Decimal] = field(default_factory=dict)

    @property
    def wfh_days(self) -> int:
        return sum(len(w.wfh_days) for w in self.weeks)

    @property
    def office_days(self) -> int:
        return sum(len(w.office_days) for w in self.weeks)

    @property
    def saved(self) -> Decimal:
        return sum((w.saved for w in self.weeks), ZERO)

    @property
    def wfh_mean(self) -> Decimal | None:
        days = [d for w in self.weeks for d in w.wfh_days]
        return (
            _q(sum(w.wfh_mean * len(w.wfh_days) for w in self.weeks) / len(days)) if days else None
        )

    @property
    def office_mean(self) -> Decimal | None:
        n = self.office_days
        if not n:
            return None
        return _q(sum(w.office_mean * len(w.office_days) for w in self.weeks) / n)

    @property
    def saved_share(self) -> Decimal | None:
        """The saving per WFH day as a share of an office day's use (0.25 = a quarter less)."""
        if not self.weeks or not self.office_mean:
            return None
        return _q((self.office_mean - self.wfh_mean) / self.office_mean, "0.0001")


def daily_compare(
    readings: Mapping[dt.date, Decimal],
    *,
    wfh_days: Iterable[dt.date],
    working_days: Iterable[dt.date],
) -> DailyComparison:
    """Compare each WFH day's reading with the mean of the office days of its ISO week.

    `readings` are one-day readings by day; `working_days` the days the office should be open
    (weekends and holidays left out, they are neither); a working day that is not a WFH day is an
    office day. Days without a reading are left out."""
    wfh = set(wfh_days)
    by_week: dict[tuple[int, int], tuple[list[dt.date], list[dt.date]]] = defaultdict(
        lambda: ([], [])
    )
    for day in sorted(set(working_days)):
        if day not in readings:
            continue
        year, week, _ = day.isocalendar()
        by_week[(year, week)][0 if day in wfh else 1].append(day)
    weeks: list[WeekComparison] = []
    skipped = 0
    saved_by_day: dict[dt.date, Decimal] = {}
    for key in sorted(by_week):
        home, office = by_week[key]
        if not home or not office:
            skipped += 1
            continue
        office_mean = sum((readings[d] for d in office), ZERO) / len(office)
        wfh_mean = sum((readings[d] for d in home), ZERO) / len(home)
        for d in home:
            saved_by_day[d] = office_mean - readings[d]
        weeks.append(
            WeekComparison(
                week=key,
                wfh_days=tuple(home),
                office_days=tuple(office),
                wfh_mean=_q(wfh_mean),
                office_mean=_q(office_mean),
                saved=_q((office_mean - wfh_mean) * len(home)),
            )
        )
    return DailyComparison(weeks=tuple(weeks), weeks_skipped=skipped, saved_by_day=saved_by_day)


# -- bills only: the month against a working-day (and, if known, weather) normalised baseline ----


@dataclass(frozen=True)
class MonthUse:
    """One month's billed quantity, its working days and (optional) cooling degree days."""

    month: dt.date  # the first of the month
    quantity: Decimal
    working_days: int
    degree_days: Decimal | None = None


@dataclass(frozen=True)
class MonthlyComparison:
    month: MonthUse
    baseline: tuple[MonthUse, ...]
    per_working_day: Decimal  # the baseline's quantity per working day
    expected: Decimal  # what the month would have used at the baseline's rate
    weather_normalised: bool
    weather_factor: Decimal | None

    @property
    def saved(self) -> Decimal:
        return _q(self.expected - self.month.quantity)

    @property
    def saved_share(self) -> Decimal | None:
        return _q(self.saved / self.expected, "0.0001") if self.expected else None


def monthly_compare(month: MonthUse, *, baseline: Sequence[MonthUse]) -> MonthlyComparison | None:
    """The month against the baseline months' use per working day; None without a usable
    baseline (no month with working days)."""
    usable = [b for b in baseline if b.working_days > 0]
    if not usable:
        return None
    rate = sum((b.quantity for b in usable), ZERO) / sum(b.working_days for b in usable)
    expected = rate * month.working_days
    weather = None
    if month.degree_days is not None and all(b.degree_days is not None for b in usable):
        base_dd = sum((b.degree_days for b in usable), ZERO) / len(usable)
        if base_dd > 0:
            weather = month.degree_days / base_dd
            expected *= weather
    return MonthlyComparison(
        month=month,
        baseline=tuple(usable),
        per_working_day=_q(rate),
        expected=_q(expected),
        weather_normalised=weather is not None,
        weather_factor=_q(weather, "0.0001") if weather is not None else None,
    )


def month_saved_by_day(
    comparison: MonthlyComparison, *, working_days: Sequence[dt.date]
) -> dict[dt.date, Decimal]:
    """A month's saving spread evenly over its working days, for pricing day by day."""
    if not working_days:
        return {}
    share = comparison.saved / len(working_days)
    return dict.fromkeys(working_days, share)


# -- events that may confound a figure ------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    day: dt.date
    description: str
    building_id: int
    meter_id: int | None = None


def confounders(
    events: Iterable[Event], *, building_id: int, meter_id: int, start: dt.date, end: dt.date
) -> list[Event]:
    """The events of this building (whole building or this meter) dated within the compared
    period, start and end included, by date."""
    return sorted(
        (
            e
            for e in events
            if e.building_id == building_id
            and e.meter_id in (None, meter_id)
            and start <= e.day <= end
        ),
        key=lambda e: (e.day, e.description),
    )


# -- closed zones against lower use ---------------------------------------------------------------


@dataclass(frozen=True)
class ClosedZoneDay:
    """A zone closed on a day, its share of the meter (0..1) and the meter it shares."""

    zone_id: int
    meter_id: int
    day: dt.date
    share: Decimal


def closed_zone_savings(
    closed: Iterable[ClosedZoneDay], *, office_day_use: Mapping[int, Decimal]
) -> dict[int, Decimal]:
    """{meter id: quantity saved by closing zones}: each closed zone-day saves its share of its
    meter's use on an office day (`office_day_use`, e.g. DailyComparison.office_mean). A meter
    without a known office-day use saves nothing here. A zone counted twice on a day counts once."""
    seen: set[tuple[int, dt.date]] = set()
    saved: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for zd in closed:
        if (zd.zone_id, zd.day) in seen or zd.meter_id not in office_day_use:
            continue
        seen.add((zd.zone_id, zd.day))
        saved[zd.meter_id] += office_day_use[zd.meter_id] * zd.share
    return {meter: _q(value) for meter, value in saved.items()}


@dataclass(frozen=True)
class Split:
    total: Decimal
    closed_zones: Decimal
    lower_use: Decimal


def split_savings(*, total: Decimal, closed_zones: Decimal) -> Split:
    """The measured saving split into what closed zones explain and the rest (lower use by the
    people left). Closed zones cannot explain more than was measured, nor less than nothing."""
    if total <= 0:
        return Split(total=total, closed_zones=ZERO, lower_use=total)
    part = min(max(closed_zones, ZERO), total)
    return Split(total=total, closed_zones=part, lower_use=total - part)
