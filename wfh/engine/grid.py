"""The roster grid: which cells exist, and what is settled before any pattern runs.

Rule 1 (DESIGN section 4.1) is enforced here: a cell exists only on a given working day (the
caller has removed weekends, holidays, cuti bersama and local days off) and only within the
employee's active range (joined or left mid-phase); no other cell is ever made.

Rule 7: a leave day (cuti, sick, duty) is a LEAVE cell with reason "leave", never WFH/WFO; it is
not present, so it counts neither toward coverage nor toward the employee's available days.

Rule 8, second half: a frozen cell (an earlier day, a manual override) is copied to the output
with its mode and reason "frozen"; a pattern only ever decides FREE cells. A frozen cell outside
the grid (not a working day, outside the employee's range, unknown employee) is dropped and
counted in the stats, since no cell may exist there (rule 1 wins).

Each employee's row is a byte string with one code per working day (`NONE`, `FREE`, `LEAVE`,
`F_WFH`, `F_WFO`, `F_LEAVE`); outputs are byte strings of mode codes and reason codes (see
`types.MODE_OF_CODE`, `types.REASON_OF_CODE`). Bytes keep the 2 million cells of a large OPD
cheap and let counting run in C (`bytes.count`, `translate`, `zip`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from wfh.engine.types import EmployeeIn, Mode, UnitIn

# cell codes
NONE, FREE, LEAVE, F_WFH, F_WFO, F_LEAVE = range(6)
PRESENT_CODES = (FREE, F_WFH, F_WFO)
# mode codes (types.MODE_OF_CODE)
M_WFH, M_WFO, M_LEAVE = 1, 2, 3
# reason codes (types.REASON_OF_CODE)
(
    R_PATTERN,
    R_ROTATION,
    R_PIKET,
    R_FRONTLINE,
    R_INELIGIBLE,
    R_LEAVE,
    R_FROZEN,
    R_CAP,
    R_MINIMUM,
) = range(1, 10)

_FROZEN_CODE = {Mode.WFH: F_WFH, Mode.WFO: F_WFO, Mode.LEAVE: F_LEAVE}
_MODE_TABLE = bytearray(256)
_MODE_TABLE[FREE] = M_WFO
_MODE_TABLE[LEAVE] = M_LEAVE
_MODE_TABLE[F_WFH] = M_WFH
_MODE_TABLE[F_WFO] = M_WFO
_MODE_TABLE[F_LEAVE] = M_LEAVE
MODE_TABLE = bytes(_MODE_TABLE)


def reason_table(free_reason: int) -> bytes:
    """Translation table from cell codes to reason codes, FREE cells getting `free_reason`."""
    table = bytearray(256)
    table[FREE] = free_reason
    table[LEAVE] = R_LEAVE
    table[F_WFH] = table[F_WFO] = table[F_LEAVE] = R_FROZEN
    return bytes(table)


EPS = 1e-9  # tolerance for comparing float targets and shares (the ratio cap is exact: ratio.py)


@dataclass(slots=True)
class Calendar:
    """The phase's working days in order, with their weekday and ISO week (Monday-Sunday)."""

    days: tuple[date, ...]
    index: dict[date, int]
    weekday: tuple[int, ...]
    week: tuple[int, ...]  # sequential number of the day's ISO week within the phase
    weeks: tuple[range, ...]  # day indices of each week
    # turn[i] = the day's position among its week's working days + the week's number. Taking
    # turns on it alternates working days within a week and shifts by one day each week, so
    # whoever takes turns moves over the weekdays (a group never keeps the Mondays and Fridays).
    turn: tuple[int, ...]

    @classmethod
    def of(cls, working_days: Iterable[date]) -> Calendar:
        days = tuple(sorted(set(working_days)))
        weeks: list[range] = []
        week: list[int] = []
        key = None
        start = 0
        for i, d in enumerate(days):
            k = d.isocalendar()[:2]
            if k != key:
                if key is not None:
                    weeks.append(range(start, i))
                key, start = k, i
            week.append(len(weeks))
        if days:
            weeks.append(range(start, len(days)))
        return cls(
            days=days,
            index={d: i for i, d in enumerate(days)},
            weekday=tuple(d.weekday() for d in days),
            week=tuple(week),
            weeks=tuple(weeks),
            turn=tuple(i - weeks[w].start + w for i, w in enumerate(week)),
        )


