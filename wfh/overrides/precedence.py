"""Which rule decides an employee's published day: the ONE precedence of the schedule's sources.

Highest first:

1. approved leave (LEAVE): nothing below rewrites a LEAVE day (the engine gets leave as input,
   `wfh.rosters.leave_sync` rewrites a day when leave is approved or withdrawn);
2. a declared day (`DeclaredDay`, source "declared"): HR's circular for some or all OPDs;
3. an individual order (`WfhOrder`, source "order"): an OPD head's order for named people;
4. a manual change on the grid or an approved swap (sources "manual", "swap");
5. the phase: its version in force on that day (a phase changed from a date gives a new version
   for the later days), else the phase as first published (source "generated").

How each step holds:
- 2-4 over 5: `wfh.selectors.is_manual` counts "declared" and "order" as kept cells, so every
  regeneration of a roster (a new version, a policy change from a date, the days around leave)
  freezes them and a new version copies them; a roster published later over days that already
  carry an override is followed by `overrides_reapply` (wfh.receivers, on `roster_published`).
- 2 over 3 and 4, 3 over 4: `override_takes` below, asked by both services for every cell before
  they rewrite it.
- undoing (revoking) an override gives the day back to the rules below it, in order:
  `wfh.overrides.restore.phase_days_restore` (step 5, the roster engine), then the other active
  orders (step 3), then the other active declarations (step 2): `overrides_reapply`.
"""

from __future__ import annotations

from wfh.models import Mode, Source

# rank of each source; a higher rank takes a day from a lower one
RANK = {
    Source.GENERATED: 0,
    Source.MANUAL: 1,
    Source.SWAP: 1,
    Source.ORDER: 2,
    Source.DECLARED: 3,
}


def override_takes(*, incoming: str, mode: str, source: str) -> bool:
    """Whether an override with source `incoming` ("declared" or "order") may rewrite a published
    day that is now `mode` from `source`: never a LEAVE day, never a day of a higher rule; a day
    of the same rule is rewritten (the same or another override of that kind recomputes it)."""
    if mode == Mode.LEAVE:
        return False
    return RANK[incoming] >= RANK.get(source, 0)
