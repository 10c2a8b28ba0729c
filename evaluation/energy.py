"""The kajian's energy ledger: what WFH saved per building and meter, in kWh (or m³, litres, GB),
rupiah and CO2, each figure with its inputs and the events that may confound it.

The arithmetic is buildings.ledger (pure); this module reads the rows and decides, per meter:

- **daily readings** in the compared period: WFH days against office days of the same weeks.
  A *WFH day* of a building is a working day on which few of the people scheduled in its units
  are expected on site (at most LOW_ONSITE_SHARE of them, from the published schedule as
  buildings.occupancy counts it), or, where nothing is published for the day, a WFH weekday of a
  weekday-pattern phase of one of the building's OPDs. A 50:50 rotation day is an office day: the
  floors stay lit, which is what the trial found.
- **bills only**: each month of the period against the baseline months' use per working day;
  weather-normalised with cooling degree days where every bill compared carries them
  (Bill.degree_days), otherwise said not to be.

Rupiah come from the meter's tariff in force each day (Tariff), CO2 from the grid emission factor
in force each day (EmissionFactor, electricity only). The Pemda summary splits the electricity
saved into closed zones (`closed_zone_days_for`: the zone-days accepted consolidation plans
close) and lower use by the people left.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F

from buildings import ledger, plans
from buildings.models import (
    Bill,
    Building,
    ConsumptionEvent,
    EmissionFactor,
    Meter,
    MeterKind,
    MeterReading,
    UnitSeat,
)
from buildings.occupancy import onsite_by_unit_day
from wfh.calendar import working_days
from wfh.models import PatternKind, Phase, ScheduleDay

LOW_ONSITE_SHARE = Decimal("0.35")
ZERO = Decimal("0")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


# -- which days were WFH days -------------------------------------------------------------------


def wfh_days_by_building(
    *, buildings: list[Building], start: dt.date, end: dt.date, work: Iterable[dt.date]
) -> dict[int, set[dt.date]]:
    """{building id: its WFH days among the working days `work`} (three queries)."""
    work = set(work)
    unit_building = dict(
        UnitSeat.objects.filter(zone__building__in=buildings).values_list(
            "unit_id", "zone__building_id"
        )
    )
    onsite: dict[tuple[int, dt.date], int] = defaultdict(int)
    for (unit_id, day), n in onsite_by_unit_day(
        unit_ids=unit_building, start=start, end=end
    ).items():
        onsite[(unit_building[unit_id], day)] += n
    scheduled: dict[tuple[int, dt.date], int] = defaultdict(int)
    rows = (
        ScheduleDay.objects.filter(unit_id__in=list(unit_building), day__gte=start, day__lte=end)
        .values("unit_id", "day")
        .annotate(n=Count("id"))
        .values_list("unit_id", "day", "n")
        .order_by()
    )
    for unit_id, day, n in rows:
        scheduled[(unit_building[unit_id], day)] += n
    phases = list(
        Phase.objects.filter(pattern=PatternKind.WEEKDAY, start__lte=end, end__gte=start)
        .prefetch_related("opds")
        .order_by("start")
    )
    result: dict[int, set[dt.date]] = {}
    for building in buildings:
        opd_ids = {o.pk for o in building.opds.all()}
        days: set[dt.date] = set()
        for day in work:
            total = scheduled.get((building.pk, day), 0)
            if total:
                if Decimal(onsite.get((building.pk, day), 0)) <= LOW_ONSITE_SHARE * total:
                    days.add(day)
                continue
            for phase in phases:
                phase_opds = {o.pk for o in phase.opds.all()}
                if (
                    phase.start <= day <= phase.end
                    and day.weekday() in (phase.wfh_weekdays or [])
                    and (not phase_opds or phase_opds & opd_ids)
                ):
                    days.add(day)
                    break
        result[building.pk] = days
    return result


def closed_zone_days_for(
    *, buildings: list[Building], start: dt.date, end: dt.date
) -> list[ledger.ClosedZoneDay]:
    """The zone-days closed by accepted consolidation plans (buildings.plans.closed_zone_days),
    each with its share of its meter; ledger.closed_zone_savings does the rest."""
    return [
        ledger.ClosedZoneDay(zone_id=zone_id, meter_id=meter_id, day=day, share=share)
        for zone_id, meter_id, day, share in plans.closed_zone_days(
            buildings=buildings, start=start, end=end
        )
    ]


# -- the report ----------------------------------------------------------------------------------


@dataclass
class MeterLedger:
    meter: Meter
    method: str  # "daily", "monthly" or "none"
    start: dt.date | None = None  # the compared period
    end: dt.date | None = None
    daily: ledger.DailyComparison | None = None
    months: list[ledger.MonthlyComparison] = field(default_factory=list)
    saved: Decimal = ZERO
    money: ledger.Money | None = None
    tariffs: list[tuple[dt.date, Decimal]] = field(default_factory=list)  # in force in the period
    factors: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    events: list[ledger.Event] = field(default_factory=list)
    missing_quantity: int = 0  # bills with rupiah only

    @property
    def unit(self) -> str:
        return self.meter.unit_label

    @property
    def is_electricity(self) -> bool:
        return self.meter.kind == MeterKind.ELECTRICITY


@dataclass
class BuildingLedger:
    building: Building
    meters: list[MeterLedger]
    wfh_days: int

    @property
    def saved_kwh(self) -> Decimal:
        return sum((m.saved for m in self.meters if m.is_electricity), ZERO)

    @property
    def saved_rp(self) -> Decimal:
        return sum((m.money.rupiah or ZERO for m in self.meters if m.money), ZERO)

    @property
    def saved_co2(self) -> Decimal:
        return sum((m.money.co2_kg or ZERO for m in self.meters if m.money), ZERO)


@dataclass
class EnergyReport:
    start: dt.date
    end: dt.date
    baseline_start: dt.date
    baseline_end: dt.date
    buildings: list[BuildingLedger]
    split: ledger.Split
    closed_zone_rp: Decimal = ZERO

    @property
    def saved_kwh(self) -> Decimal:
        return sum((b.saved_kwh for b in self.buildings), ZERO)

    @property
    def saved_rp(self) -> Decimal:
        return sum((b.saved_rp for b in self.buildings), ZERO)

    @property
    def saved_co2(self) -> Decimal:
        return sum((b.saved_co2 for b in self.buildings), ZERO)

    @property
    def has_data(self) -> bool:
        return any(m.method != "none" for b in self.buildings for m in b.meters)


def _in_force(prices: list[tuple[dt.date, Decimal]], start: dt.date, end: dt.date) -> list:
    """The prices in force at some point of start..end: the one at start and any later."""
    at_start = [p for p in prices if p[0] <= start]
    later = [p for p in prices if start < p[0] <= end]
    return ([max(at_start)] if at_start else []) + sorted(later)


def energy_report(
    *,
    buildings: Iterable[Building],
    start: dt.date,
    end: dt.date,
    baseline_start: dt.date,
    baseline_end: dt.date,
    closed_zone_days: list[ledger.ClosedZoneDay] | None = None,
) -> EnergyReport:
    """The ledger of these buildings for start..end (daily comparison within it; bills against
    the baseline months). A fixed number of queries, whatever the number of buildings."""
    buildings = list(
        Building.objects.filter(pk__in=[b.pk for b in buildings]).prefetch_related("opds")
    )
    meters = list(
        Meter.objects.filter(building__in=buildings, active=True)
        .select_related("building")
        .prefetch_related("tariffs")
        .order_by("building__code", "code")
    )
    first = min(start, baseline_start)
    work = working_days(first, end)
    period_work = [d for d in work if start <= d <= end]
    wfh = wfh_days_by_building(buildings=buildings, start=start, end=end, work=period_work)
    daily: dict[int, dict[dt.date, Decimal]] = defaultdict(dict)
    for meter_id, day, value in MeterReading.objects.filter(
        meter__in=meters, start__gte=start, end__lte=end, start=F("end")
    ).values_list("meter_id", "start", "value"):
        daily[meter_id][day] = value
    bills: dict[int, dict[dt.date, Bill]] = defaultdict(dict)
    for bill in Bill.objects.filter(
        meter__in=meters, month__gte=month_start(first), month__lte=end
    ).order_by():
        bills[bill.meter_id][bill.month] = bill
    events = [
        ledger.Event(e.day, e.description, e.building_id, e.meter_id)
        for e in ConsumptionEvent.objects.filter(
            building__in=buildings, day__gte=first, day__lte=end
        ).order_by()
    ]
    factors = list(EmissionFactor.objects.values_list("valid_from", "kg_co2_per_kwh"))
    baseline_months = [
        m for m in months_between(baseline_start, baseline_end) if month_end(m) <= baseline_end
    ] or months_between(baseline_start, baseline_end)
    period_months = [m for m in months_between(start, end) if m not in baseline_months]
    work_by_month: dict[dt.date, list[dt.date]] = defaultdict(list)
    for d in work:
        work_by_month[month_start(d)].append(d)

    by_building: dict[int, list[MeterLedger]] = defaultdict(list)
    office_use: dict[int, Decimal] = {}
    for meter in meters:
        tariffs = sorted((t.valid_from, t.price_rp) for t in meter.tariffs.all())
        meter_factors = factors if meter.kind == MeterKind.ELECTRICITY else None
        entry = MeterLedger(meter=meter, method="none")
        comparison = ledger.daily_compare(
            daily.get(meter.pk, {}), wfh_days=wfh[meter.building_id], working_days=period_work
        )
        if comparison.weeks:
            days = [d for w in comparison.weeks for d in (*w.wfh_days, *w.office_days)]
            entry.method, entry.daily = "daily", comparison
            entry.start, entry.end = min(days), max(days)
            entry.saved = comparison.saved
            entry.money = ledger.value_of(
                comparison.saved_by_day, tariffs=tariffs, factors=meter_factors
            )
            if comparison.office_mean is not None:
                office_use[meter.pk] = comparison.office_mean
        else:
            meter_bills = bills.get(meter.pk, {})
            baseline = []
            for m in baseline_months:
                bill = meter_bills.get(m)
                if bill is not None and bill.quantity is not None:
                    baseline.append(
                        ledger.MonthUse(m, bill.quantity, len(work_by_month[m]), bill.degree_days)
                    )
            saved_by_day: dict[dt.date, Decimal] = {}
            for m in period_months:
                bill = meter_bills.get(m)
                if bill is None:
                    continue
                if bill.quantity is None:
                    entry.missing_quantity += 1
                    continue
                use = ledger.MonthUse(m, bill.quantity, len(work_by_month[m]), bill.degree_days)
                month = ledger.monthly_compare(use, baseline=baseline)
                if month is None:
                    continue
                entry.months.append(month)
                saved_by_day.update(ledger.month_saved_by_day(month, working_days=work_by_month[m]))
            if entry.months:
                entry.method = "monthly"
                entry.start = min(b.month for b in entry.months[0].baseline)
                entry.end = month_end(entry.months[-1].month.month)
                entry.saved = sum((c.saved for c in entry.months), ZERO)
                entry.money = ledger.value_of(saved_by_day, tariffs=tariffs, factors=meter_factors)
        if entry.start is not None:
            entry.tariffs = _in_force(tariffs, entry.start, entry.end)
            if meter_factors is not None:
                entry.factors = _in_force(factors, entry.start, entry.end)
            entry.events = ledger.confounders(
                events,
                building_id=meter.building_id,
                meter_id=meter.pk,
                start=entry.start,
                end=entry.end,
            )
        by_building[meter.building_id].append(entry)

    ledgers = [
        BuildingLedger(building=b, meters=by_building.get(b.pk, []), wfh_days=len(wfh[b.pk]))
        for b in buildings
    ]
    closed = closed_zone_days_for(buildings=buildings, start=start, end=end)
    closed = list(closed_zone_days if closed_zone_days is not None else closed)
    electricity = {m.pk for m in meters if m.kind == MeterKind.ELECTRICITY}
    closed_kwh = sum(
        (
            v
            for meter_id, v in ledger.closed_zone_savings(closed, office_day_use=office_use).items()
            if meter_id in electricity
        ),
        ZERO,
    )
    report = EnergyReport(
        start=start,
        end=end,
        baseline_start=baseline_start,
        baseline_end=baseline_end,
        buildings=ledgers,
        split=ledger.split_savings(total=ZERO, closed_zones=ZERO),
    )
    report.split = ledger.split_savings(total=report.saved_kwh, closed_zones=closed_kwh)
    return report
