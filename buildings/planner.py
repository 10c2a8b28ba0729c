"""The pure consolidation planner: which zones can close on which weekday, and where the few people
left on site sit instead.

No Django, no clock: the caller passes the days of the plan, the zones with their seats and their
share of the meters, the units with the zone they sit in, and the people each unit has on site per
day (from the published schedule); `plan` returns the zones closed per weekday, the units moved
and why every zone stays open or closes.

The rules, each checked by a property test (tests/buildings/test_planner_properties.py):
  1 a zone with an always-on load (server room, public counter) never closes;
  2 a zone where a frontline unit sits never closes, and a frontline unit never moves;
  3 a zone where a unit with no published schedule sits never closes (its people are unknown);
  4 a unit moves whole: on one weekday all of it sits in one zone (its own or one host);
  5 a host never holds more people than its seats (its own people plus its guests), and a zone
    that receives guests is not closed itself;
  6 people move only within their building, and only out of a zone that closes;
  7 same inputs, same plan: every order is an order of numbers and ids (units, zones, buildings
    and days are sorted), mappings are only looked up, never iterated for a decision, so the plan
    does not depend on the order the caller lists things in.

How a weekday is planned, per building: a unit's people on that weekday is its highest count over
the plan's days that fall on it (so the seats hold on every one of those days). Zones that may
close are tried fewest people first (then the larger saving, then the id): an empty zone closes
as it is; otherwise its units, largest first, each go whole to the open zone of the building that
will stay open anyway (always-on, frontline, or already hosting) where they fit, else to the one
left with the fewest free seats after it (best fit), ties by id. If every unit finds a seat the
zone closes; if not, nothing of it moves and it stays open, with the seats it lacked.

Saving of a closed zone-day: for each meter the zone shares, its expected kWh on a working day
(the meter's daily estimate times the zone's share) priced at the tariff in force on that day.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ZERO = Decimal("0")


class Why(enum.StrEnum):
    """Why a zone is open or closed on a weekday.

    always_on    an always-on load: never closes
    frontline    a frontline unit sits there: never closes
    unpublished  a unit there has no published schedule: its people are unknown, stays open
    host         it receives people from a zone that closes
    no_room      the other open zones lack the seats for its people
    empty        nobody expected on site: closes without moving anyone
    moved        its people move to other zones: closes
    """

    ALWAYS_ON = "always_on"
    FRONTLINE = "frontline"
    UNPUBLISHED = "unpublished"
    HOST = "host"
    NO_ROOM = "no_room"
    EMPTY = "empty"
    MOVED = "moved"


CLOSED_WHYS = frozenset({Why.EMPTY, Why.MOVED})
PINNED_WHYS = frozenset({Why.ALWAYS_ON, Why.FRONTLINE, Why.UNPUBLISHED})


def _check_int(owner: str, name: str, value: object, minimum: int | None = None) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{owner}.{name} must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{owner}.{name} must be at least {minimum}, got {value}")


@dataclass(frozen=True, slots=True)
class TariffIn:
    """A price per kWh from a date on."""

    valid_from: date
    price_rp: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.price_rp, Decimal) or self.price_rp < 0:
            raise ValueError(f"TariffIn.price_rp must be a Decimal >= 0, got {self.price_rp!r}")


@dataclass(frozen=True, slots=True)
class EnergyIn:
    """A zone's part of one electricity meter: the kWh it uses on a working day, the tariffs."""

    meter_id: int
    kwh_per_day: Decimal
    tariffs: tuple[TariffIn, ...] = ()

    def __post_init__(self) -> None:
        _check_int("EnergyIn", "meter_id", self.meter_id)
        if not isinstance(self.kwh_per_day, Decimal) or self.kwh_per_day < 0:
            raise ValueError(
                f"EnergyIn {self.meter_id}.kwh_per_day must be a Decimal >= 0, "
                f"got {self.kwh_per_day!r}"
            )

    def price_on(self, day: date) -> Decimal | None:
        """The tariff in force on a day (the latest from on or before it), or None."""
        best: TariffIn | None = None
        for t in self.tariffs:
            if t.valid_from <= day and (best is None or t.valid_from > best.valid_from):
                best = t
        return best.price_rp if best else None


@dataclass(frozen=True, slots=True)
class ZoneIn:
    id: int
    building_id: int
    capacity: int
    always_on: bool = False
    energy: tuple[EnergyIn, ...] = ()

    def __post_init__(self) -> None:
        _check_int("ZoneIn", "id", self.id)
        _check_int(f"ZoneIn {self.id}", "building_id", self.building_id)
        _check_int(f"ZoneIn {self.id}", "capacity", self.capacity, 0)


