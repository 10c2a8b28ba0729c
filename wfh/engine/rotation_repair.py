"""Rotation repair: lift the rare employee the greedy leaves below floor(target) (`rotation`).

Augmenting paths, as in a flow: every step keeps the day's WFH count within its cap, the
weekly cap and the head/deputy rule (rule 6).
"""

from __future__ import annotations

from collections import deque

from wfh.engine.grid import F_WFH, FREE, M_WFH, M_WFO, R_ROTATION
from wfh.engine.rotation_targets import RotationUnit


def repair(u: RotationUnit, wfh: list[int], wfh_wd: list[list[int]]) -> None:
    """Bring employees below floor(target) up by augmenting paths, every limit kept.

    A path gives the short employee a day where they are WFO; whoever is displaced from a full
    day moves to another of their WFO days, and so on, until a day with a free slot or someone
    above floor(target) who can give the day up. Each step keeps the day's WFH count, the weekly
    cap and the head/deputy rule.
    """
    cal, cap, rot, modes, reasons = u.cal, u.weekly_cap, u.rot, u.modes, u.reasons
    is_head, is_dep, daycap = u.is_head, u.is_dep, u.cap
    lo = [p.lo for p in u.prof]
    m = len(rot)
    n_days = len(cal.days)
    week_of = cal.week
    weekday = cal.weekday
    codes = u.g.codes
    rot_codes = [codes[j] for j in rot]
    total = [0] * n_days  # WFH in the unit per day, frozen and ineligible included
    heads_home = [0] * n_days
    deps_home = [0] * n_days
    for j, row in enumerate(codes):
        for i in range(n_days):
            if row[i] == F_WFH:
                total[i] += 1
                heads_home[i] += is_head[j]
                deps_home[i] += is_dep[j]
    home: list[list[int]] = [[] for _ in range(n_days)]  # engine WFH by rotating row
    wkc = [[0] * len(cal.weeks) for _ in range(m)]
    for q in range(m):
        j = rot[q]
        row = modes[q]
        for i in range(n_days):
            if row[i] == M_WFH:
                wkc[q][week_of[i]] += 1
                if rot_codes[q][i] == FREE:
                    home[i].append(q)
                    total[i] += 1
                    heads_home[i] += is_head[j]
                    deps_home[i] += is_dep[j]

    def leader_ok(q: int, i: int, leaving: int | None) -> bool:
        j = rot[q]
        if is_head[j]:
            others = deps_home[i] - (1 if leaving is not None and is_dep[rot[leaving]] else 0)
            return others == 0
        if is_dep[j]:
            others = heads_home[i] - (1 if leaving is not None and is_head[rot[leaving]] else 0)
            return others == 0
        return True

    def move(q: int, i: int, on: bool) -> None:
        j = rot[q]
        d = 1 if on else -1
        modes[q][i] = M_WFH if on else M_WFO
        reasons[q][i] = R_ROTATION
        wfh[q] += d
        wfh_wd[q][weekday[i]] += d
        wkc[q][week_of[i]] += d
        total[i] += d
        heads_home[i] += d * is_head[j]
        deps_home[i] += d * is_dep[j]
        if on:
            home[i].append(q)
        else:
            home[i].remove(q)

    def conflict(i: int) -> bool:
        """Head and deputy both home on day i with at least one of them the engine's doing."""
        if not (heads_home[i] and deps_home[i]):
            return False
        return any(is_head[rot[q]] or is_dep[rot[q]] for q in home[i])

    def augment(e: int) -> bool:
        parent: dict[int, tuple[int, int] | None] = {e: None}
        queue = deque([e])
        while queue:
            x = queue.popleft()
            lost = parent[x]
            lost_day = lost[1] if lost else -1
            row = rot_codes[x]
            days = [
                i
                for i in range(n_days)
                if row[i] == FREE and modes[x][i] == M_WFO and i != lost_day
            ]
            days.sort(key=lambda i: (wfh_wd[x][weekday[i]], i))
            for i in days:
                used = wkc[x][week_of[i]]
                if lost_day >= 0 and week_of[lost_day] == week_of[i]:
                    used -= 1
                if used >= cap:
                    continue
                if total[i] < daycap[i] and leader_ok(x, i, None):
                    return apply(x, i, None, parent)
                for f in sorted(home[i], key=lambda f: (lo[f] - wfh[f], f)):
                    if f in parent or not leader_ok(x, i, f):
                        continue
                    if wfh[f] > lo[f]:
                        return apply(x, i, f, parent)
                    parent[f] = (x, i)
                    queue.append(f)
        return False

    def apply(x: int, i: int, giver: int | None, parent: dict) -> bool:
        """Carry out the path ending with x taking day i; undo it if any limit would break."""
        steps: list[tuple[int, int, bool]] = []
        if giver is not None:
            steps.append((giver, i, False))
        steps.append((x, i, True))
        y = x
        while parent[y] is not None:
            p, day = parent[y]
            steps += [(y, day, False), (p, day, True)]
            y = p
        days = {day for _, day, _ in steps}
        before = {day: total[day] for day in days}
        for q, day, on in steps:
            move(q, day, on)
        ok = all(total[d] <= max(daycap[d], before[d]) and not conflict(d) for d in days)
        ok = ok and all(wkc[q][week_of[day]] <= cap for q, day, on in steps if on)
        if not ok:
            for q, day, on in reversed(steps):
                move(q, day, not on)
        return ok

    for q in sorted(range(m), key=lambda q: (wfh[q] - lo[q], q)):
        while wfh[q] < lo[q] and augment(q):
            pass
