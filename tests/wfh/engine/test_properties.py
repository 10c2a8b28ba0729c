"""Every invariant of DESIGN section 4, on random organisations, leave, holidays and frozen cells.

One test per invariant, named after it. The checks read the result cell by cell and recompute
what they need from the input; they share nothing with the engine's code.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from hypothesis import given
from hypothesis import strategies as st

from tests.wfh.engine.strategies import View, ceil_ratio, examples, inputs, run, week_of
from wfh.engine.types import Mode, RotationPattern

EXAMPLES = examples(100)


def expected_target(v: View, e) -> float:
    """Rule 3's target, recomputed: each day's WFH capacity shared among the eligible present
    (head and deputy halving the days both are in), the weekly cap applied per ISO week."""
    r = v.inp.pattern.ratio
    cap = v.inp.limits.weekly_cap
    unit = v.units[e.unit_id]
    staff = v.by_unit[e.unit_id]
    weeks: dict[tuple[int, int], float] = defaultdict(float)
    for day in v.days:
        if not v.present(e, day):
            continue
        present = [x for x in staff if v.present(x, day)]
        elig = [x for x in present if x.eligible]
        room = max(0, len(present) - unit.min_onsite)
        share = min(r, min(ceil_ratio(r, len(elig)), room) / len(elig))
        if e.role in ("head", "deputy"):
            roles = {x.role for x in elig}
            if {"head", "deputy"} <= roles:
                share = min(share, 0.5)
        weeks[week_of(day)] += share
    return sum(min(cap, s) for s in weeks.values())


# -- rule 1 -----------------------------------------------------------------------------------


@EXAMPLES
@given(inputs())
def test_cells_exist_only_on_working_days_within_the_active_range(inp):
    v = run(inp)
    expected = {
        (e.id, d)
        for e in inp.employees
        for d in set(inp.working_days)
        if (e.active_from is None or d >= e.active_from)
        and (e.active_to is None or d <= e.active_to)
    }
    assert set(v.cells) == expected
    assert len(v.result.assignments) == len(expected)
    assert {(a, b) for a, b, _, _ in v.result.iter_rows()} == expected


# -- rule 2 -----------------------------------------------------------------------------------


@EXAMPLES
@given(inputs(pattern="weekday"))
def test_weekday_pattern_sends_every_eligible_employee_home_on_its_weekdays(inp):
    v = run(inp)
    wfh_days = inp.pattern.wfh_weekdays
    cap = inp.limits.weekly_cap
    for e in inp.employees:
        if not v.rotating(e):
            continue
        week_wfh = Counter(week_of(d) for d in v.days if v.mode(e.id, d) == Mode.WFH)
        for d in v.days:
            if not v.engine_decided(e.id, d):
                continue
            mode, reason = v.mode(e.id, d), v.reason(e.id, d)
            if d.weekday() not in wfh_days:
                assert (mode, reason) == (Mode.WFO, "pattern")
            elif mode == Mode.WFH:
                assert reason == "pattern"
            else:
                assert reason in ("piket", "cap")
                if reason == "cap":  # the cap was full, with earlier WFH weekdays of the week
                    assert week_wfh[week_of(d)] >= cap
                    later = [
                        x
                        for x in v.days
                        if week_of(x) == week_of(d) and x > d and v.engine_decided(e.id, x)
                    ]
                    assert all(v.mode(e.id, x) != Mode.WFH for x in later)


@EXAMPLES
@given(inputs())
def test_frontline_units_and_ineligible_staff_are_always_on_site(inp):
    v = run(inp)
    for e in inp.employees:
        for d in v.days:
            if not v.engine_decided(e.id, d):
                continue
            if v.units[e.unit_id].frontline:
                assert (v.mode(e.id, d), v.reason(e.id, d)) == (Mode.WFO, "frontline")
            elif not e.eligible:
                assert (v.mode(e.id, d), v.reason(e.id, d)) == (Mode.WFO, "ineligible")


@EXAMPLES
@given(inputs(pattern="weekday"))
def test_piket_keeps_just_enough_staff_on_site_in_fair_turns(inp):
    v = run(inp)
    listed = Counter(v.result.stats.piket)
    cells = Counter((eid, d) for (eid, d), a in v.cells.items() if a.reason == "piket")
    assert listed == cells and all(n == 1 for n in listed.values())
    for uid, unit in v.units.items():
        staff = v.by_unit[uid]
        needed_days = []
        for d in v.days:
            on_duty = [e for e in staff if v.reason(e.id, d) == "piket"]
            sent_home = [
                e for e in staff if v.reason(e.id, d) == "pattern" and v.mode(e.id, d) == Mode.WFH
            ]
            onsite = v.unit_day(uid, d)["onsite"]
            if on_duty:
                # just enough, not one more; or everyone who could go home kept in, and reported
                assert onsite - len(on_duty) < unit.min_onsite
                if sent_home:
                    assert onsite == unit.min_onsite
                elif onsite < unit.min_onsite:
                    assert any(s.unit_id == uid and s.day == d for s in v.result.stats.shortfalls)
                needed_days.append((d, {e.id for e in on_duty + sent_home}))
            if sent_home:
                assert onsite >= unit.min_onsite
        if not needed_days:
            continue
        # fair turns: among staff who could have been piket every time one was needed
        always = set.intersection(*(cands for _, cands in needed_days))
        counts = [sum(1 for d, _ in needed_days if v.reason(eid, d) == "piket") for eid in always]
        if counts:
            assert max(counts) - min(counts) <= 1


# -- rule 3 -----------------------------------------------------------------------------------


@EXAMPLES
@given(inputs(pattern="rotation"))
def test_rotation_keeps_the_ratio_and_the_minimum_every_unit_day(inp):
    v = run(inp)
    r = inp.pattern.ratio
    reported = {(s.unit_id, s.day) for s in v.result.stats.shortfalls}
    for uid, unit in v.units.items():
        for d in v.days:
            ud = v.unit_day(uid, d)
            cap = ceil_ratio(r, ud["eligible"])
            if ud["engine_wfh"]:
                assert ud["wfh"] <= cap
                assert ud["onsite"] >= unit.min_onsite
            else:
                assert ud["wfh"] == ud["frozen_wfh"]
            if ud["onsite"] < unit.min_onsite or ud["wfh"] > cap:
                assert (uid, d) in reported
            stat = v.result.stats.unit_days[uid, d]
            assert (stat.present, stat.onsite, stat.wfh, stat.min_onsite, stat.wfh_cap) == (
                ud["present"],
                ud["onsite"],
                ud["wfh"],
                unit.min_onsite,
                0 if unit.frontline else cap,
            )


@EXAMPLES
@given(inputs(pattern="rotation", frozen=False))
def test_each_eligible_employee_is_within_one_day_of_target(inp):
    v = run(inp)
    r = inp.pattern.ratio
    cap = inp.limits.weekly_cap
    stats = v.result.stats
    for e in inp.employees:
        if not v.rotating(e):
            assert stats.target[e.id] == 0.0
            continue
        target = stats.target[e.id]
        assert math.isclose(target, expected_target(v, e), abs_tol=1e-6)
        avail = [d for d in v.days if v.present(e, d)]
        per_week = Counter(week_of(d) for d in avail)
        assert target <= r * len(avail) + 1e-9
        assert target <= sum(min(cap, n) for n in per_week.values()) + 1e-9
        assert abs(stats.wfh_days[e.id] - target) <= 1 + 1e-9, (e, target)


@EXAMPLES
@given(inputs(pattern="rotation", frozen=False), st.data())
def test_regenerating_from_a_day_keeps_earlier_days_and_every_target(inp, data):
    first = run(inp)
    if not first.days:
        return
    cut = data.draw(st.sampled_from(first.days))
    past = {key: a.mode for key, a in first.cells.items() if key[1] < cut}
    again = run(type(inp)(**{**inp.__dict__, "frozen": past}))
    for key, mode in past.items():
        assert again.cells[key].mode == mode and again.cells[key].reason == "frozen"
    for e in inp.employees:
        if again.rotating(e):
            target = again.result.stats.target[e.id]
            assert abs(again.result.stats.wfh_days[e.id] - target) <= 1 + 1e-9


@EXAMPLES
@given(inputs(pattern="rotation"))
def test_a_minimum_that_makes_the_ratio_impossible_is_reported(inp):
    v = run(inp)
    r = inp.pattern.ratio
    reported = {
        (s.unit_id, s.day)
        for s in v.result.stats.shortfalls
        if s.reason == "ratio_limited_by_minimum"
    }
    for uid, unit in v.units.items():
        if unit.frontline:
            continue
        for d in v.days:
            ud = v.unit_day(uid, d)
            room = ud["present"] - unit.min_onsite
            limited = room >= 0 and ud["eligible"] and room < r * ud["eligible"] - 1e-9
            assert ((uid, d) in reported) == bool(limited)


# -- rule 4 -----------------------------------------------------------------------------------


@EXAMPLES
@given(inputs())
def test_weekly_cap_is_never_exceeded(inp):
    v = run(inp)
    cap = inp.limits.weekly_cap
    for e in inp.employees:
        weeks: dict[tuple[int, int], list[bool]] = defaultdict(list)
        for d in v.days:
            if v.mode(e.id, d) == Mode.WFH:
                weeks[week_of(d)].append((e.id, d) in v.frozen)
        for cells in weeks.values():
            frozen = sum(cells)
            assert len(cells) <= max(cap, frozen)
            if frozen < len(cells):  # the engine added some
                assert len(cells) <= cap


# -- rule 5 -----------------------------------------------------------------------------------


def spread_slack(n_weeks: int) -> int:
    return 1 + (n_weeks + 1) // 2


@EXAMPLES
@given(inputs(pattern="rotation", frozen=False))
def test_rotation_spreads_wfh_days_over_the_weekdays(inp):
    v = run(inp)
    for e in inp.employees:
        if not v.rotating(e):
            continue
        avail = Counter(d.weekday() for d in v.days if v.present(e, d))
        got = Counter(d.weekday() for d in v.days if v.mode(e.id, d) == Mode.WFH)
        total_avail = sum(avail.values())
        total = sum(got.values())
        if not total:
            continue
        n_weeks = len({week_of(d) for d in v.days})
        for k, n in avail.items():
            fair = total * n / total_avail
            assert got[k] <= fair + spread_slack(n_weeks), (e.id, k, dict(got), dict(avail))


# -- rule 6 -----------------------------------------------------------------------------------


@EXAMPLES
@given(inputs(pattern="rotation"))
def test_head_and_deputy_are_never_both_home_in_a_rotation(inp):
    v = run(inp)
    for uid in v.units:
        heads = [e for e in v.by_unit[uid] if e.role == "head"]
        deputies = [e for e in v.by_unit[uid] if e.role == "deputy"]
        for d in v.days:
            for h in heads:
                for p in deputies:
                    if v.mode(h.id, d) == Mode.WFH and v.mode(p.id, d) == Mode.WFH:
                        assert (h.id, d) in v.frozen and (p.id, d) in v.frozen


# -- rule 7 -----------------------------------------------------------------------------------


@EXAMPLES
@given(inputs())
def test_leave_days_are_leave_and_do_not_count_as_present(inp):
    v = run(inp)
    for e in inp.employees:
        for d in e.leave:
            if (e.id, d) in v.cells and (e.id, d) not in v.frozen:
                assert (v.mode(e.id, d), v.reason(e.id, d)) == (Mode.LEAVE, "leave")
    for (uid, d), stat in v.result.stats.unit_days.items():
        staff = v.by_unit[uid]
        assert stat.present == sum(1 for e in staff if v.mode(e.id, d) in (Mode.WFH, Mode.WFO))
    if isinstance(inp.pattern, RotationPattern):
        r = inp.pattern.ratio
        for e in inp.employees:
            available = sum(1 for d in v.days if v.present(e, d))
            assert v.result.stats.target[e.id] <= r * available + 1e-9


# -- rule 8 (the rest is in test_determinism.py) ---------------------------------------------


@EXAMPLES
@given(inputs())
def test_frozen_cells_are_copied_untouched(inp):
    v = run(inp)
    for key, mode in inp.frozen.items():
        if key in v.cells:
            assert v.cells[key].mode == Mode(mode)
            assert v.cells[key].reason == "frozen"
    dropped = sum(1 for key in inp.frozen if key not in v.cells)
    assert v.result.stats.frozen_dropped == dropped
