"""Weekday pattern: WFH on the pattern's weekdays (Phase I and 2026: Thursday, maybe Friday).

Rule 2 (DESIGN section 4.2) is enforced here. Every eligible employee of a non-frontline unit is
WFH on each working day whose weekday is in `wfh_weekdays` and WFO (reason "pattern") on the
others. Ineligible employees are WFO every day (reason "ineligible"); a frontline unit is WFO
every day (`grid.fixed_unit`, as in every pattern).

Rule 4 for this pattern: the weekly cap counts frozen WFH cells of the whole ISO week first; the
WFH weekdays of a week are then taken in date order while the cap allows, and the extras are WFO
with reason "cap" (e.g. Thursday and Friday with a cap of 1: Friday is "cap").

The unit minimum on site: on a WFH weekday the on-site count is the present employees of the
unit who are WFO (ineligible staff, capped staff and frozen WFO cells count). Where it would fall
below `min_onsite`, the engine keeps just enough eligible staff in as duty officers (piket,
reason "piket"), no more. Piket turns are fair: the candidates with the fewest piket days so far
go first, ties broken by a seeded per-unit order, so within a unit piket counts differ by at most
one among the staff who were candidates on every day a piket was needed (they are always the
least-loaded ones picked). The stats list every piket cell. When even all candidates are not
enough, everyone eligible stays in and the stats report the shortfall.
"""

from __future__ import annotations

from wfh.engine.grid import (
    F_WFH,
    FREE,
    M_WFH,
    MODE_TABLE,
    PRESENT_CODES,
    R_CAP,
    R_INELIGIBLE,
    R_PATTERN,
    R_PIKET,
    Calendar,
    UnitGrid,
    present_count,
    reason_table,
    week_frozen_wfh,
)


def weekday_unit(
    g: UnitGrid, cal: Calendar, wfh_weekdays: frozenset[int], cap: int, rank: list[int]
) -> list[tuple[int, int]]:
    """Fill a non-frontline unit's grid; returns its piket cells (row, day index)."""
    codes = g.codes
    n_days = len(cal.days)
    g.modes = [row.translate(MODE_TABLE) for row in codes]
    g.target = [0.0] * len(codes)
    g.wfh_cap = [0] * n_days
    elig_table = reason_table(R_PATTERN)
    inel_table = reason_table(R_INELIGIBLE)
    g.reasons = [
        row.translate(elig_table if emp.eligible else inel_table)
        for emp, row in zip(g.employees, codes, strict=True)
    ]
    elig = [j for j, emp in enumerate(g.employees) if emp.eligible]
    wfh_days = [i for i in range(n_days) if cal.weekday[i] in wfh_weekdays]
    if not elig or not wfh_days or cap <= 0:
        # no one goes home: every WFH weekday's WFO is then the cap's doing
        if elig and wfh_days:
            for j in elig:
                reasons = bytearray(g.reasons[j])
                for i in wfh_days:
                    if codes[j][i] == FREE:
                        reasons[i] = R_CAP
                g.reasons[j] = bytes(reasons)
        return []

    modes = {j: bytearray(g.modes[j]) for j in elig}
    reasons = {j: bytearray(g.reasons[j]) for j in elig}
    frozen_weeks = {j: week_frozen_wfh(cal, codes[j]) for j in elig} if g.frozen_any else {}
    is_wfh_day = bytearray(n_days)
    for i in wfh_days:
        is_wfh_day[i] = 1
    for j in elig:
        row = codes[j]
        target = 0
        for w in cal.weeks:
            here = sum(1 for i in w if is_wfh_day[i] and row[i] in PRESENT_CODES)
            target += min(cap, here)
        g.target[j] = float(target)

    piket_count = dict.fromkeys(elig, 0)
    piket: list[tuple[int, int]] = []
    min_onsite = g.unit.min_onsite
    columns = list(zip(*codes, strict=True))
    week_of = cal.week
    wk: dict[int, int] = {}
    current_week = -1
    for i in wfh_days:
        w = week_of[i]
        if w != current_week:
            current_week = w
            wk = {j: frozen_weeks[j][w] for j in elig} if frozen_weeks else dict.fromkeys(elig, 0)
        col = columns[i]
        cands = []
        present_elig = 0
        for j in elig:
            c = col[j]
            if c == FREE:
                present_elig += 1
                if wk[j] >= cap:
                    reasons[j][i] = R_CAP
                else:
                    cands.append(j)
            elif c in PRESENT_CODES:
                present_elig += 1
        g.wfh_cap[i] = present_elig
        onsite_if_all_home = present_count(col) - col.count(F_WFH) - len(cands)
        need = min_onsite - onsite_if_all_home
        if need > 0:
            cands.sort(key=lambda j: (piket_count[j], rank[j]))
            duty, cands = cands[:need], cands[need:]
            for j in duty:
                reasons[j][i] = R_PIKET
                piket_count[j] += 1
                piket.append((j, i))
        for j in cands:
            modes[j][i] = M_WFH
            wk[j] += 1
    for j in elig:
        g.modes[j] = bytes(modes[j])
        g.reasons[j] = bytes(reasons[j])
    return piket
