"""A building of the shared test world for the planner's services, views and browser test.

Gedung Pemkot houses Diskominfo and Disdukcapil on three floors: Lantai 1, Zona A (10 seats) is
Disdukcapil's counter (a frontline unit), Lantai 2, Zona B (20 seats) Bidang TIK, Lantai 3,
Zona C (20 seats) the Sekretariat. A Thursday phase in January 2027 is published: on Thursdays
only the head of TIK (piket) and the counter's clerk are on site. The building's electricity meter
uses 500 kWh a working day at Rp 1.444,70: Zona A has 20 %, Zona B 40 %, Zona C the rest (40 %).
A second building, Gedung Dinkes, houses an OPD Diskominfo's admin does not administer.

`building` (the occupancy tests): Kantor Pemkot houses Diskominfo and Disdukcapil; L1 (4 seats)
holds Sekretariat and Bidang TIK, L2 (10 seats, a public counter) holds the Loket; RSUD houses
nobody of the world's OPDs. A week of December 2025 is published.
`bworld` (the ledger tests): Kominfo's and Dukcapil's offices, each with an electricity meter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

import pytest

from buildings.models import Building, Meter, MeterKind, Tariff, UnitSeat, Zone
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from tests.api.conftest import make_client  # noqa: F401 (the API tests' fixture, used here)
from tests.attendance.conftest import publish
from tests.factories import make_employee, make_opd, make_unit
from wfh.calendar import working_days
from wfh.models import Mode, PatternKind, Phase, Programme, Roster, ScheduleDay

TODAY = dt.date(2027, 1, 4)  # a Monday before the phase's first Thursday
PHASE_START = dt.date(2027, 1, 4)
PHASE_END = dt.date(2027, 1, 29)
THURSDAY = 3
PRICE = Decimal("1444.70")


def build_campus(world) -> SimpleNamespace:
    pemkot = Building.objects.create(code="PEMKOT", name="Gedung Pemkot")
    pemkot.opds.add(world.kominfo, world.dukcapil)
    zone_a = Zone.objects.create(
        building=pemkot, code="A", name="Zona A", floor="1", capacity=10,
        meter_share=Decimal("0.2"),
    )  # fmt: skip
    zone_b = Zone.objects.create(
        building=pemkot, code="B", name="Zona B", floor="2", capacity=20,
        meter_share=Decimal("0.4"),
    )  # fmt: skip
    zone_c = Zone.objects.create(building=pemkot, code="C", name="Zona C", floor="3", capacity=20)
    UnitSeat.objects.create(unit=world.counter, zone=zone_a)
    UnitSeat.objects.create(unit=world.it, zone=zone_b)
    UnitSeat.objects.create(unit=world.sek, zone=zone_c)
    meter = Meter.objects.create(
        building=pemkot, code="PLN-1", kind=MeterKind.ELECTRICITY, daily_estimate=Decimal("500")
    )
    Tariff.objects.create(meter=meter, valid_from=dt.date(2024, 1, 1), price_rp=PRICE)

    dinkes_opd = make_opd("DINKES", name="Dinas Kesehatan")
    dinkes = Building.objects.create(code="DINKES", name="Gedung Dinkes")
    dinkes.opds.add(dinkes_opd)
    gizi = make_unit(dinkes_opd, "GIZI", name="Seksi Gizi")
    zone_d = Zone.objects.create(building=dinkes, code="D", name="Zona D", capacity=30)
    UnitSeat.objects.create(unit=gizi, zone=zone_d)
    make_employee(dinkes_opd, gizi, name="Rina Gizi")

    programme = Programme.objects.create(slug="uji-2027", name="Uji 2027")
    phase = Phase.objects.create(
        programme=programme,
        slug="uji-2027-jan",
        name="Kamis Januari 2027",
        start=PHASE_START,
        end=PHASE_END,
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[THURSDAY],
    )
    days = working_days(PHASE_START, PHASE_END)
    thursdays = [d for d in days if d.weekday() == THURSDAY]
    rows = []
    for opd, people in (
        (world.kominfo, [world.head, world.staff, world.other]),
        (world.dukcapil, [world.clerk]),
    ):
        roster = Roster.objects.create(
            phase=phase,
            opd=opd,
            version=1,
            status=Roster.Status.READY,
            workflow=Roster.Workflow.PUBLISHED,
        )
        for emp in people:
            for day in days:
                onsite = day.weekday() != THURSDAY or emp in (world.head, world.clerk)
                rows.append(
                    ScheduleDay(
                        employee=emp,
                        day=day,
                        mode=Mode.WFO if onsite else Mode.WFH,
                        phase=phase,
                        opd=opd,
                        unit=emp.unit,
                        roster=roster,
                    )
                )
    ScheduleDay.objects.bulk_create(rows)
    return SimpleNamespace(
        pemkot=pemkot,
        dinkes=dinkes,
        zone_a=zone_a,
        zone_b=zone_b,
        zone_c=zone_c,
        zone_d=zone_d,
        phase=phase,
        days=days,
        thursdays=thursdays,
        meter=meter,
    )


@pytest.fixture
def campus(world):
    return build_campus(world)


@pytest.fixture
def on_today():
    """Pages read today from timezone.localdate(): pin it to TODAY."""
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield TODAY


def build_buildings(world) -> SimpleNamespace:
    """Kominfo's office (a zone seating SEK and TIK, an electricity meter priced Rp 1.000/kWh)
    and Dukcapil's (its own meter), for access and ledger tests."""
    office = Building.objects.create(code="KOMINFO-GD", name="Gedung Diskominfo")
    office.opds.add(world.kominfo)
    zone = Zone.objects.create(building=office, code="L1", name="Lantai 1", capacity=40)
    UnitSeat.objects.create(unit=world.sek, zone=zone)
    UnitSeat.objects.create(unit=world.it, zone=zone)
    meter = Meter.objects.create(building=office, code="PLN-1", kind=MeterKind.ELECTRICITY)
    Tariff.objects.create(meter=meter, valid_from=dt.date(2025, 1, 1), price_rp=Decimal(1000))
    other = Building.objects.create(code="DUKCAPIL-GD", name="Gedung Disdukcapil")
    other.opds.add(world.dukcapil)
    other_meter = Meter.objects.create(building=other, code="PLN-1", kind=MeterKind.ELECTRICITY)
    return SimpleNamespace(
        office=office, zone=zone, meter=meter, other=other, other_meter=other_meter
    )


