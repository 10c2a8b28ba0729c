"""The pure roster engine: plain dataclasses in, one assignment per employee per working day out.

No Django, no clock: the caller passes the working days, the organisation, the pattern and its
limits, a seed and the frozen cells, and stores what comes back. `generate` is the entry point.

Where each rule of DESIGN section 4 is enforced (each module's docstring states it):
  1 cells only on working days within an employee's range      grid
  2 weekday pattern, piket for the unit minimum                  weekday
  3 rotation: ratio cap, unit minimum, targets                   ratio (the cap), rotation,
                                                                 rotation_targets, rotation_repair
  4 weekly cap, frozen WFH counted                               weekday, rotation (one per pattern)
  5 WFH spread over weekdays                                     rotation
  6 head and deputy never both WFH (rotation)                    rotation, rotation_repair
  rotation groups and teams (compositions)                       rotation_groups
  7 leave is LEAVE, not counted as present                       grid
  8 same input and seed, same roster; frozen cells kept          here, grid
  frontline units and ineligible staff always WFO                grid.fixed_unit, each pattern
  shortfalls and stats                                           stats

Rule 8: every order the engine depends on is an order of ids or dates (units, employees and days
are sorted; mappings are only looked up, never iterated for a decision), and every random choice
comes from `random.Random(f"{seed}/{unit_id}")`, which is seeded by a string hash (SHA-512) that
does not depend on PYTHONHASHSEED. Units are independent of each other (by_team only needs the
sizes of all units), so a unit's roster depends on the seed, its own staff and the calendar.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable

from wfh.engine.grid import R_FRONTLINE, Calendar, build_grids, fixed_unit
from wfh.engine.rotation import rotation_unit
from wfh.engine.rotation_groups import group_count, split_teams
from wfh.engine.stats import RosterStats, Shortfall, UnitDay, WeekdaySpread, tally
from wfh.engine.types import (
    Assignment,
    Composition,
    EmployeeIn,
    Limits,
    Mode,
    Reason,
    RosterInput,
    RosterResult,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)
from wfh.engine.weekday import weekday_unit

__all__ = [
    "Assignment",
    "Composition",
    "EmployeeIn",
    "Limits",
    "Mode",
    "Reason",
    "RosterInput",
    "RosterResult",
    "RosterStats",
    "RotationPattern",
    "Shortfall",
    "UnitDay",
    "UnitIn",
    "WeekdayPattern",
    "WeekdaySpread",
    "generate",
]


def generate(
    inp: RosterInput, *, progress: Callable[[int, int], None] | None = None
) -> RosterResult:
    """The roster for one OPD and phase, with its stats.

    progress(done_employees, total_employees) is called after each unit. The cyclic garbage
    collector is paused while the engine runs (it makes millions of small objects and no
    cycles, and the collector's passes over them cost a fifth of the time); its state is
    restored on the way out.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(inp, progress)
    finally:
        if collecting:
            gc.enable()


def _generate(inp: RosterInput, progress: Callable[[int, int], None] | None) -> RosterResult:
    cal = Calendar.of(inp.working_days)
    grids, dropped = build_grids(cal, inp.units, inp.employees, inp.frozen)
    pattern = inp.pattern
    cap = inp.limits.weekly_cap
    rotation = isinstance(pattern, RotationPattern)
    stats = RosterStats(frozen_dropped=dropped)
    if rotation:
        composition = Composition(pattern.composition)
        stats.pattern = f"rotation {pattern.ratio:g} {composition.value}, cap {cap}"
        n_teams = group_count(pattern.ratio)
        teams = {}
        if composition == Composition.BY_TEAM:
            sizes = {
                g.unit.id: sum(1 for e in g.employees if e.eligible)
                for g in grids
                if not g.unit.frontline
            }
            teams = split_teams(sizes, n_teams)
    else:
        weekdays = ",".join(str(d) for d in sorted(pattern.wfh_weekdays))
        stats.pattern = f"weekday {weekdays}, cap {cap}"

    n_days = len(cal.days)
    total = len(inp.employees)
    done = 0
    employee_ids: list[int] = []
    modes: list[bytes] = []
    reasons: list[bytes] = []
    for g in grids:
        rng = random.Random(f"{inp.seed}/{g.unit.id}")
        extra: list[tuple[int, str, str]] = []
        piket: list[tuple[int, int]] = []
        if g.unit.frontline:
            fixed_unit(g, n_days, R_FRONTLINE)
        elif rotation:
            extra = rotation_unit(
                g,
                cal,
                pattern.ratio,
                cap,
                composition,
                teams.get(g.unit.id, 0),
                n_teams,
                rng,
            )
        else:
            rank = list(range(len(g.employees)))
            rng.shuffle(rank)
            piket = weekday_unit(g, cal, pattern.wfh_weekdays, cap, rank)
        tally(stats, g, cal, extra, piket, rotation=rotation)
        employee_ids.extend(e.id for e in g.employees)
        modes.extend(g.modes)
        reasons.extend(g.reasons)
        g.codes = g.modes = g.reasons = []  # free the unit's rows as we go
        done += len(g.employees)
        if progress is not None:
            progress(done, total)
    return RosterResult(
        days=cal.days, employee_ids=employee_ids, modes=modes, reasons=reasons, stats=stats
    )
