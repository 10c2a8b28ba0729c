"""The kajian's energy page: per building and meter, WFH days against office days of the same
weeks (daily readings) or the month against a working-day baseline (bills), with rupiah, CO2,
inputs and confounding events; HR sees every building and the Pemda summary, an OPD admin only
their own buildings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from buildings.models import Bill, ConsumptionEvent, EmissionFactor, Meter, MeterKind, MeterReading
from evaluation import energy
from tests.attendance.conftest import publish
from tests.buildings.conftest import build_buildings
from wfh.models import Mode

WEEK = [dt.date(2025, 12, 1) + dt.timedelta(days=i) for i in range(5)]  # Mon 1 .. Fri 5 Dec
THURSDAY = WEEK[3]


@pytest.fixture
def bworld(world):
    world.b = build_buildings(world)
    EmissionFactor.objects.update_or_create(
        valid_from=dt.date(2019, 1, 1), defaults={"kg_co2_per_kwh": Decimal("0.87")}
    )
    staff = [world.head, world.staff, world.other]
    for day in WEEK:  # Thursday everyone home: a WFH day by occupancy, the rest office days
        for person in staff:
            publish(person, day, Mode.WFH if day == THURSDAY else Mode.WFO)
        value = 60 if day == THURSDAY else 100
        MeterReading.objects.create(
            meter=world.b.meter, start=day, end=day, value=value, source="form"
        )
    ConsumptionEvent.objects.create(building=world.b.office, day=WEEK[1], description="Server baru")
    ConsumptionEvent.objects.create(
        building=world.b.office, day=dt.date(2025, 10, 1), description="di luar periode"
    )
    return world


def report(world):
    return energy.energy_report(
        buildings=[world.b.office, world.b.other],
        start=WEEK[0],
        end=WEEK[-1],
        baseline_start=dt.date(2025, 10, 1),
        baseline_end=dt.date(2025, 10, 31),
    )


def test_a_low_onsite_day_is_a_wfh_day_and_is_compared_with_its_week(bworld):
    result = report(bworld)
    office = next(b for b in result.buildings if b.building == bworld.b.office)
    assert office.wfh_days == 1
    meter = office.meters[0]
    assert meter.method == "daily"
    assert meter.saved == Decimal(40)  # office days 100, Thursday 60
    assert meter.money.rupiah == Decimal(40000)  # Rp 1.000 per kWh
    assert meter.money.co2_kg == Decimal("34.8")
    assert [e.description for e in meter.events] == ["Server baru"]
    assert result.saved_kwh == Decimal(40)
    assert result.split.lower_use == Decimal(40) and result.split.closed_zones == 0


def test_closed_zone_days_given_to_the_report_are_split_out(bworld):
    from buildings.ledger import ClosedZoneDay

    result = energy.energy_report(
        buildings=[bworld.b.office],
        start=WEEK[0],
        end=WEEK[-1],
        baseline_start=dt.date(2025, 10, 1),
        baseline_end=dt.date(2025, 10, 31),
        closed_zone_days=[
            ClosedZoneDay(
                zone_id=bworld.b.zone.pk,
                meter_id=bworld.b.meter.pk,
                day=THURSDAY,
                share=Decimal("0.25"),
            )
        ],
    )
    assert result.split.closed_zones == Decimal(25)  # a quarter of an office day's 100 kWh
    assert result.split.lower_use == Decimal(15)


def test_a_meter_with_bills_only_is_compared_with_the_working_day_baseline(world):
    b = build_buildings(world)
    water = Meter.objects.create(building=b.office, code="PDAM", kind=MeterKind.WATER)
    Bill.objects.create(meter=water, month=dt.date(2025, 10, 1), quantity=230, amount_rp=0)
    Bill.objects.create(meter=water, month=dt.date(2025, 11, 1), quantity=160, amount_rp=0)
    result = energy.energy_report(
        buildings=[b.office],
        start=dt.date(2025, 11, 1),
        end=dt.date(2025, 11, 30),
        baseline_start=dt.date(2025, 10, 1),
        baseline_end=dt.date(2025, 10, 31),
    )
    entry = next(m for m in result.buildings[0].meters if m.meter == water)
    assert entry.method == "monthly"
    (month,) = entry.months
    # October 2025 has 23 working days, November 20 (no holiday): 10 m3 a day expected
    assert month.baseline[0].working_days == 23 and month.month.working_days == 20
    assert month.expected == Decimal(200) and entry.saved == Decimal(40)
    assert entry.money.rupiah is None  # no tariff on the water meter: said, not zero
    assert entry.money.co2_kg is None and not month.weather_normalised


def test_the_page_hr_sees_every_building_and_the_pemda_summary(
    client, bworld, django_assert_max_num_queries
):
    client.force_login(bworld.hr)
    query = "?start=2025-12-01&end=2025-12-05&baseline_start=2025-10-01&baseline_end=2025-10-31"
    with django_assert_max_num_queries(30):
        page = client.get(reverse("evaluation:energy") + query)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Gedung Diskominfo" in text and "Gedung Disdukcapil" in text
    assert "Ringkasan Pemda" in text and "Rp 40.000" in text and "Server baru" in text
    assert "di luar periode" not in text
    assert "Senin, 1 Desember 2025" in text


def test_an_opd_admin_sees_only_their_buildings_and_no_pemda_summary(client, bworld):
    client.force_login(bworld.opd_admin)
    text = client.get(
        reverse("evaluation:energy")
        + "?start=2025-12-01&end=2025-12-05&baseline_start=2025-10-01&baseline_end=2025-10-31"
    ).content.decode()
    assert "Gedung Diskominfo" in text and "Gedung Disdukcapil" not in text
    assert "Ringkasan Pemda" not in text


def test_an_employee_may_not_open_the_page(client, bworld):
    client.force_login(bworld.pegawai_user)
    assert client.get(reverse("evaluation:energy")).status_code == 403


def test_a_bad_period_is_named_not_a_500(client, bworld):
    client.force_login(bworld.hr)
    page = client.get(
        reverse("evaluation:energy")
        + "?start=2025-12-05&end=2025-12-01&baseline_start=x&baseline_end=2025-10-31"
    )
    assert page.status_code == 200
    assert page.context["form"].errors.keys() >= {"end", "baseline_start"}
