"""The consolidation planner's rules (buildings/planner.py) as properties over random buildings:
seats never exceeded, units kept whole, always-on, frontline and unpublished zones never closed,
and the same plan for the same input in any order. No database."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from buildings.planner import (
    EnergyIn,
    PlanInput,
    TariffIn,
    UnitIn,
    Why,
    ZoneIn,
    plan,
)

MONDAY = dt.date(2026, 1, 5)


@st.composite
def inputs(draw) -> PlanInput:
    n_days = draw(st.integers(1, 10))
    days = tuple(
        MONDAY + dt.timedelta(days=7 * (i // 5) + i % 5) for i in range(n_days)
    )  # Mon..Fri of consecutive weeks
    zones, units, onsite = [], [], {}
    zone_id = unit_id = 0
    for building_id in range(1, draw(st.integers(1, 3)) + 1):
        for _ in range(draw(st.integers(1, 6))):
            zone_id += 1
            kwh = Decimal(draw(st.integers(0, 300)))
            zones.append(
                ZoneIn(
                    id=zone_id,
                    building_id=building_id,
                    capacity=draw(st.integers(0, 40)),
                    always_on=draw(st.integers(0, 3)) == 0,
                    energy=(EnergyIn(1, kwh, (TariffIn(MONDAY, Decimal("1444.70")),)),),
                )
            )
            for _ in range(draw(st.integers(0, 4))):
                unit_id += 1
                units.append(
                    UnitIn(
                        id=unit_id,
                        zone_id=zone_id,
                        frontline=draw(st.integers(0, 9)) == 0,
                        published=draw(st.integers(0, 9)) != 0,
                    )
                )
                for day in days:
                    n = draw(st.integers(0, 15))
                    if n:
                        onsite[(unit_id, day)] = n
    return PlanInput(days=days, zones=tuple(zones), units=tuple(units), onsite=onsite)


def _peak(inp: PlanInput, unit_id: int, weekday: int) -> int:
    return max(
        (inp.onsite.get((unit_id, d), 0) for d in inp.days if d.weekday() == weekday), default=0
    )


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_no_zone_holds_more_people_than_its_seats_once_it_takes_guests(inp):
    result = plan(inp)
    zones = {z.id: z for z in inp.zones}
    seated = defaultdict(int)
    moved = {(m.unit_id, m.weekday): m.to_zone for m in result.moves}
    for weekday in result.weekdays:
        for unit in inp.units:
            seated[(moved.get((unit.id, weekday), unit.zone_id), weekday)] += _peak(
                inp, unit.id, weekday
            )
    for zd in result.zone_days:
        assert seated[(zd.zone_id, zd.weekday)] == zd.load
        if zd.guests:
            assert zd.load <= zones[zd.zone_id].capacity, zd
        if zd.closed:
            assert seated[(zd.zone_id, zd.weekday)] == 0


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_units_move_whole_within_their_building_and_only_out_of_a_closed_zone(inp):
    result = plan(inp)
    zones = {z.id: z for z in inp.zones}
    home = {u.id: u.zone_id for u in inp.units}
    state = {(zd.zone_id, zd.weekday): zd for zd in result.zone_days}
    keys = [(m.unit_id, m.weekday) for m in result.moves]
    assert len(keys) == len(set(keys))  # one zone per unit and weekday: never split
    for m in result.moves:
        assert m.from_zone == home[m.unit_id]
        assert zones[m.to_zone].building_id == zones[m.from_zone].building_id
        assert state[(m.from_zone, m.weekday)].closed
        assert not state[(m.to_zone, m.weekday)].closed
        assert m.people == _peak(inp, m.unit_id, m.weekday) > 0
    # everyone of a closed zone moved
    for zd in result.closures:
        for unit in inp.units:
            if unit.zone_id == zd.zone_id and _peak(inp, unit.id, zd.weekday):
                assert (unit.id, zd.weekday) in keys


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_always_on_frontline_and_unpublished_zones_never_close(inp):
    result = plan(inp)
    zones = {z.id: z for z in inp.zones}
    frontline_zones = {u.zone_id for u in inp.units if u.frontline}
    unknown_zones = {u.zone_id for u in inp.units if not u.published}
    frontline_units = {u.id for u in inp.units if u.frontline or not u.published}
    for zd in result.zone_days:
        if zones[zd.zone_id].always_on:
            assert zd.why == Why.ALWAYS_ON and not zd.closed
        elif zd.zone_id in frontline_zones:
            assert zd.why == Why.FRONTLINE and not zd.closed
        elif zd.zone_id in unknown_zones:
            assert zd.why == Why.UNPUBLISHED and not zd.closed
    assert not any(m.unit_id in frontline_units for m in result.moves)


@settings(max_examples=100, deadline=None)
@given(inputs(), st.integers(0, 2**32))
def test_same_input_in_any_order_gives_the_same_plan(inp, seed):
    first = plan(inp)
    rng = random.Random(seed)
    zones, units, days = list(inp.zones), list(inp.units), list(inp.days)
    rng.shuffle(zones)
    rng.shuffle(units)
    rng.shuffle(days)
    onsite = dict(sorted(inp.onsite.items(), key=lambda kv: rng.random()))
    again = plan(PlanInput(tuple(days), tuple(zones), tuple(units), onsite))
    assert again == first
    assert again.fingerprint() == first.fingerprint()


@settings(max_examples=100, deadline=None)
@given(inputs())
def test_savings_are_the_closed_zones_kwh_times_the_tariff(inp):
    result = plan(inp)
    zones = {z.id: z for z in inp.zones}
    for zd in result.zone_days:
        kwh = sum(e.kwh_per_day for e in zones[zd.zone_id].energy) * len(zd.days)
        if zd.closed:
            assert zd.kwh == kwh
            assert zd.rupiah == kwh * Decimal("1444.70")
        else:
            assert zd.kwh == zd.rupiah == 0
    assert result.closed_zone_days == sum(len(z.days) for z in result.closures)


def _zone(zid, cap, building=1, **kw):
    return ZoneIn(id=zid, building_id=building, capacity=cap, **kw)


def test_thursday_stragglers_move_to_the_fullest_floor_that_stays_open_and_two_floors_close():
    thu = [MONDAY + dt.timedelta(days=3 + 7 * w) for w in range(4)]
    inp = PlanInput(
        days=tuple(thu),
        zones=(
            _zone(1, 40, always_on=True),  # the server room's floor
            _zone(2, 60),
            _zone(3, 60),
            _zone(4, 30),  # the counter
        ),
        units=(
            UnitIn(10, 1),
            UnitIn(20, 2),
            UnitIn(21, 2),
            UnitIn(30, 3),
            UnitIn(40, 4, frontline=True),
        ),
        onsite={
            **{(10, d): 3 for d in thu},
            **{(20, d): 2 for d in thu},
            (21, thu[0]): 1,
            (21, thu[2]): 4,  # the unit's busiest Thursday decides its seats
            **{(30, d): 1 for d in thu},
            **{(40, d): 12 for d in thu},
        },
    )
    result = plan(inp)
    why = {zd.zone_id: zd.why for zd in result.zone_days}
    assert why == {1: Why.ALWAYS_ON, 2: Why.MOVED, 3: Why.MOVED, 4: Why.FRONTLINE}
    assert [(m.unit_id, m.to_zone, m.people) for m in result.moves] == [
        (20, 4, 2),  # the counter's floor stays open anyway and has 18 free seats,
        (21, 4, 4),  # fewer than the server floor's 37: the best fit
        (30, 4, 1),
    ]
    assert result.closed_zone_days == 8


def test_a_zone_stays_open_when_its_unit_would_have_to_be_split():
    inp = PlanInput(
        days=(MONDAY,),
        zones=(_zone(1, 10), _zone(2, 10), _zone(3, 10)),
        units=(UnitIn(1, 1), UnitIn(2, 2), UnitIn(3, 3)),
        onsite={(1, MONDAY): 6, (2, MONDAY): 6, (3, MONDAY): 8},
    )
    result = plan(inp)
    # free seats 4, 4 and 2: neither unit of 6 nor the unit of 8 fits whole anywhere
    assert [zd.why for zd in result.zone_days] == [Why.NO_ROOM, Why.NO_ROOM, Why.NO_ROOM]
    assert result.moves == ()
    assert result.zone_days[0].short > 0


def test_people_never_move_to_another_building():
    inp = PlanInput(
        days=(MONDAY,),
        zones=(_zone(1, 10, building=1), _zone(2, 100, building=2)),
        units=(UnitIn(1, 1), UnitIn(2, 2)),
        onsite={(1, MONDAY): 2, (2, MONDAY): 1},
    )
    result = plan(inp)
    assert result.closures == ()
    assert {zd.why for zd in result.zone_days} == {Why.NO_ROOM}


def test_bad_input_names_the_field():
    import pytest

    with pytest.raises(ValueError, match="ZoneIn 3.capacity must be at least 0"):
        _zone(3, -1)
    with pytest.raises(ValueError, match="unit 9 sits in zone 4, which is not among the zones"):
        PlanInput(days=(), zones=(_zone(1, 5),), units=(UnitIn(9, 4),))