@dataclass(slots=True)
class UnitGrid:
    """One unit's employees (by id) and their rows of cell codes."""

    unit: UnitIn
    employees: list[EmployeeIn]
    codes: list[bytes]
    frozen_any: bool = False
    # filled by the pattern
    modes: list[bytes] = field(default_factory=list)
    reasons: list[bytes] = field(default_factory=list)
    target: list[float] = field(default_factory=list)
    wfh_cap: list[int] = field(default_factory=list)  # per day: WFH the pattern allows
    spread: dict[int, list[int]] = field(default_factory=dict)  # row -> WFH per weekday, if known


def build_grids(
    cal: Calendar,
    units: Iterable[UnitIn],
    employees: Iterable[EmployeeIn],
    frozen: Mapping[tuple[int, date], Mode],
) -> tuple[list[UnitGrid], int]:
    """Every unit's grid (units and employees by id) and the number of frozen cells dropped."""
    days = cal.days
    index = cal.index
    n_days = len(days)
    base = bytes([FREE]) * n_days
    emps_by_unit: dict[int, list[EmployeeIn]] = {}
    for emp in employees:
        emps_by_unit.setdefault(emp.unit_id, []).append(emp)

    frozen_by_emp: dict[int, list[tuple[int, int]]] = {}
    dropped = 0
    for (eid, day), mode in frozen.items():
        try:
            code = _FROZEN_CODE[Mode(mode)]
        except ValueError as exc:
            raise ValueError(
                f"RosterInput.frozen[{eid}, {day}]: mode must be WFH, WFO or LEAVE, got {mode!r}"
            ) from exc
        i = index.get(day)
        if i is None:
            dropped += 1
            continue
        frozen_by_emp.setdefault(eid, []).append((i, code))

    grids: list[UnitGrid] = []
    seen: set[int] = set()
    for unit in sorted(units, key=lambda u: u.id):
        emps = sorted(emps_by_unit.get(unit.id, ()), key=lambda e: e.id)
        rows: list[bytes] = []
        frozen_any = False
        for emp in emps:
            seen.add(emp.id)
            row: bytes | bytearray = base
            if emp.active_from is not None or emp.active_to is not None:
                lo = 0 if emp.active_from is None else bisect_left(days, emp.active_from)
                hi = n_days if emp.active_to is None else bisect_right(days, emp.active_to)
                hi = max(hi, lo)
                row = bytes(lo) + base[lo:hi] + bytes(n_days - hi)
            cells = frozen_by_emp.get(emp.id)
            if emp.leave or cells:
                row = bytearray(row)
                for d in emp.leave:
                    i = index.get(d)
                    if i is not None and row[i] == FREE:
                        row[i] = LEAVE
                if cells:
                    for i, code in cells:
                        if row[i] == NONE:
                            dropped += 1
                        else:
                            row[i] = code
                            frozen_any = True
                row = bytes(row)
            rows.append(row)
        grids.append(UnitGrid(unit=unit, employees=emps, codes=rows, frozen_any=frozen_any))
    for eid, cells in frozen_by_emp.items():
        if eid not in seen:
            dropped += len(cells)
    return grids, dropped


def present_count(column: tuple[int, ...]) -> int:
    return column.count(FREE) + column.count(F_WFH) + column.count(F_WFO)


def week_frozen_wfh(cal: Calendar, row: bytes) -> list[int]:
    """Frozen WFH cells of one row per week: they count toward the weekly cap (rule 4)."""
    return [row[w.start : w.stop].count(F_WFH) for w in cal.weeks]


def fixed_unit(g: UnitGrid, n_days: int, reason: int) -> None:
    """A frontline unit (one that serves the public directly): every present cell WFO.

    A limit every phase keeps, whatever the pattern; leave and frozen cells stay as they are.
    """
    table = reason_table(reason)
    g.modes = [row.translate(MODE_TABLE) for row in g.codes]
    g.reasons = [row.translate(table) for row in g.codes]
    g.target = [0.0] * len(g.codes)
    g.wfh_cap = [0] * n_days
