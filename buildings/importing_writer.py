"""The set-wise write of import_buildings (buildings.importing): what would change, counted,
and when committing, a few bulk inserts and updates per table."""

from __future__ import annotations

from decimal import Decimal

from buildings.models import Building, Meter, Tariff, UnitSeat, Zone
from opd.importing.results import SheetCounts


def write_rows(
    building_rows, zone_rows, meter_rows, *, existing_buildings, existing_zones, sheets, commit
) -> dict[str, SheetCounts]:
    """Count what would change and, when `commit`, write it set-wise."""
    counts = {sheet: SheetCounts() for sheet in sheets}
    # buildings
    new_b, changed_b, opd_sets = [], [], {}
    for r in building_rows:
        b = existing_buildings.get(r.code.upper())
        values = (r.name, r.address, r.latitude, r.longitude)
        if b is None:
            b = Building(
                code=r.code,
                name=r.name,
                address=r.address,
                latitude=r.latitude,
                longitude=r.longitude,
            )
            new_b.append(b)
            counts["buildings"].created += 1
        else:
            current = (
                b.name,
                b.address,
                None if b.latitude is None else Decimal(b.latitude).quantize(Decimal("0.000001")),
                None if b.longitude is None else Decimal(b.longitude).quantize(Decimal("0.000001")),
            )
            same_opds = sorted(o.pk for o in b.opds.all()) == r.opd_ids
            if current == values and same_opds:
                counts["buildings"].unchanged += 1
            else:
                b.name, b.address, b.latitude, b.longitude = values
                changed_b.append(b)
                counts["buildings"].updated += 1
        opd_sets[r.code.upper()] = (b, r.opd_ids)
    if commit:
        Building.objects.bulk_create(new_b)
        Building.objects.bulk_update(changed_b, ["name", "address", "latitude", "longitude"])
        if new_b:  # SQLite's bulk_create leaves pk unset
            ids = dict(
                Building.objects.filter(code__in=[b.code for b in new_b]).values_list("code", "id")
            )
            for b in new_b:
                b.pk = ids[b.code]
        through = Building.opds.through
        touched = [b.pk for b, _ids in opd_sets.values()]
        through.objects.filter(building_id__in=touched).delete()
        through.objects.bulk_create(
            [through(building_id=b.pk, opd_id=o) for b, ids in opd_sets.values() for o in ids]
        )
        existing_buildings = {code: b for code, (b, _ids) in opd_sets.items()} | {
            code: b for code, b in existing_buildings.items() if code not in opd_sets
        }
    # zones
    new_z, changed_z = [], []
    fields = ("name", "floor", "capacity", "always_on", "always_on_note", "meter_share")
    current_seats: dict[int, set[int]] = {}
    for unit_id, zone_id in UnitSeat.objects.values_list("unit_id", "zone_id"):
        current_seats.setdefault(zone_id, set()).add(unit_id)
    zone_objects: dict[tuple[str, str], Zone] = {}
    for r in zone_rows:
        key = (r.building.upper(), r.code.upper())
        z = existing_zones.get(key)
        values = (r.name, r.floor, r.capacity, r.always_on, r.note, r.share)
        if z is None:
            building = existing_buildings.get(r.building.upper())
            z = Zone(building=building, code=r.code, **dict(zip(fields, values, strict=True)))
            if building is not None and building.pk:
                z.building_id = building.pk
            new_z.append(z)
            counts["zones"].created += 1
        else:
            current = tuple(getattr(z, f) for f in fields)
            if current[-1] is not None:
                current = (*current[:-1], Decimal(current[-1]).quantize(Decimal("0.000001")))
            same_seats = r.unit_ids is None or current_seats.get(z.pk, set()) == set(r.unit_ids)
            if current == values and same_seats:
                counts["zones"].unchanged += 1
            else:
                for f, v in zip(fields, values, strict=True):
                    setattr(z, f, v)
                changed_z.append(z)
                counts["zones"].updated += 1
        zone_objects[key] = z
    if commit:
        for z in new_z:
            z.building_id = z.building.pk
        Zone.objects.bulk_create(new_z)
        Zone.objects.bulk_update(changed_z, list(fields))
        if new_z:
            ids = {
                (b.upper(), c.upper()): pk
                for b, c, pk in Zone.objects.filter(
                    building_id__in={z.building_id for z in new_z}
                ).values_list("building__code", "code", "id")
            }
            for key, z in zone_objects.items():
                if z.pk is None:
                    z.pk = ids[key]
        seated = [(zone_objects[(r.building.upper(), r.code.upper())], r) for r in zone_rows]
        seated = [(z, r) for z, r in seated if r.unit_ids is not None]
        UnitSeat.objects.filter(zone_id__in=[z.pk for z, _r in seated]).delete()
        UnitSeat.objects.filter(unit_id__in=[u for _z, r in seated for u in r.unit_ids]).delete()
        UnitSeat.objects.bulk_create(
            [UnitSeat(unit_id=u, zone_id=z.pk) for z, r in seated for u in r.unit_ids]
        )
    # meters and tariffs
    if meter_rows:
        _write_meters(meter_rows, counts["meters"], zone_objects, commit)
    return counts