@dataclass(frozen=True, slots=True)
class UnitIn:
    """A unit seated in a zone; `published` False: its people on site are unknown."""

    id: int
    zone_id: int
    frontline: bool = False
    published: bool = True

    def __post_init__(self) -> None:
        _check_int("UnitIn", "id", self.id)
        _check_int(f"UnitIn {self.id}", "zone_id", self.zone_id)


@dataclass(frozen=True)
class PlanInput:
    """days: the working days the plan covers (only the weekdays to plan). onsite: people of a
    unit expected on site on a day (missing: nobody)."""

    days: tuple[date, ...]
    zones: tuple[ZoneIn, ...]
    units: tuple[UnitIn, ...]
    onsite: Mapping[tuple[int, date], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for day in self.days:
            if not isinstance(day, date):
                raise ValueError(f"PlanInput.days must hold dates, got {day!r}")
        zone_ids: set[int] = set()
        for zone in self.zones:
            if zone.id in zone_ids:
                raise ValueError(f"PlanInput.zones: zone {zone.id} appears twice")
            zone_ids.add(zone.id)
        unit_ids: set[int] = set()
        for unit in self.units:
            if unit.id in unit_ids:
                raise ValueError(f"PlanInput.units: unit {unit.id} appears twice")
            unit_ids.add(unit.id)
            if unit.zone_id not in zone_ids:
                raise ValueError(
                    f"PlanInput.units: unit {unit.id} sits in zone {unit.zone_id}, "
                    "which is not among the zones"
                )


@dataclass(frozen=True, slots=True)
class Move:
    """On `weekday`, the `people` of a unit sit in `to_zone` instead of `from_zone`."""

    unit_id: int
    weekday: int
    from_zone: int
    to_zone: int
    people: int


@dataclass(frozen=True, slots=True)
class ZoneDay:
    """A zone on one weekday: open or closed and why.

    people: its own units' people (the highest count over the weekday's days); guests: people
    moved in; short: for no_room, the seats that were missing for its people to move.
    """

    zone_id: int
    weekday: int
    why: Why
    people: int
    guests: int = 0
    short: int = 0
    days: tuple[date, ...] = ()
    kwh: Decimal = ZERO
    rupiah: Decimal = ZERO
    priced: bool = True  # False: some of its kWh had no tariff in force (counted as Rp 0)

    @property
    def closed(self) -> bool:
        return self.why in CLOSED_WHYS

    @property
    def load(self) -> int:
        """People seated there on the weekday under the plan."""
        return 0 if self.closed else self.people + self.guests


@dataclass(frozen=True)
class Plan:
    weekdays: tuple[int, ...]
    zone_days: tuple[ZoneDay, ...]  # by weekday, then building, then zone id
    moves: tuple[Move, ...]  # by weekday, then unit id

    @property
    def closures(self) -> tuple[ZoneDay, ...]:
        return tuple(z for z in self.zone_days if z.closed)

    @property
    def closed_zone_days(self) -> int:
        """Zone-days closed: each closed zone counted once per day of its weekday."""
        return sum(len(z.days) for z in self.closures)

    @property
    def kwh(self) -> Decimal:
        return sum((z.kwh for z in self.closures), ZERO)

    @property
    def rupiah(self) -> Decimal:
        return sum((z.rupiah for z in self.closures), ZERO)

    def fingerprint(self) -> str:
        """A digest of what the plan does (closures and moves): equal plans, equal digests."""
        parts = [f"c{z.zone_id}/{z.weekday}" for z in self.closures]
        parts += [f"m{m.unit_id}/{m.weekday}/{m.from_zone}>{m.to_zone}" for m in self.moves]
        return hashlib.sha256(",".join(parts).encode()).hexdigest()


def _saving(zone: ZoneIn, days: tuple[date, ...]) -> tuple[Decimal, Decimal, bool]:
    kwh = ZERO
    rupiah = ZERO
    priced = True
    for e in zone.energy:
        for day in days:
            kwh += e.kwh_per_day
            price = e.price_on(day)
            if price is None:
                priced = priced and e.kwh_per_day == 0
            else:
                rupiah += e.kwh_per_day * price
    return kwh, rupiah, priced


def plan(inp: PlanInput) -> Plan:
    """The consolidation plan for the input's days (see the module's rules)."""
    days_of: dict[int, list[date]] = {}
    for day in sorted(set(inp.days)):
        days_of.setdefault(day.weekday(), []).append(day)
    zones = sorted(inp.zones, key=lambda z: z.id)
    units_in: dict[int, list[UnitIn]] = {z.id: [] for z in zones}
    for unit in sorted(inp.units, key=lambda u: u.id):
        units_in[unit.zone_id].append(unit)
    buildings: dict[int, list[ZoneIn]] = {}
    for zone in zones:
        buildings.setdefault(zone.building_id, []).append(zone)

    zone_days: list[ZoneDay] = []
    moves: list[Move] = []
    for weekday in sorted(days_of):
        days = tuple(days_of[weekday])
        for building_id in sorted(buildings):
            got_days, got_moves = _plan_building(
                buildings[building_id], units_in, inp.onsite, weekday, days
            )
            zone_days.extend(got_days)
            moves.extend(got_moves)
    moves.sort(key=lambda m: (m.weekday, m.unit_id))
    return Plan(weekdays=tuple(sorted(days_of)), zone_days=tuple(zone_days), moves=tuple(moves))


def _plan_building(
    zones: list[ZoneIn],
    units_in: Mapping[int, list[UnitIn]],
    onsite: Mapping[tuple[int, date], int],
    weekday: int,
    days: tuple[date, ...],
) -> tuple[list[ZoneDay], list[Move]]:
    peak: dict[int, int] = {}
    load: dict[int, int] = {}
    why: dict[int, Why] = {}
    saving: dict[int, tuple[Decimal, Decimal, bool]] = {}
    for zone in zones:
        total = 0
        for unit in units_in[zone.id]:
            n = max((onsite.get((unit.id, d), 0) for d in days), default=0)
            peak[unit.id] = n
            total += n
        load[zone.id] = total
        saving[zone.id] = _saving(zone, days)
        if zone.always_on:
            why[zone.id] = Why.ALWAYS_ON
        elif any(u.frontline for u in units_in[zone.id]):
            why[zone.id] = Why.FRONTLINE
        elif not all(u.published for u in units_in[zone.id]):
            why[zone.id] = Why.UNPUBLISHED

    free = {z.id: z.capacity - load[z.id] for z in zones}
    guests = {z.id: 0 for z in zones}
    short: dict[int, int] = {}
    candidates = sorted(
        (z for z in zones if z.id not in why),
        key=lambda z: (load[z.id], -saving[z.id][1], -saving[z.id][0], z.id),
    )
    moves: list[Move] = []
    for zone in candidates:
        if zone.id in why:  # became a host
            continue
        if load[zone.id] == 0:
            why[zone.id] = Why.EMPTY
            continue
        placed = _place(zone, zones, units_in[zone.id], peak, free, why)
        if placed is None:
            why[zone.id] = Why.NO_ROOM
            seats = sum(max(free[z.id], 0) for z in zones if z.id != zone.id and _open(z, why))
            short[zone.id] = max(load[zone.id] - seats, 1)
            continue
        why[zone.id] = Why.MOVED
        for unit_id, host in placed:
            free[host] -= peak[unit_id]
            guests[host] += peak[unit_id]
            if why.get(host) not in PINNED_WHYS:
                why[host] = Why.HOST
                short.pop(host, None)
            moves.append(Move(unit_id, weekday, zone.id, host, peak[unit_id]))

    out = []
    for zone in zones:
        reason = why[zone.id]
        closed = reason in CLOSED_WHYS
        kwh, rupiah, priced = saving[zone.id] if closed else (ZERO, ZERO, True)
        out.append(
            ZoneDay(
                zone_id=zone.id,
                weekday=weekday,
                why=reason,
                people=load[zone.id],
                guests=guests[zone.id],
                short=short.get(zone.id, 0),
                days=days,
                kwh=kwh,
                rupiah=rupiah,
                priced=priced,
            )
        )
    return out, moves


def _open(zone: ZoneIn, why: Mapping[int, Why]) -> bool:
    return why.get(zone.id) not in CLOSED_WHYS


def _place(
    zone: ZoneIn,
    zones: list[ZoneIn],
    units: list[UnitIn],
    peak: Mapping[int, int],
    free: Mapping[int, int],
    why: Mapping[int, Why],
) -> list[tuple[int, int]] | None:
    """Where each unit of `zone` with people goes, or None if one of them finds no seat."""
    left = {z.id: free[z.id] for z in zones if z.id != zone.id and _open(z, why)}
    staying = {zid for zid in left if why.get(zid) in PINNED_WHYS or why.get(zid) == Why.HOST}
    placed = []
    for unit in sorted(units, key=lambda u: (-peak[u.id], u.id)):
        n = peak[unit.id]
        if n == 0:
            continue
        fits = [zid for zid, seats in left.items() if seats >= n]
        if not fits:
            return None
        host = min(fits, key=lambda zid: (zid not in staying, left[zid] - n, zid))
        left[host] -= n
        staying.add(host)
        placed.append((unit.id, host))
    return placed
