"""Rotation: at most a ratio r of each unit's eligible staff at home on any day (Phase II).

Rule 3 (DESIGN section 4.3), per unit and day: WFH (frozen cells included) never goes above
ceil(r x eligible staff present), and on-site never below the unit minimum: the engine's WFH
slots for the day are min(ceil(r x E), present - min_onsite) minus the frozen WFH cells. Only
leave or frozen cells can leave the unit short, and the stats report it.

Targets (rule 3, per eligible employee): each day's WFH capacity is shared equally among the
eligible staff present that day, share(d) = min(r, min(ceil(r x E), present - min) / E). Where
the minimum does not bind this is r, so the target is r x available days; where it binds, the
target is lowered by exactly what that day's minimum takes away (a per-day form of "scale the
unit's targets down": it equals the proportional scaling when presence is even, and unlike it
never asks someone who is only in on tight days for days that do not exist). Head and deputy
split the days both are in (rule 6), so each gets at most 1/2 of such a day. The weekly cap
lowers it week by week: target = sum over ISO weeks of min(cap, the week's shares). These
shares form a fractional roster that keeps every limit, so an integral roster with everyone
within one day of target exists (flow integrality); the greedy below aims at
floor(target)..ceil(target) and a repair pass (augmenting paths, as in a flow) lifts the rare
employee it leaves below floor(target).

Rule 4 for this pattern: an employee is a candidate on a day only while their WFH count in the
ISO week, frozen WFH of the whole week included, is below the cap.

Rule 5, spread over weekdays: the score includes how far the candidate's WFH days on this
weekday lag their pro-rata share of it, and someone already above rho x (their present days on
this weekday) + 1 (rho = target / available days) is not picked on it unless it is their last
chance to reach their target. The property tests hold every employee's count per weekday within
1 + ceil(weeks / 2) of their pro-rata share (the slack covers weeks where a tight cap, the
head/deputy rule or the minimum leaves someone a single possible day).

Rule 6: once a head of the unit is WFH on a day (frozen or chosen), no deputy is chosen that
day, and the other way round; the repair pass keeps the same rule.

The greedy, per unit, day by day (no solver: ~1.3 microseconds per cell, bench/engine.py):
- how many: round(the unit's pro-rata WFH so far - its WFH so far + the candidates' spread
  terms) (by_team: plus or minus a share of the candidates on team / other days), but at least
  what the candidates still need this week beyond the slots left on its later days, and at
  least what the unit's floor(targets) still need beyond the slots left in the whole phase;
  never more than the day's slots;
- who: the largest score = deficit against the pro-rata target so far + weekday-spread term +
  composition preference, with a large bonus for whoever would otherwise end below
  floor(target) (for head and deputy together: once what they still need reaches the days left
  on which one of them can go) and a smaller one for days still needed this week, minus a
  seeded tiebreak that rotates by day. Nobody goes above ceil(target).

Compositions shape which days, never whether the limits hold:
- alternating_days: the unit's eligible staff split into G = max(2, round(1/r)) balanced
  groups (head and deputy in different groups); group g prefers the working days with
  `Calendar.turn` % G == g: the groups alternate working days, shifted by a day each week so
  that each group's days move over the weekdays (rule 5).
- alternating_weeks: the same groups, group g prefers ISO weeks with index % G == g (so group A
  takes more days in week 1, within the cap, and B in week 2).
- by_team: the OPD's units are split into G balanced teams; a unit sends more people home on
  its team's days (turn % G == team) and fewer on the others, still within its slots, its
  minimum and each employee's target.
- balanced: no preference; deficit and weekday spread decide.
"""

from __future__ import annotations

import random

from wfh.engine.grid import (
    F_WFH,
    FREE,
    M_WFH,
    MODE_TABLE,
    R_CAP,
    R_INELIGIBLE,
    R_MINIMUM,
    R_ROTATION,
    Calendar,
    UnitGrid,
    present_count,
    reason_table,
)
from wfh.engine.ratio import below_ratio, rotation_cap
from wfh.engine.rotation_groups import group_count, split_groups
from wfh.engine.rotation_repair import repair
from wfh.engine.rotation_targets import PRESENT_TABLE, Profile, RotationUnit
from wfh.engine.types import Composition

