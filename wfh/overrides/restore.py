"""Giving days back to the phase when an override is revoked: the lowest step of
`wfh.overrides.precedence`, computed by the roster engine as a regeneration of those days.

For each (phase, OPD) of the days, the published version's engine input is read (the phase's
pattern, limits, staff, leave) with every other cell frozen, the override's cells opened (they
are kept cells, so they are unfrozen here), and the engine's modes for them are written through
`published_days_rewrite` with the source "generated". Days already lived are never given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from wfh.models import Roster, ScheduleDay, Source
from wfh.rosters.engine_io import employee_id_of, engine_input, engine_result
from wfh.rosters.published_days import DayRewrite, published_days_rewrite


def phase_days_restore(*, cells: set[tuple[int, dt.date]], why: str, user=None) -> int:
    """The phase's mode back on these (employee, day) cells; the published rows changed."""
    if not cells:
        return 0
    employees = sorted({e for e, _d in cells})
    first, last = min(d for _e, d in cells), max(d for _e, d in cells)
    groups: dict[tuple[int, int], set[tuple[int, dt.date]]] = defaultdict(set)
    rows = ScheduleDay.objects.filter(
        employee_id__in=employees, day__gte=first, day__lte=last
    ).values_list("employee_id", "day", "phase_id", "opd_id")
    for employee_id, day, phase_id, opd_id in rows.iterator(chunk_size=5000):
        if (employee_id, day) in cells:
            groups[phase_id, opd_id].add((employee_id, day))
    changed = 0
    for (phase_id, opd_id), open_cells in sorted(groups.items()):
        roster = (
            Roster.objects.select_related("phase", "opd")
            .filter(
                phase_id=phase_id,
                opd_id=opd_id,
                workflow=Roster.Workflow.PUBLISHED,
                status=Roster.Status.READY,
            )
            .first()
        )
        if roster is None:
            continue
        inp, _unit_of, _manual = engine_input(
            roster=roster, is_open=lambda e, d, o=open_cells: (e, d) in o
        )
        inp = dataclasses.replace(
            inp,
            frozen={
                key: mode
                for key, mode in inp.frozen.items()
                if (employee_id_of(key[0]), key[1]) not in open_cells
            },
        )
        rewrites = [
            DayRewrite(
                employee_id_of(eid),
                day,
                mode,
                why=why,
                source=Source.GENERATED,
                reason=reason,
                restamp=True,
            )
            for eid, day, mode, reason in engine_result(inp, roster=roster).iter_rows()
            if (employee_id_of(eid), day) in open_cells
        ]
        done = published_days_rewrite(
            rewrites=rewrites, user=user, phase_id=phase_id, opd_id=opd_id
        )
        changed += len(done.rows)
    return changed
