"""The demo's savings ledger: daily readings for every meter of every building, responding to
the buildings' WFH days, plus one confounding event (a lighting cut just before the trial).

Works with whatever buildings exist (the demo city's own, or none): with no building at all it
makes one small office (one zone, one electricity and one water meter) for the first OPD, so the
energy page always has something true to show. Readings are written set-wise and replace the
demo's own readings of the span, so seeding twice gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from buildings.models import (
    Building,
    ConsumptionEvent,
    EmissionFactor,
    Meter,
    MeterKind,
    MeterReading,
    ReadingSource,
    Tariff,
    UnitSeat,
    Zone,
)
from evaluation.energy import wfh_days_by_building
from opd.models import Opd, Unit
from wfh.calendar import working_days

DEMO_BUILDING = "DEMO-KANTOR"
TARIFFS = {  # rupiah per unit, plausible 2025 government rates
    MeterKind.ELECTRICITY: Decimal("1444.70"),
    MeterKind.WATER: Decimal("7450.00"),
    MeterKind.FUEL: Decimal("10000.00"),
    MeterKind.INTERNET: Decimal("0.00"),
}
OFFICE_DAY = {  # a working day with everyone in, per seat of the building
    MeterKind.ELECTRICITY: Decimal("3.2"),
    MeterKind.WATER: Decimal("0.045"),
    MeterKind.FUEL: Decimal("0.02"),
    MeterKind.INTERNET: Decimal("0.8"),
}
WFH_SHARE = Decimal("0.58")  # a WFH day uses this share of an office day (servers, counters stay)
IDLE_SHARE = Decimal("0.30")  # a weekend or holiday
LIGHTING_EVENT = "Lampu gedung dimatikan pukul 21:00 (kebijakan penghematan sebelum uji coba)"
SERVER_EVENT = "Server baru dipasang di ruang server (beban menyala terus)"


def _demo_building() -> Building:
    """One small office for the first OPD, with a zone seating its units and two meters."""
    building, _ = Building.objects.get_or_create(
        code=DEMO_BUILDING, defaults={"name": "Kantor Demo", "address": "Jl. Demo No. 1"}
    )
    opd = Opd.objects.order_by("code").first()
    zone, _ = Zone.objects.get_or_create(
        building=building, code="L1", defaults={"name": "Lantai 1", "floor": "1", "capacity": 60}
    )
    if opd is not None:
        building.opds.add(opd)
        seated = set(UnitSeat.objects.values_list("unit_id", flat=True))
        UnitSeat.objects.bulk_create(
            [
                UnitSeat(unit=u, zone=zone)
                for u in Unit.objects.filter(opd=opd)
                if u.pk not in seated
            ]
        )
    for code, kind in (("PLN-1", MeterKind.ELECTRICITY), ("PDAM-1", MeterKind.WATER)):
        Meter.objects.get_or_create(building=building, code=code, defaults={"kind": kind})
    return building


def _estimates_set(meters, rows, *, office_days: set, wfh: dict) -> None:
    """Each electricity meter's daily_estimate (what the consolidation planner prices a closed
    zone with): the mean of its readings just written on office days (working, not WFH); one
    bulk update."""
    values: dict[int, list[Decimal]] = {}
    building_of = {m.pk: m.building_id for m in meters}
    for r in rows:
        if r.start in office_days and r.start not in wfh[building_of[r.meter_id]]:
            values.setdefault(r.meter_id, []).append(r.value)
    changed = []
    for meter in meters:
        if meter.kind == MeterKind.ELECTRICITY and values.get(meter.pk):
            got = values[meter.pk]
            meter.daily_estimate = (sum(got, Decimal(0)) / len(got)).quantize(Decimal("0.01"))
            changed.append(meter)
    Meter.objects.bulk_update(changed, ["daily_estimate"])


def energy_seed(
    *, start: dt.date, end: dt.date, seed: int, event_day: dt.date | None = None
) -> int:
    """Daily readings start..end for every active meter (a demo building first when none
    exists), and each electricity meter's daily estimate from its office days among them;
    returns the number of readings written."""
    if not Building.objects.exists():
        _demo_building()
    EmissionFactor.objects.get_or_create(
        valid_from=dt.date(2019, 1, 1),
        defaults={"kg_co2_per_kwh": Decimal("0.87"), "source": "PLN (perkiraan)"},
    )
    buildings = list(Building.objects.filter(active=True).prefetch_related("opds", "zones"))
    meters = list(Meter.objects.filter(building__in=buildings, active=True).order_by("pk"))
    for meter in meters:
        if not meter.tariffs.exists():
            Tariff.objects.create(
                meter=meter, valid_from=start, price_rp=TARIFFS.get(meter.kind, Decimal("0"))
            )
    work = set(working_days(start, end))
    wfh = wfh_days_by_building(buildings=buildings, start=start, end=end, work=work)
    seats = {b.pk: sum(z.capacity for z in b.zones.all()) or 50 for b in buildings}
    MeterReading.objects.filter(
        meter__in=meters, source=ReadingSource.DEMO, start__gte=start, end__lte=end
    ).delete()
    taken = set(
        MeterReading.objects.filter(meter__in=meters, start__lte=end, end__gte=start).values_list(
            "meter_id", "start"
        )
    )
    rows = []
    for meter in meters:
        rng = random.Random(seed * 7919 + meter.pk)
        office = OFFICE_DAY.get(meter.kind, Decimal("1")) * seats[meter.building_id]
        if meter.zone_id is not None:
            office /= 4
        day = start
        while day <= end:
            if (meter.pk, day) not in taken:
                if day in wfh[meter.building_id]:
                    level = WFH_SHARE
                elif day in work:
                    level = Decimal("1")
                else:
                    level = IDLE_SHARE
                noise = Decimal(str(round(rng.uniform(0.95, 1.05), 3)))
                rows.append(
                    MeterReading(
                        meter=meter,
                        start=day,
                        end=day,
                        value=(office * level * noise).quantize(Decimal("0.001")),
                        source=ReadingSource.DEMO,
                    )
                )
            day += dt.timedelta(days=1)
    MeterReading.objects.bulk_create(rows, batch_size=2000)
    _estimates_set(meters, rows, office_days=work, wfh=wfh)
    if buildings and event_day is not None:
        # the events belong to the largest office (most seats), where a bill would mislead most
        main = max(buildings, key=lambda b: (sum(z.capacity for z in b.zones.all()), -b.pk))
        for day, text in (
            (event_day, LIGHTING_EVENT),
            (event_day + dt.timedelta(days=44), SERVER_EVENT),
        ):
            ConsumptionEvent.objects.get_or_create(
                building=main, meter=None, day=day, description=text
            )
    return len(rows)