GAMMA_DAYS = 1.0  # weight of an alternating-days preference, in days of deficit
GAMMA_WEEKS = 2.0  # weight of an alternating-weeks preference (a group's week runs ~3 days)
TEAM_SHIFT = 0.5  # by_team: share of the candidates sent home more / fewer on team days
BETA_SPREAD = 0.5  # weight of the weekday-spread term
URGENT = 100.0  # score bonus for someone who must go today to reach floor(target)
NEEDED = 4.0  # score bonus per needed day this week, over the days left to take it
TIE = 1e-7  # weight of the seeded tiebreak


def rotation_unit(
    g: UnitGrid,
    cal: Calendar,
    ratio: float,
    cap: int,
    composition: Composition,
    team: int,
    n_teams: int,
    rng: random.Random,
) -> list[tuple[int, str, str]]:
    """Fill one non-frontline unit's grid; returns its shortfalls (day, reason, detail)."""
    codes = g.codes
    emps = g.employees
    n_days = len(cal.days)
    g.modes = [row.translate(MODE_TABLE) for row in codes]
    inel_table = reason_table(R_INELIGIBLE)
    rot_table = reason_table(R_ROTATION)
    g.reasons = [
        row.translate(rot_table if emp.eligible else inel_table)
        for emp, row in zip(emps, codes, strict=True)
    ]
    g.target = [0.0] * len(codes)
    rot = [j for j, emp in enumerate(emps) if emp.eligible]
    columns = list(zip(*codes, strict=True)) if codes else [()] * n_days
    rot_codes = [codes[j] for j in rot]
    rot_columns = list(zip(*rot_codes, strict=True)) if rot else [()] * n_days
    min_onsite = g.unit.min_onsite

    # the day's limits: ratio cap, room above the minimum, frozen WFH already there
    present = [present_count(col) for col in columns]
    elig = [present_count(col) for col in rot_columns]
    rcap = [rotation_cap(ratio, e) for e in elig]
    room = [max(0, p - min_onsite) for p in present]
    u = RotationUnit(
        g=g,
        cal=cal,
        weekly_cap=cap,
        rcap=rcap,
        room=room,
        cap=[min(a, b) for a, b in zip(rcap, room, strict=True)],
        frozen=[col.count(F_WFH) for col in columns],
        rot=rot,
        columns=columns,
        rot_columns=rot_columns,
        is_head=[emp.role == "head" for emp in emps],
        is_dep=[emp.role == "deputy" for emp in emps],
    )
    g.wfh_cap = rcap
    shortfalls: list[tuple[int, str, str]] = []
    for i in range(n_days):
        if present[i] >= min_onsite and elig[i] and below_ratio(room[i], ratio, elig[i]):
            shortfalls.append(
                (
                    i,
                    "ratio_limited_by_minimum",
                    f"at most {room[i]} of {elig[i]} eligible staff can work from home "
                    f"(ratio {ratio:g} asks {ratio * elig[i]:.1f}) to keep {min_onsite} of "
                    f"{present[i]} present on site",
                )
            )
    if not rot:
        return shortfalls

    # each day's share of its WFH capacity per eligible employee present; head and deputy
    # split the days both are in
    share = [min(ratio, u.cap[i] / elig[i]) if elig[i] else 0.0 for i in range(n_days)]
    roles = [emps[j].role for j in rot]
    lead_share = share
    if "head" in roles and "deputy" in roles:
        # days with an eligible head and an eligible deputy both present (byte masks, OR-ed)
        def anyone(role: str) -> int:
            mask = 0
            for row, r in zip(rot_codes, roles, strict=True):
                if r == role:
                    mask |= int.from_bytes(row.translate(PRESENT_TABLE), "big")
            return mask

        both = (anyone("head") & anyone("deputy")).to_bytes(n_days, "big")
        lead_share = [min(x, 0.5) if b else x for x, b in zip(share, both, strict=True)]
    profiles: dict[tuple[bytes, bool], Profile] = {}
    for row, role in zip(rot_codes, roles, strict=True):
        leader = role != "staff"
        p = profiles.get((row, leader))
        if p is None:
            p = profiles[row, leader] = Profile.of(row, lead_share if leader else share, cal, cap)
        u.prof.append(p)
    for q, j in enumerate(rot):
        g.target[j] = u.prof[q].target

    u.modes = [bytearray(g.modes[j]) for j in rot]
    u.reasons = [bytearray(g.reasons[j]) for j in rot]
    n_groups = group_count(ratio)
    group = [0] * len(rot)
    if composition in (Composition.ALTERNATING_DAYS, Composition.ALTERNATING_WEEKS):
        group = split_groups(g, rot, n_groups, rng)
    rank = list(range(len(rot)))
    rng.shuffle(rank)
    wfh, wfh_wd = _greedy(u, composition, group, n_groups, team, n_teams, rank)
    if any(n < p.lo for n, p in zip(wfh, u.prof, strict=True)):
        repair(u, wfh, wfh_wd)
    for q, j in enumerate(rot):
        g.modes[j] = bytes(u.modes[q])
        g.reasons[j] = bytes(u.reasons[q])
        g.spread[j] = wfh_wd[q]
    return shortfalls


