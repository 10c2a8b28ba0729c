"""The West Java trial, phase by phase (SE 150/KPG.03/BKD and SE 188/KPG.03/BKD).

Phase I, November 2025: every Thursday WFH. Phase II, December 2025: a true 50:50 rotation with
the Jabar cap of 3 days a week (departing from the national 2), 25 and 26 December off. 2026:
Thursday for everyone, Friday for an OPD that applied.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta

import pytest

from wfh.engine import generate
from wfh.engine.types import (
    Composition,
    EmployeeIn,
    Limits,
    Mode,
    RosterInput,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)

THURSDAYS_NOV_2025 = {date(2025, 11, d) for d in (6, 13, 20, 27)}
CHRISTMAS_2025 = {date(2025, 12, 25), date(2025, 12, 26)}  # Natal, cuti bersama


def working_days(year: int, month: int, off: set[date] = frozenset()) -> tuple[date, ...]:
    d = date(year, month, 1)
    days = []
    while d.month == month:
        if d.weekday() < 5 and d not in off:
            days.append(d)
        d += timedelta(days=1)
    return tuple(days)


NOVEMBER = working_days(2025, 11)
DECEMBER = working_days(2025, 12, CHRISTMAS_2025)


def opd(*units: tuple[int, int, bool, int], ineligible: int = 0):
    """Units as (id, min_onsite, frontline, staff), each led by a head and a deputy; the last
    `ineligible` staff of every unit are not eligible (new in post, under a penalty)."""
    unit_ins, employees = [], []
    eid = 100
    for uid, min_onsite, frontline, size in units:
        unit_ins.append(UnitIn(id=uid, min_onsite=min_onsite, frontline=frontline))
        for k in range(size):
            role = "head" if k == 0 else "deputy" if k == 1 else "staff"
            employees.append(
                EmployeeIn(id=eid, unit_id=uid, role=role, eligible=k < size - ineligible)
            )
            eid += 1
    return tuple(unit_ins), tuple(employees)


def wfh_days(result, eid: int) -> set[date]:
    return {a.day for a in result.assignments if a.employee_id == eid and a.mode == Mode.WFH}


# -- Phase I: Thursday --------------------------------------------------------------------------


def test_november_2025_has_twenty_working_days():
    assert len(NOVEMBER) == 20 and NOVEMBER[0] == date(2025, 11, 3)


def test_thursday_is_wfh_for_every_eligible_employee_in_phase_one():
    units, employees = opd((1, 0, False, 8), (2, 0, False, 5), (3, 2, True, 6), ineligible=1)
    result = generate(
        RosterInput(NOVEMBER, units, employees, WeekdayPattern(frozenset({3})), Limits(2), seed=1)
    )
    for e in employees:
        frontline = e.unit_id == 3
        expected = THURSDAYS_NOV_2025 if e.eligible and not frontline else set()
        assert wfh_days(result, e.id) == expected
    reasons = Counter(a.reason for a in result.assignments)
    assert reasons["frontline"] == 6 * 20 and reasons["ineligible"] == 2 * 20
    assert result.stats.shortfalls == [] and result.stats.piket == []


def test_thursday_piket_keeps_the_minimum_in_fair_turns():
    # 6 eligible staff and a minimum of 2 with nobody ineligible: 2 piket each Thursday, 8 in
    # all, so 4 staff do 1 and 2 staff do 2... never 0 and 2 in the same unit
    units, employees = opd((1, 2, False, 6))
    result = generate(
        RosterInput(NOVEMBER, units, employees, WeekdayPattern(frozenset({3})), Limits(2), seed=7)
    )
    for day in THURSDAYS_NOV_2025:
        onsite = [a for a in result.assignments if a.day == day and a.mode == Mode.WFO]
        assert len(onsite) == 2 and all(a.reason == "piket" for a in onsite)
        assert result.stats.unit_days[1, day].onsite == 2
    turns = Counter(e for e, _ in result.stats.piket)
    assert sum(turns.values()) == 8
    assert {turns[e.id] for e in employees} <= {1, 2}


def test_ineligible_staff_count_toward_the_minimum_so_no_piket_is_needed():
    units, employees = opd((1, 1, False, 5), ineligible=1)
    result = generate(
        RosterInput(NOVEMBER, units, employees, WeekdayPattern(frozenset({3})), Limits(2), seed=7)
    )
    assert result.stats.piket == []
    for e in employees[:4]:
        assert wfh_days(result, e.id) == THURSDAYS_NOV_2025


def test_a_unit_smaller_than_its_minimum_keeps_everyone_in_and_says_so():
    units, employees = opd((1, 4, False, 3))
    result = generate(
        RosterInput(NOVEMBER, units, employees, WeekdayPattern(frozenset({3})), Limits(2), seed=7)
    )
    assert all(a.mode == Mode.WFO for a in result.assignments)
    reasons = {s.reason for s in result.stats.shortfalls}
    assert reasons == {"staff_below_minimum"}
    assert len(result.stats.shortfalls) == 20  # every working day


# -- 2026: Thursday, Friday for an OPD that applied ----------------------------------------------

JANUARY_2026 = working_days(2026, 1, {date(2026, 1, 1), date(2026, 1, 16)})


def test_an_opd_approved_for_friday_works_from_home_thursday_and_friday():
    units, employees = opd((1, 0, False, 4))
    result = generate(
        RosterInput(
            JANUARY_2026, units, employees, WeekdayPattern(frozenset({3, 4})), Limits(2), seed=3
        )
    )
    expected = {d for d in JANUARY_2026 if d.weekday() in (3, 4)}
    for e in employees:
        assert wfh_days(result, e.id) == expected


def test_with_a_cap_of_one_the_friday_is_wfo_for_the_cap():
    units, employees = opd((1, 0, False, 4))
    result = generate(
        RosterInput(
            JANUARY_2026, units, employees, WeekdayPattern(frozenset({3, 4})), Limits(1), seed=3
        )
    )
    for a in result.assignments:
        if a.day.weekday() == 3:
            assert (a.mode, a.reason) == (Mode.WFH, "pattern")
        elif a.day.weekday() == 4 and a.day - timedelta(days=1) in JANUARY_2026:
            assert (a.mode, a.reason) == (Mode.WFO, "cap")
    # 1 January 2026 is a Thursday holiday: that week's Friday (2 January) is WFH
    assert all(result.stats.wfh_days[e.id] == 5 for e in employees)
    assert date(2026, 1, 2) in wfh_days(result, employees[0].id)


# -- Phase II: 50:50 rotation, cap 3 --------------------------------------------------------------


def test_december_2025_has_twenty_one_working_days_without_christmas():
    assert len(DECEMBER) == 21 and not CHRISTMAS_2025 & set(DECEMBER)


PHASE_TWO_OPD = opd(
    (1, 2, False, 12),  # secretariat
    (2, 1, False, 9),  # odd size: ceil(0.5 x 9) = 5
    (3, 2, False, 20),
    (4, 3, True, 7),  # licensing counter: frontline
    ineligible=1,
)


@pytest.mark.parametrize("composition", list(Composition))
def test_phase_two_holds_half_per_unit_day_and_every_minimum(composition):
    units, employees = PHASE_TWO_OPD
    inp = RosterInput(
        DECEMBER, units, employees, RotationPattern(0.5, composition), Limits(3), seed=2025
    )
    result = generate(inp)
    modes = {(a.employee_id, a.day): a.mode for a in result.assignments}
    for unit in units:
        staff = [e for e in employees if e.unit_id == unit.id]
        eligible = [e for e in staff if e.eligible]
        for day in DECEMBER:
            home = sum(1 for e in staff if modes[e.id, day] == Mode.WFH)
            onsite = sum(1 for e in staff if modes[e.id, day] == Mode.WFO)
            if unit.frontline:
                assert home == 0
                continue
            assert home <= math.ceil(0.5 * len(eligible))
            assert onsite >= unit.min_onsite
    for e in employees:
        n = result.stats.wfh_days[e.id]
        if e.eligible and e.unit_id != 4:
            assert result.stats.target[e.id] == pytest.approx(10.5)
            assert n in (10, 11)  # near 50% of 21 days
            weeks = Counter(d.isocalendar()[1] for d in wfh_days(result, e.id))
            assert max(weeks.values()) <= 3  # the Jabar cap
        else:
            assert n == 0
    assert result.stats.shortfalls == []


def test_phase_two_head_and_deputy_never_both_home():
    units, employees = PHASE_TWO_OPD
    for composition in Composition:
        result = generate(
            RosterInput(
                DECEMBER, units, employees, RotationPattern(0.5, composition), Limits(3), seed=9
            )
        )
        for unit in units:
            head, deputy = [e.id for e in employees if e.unit_id == unit.id][:2]
            assert not wfh_days(result, head) & wfh_days(result, deputy)


def test_alternating_days_groups_never_stay_home_two_days_running_in_a_week():
    units, employees = opd((1, 0, False, 10))
    result = generate(
        RosterInput(
            DECEMBER,
            units,
            employees,
            RotationPattern(0.5, Composition.ALTERNATING_DAYS),
            Limits(3),
            seed=4,
        )
    )
    for e in employees:
        days = sorted(wfh_days(result, e.id))
        for a, b in zip(days, days[1:], strict=False):
            assert not (b - a == timedelta(days=1) and a.isocalendar()[1] == b.isocalendar()[1])
    for day in DECEMBER:  # exactly half of the 10 at home every day
        assert result.stats.unit_days[1, day].wfh == 5


def test_alternating_weeks_gives_one_group_more_days_in_week_one_and_the_other_in_week_two():
    units, employees = opd((1, 0, False, 10))
    result = generate(
        RosterInput(
            DECEMBER,
            units,
            employees,
            RotationPattern(0.5, Composition.ALTERNATING_WEEKS),
            Limits(3),
            seed=4,
        )
    )
    week1 = {date(2025, 12, d) for d in range(1, 6)}
    week2 = {date(2025, 12, d) for d in range(8, 13)}
    first = {e.id: len(wfh_days(result, e.id) & week1) for e in employees}
    second = {e.id: len(wfh_days(result, e.id) & week2) for e in employees}
    group_a = {e for e, n in first.items() if n == 3}
    group_b = {e for e, n in first.items() if n == 2}
    assert len(group_a) == len(group_b) == 5
    assert all(second[e] == 2 for e in group_a) and all(second[e] == 3 for e in group_b)


def test_by_team_units_take_turns_where_the_cap_leaves_room():
    # national cap 2 with a 0.5 ratio: 2 days a week each out of 2.5 allowed, so the units can
    # concentrate their WFH on their team's days
    units, employees = opd((1, 0, False, 10), (2, 0, False, 10))
    result = generate(
        RosterInput(
            DECEMBER, units, employees, RotationPattern(0.5, Composition.BY_TEAM), Limits(2), 4
        )
    )
    home = {(u, d): result.stats.unit_days[u, d].wfh for u in (1, 2) for d in DECEMBER}
    busier = sum(1 for d in DECEMBER if home[1, d] != home[2, d])
    assert busier >= len(DECEMBER) // 2  # the units are not home in lockstep
    for e in employees:
        # weeks of 5, 5, 5, 3 and 3 days: min(2, 2.5) x 3 + min(2, 1.5) x 2
        assert result.stats.target[e.id] == pytest.approx(9.0)
        assert result.stats.wfh_days[e.id] == 9


def test_a_minimum_that_makes_half_impossible_is_reported_and_targets_lowered():
    # 6 staff, 5 must stay: only 1 may go home a day, not 3
    units, employees = opd((1, 5, False, 6))
    result = generate(
        RosterInput(
            DECEMBER,
            units,
            employees,
            RotationPattern(0.5, Composition.BALANCED),
            Limits(3),
            seed=11,
        )
    )
    shortfalls = result.stats.shortfalls
    assert {s.reason for s in shortfalls} == {"ratio_limited_by_minimum"}
    assert {s.day for s in shortfalls} == set(DECEMBER)
    assert "at most 1 of 6" in shortfalls[0].detail
    for day in DECEMBER:
        assert result.stats.unit_days[1, day].wfh <= 1
        assert result.stats.unit_days[1, day].onsite >= 5
    for e in employees:
        # 21 days x 1/6 share each, head and deputy halved where both are in (never beyond 1/6)
        assert result.stats.target[e.id] == pytest.approx(21 / 6)
        assert abs(result.stats.wfh_days[e.id] - 21 / 6) <= 1
    summary = result.stats.to_dict()
    assert summary["shortfalls_by_reason"] == {"ratio_limited_by_minimum": 21}


def test_the_national_cap_of_two_lowers_a_half_rotation_to_two_days_a_week():
    units, employees = opd((1, 0, False, 8))
    result = generate(
        RosterInput(
            DECEMBER, units, employees, RotationPattern(0.5, Composition.BALANCED), Limits(2), 8
        )
    )
    for e in employees:
        # weeks of 5, 5, 5, 3 and 3 days: min(2, 2.5) x 3 + min(2, 1.5) x 2
        assert result.stats.target[e.id] == pytest.approx(9.0)
        assert result.stats.wfh_days[e.id] == 9
