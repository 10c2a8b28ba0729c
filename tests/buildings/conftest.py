from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from buildings.models import Building, Meter, MeterKind, Tariff, UnitSeat, Zone


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
