"""What a roster achieves: WFH days and targets, coverage per unit-day, shortfalls, spread.

Shortfalls are reported here (rules 2, 3 and 7 say the roster must say so, never hide it):
- staff_below_minimum: the unit has fewer staff that day than its minimum on site;
- leave_below_minimum: enough staff, but leave leaves fewer present than the minimum;
- frozen_below_minimum: enough present, but frozen WFH cells put on-site below the minimum;
- frozen_over_cap (rotation): frozen WFH cells put the unit above ceil(r x eligible present);
- ratio_limited_by_minimum (rotation): the minimum lets fewer staff go home than the ratio asks,
  so the targets of that day's staff are lowered (see `rotation`).
The engine itself never puts a unit below its minimum or above its cap.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from wfh.engine.grid import F_WFH, M_LEAVE, M_WFH, M_WFO, NONE, Calendar, UnitGrid

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class UnitDay(NamedTuple):
    """One unit on one working day: present (not on leave), on site (WFO), WFH, limits."""

    present: int
    onsite: int
    wfh: int
    min_onsite: int
    wfh_cap: int  # WFH the pattern allows that day (rotation: ceil(r x eligible present))


class Shortfall(NamedTuple):
    """A unit-day where a limit could not be met, and why."""

    unit_id: int
    day: date
    reason: str
    detail: str


@dataclass
class WeekdaySpread:
    """WFH days by weekday (index 0 = Monday .. 6 = Sunday), per employee and per unit."""

    by_employee: dict[int, tuple[int, ...]] = field(default_factory=dict)
    by_unit: dict[int, tuple[int, ...]] = field(default_factory=dict)


@dataclass
class RosterStats:
    wfh_days: dict[int, int] = field(default_factory=dict)
    target: dict[int, float] = field(default_factory=dict)
    unit_days: dict[tuple[int, date], UnitDay] = field(default_factory=dict)
    shortfalls: list[Shortfall] = field(default_factory=list)
    weekday_spread: WeekdaySpread = field(default_factory=WeekdaySpread)
    piket: list[tuple[int, date]] = field(default_factory=list)
    mode_totals: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("WFH", "WFO", "LEAVE"), 0)
    )
    frozen_dropped: int = 0  # frozen cells outside the grid (no working day / not in range)
    pattern: str = ""

    def to_dict(self) -> dict:
        """A compact JSON-serialisable summary: aggregates, shortfalls and piket counts."""
        gaps = [abs(self.wfh_days[e] - t) for e, t in self.target.items() if e in self.wfh_days]
        days_wfh = [0] * 7
        for counts in self.weekday_spread.by_unit.values():
            for k, c in enumerate(counts):
                days_wfh[k] += c
        worst_spread = 0
        for counts in self.weekday_spread.by_employee.values():
            used = [c for k, c in enumerate(counts) if k < 5 or c]
            if used:
                worst_spread = max(worst_spread, max(used) - min(used))
        below = sum(1 for ud in self.unit_days.values() if ud.onsite < ud.min_onsite)
        worked = self.mode_totals["WFH"] + self.mode_totals["WFO"]
        piket_counts = Counter(e for e, _ in self.piket)
        return {
            "pattern": self.pattern,
            "employees": len(self.wfh_days),
            "assignments": sum(self.mode_totals.values()),
            "modes": dict(self.mode_totals),
            "wfh_share": round(self.mode_totals["WFH"] / worked, 4) if worked else 0.0,
            "target_total": round(sum(self.target.values()), 2),
            "max_target_gap": round(max(gaps), 2) if gaps else 0.0,
            "unit_days": len(self.unit_days),
            "unit_days_below_minimum": below,
            "wfh_by_weekday": {WEEKDAY_NAMES[k]: c for k, c in enumerate(days_wfh) if k < 5 or c},
            "max_weekday_spread": worst_spread,
            "shortfalls_by_reason": dict(
                sorted(Counter(s.reason for s in self.shortfalls).items())
            ),
            "shortfalls": [
                {
                    "unit_id": s.unit_id,
                    "day": s.day.isoformat(),
                    "reason": s.reason,
                    "detail": s.detail,
                }
                for s in self.shortfalls
            ],
            "piket_total": len(self.piket),
            "piket_by_employee": {str(e): c for e, c in sorted(piket_counts.items())},
            "frozen_dropped": self.frozen_dropped,
        }


def tally(
    stats: RosterStats,
    g: UnitGrid,
    cal: Calendar,
    extra: list[tuple[int, str, str]],
    piket: list[tuple[int, int]],
    *,
    rotation: bool,
) -> None:
    """Add one filled unit to the stats: its employees, its unit-days and its shortfalls."""
    days = cal.days
    weekday = cal.weekday
    uid = g.unit.id
    min_onsite = g.unit.min_onsite
    totals = stats.mode_totals
    cells = b"".join(g.modes)
    totals["WFH"] += cells.count(M_WFH)
    totals["WFO"] += cells.count(M_WFO)
    totals["LEAVE"] += cells.count(M_LEAVE)
    unit_spread = [0] * 7
    by_employee = stats.weekday_spread.by_employee
    for j, (emp, row, target) in enumerate(zip(g.employees, g.modes, g.target, strict=True)):
        stats.wfh_days[emp.id] = row.count(M_WFH)
        stats.target[emp.id] = target
        spread = g.spread.get(j)
        if spread is None:
            spread = [0] * 7
            i = row.find(M_WFH)
            while i >= 0:
                spread[weekday[i]] += 1
                i = row.find(M_WFH, i + 1)
        for k in range(7):
            unit_spread[k] += spread[k]
        by_employee[emp.id] = tuple(spread)
    stats.weekday_spread.by_unit[uid] = tuple(unit_spread)
    for j, i in piket:
        stats.piket.append((g.employees[j].id, days[i]))

    found: list[tuple[int, str, str]] = list(extra)
    if g.modes:
        mode_cols = zip(*g.modes, strict=True)
        code_cols = zip(*g.codes, strict=True)
    else:
        mode_cols = iter([()] * len(days))
        code_cols = iter([()] * len(days))
    for i, (mcol, ccol) in enumerate(zip(mode_cols, code_cols, strict=True)):
        wfh = mcol.count(M_WFH)
        onsite = mcol.count(M_WFO)
        present = wfh + onsite
        cap = g.wfh_cap[i]
        stats.unit_days[uid, days[i]] = UnitDay(present, onsite, wfh, min_onsite, cap)
        if onsite < min_onsite:
            staff = len(mcol) - mcol.count(NONE)
            if staff < min_onsite:
                found.append(
                    (i, "staff_below_minimum", f"{staff} staff that day, minimum {min_onsite}")
                )
            elif present < min_onsite:
                found.append(
                    (
                        i,
                        "leave_below_minimum",
                        f"{present} present ({staff - present} on leave), minimum {min_onsite}",
                    )
                )
            else:
                found.append(
                    (
                        i,
                        "frozen_below_minimum",
                        f"{onsite} on site, minimum {min_onsite}: "
                        f"{ccol.count(F_WFH)} frozen WFH cells",
                    )
                )
        if rotation and wfh > cap:
            found.append(
                (i, "frozen_over_cap", f"{wfh} WFH, the pattern allows {cap}: frozen WFH cells")
            )
    found.sort()
    stats.shortfalls.extend(Shortfall(uid, days[i], reason, detail) for i, reason, detail in found)