def _write_meters(meter_rows, counts: SheetCounts, zone_objects, commit: bool) -> None:
    buildings = {
        b.code.upper(): b
        for b in Building.objects.filter(code__in={r.building for r in meter_rows})
    }
    zones = {
        (z.building.code.upper(), z.code.upper()): z
        for z in Zone.objects.select_related("building").filter(
            building__code__in={r.building for r in meter_rows}
        )
    } | zone_objects
    meters = {
        (m.building.code.upper(), m.code.upper()): m
        for m in Meter.objects.select_related("building").filter(
            building__code__in={r.building for r in meter_rows}
        )
    }
    tariffs = {
        (t.meter_id, t.valid_from): t
        for t in Tariff.objects.filter(meter__in=[m.pk for m in meters.values()])
    }
    new_m, changed_m, seen, new_t, changed_t = [], [], set(), [], []
    row_counted: dict[tuple[str, str], str] = {}
    for r in meter_rows:
        key = (r.building.upper(), r.code.upper())
        zone = zones.get((key[0], r.zone.upper())) if r.zone else None
        m = meters.get(key)
        state = "unchanged"
        if m is None:
            m = Meter(code=r.code, kind=r.kind, description=r.description)
            m._building_key, m._zone = key[0], zone
            meters[key] = m
            new_m.append(m)
            state = "created"
        elif key not in seen:
            zone_id = zone.pk if zone is not None else None
            if (m.kind, m.zone_id, m.description) != (r.kind, zone_id, r.description):
                m.kind, m.description, m._zone = r.kind, r.description, zone
                changed_m.append(m)
                state = "updated"
        seen.add(key)
        if r.valid_from is not None:
            t = tariffs.get((m.pk, r.valid_from)) if m.pk else None
            if t is None:
                new_t.append((m, r.valid_from, r.price))
                state = "created" if state == "created" else "updated"
            elif t.price_rp != r.price:
                t.price_rp = r.price
                changed_t.append(t)
                state = "created" if state == "created" else "updated"
        previous = row_counted.get(key)
        order = ("unchanged", "updated", "created")
        if previous is None or order.index(state) > order.index(previous):
            row_counted[key] = state
    for state in row_counted.values():
        setattr(counts, state, getattr(counts, state) + 1)
    if not commit:
        return
    for m in new_m:
        m.building_id = buildings[m._building_key].pk
        m.zone_id = m._zone.pk if m._zone is not None else None
    for m in changed_m:
        m.zone_id = m._zone.pk if m._zone is not None else None
    Meter.objects.bulk_create(new_m)
    Meter.objects.bulk_update(changed_m, ["kind", "zone", "description"])
    if new_m:
        ids = {
            (b.upper(), c.upper()): pk
            for b, c, pk in Meter.objects.filter(
                building_id__in={m.building_id for m in new_m}
            ).values_list("building__code", "code", "id")
        }
        for key, m in meters.items():
            if m.pk is None:
                m.pk = ids[key]
    Tariff.objects.bulk_create(
        [Tariff(meter_id=m.pk, valid_from=day, price_rp=price) for m, day, price in new_t]
    )
    Tariff.objects.bulk_update(changed_t, ["price_rp"])
