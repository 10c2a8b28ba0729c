"""The pure logic of phase versions (no database): stretches, terms in force, lead-in days and
each stretch's engine input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wfh.engine import generate
from wfh.engine.types import EmployeeIn, Limits, Mode, RosterInput, UnitIn, WeekdayPattern
from wfh.phase_versions.spans import Change, Span, Terms, lead_in, spans, terms_on
from wfh.rosters.version_runs import SpannedResult, span_input

D = dt.date
THURSDAY = Terms(wfh_weekdays=(3,), weekly_cap=2)
MONDAY = Terms(wfh_weekdays=(0,), weekly_cap=2)


def test_a_phase_without_changes_is_one_stretch_with_its_own_terms():
    assert spans(start=D(2026, 1, 29), end=D(2026, 12, 31), base=THURSDAY, changes=[]) == [
        Span(D(2026, 1, 29), D(2026, 12, 31), THURSDAY, "")
    ]


def test_a_change_cuts_the_phase_the_day_before_its_date():
    got = spans(
        start=D(2026, 1, 29),
        end=D(2026, 12, 31),
        base=THURSDAY,
        changes=[Change(D(2026, 2, 17), MONDAY, "SE 2")],
    )
    assert got == [
        Span(D(2026, 1, 29), D(2026, 2, 16), THURSDAY, ""),
        Span(D(2026, 2, 17), D(2026, 12, 31), MONDAY, "SE 2"),
    ]
    assert terms_on(got, D(2026, 2, 16)) == THURSDAY
    assert terms_on(got, D(2026, 2, 17)) == MONDAY
    assert terms_on(got, D(2027, 1, 4)) == MONDAY


def test_changes_outside_the_phase_or_on_its_first_day_are_ignored_and_order_is_by_date():
    later = Terms(wfh_weekdays=(4,))
    got = spans(
        start=D(2026, 2, 1),
        end=D(2026, 3, 31),
        base=THURSDAY,
        changes=[
            Change(D(2026, 3, 2), later),
            Change(D(2026, 2, 1), MONDAY),
            Change(D(2026, 4, 1), MONDAY),
            Change(D(2026, 2, 16), MONDAY),
        ],
    )
    assert [(s.start, s.end, s.terms) for s in got] == [
        (D(2026, 2, 1), D(2026, 2, 15), THURSDAY),
        (D(2026, 2, 16), D(2026, 3, 1), MONDAY),
        (D(2026, 3, 2), D(2026, 3, 31), later),
    ]


def test_with_changes_changes_only_what_is_given_and_names_the_differences():
    after = THURSDAY.with_changes(wfh_weekdays=[0, 0], exempt_kinds=["rsud", "puskesmas"])
    assert after == Terms(wfh_weekdays=(0,), weekly_cap=2, exempt_kinds=("puskesmas", "rsud"))
    assert after.differences(THURSDAY) == ["wfh_weekdays", "exempt_kinds"]
    assert THURSDAY.with_changes().differences(THURSDAY) == []
    rotation = Terms(ratio=Decimal("0.50"), weekly_cap=3)
    assert rotation.with_changes(ratio=Decimal("0.30")).differences(rotation) == ["ratio"]


def test_lead_in_is_the_earlier_days_of_the_same_iso_week():
    days = [D(2026, 3, 2) + dt.timedelta(days=i) for i in range(12)]
    assert lead_in(days, D(2026, 3, 4)) == [D(2026, 3, 2), D(2026, 3, 3)]
    assert lead_in(days, D(2026, 3, 9)) == []


def _input(days):
    return RosterInput(
        working_days=tuple(days),
        units=(UnitIn(id=1),),
        employees=(
            EmployeeIn(id=1, unit_id=1, role="staff", eligible=True, active_from=days[0]),
            EmployeeIn(id=2, unit_id=1, role="staff", eligible=True, active_to=days[2]),
        ),
        pattern=WeekdayPattern(wfh_weekdays=frozenset({3})),
        limits=Limits(weekly_cap=2),
    )


def test_each_stretch_runs_with_its_terms_and_the_results_read_as_one():
    days = [d for d in (D(2026, 3, 2) + dt.timedelta(days=i) for i in range(12)) if d.weekday() < 5]
    inp = _input(days)
    first = Span(D(2026, 3, 2), D(2026, 3, 3), THURSDAY)
    second = Span(D(2026, 3, 4), D(2026, 3, 13), Terms(wfh_weekdays=(0, 3, 4), weekly_cap=2))
    exempt = Terms(wfh_weekdays=(0, 3, 4), weekly_cap=2, exempt_kinds=("rsud",))
    a = generate(span_input(inp, first))
    b_inp = span_input(inp, second, previous=a)
    assert b_inp.working_days[:2] == (D(2026, 3, 2), D(2026, 3, 3))  # the week's lead-in
    assert b_inp.frozen[1, D(2026, 3, 2)] == Mode.WFO  # as the first stretch made it
    assert [e.id for e in b_inp.employees] == [1, 2]
    assert b_inp.pattern.wfh_weekdays == frozenset({0, 3, 4})
    b = generate(b_inp)
    joined = SpannedResult([(first, a), (second, b)])
    rows = list(joined.iter_rows())
    assert len({(e, d) for e, d, _m, _r in rows}) == len(rows)  # lead-in days written once
    wfh = sorted(d for e, d, m, _r in rows if e == 1 and m == "WFH")
    assert wfh == [D(2026, 3, 5), D(2026, 3, 6), D(2026, 3, 9), D(2026, 3, 12)]  # cap 2/week
    assert joined.stats.to_dict()["modes"]["WFH"] == len([r for r in rows if r[2] == "WFH"])
    assert span_input(inp, Span(D(2026, 3, 14), D(2026, 3, 15), THURSDAY)) is None
    fronted = span_input(inp, Span(D(2026, 3, 4), D(2026, 3, 13), exempt), opd_kind="rsud")
    assert all(u.frontline for u in fronted.units)
