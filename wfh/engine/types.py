"""What goes into the roster engine and what comes out: plain values, no Django.

Every input value checks itself when it is built, so a bad value fails at the caller with a
message that names the field (DESIGN section 7); cross-references (an employee's unit exists,
ids are unique) are checked by `RosterInput`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from wfh.engine.stats import RosterStats


class Mode(enum.StrEnum):
    """Where an employee works on a working day (DESIGN section 5: `WFH`, `WFO`, `LEAVE`)."""

    WFH = "WFH"
    WFO = "WFO"
    LEAVE = "LEAVE"


class Composition(enum.StrEnum):
    """How an OPD shapes a rotation; the limits hold whichever it picks."""

    ALTERNATING_DAYS = "alternating_days"
    ALTERNATING_WEEKS = "alternating_weeks"
    BY_TEAM = "by_team"
    BALANCED = "balanced"


class Reason(enum.StrEnum):
    """Why a cell has its mode.

    pattern     the weekday pattern (WFH on a WFH weekday, WFO on the others)
    rotation    the rotation chose it (WFH, or WFO because it was someone else's turn)
    piket       duty officer kept on site on a WFH weekday for the unit minimum
    frontline   the unit serves the public directly: always WFO
    ineligible  the employee may not work from home: always WFO
    leave       on leave, sick or on duty: LEAVE
    frozen      an earlier day or a manual override, copied untouched
    cap         the weekly cap was reached: WFO
    minimum     the unit minimum on site kept the employee in (rotation)
    """

    PATTERN = "pattern"
    ROTATION = "rotation"
    PIKET = "piket"
    FRONTLINE = "frontline"
    INELIGIBLE = "ineligible"
    LEAVE = "leave"
    FROZEN = "frozen"
    CAP = "cap"
    MINIMUM = "minimum"


ROLES = ("head", "deputy", "staff")


def _check_int(owner: str, name: str, value: object, minimum: int | None = None) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{owner}.{name} must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{owner}.{name} must be at least {minimum}, got {value}")


# The UnitIn.id a caller gives the staff it placed in no unit (the engine treats it as any unit).
NO_UNIT_ENGINE_ID = 0


@dataclass(frozen=True, slots=True)
class UnitIn:
    """A unit (bidang / bagian / tim kerja) with its minimum on site; frontline is always WFO."""

    id: int
    min_onsite: int = 0
    frontline: bool = False

    def __post_init__(self) -> None:
        _check_int("UnitIn", "id", self.id)
        _check_int(f"UnitIn {self.id}", "min_onsite", self.min_onsite, 0)


@dataclass(frozen=True, slots=True)
class EmployeeIn:
    """An employee of one unit; days outside active_from..active_to get no cell at all."""

    id: int
    unit_id: int
    role: str  # "head" | "deputy" | "staff"
    eligible: bool
    leave: frozenset[date] = frozenset()
    active_from: date | None = None
    active_to: date | None = None

    def __post_init__(self) -> None:
        _check_int("EmployeeIn", "id", self.id)
        _check_int(f"EmployeeIn {self.id}", "unit_id", self.unit_id)
        if self.role not in ROLES:
            raise ValueError(f"EmployeeIn {self.id}.role must be one of {ROLES}, got {self.role!r}")


@dataclass(frozen=True, slots=True)
class WeekdayPattern:
    """WFH on these weekdays (0 = Monday), e.g. {3} for Thursday, {3, 4} with the Friday option.

    The caller passes the effective set for the OPD (the optional extra weekday only where HR
    approved the OPD's application).
    """

    wfh_weekdays: frozenset[int]

    def __post_init__(self) -> None:
        bad = sorted(d for d in self.wfh_weekdays if not isinstance(d, int) or not 0 <= d <= 6)
        if bad:
            raise ValueError(f"WeekdayPattern.wfh_weekdays must be 0..6 (0 = Monday), got {bad}")


@dataclass(frozen=True, slots=True)
class RotationPattern:
    """At most `ratio` of each unit's eligible staff present at home on any day."""

    ratio: float
    composition: Composition = Composition.BALANCED

    def __post_init__(self) -> None:
        if not isinstance(self.ratio, int | float) or not 0.0 <= self.ratio <= 1.0:
            raise ValueError(f"RotationPattern.ratio must be between 0 and 1, got {self.ratio!r}")
        Composition(self.composition)


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits every phase keeps; weekly_cap is per employee per ISO week (PermenPANRB 4/2025)."""

    weekly_cap: int = 2

    def __post_init__(self) -> None:
        _check_int("Limits", "weekly_cap", self.weekly_cap, 0)


@dataclass(frozen=True)
class RosterInput:
    """Everything one generation needs; dates are arguments, the engine never reads a clock.

    working_days: the phase's working days for this OPD, weekends, holidays, cuti bersama and
    local days off already removed by the caller. frozen: cells (past days, manual overrides)
    copied to the output untouched; they count toward caps, targets and coverage.
    """

    working_days: tuple[date, ...]
    units: tuple[UnitIn, ...]
    employees: tuple[EmployeeIn, ...]
    pattern: WeekdayPattern | RotationPattern
    limits: Limits = field(default_factory=Limits)
    seed: int = 0
    frozen: Mapping[tuple[int, date], Mode] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.pattern, WeekdayPattern | RotationPattern):
            raise ValueError(f"RosterInput.pattern must be a pattern, got {self.pattern!r}")
        _check_int("RosterInput", "seed", self.seed)
        for day in self.working_days:
            if not isinstance(day, date):
                raise ValueError(f"RosterInput.working_days must hold dates, got {day!r}")
        unit_ids: set[int] = set()
        for unit in self.units:
            if unit.id in unit_ids:
                raise ValueError(f"RosterInput.units: unit {unit.id} appears twice")
            unit_ids.add(unit.id)
        emp_ids: set[int] = set()
        for emp in self.employees:
            if emp.id in emp_ids:
                raise ValueError(f"RosterInput.employees: employee {emp.id} appears twice")
            emp_ids.add(emp.id)
            if emp.unit_id not in unit_ids:
                raise ValueError(
                    f"RosterInput.employees: employee {emp.id} is in unit {emp.unit_id}, "
                    "which is not among the units"
                )


class Assignment(NamedTuple):
    """One cell of the roster: where an employee works on one working day, and why."""

    employee_id: int
    day: date
    mode: Mode
    reason: Reason


MODE_OF_CODE: tuple[Mode | None, ...] = (None, Mode.WFH, Mode.WFO, Mode.LEAVE)
REASON_OF_CODE: tuple[Reason | None, ...] = (
    None,
    Reason.PATTERN,
    Reason.ROTATION,
    Reason.PIKET,
    Reason.FRONTLINE,
    Reason.INELIGIBLE,
    Reason.LEAVE,
    Reason.FROZEN,
    Reason.CAP,
    Reason.MINIMUM,
)


class RosterResult:
    """The roster (one cell per employee per working day in range) and its stats.

    Cells are held compactly (one byte of mode and one of reason per employee-day);
    `assignments` builds the list of `Assignment` on first use, `iter_rows()` streams plain
    tuples for a bulk writer without holding them all.
    """

    def __init__(
        self,
        *,
        days: tuple[date, ...],
        employee_ids: list[int],
        modes: list[bytes],
        reasons: list[bytes],
        stats: RosterStats,
    ) -> None:
        self.days = days
        self.employee_ids = employee_ids
        self._modes = modes
        self._reasons = reasons
        self.stats = stats

    def iter_assignments(self) -> Iterator[Assignment]:
        """Every cell as an `Assignment`, employees by id, days in order."""
        days = self.days
        for eid, modes, reasons in zip(self.employee_ids, self._modes, self._reasons, strict=True):
            for i, m in enumerate(modes):
                if m:
                    yield Assignment(eid, days[i], MODE_OF_CODE[m], REASON_OF_CODE[reasons[i]])

    def iter_rows(self) -> Iterator[tuple[int, date, str, str]]:
        """Every cell as (employee_id, day, mode, reason) with plain strings, for COPY."""
        days = self.days
        mode_str = [m.value if m else "" for m in MODE_OF_CODE]
        reason_str = [r.value if r else "" for r in REASON_OF_CODE]
        for eid, modes, reasons in zip(self.employee_ids, self._modes, self._reasons, strict=True):
            for i, m in enumerate(modes):
                if m:
                    yield eid, days[i], mode_str[m], reason_str[reasons[i]]

    @cached_property
    def assignments(self) -> list[Assignment]:
        return list(self.iter_assignments())

    def mode_of(self, employee_id: int, day: date) -> Mode | None:
        """The mode of one cell, or None where the employee has no cell that day."""
        try:
            e = self._index[employee_id]
            i = self._day_index[day]
        except KeyError:
            return None
        return MODE_OF_CODE[self._modes[e][i]]

    @cached_property
    def _index(self) -> dict[int, int]:
        return {eid: n for n, eid in enumerate(self.employee_ids)}

    @cached_property
    def _day_index(self) -> dict[date, int]:
        return {d: i for i, d in enumerate(self.days)}
