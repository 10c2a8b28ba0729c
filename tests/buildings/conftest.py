"""A building for the world: PEMKOT houses Diskominfo and Disdukcapil; L1 (4 seats) holds
Sekretariat and Bidang TIK, L2 (10 seats, a public counter) holds the Loket; RSUD houses nobody
of the world's OPDs. A week of December 2025 is published."""

from __future__ import annotations

import datetime as dt

import pytest

from buildings.models import Building, UnitSeat, Zone
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from tests.api.conftest import make_client  # noqa: F401 (the API tests' fixture, used here)
from tests.attendance.conftest import publish
from tests.factories import make_opd
from wfh.models import Mode

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
