"""Rotation groups and teams: who takes turns with whom (the compositions of `rotation`).

alternating_days and alternating_weeks split a unit's eligible staff into G = max(2, round(1/r))
balanced groups, head and deputy in different groups; by_team splits the OPD's units into G
balanced teams. `rotation` gives each group or team its preferred days.
"""

from __future__ import annotations

import random

from wfh.engine.grid import UnitGrid


def group_count(ratio: float) -> int:
    """Groups (or teams) that take turns: one per 1/r of the staff, at least two."""
    if ratio <= 0:
        return 2
    return max(2, round(1 / ratio))


def split_groups(g: UnitGrid, rot: list[int], n_groups: int, rng: random.Random) -> list[int]:
    """Balanced groups of the unit's eligible staff; head(s) and deputy(ies) kept apart."""
    group = [0] * len(rot)
    sizes = [0] * n_groups
    order = list(range(len(rot)))
    rng.shuffle(order)
    lead = {"head": 0, "deputy": 1}
    rest = []
    for q in order:
        role = g.employees[rot[q]].role
        if role in lead:
            group[q] = lead[role] % n_groups
            sizes[group[q]] += 1
        else:
            rest.append(q)
    for q in rest:
        k = min(range(n_groups), key=lambda x: (sizes[x], x))
        group[q] = k
        sizes[k] += 1
    return group


def split_teams(sizes: dict[int, int], n_teams: int) -> dict[int, int]:
    """by_team: units (id -> eligible staff) into balanced teams, largest units first."""
    load = [0] * n_teams
    team = {}
    for uid in sorted(sizes, key=lambda u: (-sizes[u], u)):
        k = min(range(n_teams), key=lambda x: (load[x], x))
        team[uid] = k
        load[k] += sizes[uid]
    return team
