"""The demo city's office complexes: the Pemkot Bekasi centre (Jl. Ir. H. Juanda No. 100), its
floors holding the secretariats and badan, and a few OPD buildings; zones with seats for the
staff placed there, and meters with plausible tariffs (PLN's government tariff P-1/TR about
Rp 1.444,70/kWh, PDAM Tirta Patriot water, solar for the genset, the office internet).

Written set-wise (a handful of bulk inserts), after the registry; the OPDs and units a complex
names but the city lacks (a smaller --employees) are left out.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from buildings.models import Building, Meter, MeterKind, Tariff, UnitSeat, Zone
from opd.models import Opd, Unit

TARIFF_FROM = dt.date(2024, 1, 1)
PLN_GOVERNMENT = Decimal("1444.70")  # Rp/kWh, P-1/TR, unchanged since 2023 (Permen ESDM)
PDAM_GOVERNMENT = Decimal("7450.00")  # Rp/m³, instansi pemerintah
SOLAR = Decimal("13250.00")  # Rp/litre, Dexlite for the genset
INTERNET = Decimal("1500.00")  # Rp/GB of the office link


@dataclass(frozen=True)
class Complex:
    code: str
    name: str
    address: str
    latitude: str
    longitude: str
    opds: tuple[str, ...]
    floors: int
    server_opd: str = ""  # the floor holding this OPD keeps a server room on
    counter_unit: str = ""  # a public counter's unit: its zone never closes
    genset: bool = False


COMPLEXES = (
    Complex(
        "PEMKOT",
        "Kompleks Kantor Pemerintah Kota Bekasi",
        "Jl. Ir. H. Juanda No. 100, Marga Jaya, Bekasi Selatan",
        "-6.238600",
        "106.994500",
        (
            "SETDA",
            "SETWAN",
            "INSPEKTORAT",
            "BAPPELITBANGDA",
            "BKPSDM",
            "BPKAD",
            "BAPENDA",
            "DISKOMINFOSTANDI",
        ),
        6,
        server_opd="DISKOMINFOSTANDI",
        genset=True,
    ),
    Complex(
        "GD-DISDIK",
        "Gedung Dinas Pendidikan",
        "Jl. Lapan No. 1, Pekayon Jaya, Bekasi Selatan",
        "-6.252900",
        "106.985700",
        ("DISDIK",),
        3,
    ),
    Complex(
        "GD-DINKES",
        "Gedung Dinas Kesehatan",
        "Jl. Pramuka No. 10, Marga Jaya, Bekasi Selatan",
        "-6.243300",
        "106.997800",
        ("DINKES",),
        2,
    ),
    Complex(
        "GD-DUKCAPIL",
        "Gedung Disdukcapil",
        "Jl. Ir. H. Juanda No. 100 (Gedung Pelayanan), Bekasi Selatan",
        "-6.239100",
        "106.993900",
        ("DISDUKCAPIL",),
        2,
        counter_unit="LOKET",
    ),
)


def buildings_seed() -> dict[str, int]:
    """Replace the demo complexes (by code) with fresh ones; returns what was written."""
    Building.objects.filter(code__in=[c.code for c in COMPLEXES]).delete()
    opds = {o.code: o for o in Opd.objects.filter(code__in={c for x in COMPLEXES for c in x.opds})}
    units = list(
        Unit.objects.filter(opd__in=opds.values())
        .select_related("opd")
        .annotate(staff=Count("employees"))
        .order_by("opd__code", "code")
    )
    buildings = Building.objects.bulk_create(
        [
            Building(
                code=c.code,
                name=c.name,
                address=c.address,
                latitude=Decimal(c.latitude),
                longitude=Decimal(c.longitude),
            )
            for c in COMPLEXES
        ]
    )
    ids = dict(
        Building.objects.filter(code__in=[c.code for c in COMPLEXES]).values_list("code", "id")
    )
    through = Building.opds.through
    through.objects.bulk_create(
        [
            through(building_id=ids[c.code], opd_id=opds[o].pk)
            for c in COMPLEXES
            for o in c.opds
            if o in opds
        ]
    )
    zones, placed = [], []  # placed: (zone index, unit)
    for c in COMPLEXES:
        housed = {opds[o].pk for o in c.opds if o in opds}
        own = [u for u in units if u.opd_id in housed]
        floors = _split(own, c.floors)
        for number, floor_units in enumerate(floors, start=1):
            staff = sum(u.staff for u in floor_units)
            server = bool(c.server_opd) and any(u.opd.code == c.server_opd for u in floor_units)
            counter = bool(c.counter_unit) and any(u.code == c.counter_unit for u in floor_units)
            note = "Ruang server" if server else ("Loket pelayanan" if counter else "")
            zones.append(
                Zone(
                    building_id=ids[c.code],
                    code=f"L{number}",
                    name=f"Lantai {number}",
                    floor=str(number),
                    capacity=max(10, math.ceil(staff * 1.1 / 5) * 5),
                    always_on=server or counter,
                    always_on_note=note,
                )
            )
            placed += [(len(zones) - 1, u) for u in floor_units]
    Zone.objects.bulk_create(zones)
    zone_ids = {
        (b, code): pk
        for b, code, pk in Zone.objects.filter(building_id__in=ids.values()).values_list(
            "building_id", "code", "id"
        )
    }
    UnitSeat.objects.filter(unit__in=[u for _i, u in placed]).delete()
    UnitSeat.objects.bulk_create(
        [
            UnitSeat(unit=u, zone_id=zone_ids[(zones[i].building_id, zones[i].code)])
            for i, u in placed
        ]
    )
    meters = []
    for c in COMPLEXES:
        b = ids[c.code]
        meters.append(
            Meter(building_id=b, code="PLN-1", kind=MeterKind.ELECTRICITY, description="PLN P-1/TR")
        )
        meters.append(
            Meter(
                building_id=b, code="PDAM-1", kind=MeterKind.WATER, description="PDAM Tirta Patriot"
            )
        )
        if c.genset:
            meters.append(
                Meter(building_id=b, code="GENSET", kind=MeterKind.FUEL, description="Genset solar")
            )
            meters.append(
                Meter(
                    building_id=b,
                    code="NET-1",
                    kind=MeterKind.INTERNET,
                    description="Internet kantor",
                )
            )
        for (building_id, code), pk in zone_ids.items():
            zone = next(z for z in zones if (z.building_id, z.code) == (building_id, code))
            if building_id == b and zone.always_on_note == "Ruang server":
                meters.append(
                    Meter(
                        building_id=b,
                        zone_id=pk,
                        code=f"PLN-{code}",
                        kind=MeterKind.ELECTRICITY,
                        description="Sub-meter ruang server",
                    )
                )
    Meter.objects.bulk_create(meters)
    price = {
        MeterKind.ELECTRICITY: PLN_GOVERNMENT,
        MeterKind.WATER: PDAM_GOVERNMENT,
        MeterKind.FUEL: SOLAR,
        MeterKind.INTERNET: INTERNET,
    }
    stored = Meter.objects.filter(building_id__in=ids.values()).values_list("id", "kind")
    Tariff.objects.bulk_create(
        [Tariff(meter_id=pk, valid_from=TARIFF_FROM, price_rp=price[kind]) for pk, kind in stored]
    )
    return {"buildings": len(buildings), "zones": len(zones), "meters": len(meters)}


def _split(units: list, floors: int) -> list[list]:
    """Units in their order onto `floors` floors of about equal staff (a unit never split)."""
    total = sum(u.staff for u in units) or 1
    result: list[list] = [[] for _ in range(max(1, min(floors, len(units))))]
    running = 0
    for u in units:
        index = min(len(result) - 1, running * len(result) // total)
        result[index].append(u)
        running += u.staff
    return [r for r in result if r]
