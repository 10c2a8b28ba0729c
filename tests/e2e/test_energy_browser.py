"""HR opens the kajian's energy page in a real browser, on a phone too, and reads what the WFH
day saved on the office meter, the inputs behind it and the event that may confound it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from buildings.models import ConsumptionEvent, EmissionFactor, MeterReading
from tests.attendance.conftest import publish
from tests.buildings.conftest import build_buildings
from tests.e2e.conftest import PHONE, login
from wfh.models import Mode

WEEK = [dt.date(2025, 12, 1) + dt.timedelta(days=i) for i in range(5)]
QUERY = "?start=2025-12-01&end=2025-12-05&baseline_start=2025-10-01&baseline_end=2025-10-31"


def seed(world):
    b = build_buildings(world)
    EmissionFactor.objects.update_or_create(
        valid_from=dt.date(2019, 1, 1), defaults={"kg_co2_per_kwh": Decimal("0.87")}
    )
    for day in WEEK:
        for person in (world.head, world.staff, world.other):
            publish(person, day, Mode.WFH if day == WEEK[3] else Mode.WFO)
        MeterReading.objects.create(
            meter=b.meter, start=day, end=day, value=60 if day == WEEK[3] else 100, source="form"
        )
    ConsumptionEvent.objects.create(
        building=b.office, day=WEEK[1], description="Lampu dimatikan pukul 21:00"
    )


@pytest.mark.parametrize("viewport", [PHONE])
def test_hr_reads_the_saving_its_inputs_and_the_confounding_event(page, live_server, live_world):
    seed(live_world)
    login(page, live_server, live_world.hr.username, live_world.password)
    page.goto(f"{live_server.url}/evaluasi/energi/{QUERY}")
    expect(page.locator("[data-figure=total-kwh]")).to_have_text("40,0 kWh")
    expect(page.locator("[data-figure=total-rp]")).to_have_text("Rp 40.000")
    meter = page.locator("section.building-ledger", has_text="Gedung Diskominfo").locator(
        "article[data-meter=PLN-1]"
    )
    expect(meter).to_contain_text("Lampu dimatikan pukul 21:00")
    meter.get_by_text("data di balik angka").click()
    expect(meter).to_contain_text("1 hari WFH, rata-rata 60,0 kWh per hari")
    expect(meter).to_contain_text("4 hari kantor, rata-rata 100,0 kWh per hari")
    # the page fits the phone: nothing wider than the viewport
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
