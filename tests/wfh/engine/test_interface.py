"""The engine's interface as the Django side uses it: inputs that check themselves, progress,
rows for the bulk writer, and a JSON summary."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.wfh.engine.strategies import sample_input
from wfh.engine import generate
from wfh.engine.types import (
    EmployeeIn,
    Limits,
    Mode,
    RosterInput,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)

DAY = date(2025, 12, 1)


def test_progress_reports_employees_done_of_total_after_each_unit():
    inp = sample_input(3)
    calls = []
    generate(inp, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) == len(inp.units)
    assert all(total == len(inp.employees) for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (len(inp.employees), len(inp.employees))


@pytest.mark.parametrize("rotation", [True, False])
def test_rows_assignments_and_mode_of_agree(rotation):
    result = generate(sample_input(4, rotation=rotation))
    rows = list(result.iter_rows())
    assert rows == [
        (a.employee_id, a.day, a.mode.value, a.reason.value) for a in result.assignments
    ]
    for a in result.assignments[:50]:
        assert result.mode_of(a.employee_id, a.day) == a.mode
    assert result.mode_of(-1, DAY) is None
    assert {m for _, _, m, _ in rows} <= {"WFH", "WFO", "LEAVE"}


@pytest.mark.parametrize("rotation", [True, False])
def test_the_summary_is_compact_json(rotation):
    inp = sample_input(5, rotation=rotation)
    summary = generate(inp).stats.to_dict()
    text = json.dumps(summary)
    assert json.loads(text) == summary
    assert summary["assignments"] == sum(summary["modes"].values())
    assert summary["employees"] == len(inp.employees)
    assert len(text) < 20_000  # aggregates, not cells


def test_an_empty_phase_or_organisation_gives_an_empty_roster():
    for days, employees in (((), (EmployeeIn(1, 1, "staff", True),)), ((DAY,), ())):
        inp = RosterInput(days, (UnitIn(1, 0, False),), employees, WeekdayPattern(frozenset({3})))
        result = generate(inp)
        assert result.assignments == [] and result.stats.shortfalls == []
        json.dumps(result.stats.to_dict())


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: UnitIn(1, -1, False), "min_onsite must be at least 0"),
        (lambda: EmployeeIn(1, 1, "boss", True), "role must be one of"),
        (lambda: WeekdayPattern(frozenset({7})), "0..6"),
        (lambda: RotationPattern(1.5), "ratio must be between 0 and 1"),
        (lambda: Limits(-1), "weekly_cap must be at least 0"),
        (
            lambda: RosterInput(
                (DAY,), (UnitIn(1),), (EmployeeIn(1, 2, "staff", True),), RotationPattern(0.5)
            ),
            "employee 1 is in unit 2, which is not among the units",
        ),
        (
            lambda: RosterInput(
                (DAY,),
                (UnitIn(1),),
                (EmployeeIn(1, 1, "staff", True), EmployeeIn(1, 1, "head", True)),
                RotationPattern(0.5),
            ),
            "employee 1 appears twice",
        ),
    ],
)
def test_bad_input_says_what_and_where(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_a_frozen_cell_with_an_unknown_mode_says_which_cell():
    inp = RosterInput(
        (DAY,),
        (UnitIn(1),),
        (EmployeeIn(1, 1, "staff", True),),
        RotationPattern(0.5),
        frozen={(1, DAY): "SICK"},
    )
    with pytest.raises(ValueError, match=r"frozen\[1, 2025-12-01\]"):
        generate(inp)


def test_frozen_modes_may_be_given_as_strings():
    inp = RosterInput(
        (DAY,),
        (UnitIn(1),),
        (EmployeeIn(1, 1, "staff", True),),
        RotationPattern(0.5),
        frozen={(1, DAY): "LEAVE"},
    )
    assert generate(inp).mode_of(1, DAY) == Mode.LEAVE
