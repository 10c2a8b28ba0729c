"""Random organisations, calendars, leave, frozen cells and patterns for the engine's properties,
and a view of a result that the property tests read (they never reuse engine internals)."""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from wfh.engine import generate
from wfh.engine.types import (
    Composition,
    EmployeeIn,
    Limits,
    Mode,
    RosterInput,
    RosterResult,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)

RATIOS = (0.2, 0.3, 0.4, 0.5, 0.6)


def examples(default: int) -> settings:
    """Hypothesis settings: `default` examples (the suite stays under a minute), or
    ENGINE_EXAMPLES of them for a deeper run (`ENGINE_EXAMPLES=3000 pytest tests/wfh/engine`)."""
    return settings(
        max_examples=int(os.environ.get("ENGINE_EXAMPLES", default)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


FIRST_MONDAY = date(2025, 1, 6)


@st.composite
def calendars(draw) -> tuple[date, ...]:
    """1-6 weeks of Monday-Friday, some days removed (holidays, cuti bersama, local days off)."""
    start = FIRST_MONDAY + timedelta(weeks=draw(st.integers(0, 100)))
    weeks = draw(st.integers(1, 6))
    days = [start + timedelta(days=7 * w + d) for w in range(weeks) for d in range(5)]
    holidays = draw(st.sets(st.sampled_from(days), max_size=len(days) // 3))
    return tuple(d for d in days if d not in holidays)


@st.composite
def organisations(draw, days: tuple[date, ...]):
    units = []
    employees = []
    eid = draw(st.integers(1, 1000))
    for uid in range(1, draw(st.integers(1, 6)) + 1):
        units.append(
            UnitIn(
                id=uid * 7,
                min_onsite=draw(st.integers(0, 5)),
                frontline=draw(st.integers(0, 5)) == 0,
            )
        )
        size = draw(st.integers(0, 25))
        roles = ["staff"] * size
        if size and draw(st.booleans()):
            roles[0] = "head"
        if size > 1 and draw(st.booleans()):
            roles[1] = "deputy"
        for role in roles:
            leave = frozenset()
            active_from = active_to = None
            if days and draw(st.integers(0, 3)) == 0:
                leave = frozenset(draw(st.sets(st.sampled_from(days), max_size=len(days) // 2)))
            if days and draw(st.integers(0, 6)) == 0:
                a, b = sorted(draw(st.sampled_from(days)) for _ in range(2))
                active_from = a if draw(st.booleans()) else None
                active_to = b if draw(st.booleans()) else None
            employees.append(
                EmployeeIn(
                    id=eid,
                    unit_id=uid * 7,
                    role=role,
                    eligible=draw(st.integers(0, 6)) != 0,
                    leave=leave,
                    active_from=active_from,
                    active_to=active_to,
                )
            )
            eid += draw(st.integers(1, 3))
    return tuple(units), tuple(employees)


def rotations() -> st.SearchStrategy[RotationPattern]:
    return st.builds(
        RotationPattern, ratio=st.sampled_from(RATIOS), composition=st.sampled_from(Composition)
    )


def weekday_patterns() -> st.SearchStrategy[WeekdayPattern]:
    return st.builds(
        WeekdayPattern, wfh_weekdays=st.frozensets(st.integers(0, 4), min_size=1, max_size=3)
    )


@st.composite
def frozen_cells(draw, days, employees) -> dict[tuple[int, date], Mode]:
    """A few frozen cells: manual overrides anywhere, sometimes on days outside the grid."""
    if not days or not employees or draw(st.booleans()):
        return {}
    ids = [e.id for e in employees]
    cells = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(ids), st.sampled_from(days)),
            st.sampled_from(Mode),
            max_size=30,
        )
    )
    if draw(st.integers(0, 4)) == 0:
        cells[ids[0], days[-1] + timedelta(days=1)] = Mode.WFH  # not a working day
    return cells


@st.composite
def inputs(draw, pattern: str = "any", frozen: bool = True) -> RosterInput:
    days = draw(calendars())
    units, employees = draw(organisations(days))
    if pattern == "any":
        pattern = draw(st.sampled_from(["weekday", "rotation"]))
    chosen = draw(rotations() if pattern == "rotation" else weekday_patterns())
    return RosterInput(
        working_days=days,
        units=units,
        employees=employees,
        pattern=chosen,
        limits=Limits(weekly_cap=draw(st.integers(1, 5))),
        seed=draw(st.integers(-(2**40), 2**40)),
        frozen=draw(frozen_cells(days, employees)) if frozen else {},
    )


def week_of(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def ceil_ratio(ratio: float, n: int) -> int:
    return math.ceil(round(ratio * n, 9))


@dataclass
class View:
    """A result read back cell by cell, with what the input said about each cell."""

    inp: RosterInput
    result: RosterResult

    def __post_init__(self) -> None:
        inp = self.inp
        self.units = {u.id: u for u in inp.units}
        self.employees = {e.id: e for e in inp.employees}
        self.cells = {}
        for a in self.result.assignments:
            assert (a.employee_id, a.day) not in self.cells, "two cells for one employee-day"
            self.cells[a.employee_id, a.day] = a
        self.frozen = {key: Mode(mode) for key, mode in inp.frozen.items() if key in self.cells}
        self.days = sorted(set(inp.working_days))
        self.by_unit = defaultdict(list)
        for e in sorted(inp.employees, key=lambda e: e.id):
            self.by_unit[e.unit_id].append(e)

    def mode(self, eid: int, day: date) -> Mode | None:
        a = self.cells.get((eid, day))
        return a.mode if a else None

    def reason(self, eid: int, day: date) -> str | None:
        a = self.cells.get((eid, day))
        return a.reason if a else None

    def engine_decided(self, eid: int, day: date) -> bool:
        """A cell the engine chose: present, not frozen, not leave."""
        return (
            (eid, day) in self.cells
            and (eid, day) not in self.frozen
            and (self.cells[eid, day].mode != Mode.LEAVE)
        )

    def rotating(self, e: EmployeeIn) -> bool:
        return e.eligible and not self.units[e.unit_id].frontline

    def present(self, e: EmployeeIn, day: date) -> bool:
        m = self.mode(e.id, day)
        return m is not None and m != Mode.LEAVE

    def unit_day(self, uid: int, day: date) -> dict[str, int]:
        staff = self.by_unit[uid]
        present = [e for e in staff if self.present(e, day)]
        wfh = [e for e in present if self.mode(e.id, day) == Mode.WFH]
        return {
            "present": len(present),
            "eligible": sum(1 for e in present if e.eligible),
            "wfh": len(wfh),
            "onsite": len(present) - len(wfh),
            "engine_wfh": sum(1 for e in wfh if (e.id, day) not in self.frozen),
            "frozen_wfh": sum(1 for e in wfh if (e.id, day) in self.frozen),
        }


def run(inp: RosterInput) -> View:
    return View(inp, generate(inp))


def without_frozen(inp: RosterInput) -> RosterInput:
    return replace(inp, frozen={})


def sample_input(seed: int, *, rotation: bool = True) -> RosterInput:
    """A fixed, mid-sized organisation (4 weeks, 2 holidays, leave, a frontline unit) built
    from `random.Random(seed)`, for tests that need one realistic input rather than many."""
    import random

    rnd = random.Random(seed)
    start = date(2026, 2, 2)
    days = [
        start + timedelta(days=d) for d in range(28) if (start + timedelta(days=d)).weekday() < 5
    ]
    for holiday in rnd.sample(days, 2):
        days.remove(holiday)
    units, employees, eid = [], [], 1
    for uid in range(1, 7):
        units.append(UnitIn(id=uid, min_onsite=rnd.randint(0, 4), frontline=uid == 6))
        for k in range(rnd.randint(4, 20)):
            leave = (
                frozenset(rnd.sample(days, rnd.randint(1, 4)))
                if rnd.random() < 0.3
                else frozenset()
            )
            role = "head" if k == 0 else "deputy" if k == 1 else "staff"
            employees.append(EmployeeIn(eid, uid, role, rnd.random() > 0.1, leave))
            eid += 1
    pattern = (
        RotationPattern(0.5, rnd.choice(list(Composition)))
        if rotation
        else WeekdayPattern(frozenset({3}))
    )
    return RosterInput(tuple(days), tuple(units), tuple(employees), pattern, Limits(3), seed)