@pytest.fixture
def bworld(world):
    world.b = build_buildings(world)
    return world


H, F, L = Mode.WFH, Mode.WFO, Mode.LEAVE  # home, office (F: "ke kantor"), leave
DAYS = [dt.date(2025, 12, 1) + dt.timedelta(days=i) for i in range(5)]  # Mon 1 .. Fri 5
# head, staff, other (all Diskominfo, L1), clerk (Disdukcapil, L2): one mode per day
MODES = {
    "head": [F, F, H, F, F],
    "staff": [F, H, F, H, L],
    "other": [F, F, F, F, F],  # approved leave on Thu 4 and Fri 5, recorded after publishing
    "clerk": [F, F, F, F, H],
}


@pytest.fixture
def building(world):
    return seed_building(world)


def seed_building(world):
    """The building, its zones and the published week, in the current database."""
    pemkot = Building.objects.create(code="PEMKOT", name="Kantor Pemkot")
    pemkot.opds.set([world.kominfo, world.dukcapil])
    l1 = Zone.objects.create(building=pemkot, code="L1", name="Lantai 1", capacity=4)
    l2 = Zone.objects.create(
        building=pemkot, code="L2", name="Lantai 2", capacity=10, always_on=True
    )
    UnitSeat.objects.create(unit=world.sek, zone=l1)
    UnitSeat.objects.create(unit=world.it, zone=l1)
    UnitSeat.objects.create(unit=world.counter, zone=l2)
    rsud = Building.objects.create(code="RSUD", name="RSUD")
    rsud.opds.set([make_opd("RSUD", name="RSUD Kota")])
    Zone.objects.create(building=rsud, code="A", name="Gedung A", capacity=50)
    for name, modes in MODES.items():
        for day, mode in zip(DAYS, modes, strict=True):
            publish(getattr(world, name), day, mode)
    LeaveRecord.objects.create(
        employee=world.other,
        kind=LeaveKind.CUTI_TAHUNAN,
        start=DAYS[3],
        end=DAYS[4],
        status=LeaveStatus.APPROVED,
    )
    LeaveRecord.objects.create(  # a pending request does not keep anyone away
        employee=world.head,
        kind=LeaveKind.CUTI_TAHUNAN,
        start=DAYS[0],
        end=DAYS[0],
        status=LeaveStatus.PENDING,
    )
    world.pemkot, world.l1, world.l2, world.rsud = pemkot, l1, l2, rsud
    return world
