"""The engine's input for one roster version, and its result read back per employee.

The engine knows employees by an engine id: the employee's own id, except for someone placed in
two units of the OPD during the phase, each of whose placements is its own engine employee,
-(id x SEGMENTS + k), so every day counts in the unit of the time. `employee_id_of` maps back;
`engine_result` runs the engine and keeps the weekly cap across such placements.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable

from leave.selectors import approved_leave_days
from opd.eligibility_records import eligibility_between
from wfh import engine, selectors
from wfh.calendar import working_days
from wfh.engine.types import (
    NO_UNIT_ENGINE_ID,
    EmployeeIn,
    Limits,
    RosterInput,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)
from wfh.engine.types import Composition as EngineComposition
from wfh.engine.types import Mode as EngineMode
from wfh.models import Assignment, PatternKind, Roster
from wfh.rosters.version_runs import versioned_result

SEGMENTS = 1000  # engine ids per employee placed in more than one unit in a phase


def employee_id_of(engine_id: int) -> int:
    """The employee behind an engine id."""
    return engine_id if engine_id >= 0 else -engine_id // SEGMENTS


def engine_input(
    *, roster: Roster, is_open: Callable[[int, dt.date], bool] | None = None
) -> tuple[RosterInput, dict[int, int | None], dict[tuple[int, dt.date], str]]:
    """Everything the engine needs for this roster, each engine id's unit for the rows, and the
    manual cells the engine keeps (their rows keep their source), keyed by engine id and day.

    Approved leave (cuti, sakit, dinas luar, tugas belajar) within the phase is each employee's
    `leave` (DESIGN section 4, invariant 7), read in one query for the whole OPD. Eligibility is
    per date (opd.eligibility: the manual flag, sanctions, new in post): someone whose
    eligibility changes during the phase is one engine employee per stretch, like a move.

    `is_open(employee_id, day)` says which cells of this roster's rows the engine may decide;
    every other cell is frozen. Without it the roster's `regenerate_from` decides (days from it
    on are open; none frozen when it is unset). Manual cells stay frozen even when open, except
    on a day of approved leave: leave wins over an earlier manual change.
    """
    phase, opd = roster.phase, roster.opd
    days = tuple(working_days(phase.start, phase.end, opd_id=opd.pk))
    workdays = set(days)
    units = {u.pk: u for u in selectors.units_of(opd)}
    unit_of: dict[int, int | None] = {}
    segments: dict[int, list[tuple[int, dt.date, dt.date]]] = defaultdict(list)
    employees = []
    placements = list(selectors.placements_in(opd, phase.start, phase.end))
    leave_of = approved_leave_days(
        employee_ids=selectors.placements_in(opd, phase.start, phase.end).values("employee_id"),
        start=phase.start,
        end=phase.end,
    )
    eligible_in = eligibility_between(
        selectors.placements_in(opd, phase.start, phase.end).values("employee_id"),
        phase.start,
        phase.end,
    )
    pieces = []
    for placement in placements:
        emp = placement.employee
        opened = None if placement.first else placement.valid_from
        start = max(d for d in (opened, emp.active_from, phase.start) if d)
        end = min(d for d in (placement.valid_to, emp.active_to, phase.end) if d)
        for lo, hi, ok in _eligible_pieces(eligible_in.get(emp.pk, ()), start, end):
            pieces.append((placement, lo, hi, ok))
    count = Counter(p.employee_id for p, *_ in pieces)
    for placement, start, end, ok in pieces:
        emp = placement.employee
        eid = emp.pk
        if count[emp.pk] > 1:
            eid = -(emp.pk * SEGMENTS + len(segments[emp.pk]))
            segments[emp.pk].append((eid, start, end))
        unit_of[eid] = placement.unit_id
        employees.append(
            EmployeeIn(
                id=eid,
                unit_id=placement.unit_id or NO_UNIT_ENGINE_ID,
                role=placement.unit_role,
                eligible=ok,
                leave=frozenset(
                    d for d in leave_of.get(emp.pk, ()) if start <= d <= end and d in workdays
                ),
                active_from=start,
                active_to=end,
            )
        )
    engine_units = [
        UnitIn(id=u.pk, min_onsite=u.min_onsite, frontline=u.frontline) for u in units.values()
    ]
    if any(e.unit_id == NO_UNIT_ENGINE_ID for e in employees):
        engine_units.append(UnitIn(id=NO_UNIT_ENGINE_ID, min_onsite=0, frontline=False))
    if phase.pattern == PatternKind.WEEKDAY:
        pattern = WeekdayPattern(wfh_weekdays=frozenset(selectors.effective_weekdays(phase, opd)))
    else:
        pattern = RotationPattern(
            ratio=float(phase.ratio), composition=EngineComposition(roster.composition)
        )
    frozen, manual = _frozen_cells(roster, segments, leave_of, is_open)
    inp = RosterInput(
        working_days=days,
        units=tuple(sorted(engine_units, key=lambda u: u.id)),
        employees=tuple(sorted(employees, key=lambda e: e.id)),
        pattern=pattern,
        limits=Limits(weekly_cap=phase.weekly_cap),
        seed=roster.seed,
        frozen=frozen,
    )
    return inp, unit_of, manual


def _eligible_pieces(periods, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date, bool]]:
    """start..end cut where eligibility changes (opd.eligibility, per date): each piece is an
    engine employee of its own, so the days before and after the change are each treated right.
    A placement with no day in the phase stays one piece, as before."""
    cut = []
    for lo, hi, answer in periods:
        lo, hi = max(lo, start), min(hi, end)
        if lo > hi:
            continue
        if cut and cut[-1][2] == answer.eligible:
            cut[-1] = (cut[-1][0], hi, answer.eligible)
        else:
            cut.append((lo, hi, answer.eligible))
    return cut or [(start, end, periods[0][2].eligible if periods else True)]


def _base_cells(roster: Roster) -> dict[tuple[int, dt.date], tuple[str, str]]:
    """(employee, day) -> (mode, source) a regeneration starts from: this version's own rows if
    it has any, else those of the latest earlier version that is ready (the one a new version
    regenerates, published or not), else the published schedule."""
    own = Assignment.objects.filter(roster=roster)
    if not own.exists():
        previous = (
            Roster.objects.filter(
                phase=roster.phase_id,
                opd=roster.opd_id,
                version__lt=roster.version,
                status=Roster.Status.READY,
            )
            .order_by("-version")
            .first()
        )
        if previous is None:
            return selectors.published_cells(roster.phase, roster.opd)
        own = Assignment.objects.filter(roster=previous)
    rows = own.values_list("employee_id", "day", "mode", "source")
    return {(e, d): (m, s) for e, d, m, s in rows.iterator(chunk_size=20000)}


def _frozen_cells(
    roster: Roster,
    segments: dict[int, list[tuple[int, dt.date, dt.date]]],
    leave_of: dict[int, set[dt.date]] | None = None,
    is_open: Callable[[int, dt.date], bool] | None = None,
) -> tuple[dict[tuple[int, dt.date], EngineMode], dict[tuple[int, dt.date], str]]:
    """Cells a regeneration must keep: every cell that is not open (by default the days before
    regenerate_from), and manual changes unless approved leave covers them; and the sources of
    the manual ones. Keyed by engine id (an employee's placement that day)."""
    if is_open is None:
        if roster.regenerate_from is None:
            return {}, {}
        cut = roster.regenerate_from

        def is_open(emp: int, day: dt.date) -> bool:
            return day >= cut

    leave_of = leave_of or {}
    frozen: dict[tuple[int, dt.date], EngineMode] = {}
    manual: dict[tuple[int, dt.date], str] = {}
    for (emp, day), (mode, source) in _base_cells(roster).items():
        is_manual = selectors.is_manual(source)
        if is_open(emp, day) and (not is_manual or day in leave_of.get(emp, ())):
            continue
        eid = emp
        if emp in segments:
            eid = next((e for e, lo, hi in segments[emp] if lo <= day <= hi), segments[emp][-1][0])
        frozen[eid, day] = EngineMode(mode)
        if is_manual:
            manual[eid, day] = source
    return frozen, manual


def engine_result(
    inp: RosterInput,
    *,
    progress: Callable[[int, int], None] | None = None,
    roster: Roster | None = None,
):
    """The engine's result for `inp`, with the weekly cap kept across placements (see
    `CappedAcrossPlacements`) when someone is placed in two units. With `roster`, one run per
    version of its phase (wfh.rosters.version_runs: each stretch with its own terms)."""
    if roster is not None:
        return versioned_result(inp, roster=roster, run=engine_result, progress=progress)
    result = engine.generate(inp) if progress is None else engine.generate(inp, progress=progress)
    if any(e.id < 0 for e in inp.employees):
        result = CappedAcrossPlacements(result, inp)
    return result


class CappedAcrossPlacements:
    """The engine's result, with the weekly cap kept for someone placed in two units of the OPD
    within one ISO week (the engine sees two employees there): their extra WFH days become WFO
    ("cap"), latest first, frozen cells untouched."""

    def __init__(self, result, inp: RosterInput):
        self.stats = result.stats
        self._result = result
        self.flips: set[tuple[int, dt.date]] = set()
        by_employee: dict[int, list[int]] = defaultdict(list)
        for e in inp.employees:
            if e.id < 0:
                by_employee[employee_id_of(e.id)].append(e.id)
        cap = inp.limits.weekly_cap
        for eids in by_employee.values():
            weeks: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
            for eid in eids:
                for day in inp.working_days:
                    if result.mode_of(eid, day) == EngineMode.WFH:
                        weeks[day.isocalendar()[:2]].append((day, eid))
            for cells in weeks.values():
                free = sorted(c for c in cells if (c[1], c[0]) not in inp.frozen)
                extra = len(cells) - cap
                while extra > 0 and free:
                    day, eid = free.pop()
                    self.flips.add((eid, day))
                    extra -= 1

    def mode_of(self, employee_id: int, day: dt.date):
        if (employee_id, day) in self.flips:
            return EngineMode.WFO
        return self._result.mode_of(employee_id, day)

    def iter_rows(self):
        flips = self.flips
        for eid, day, mode, reason in self._result.iter_rows():
            if (eid, day) in flips:
                mode, reason = EngineMode.WFO.value, "cap"
            yield eid, day, mode, reason
