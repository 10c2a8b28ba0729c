"""Rotation targets: what the greedy and the repair pass need about each eligible row.

`Profile` holds one row's pro-rata target so far, its total target (floor and ceiling), its
weekday shares and weekly room; `RotationUnit` one unit's rotation in progress (its limits per
day and the rows being filled). How the shares and targets are defined: `rotation`'s docstring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import accumulate

from wfh.engine.grid import EPS, FREE, PRESENT_CODES, Calendar, UnitGrid, week_frozen_wfh

_PRESENT_TABLE = bytearray(256)
for _c in PRESENT_CODES:
    _PRESENT_TABLE[_c] = 1
PRESENT_TABLE = bytes(_PRESENT_TABLE)
_FREE_TABLE = bytearray(256)
_FREE_TABLE[FREE] = 1
FREE_TABLE = bytes(_FREE_TABLE)


class Profile:
    """What the greedy needs about one row of cells (shared by identical rows).

    cum[i]: share accrued up to and including day i (the pro-rata target so far); target: the
    total, lo/hi its floor and ceiling; rho = target / available days. seen[i]: rho x present
    days so far on day i's weekday (that weekday's pro-rata share so far); limit[k]: more WFH
    than this on weekday k is too many. after[i]: free days left in day i's week after i.
    later[w]: most WFH the weekly cap allows from week w on; need_from[w]: what week w must
    give to reach floor(target). frozen_weeks[w]: frozen WFH cells in week w.
    """

    __slots__ = (
        "cum",
        "target",
        "lo",
        "hi",
        "rho",
        "seen",
        "limit",
        "after",
        "later",
        "need_from",
        "frozen_weeks",
    )

    @classmethod
    def of(cls, row: bytes, share: list[float], cal: Calendar, cap: int) -> Profile:
        p = cls()
        n_days = len(cal.days)
        pres = row.translate(PRESENT_TABLE)
        free = row.translate(FREE_TABLE)
        accrual = [share[i] if pres[i] else 0.0 for i in range(n_days)]
        p.frozen_weeks = week_frozen_wfh(cal, row)
        p.after = [0] * n_days
        p.later = [0] * (len(cal.weeks) + 1)
        for w in cal.weeks:
            total = sum(accrual[w.start : w.stop])
            if total > cap:  # the weekly cap lowers the target, week by week
                f = cap / total
                for i in w:
                    accrual[i] *= f
            left = 0
            for i in reversed(w):
                p.after[i] = left
                left += free[i]
        for wi in range(len(cal.weeks) - 1, -1, -1):
            w = cal.weeks[wi]
            room = min(cap - p.frozen_weeks[wi], free[w.start : w.stop].count(1))
            p.later[wi] = p.later[wi + 1] + max(0, room)
        p.cum = list(accumulate(accrual))
        p.target = p.cum[-1] if n_days else 0.0
        p.lo = math.floor(p.target + EPS)
        p.hi = math.ceil(p.target - EPS)
        avail = pres.count(1)
        p.rho = p.target / avail if avail else 0.0
        counts = [0] * 7
        p.seen = [0.0] * n_days  # rho x present days so far on day i's weekday
        for i in range(n_days):
            if pres[i]:
                counts[cal.weekday[i]] += 1
            p.seen[i] = p.rho * counts[cal.weekday[i]]
        # WFH on a weekday beyond rho x its present days + 1 is too many (rule 5)
        p.limit = [p.rho * n + EPS for n in counts]
        # floor(target) minus what later weeks can still give: what week w must give itself
        p.need_from = [p.lo - p.later[wi + 1] for wi in range(len(cal.weeks))]
        return p


@dataclass(slots=True)
class RotationUnit:
    """One unit's rotation in progress: its limits per day and its rows being filled.

    rcap[i] = ceil(r x eligible present), room[i] = present - minimum (at least 0), cap[i] =
    the lower of the two (the most WFH day i may have), frozen[i] = frozen WFH cells on day i.
    rot: the grid rows of the eligible staff (index q in every per-employee list);
    modes/reasons: their rows being filled; prof: their profiles.
    """

    g: UnitGrid
    cal: Calendar
    weekly_cap: int
    rcap: list[int]
    room: list[int]
    cap: list[int]
    frozen: list[int]
    rot: list[int]
    columns: list[tuple[int, ...]]  # all rows' cell codes by day
    rot_columns: list[tuple[int, ...]]  # the eligible rows' cell codes by day
    is_head: list[bool]  # by grid row
    is_dep: list[bool]
    prof: list[Profile] = field(default_factory=list)
    modes: list[bytearray] = field(default_factory=list)
    reasons: list[bytearray] = field(default_factory=list)