def _greedy(
    u: RotationUnit,
    composition: Composition,
    group: list[int],
    n_groups: int,
    team: int,
    n_teams: int,
    rank: list[int],
) -> tuple[list[int], list[list[int]]]:
    """Day by day, send home the right number of the right people; returns WFH counts
    (per employee, and per employee and weekday)."""
    cal = u.cal
    cap = u.weekly_cap
    rot, prof, modes, reasons = u.rot, u.prof, u.modes, u.reasons
    columns, rot_columns = u.columns, u.rot_columns
    is_head, is_dep = u.is_head, u.is_dep
    n_days = len(cal.days)
    m = len(rot)
    weeks = cal.weeks
    week_of = cal.week
    weekday = cal.weekday
    turn = cal.turn
    day_cap = u.cap
    rcap = u.rcap
    frozen_day = u.frozen
    # engine slots on the later days of each day's week, and of the whole phase
    slots_after = [0] * n_days
    phase_slots_after = [0] * n_days
    total = 0
    for w in reversed(weeks):
        left = 0
        for i in reversed(w):
            slots_after[i] = left
            phase_slots_after[i] = total
            left += max(0, day_cap[i] - frozen_day[i])
            total += max(0, day_cap[i] - frozen_day[i])
    unit_lo = sum(p.lo for p in prof)
    # the unit's pro-rata WFH so far, day by day
    unit_cum = [0.0] * n_days
    uses: dict[int, list] = {}
    for p in prof:
        uses.setdefault(id(p), [p, 0])[1] += 1
    for p, n in uses.values():
        unit_cum = [u + n * c for u, c in zip(unit_cum, p.cum, strict=True)]
    gamma = 0.0
    by_weeks = composition == Composition.ALTERNATING_WEEKS
    if composition == Composition.ALTERNATING_DAYS:
        gamma = GAMMA_DAYS
    elif by_weeks:
        gamma = GAMMA_WEEKS
    by_team = composition == Composition.BY_TEAM
    cum = [p.cum for p in prof]
    seen = [p.seen for p in prof]
    after_in_week = [p.after for p in prof]
    limit = [p.limit for p in prof]
    need_from = [p.need_from for p in prof]
    hi = [p.hi for p in prof]
    frozen_weeks = [p.frozen_weeks for p in prof]
    any_frozen = any(any(fw) for fw in frozen_weeks) or any(frozen_day)
    lead_rows = [j for j in range(len(is_head)) if is_head[j] or is_dep[j]]
    # head and deputy share the days both are in: when what they still need reaches the days
    # left on which one of them can go, one of them must go today
    lead_qs = [q for q in range(m) if is_head[rot[q]] or is_dep[rot[q]]]
    lead_lo = [prof[q].lo for q in lead_qs]
    is_lead_q = [False] * m
    for q in lead_qs:
        is_lead_q[q] = True
    lead_days_after = [0] * n_days
    if lead_qs:
        left = 0
        for i in range(n_days - 1, -1, -1):
            lead_days_after[i] = left
            left += any(rot_columns[i][q] == FREE for q in lead_qs)
    wfh = [0] * m
    wfh_wd = [[0] * 7 for _ in range(m)]
    wk = [0] * m
    total_wfh = 0
    current_week = -1
    qs = range(m)
    for i in range(n_days):
        w = week_of[i]
        if w != current_week:
            current_week = w
            wk = [fw[w] for fw in frozen_weeks] if any_frozen else [0] * m
        k = weekday[i]
        col = rot_columns[i]
        pref = (w if by_weeks else turn[i]) % n_groups
        scored = []
        n_cands = 0
        urgent = 0
        spread_sum = 0.0
        needed = 0  # WFH days the candidates still need this week to reach floor(target)
        for q in qs:
            c = col[q]
            if c != FREE:
                if c == F_WFH:
                    wfh[q] += 1
                    wfh_wd[q][k] += 1
                    total_wfh += 1
                continue
            if wk[q] >= cap:
                reasons[q][i] = R_CAP
                continue
            done = wfh[q]
            if done >= hi[q]:
                continue
            n_cands += 1
            got = wfh_wd[q][k]
            sd = BETA_SPREAD * (seen[q][i] - got)
            spread_sum += sd
            s = cum[q][i] - done + sd
            if gamma and group[q] == pref:
                s += gamma
            need = need_from[q][w] - done
            if need > 0:
                needed += need
                after = after_in_week[q][i]
                room = cap - wk[q]
                if need > (room if room < after else after):
                    s += URGENT  # today is their last chance
                    urgent += 1
                    scored.append((s - TIE * ((rank[q] + i) % m), q))
                    continue
                s += NEEDED * need / (after + 1)
            if got <= limit[q][k]:
                scored.append((s - TIE * ((rank[q] + i) % m), q))
        if not n_cands:
            continue
        slots = day_cap[i] - frozen_day[i]
        ratio_slots = rcap[i] - frozen_day[i]
        if ratio_slots <= 0:
            continue
        if lead_qs:
            lead_need = 0
            for n, q in enumerate(lead_qs):
                if lead_lo[n] > wfh[q]:
                    lead_need += lead_lo[n] - wfh[q]
            if lead_need > lead_days_after[i]:
                best = -1
                best_key = None
                for n, (sc, q) in enumerate(scored):
                    if is_lead_q[q]:
                        key = (prof[q].lo - wfh[q], sc)
                        if best_key is None or key > best_key:
                            best, best_key = n, key
                if best >= 0 and scored[best][0] < URGENT / 2:
                    scored[best] = (scored[best][0] + URGENT, scored[best][1])
                    urgent += 1
        level = unit_cum[i] - total_wfh + spread_sum
        if by_team:
            shift = TEAM_SHIFT * n_cands
            level += shift if turn[i] % n_teams == team else -shift
        want = int(level + 0.5) if level > 0 else 0
        # at least what this week's needs and the whole phase's floor(targets) leave for today
        floor_week = needed - slots_after[i]
        floor_phase = unit_lo - total_wfh - phase_slots_after[i]
        if floor_week > want:
            want = floor_week
        if floor_phase > want:
            want = floor_phase
        if urgent > want:
            want = urgent
        n_scored = len(scored)
        take = min(want, slots, n_scored)
        take_ratio = min(want, ratio_slots, n_scored)
        if take_ratio <= 0:
            continue
        scored.sort(reverse=True)
        head_home = dep_home = False
        for j in lead_rows:
            if columns[i][j] == F_WFH:
                if is_head[j]:
                    head_home = True
                else:
                    dep_home = True
        picked = 0
        held = 0
        for _, q in scored:
            if picked >= take:
                if held < take_ratio - take:
                    reasons[q][i] = R_MINIMUM
                    held += 1
                    continue
                break
            j = rot[q]
            if (is_head[j] and dep_home) or (is_dep[j] and head_home):
                continue
            modes[q][i] = M_WFH
            wfh[q] += 1
            wk[q] += 1
            wfh_wd[q][k] += 1
            picked += 1
            if is_head[j]:
                head_home = True
            elif is_dep[j]:
                dep_home = True
        total_wfh += picked
    return wfh, wfh_wd
