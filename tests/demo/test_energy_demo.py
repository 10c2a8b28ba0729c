"""The demo's readings: a small office when no building exists, readings for whatever meters
exist otherwise, lower on WFH days, and the same rows when seeded twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from buildings.models import Building, MeterReading
from demo.energy import DEMO_BUILDING, energy_seed
from evaluation import energy
from tests.attendance.conftest import publish
from tests.buildings.conftest import build_buildings
from wfh.models import Mode

START, END = dt.date(2025, 12, 1), dt.date(2025, 12, 14)


def test_without_buildings_a_small_demo_office_gets_readings(world):
    written = energy_seed(start=START, end=END, seed=1)
    building = Building.objects.get(code=DEMO_BUILDING)
    assert building.meters.count() == 2 and written == 2 * 14
    assert list(building.opds.all()) == [world.dukcapil]  # the first OPD by code


def test_existing_buildings_get_readings_that_drop_on_wfh_days_and_reseeding_changes_nothing(world):
    b = build_buildings(world)
    thursday = dt.date(2025, 12, 4)
    for day in (dt.date(2025, 12, 1) + dt.timedelta(days=i) for i in range(5)):
        for person in (world.head, world.staff, world.other):
            publish(person, day, Mode.WFH if day == thursday else Mode.WFO)
    energy_seed(start=START, end=END, seed=3, event_day=START)
    assert not Building.objects.filter(code=DEMO_BUILDING).exists()
    values = dict(MeterReading.objects.filter(meter=b.meter).values_list("start", "value"))
    assert len(values) == 14
    office_days = [values[dt.date(2025, 12, d)] for d in (1, 2, 3, 5)]
    assert values[thursday] < min(office_days) * Decimal("0.7")
    before = sorted(MeterReading.objects.values_list("meter_id", "start", "value"))
    energy_seed(start=START, end=END, seed=3, event_day=START)
    assert sorted(MeterReading.objects.values_list("meter_id", "start", "value")) == before
    result = energy.energy_report(
        buildings=[b.office], start=START, end=END, baseline_start=START, baseline_end=END
    )
    assert result.saved_kwh > 0 and result.buildings[0].meters[0].events
