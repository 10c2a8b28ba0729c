"""The demo's office complexes: the Pemkot centre's floors hold several OPDs, each zone seats
its staff, the meters carry the PLN and PDAM government tariffs; written in a few queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from buildings.models import Building, Meter, Tariff, UnitSeat
from demo.buildings import buildings_seed
from demo.city import city_seed
from opd.models import Employee


def test_the_pemkot_centre_has_floors_with_several_opds_and_seats_for_them(
    db, django_assert_max_num_queries
):
    city_seed(employees=400, seed=7, password="rahasia-123")
    with django_assert_max_num_queries(20):
        written = buildings_seed()
    assert written["buildings"] == 4
    pemkot = Building.objects.get(code="PEMKOT")
    assert pemkot.opds.count() >= 4
    floors = list(pemkot.zones.order_by("code"))
    assert len(floors) >= 4
    for zone in floors:
        seated = UnitSeat.objects.filter(zone=zone).values_list("unit_id", flat=True)
        staff = Employee.objects.filter(unit_id__in=list(seated)).count()
        assert zone.capacity >= staff, zone
    assert any(z.always_on and z.always_on_note == "Ruang server" for z in floors)
    opds_per_floor = {
        z.code: set(UnitSeat.objects.filter(zone=z).values_list("unit__opd__code", flat=True))
        for z in floors
    }
    assert len(set().union(*opds_per_floor.values())) >= 4
    pln = Meter.objects.get(building=pemkot, code="PLN-1")
    assert pln.tariff_on(dt.date(2025, 12, 4)).price_rp == Decimal("1444.70")
    assert Tariff.objects.filter(meter__kind="water").exists()


def test_seeding_the_complexes_again_replaces_them(db):
    city_seed(employees=400, seed=7, password="rahasia-123")
    buildings_seed()
    buildings_seed()
    assert Building.objects.filter(code="PEMKOT").count() == 1
    assert UnitSeat.objects.values("unit_id").distinct().count() == UnitSeat.objects.count()
