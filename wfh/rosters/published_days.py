"""Rewriting days of the schedule in force: the one way a change made after publication (approved
leave and its withdrawal, the regeneration around it, a swap) reaches the published schedule.

For each (employee, day) a rewrite changes the published ScheduleDay row and the same cell of
every ready roster version that is not superseded (the published version, and a draft waiting to
be published, so that publishing it keeps the change), and logs each changed cell as an
AssignmentChange (old mode, new mode, why, who). A row or cell changes only where it is not the
new mode already and, when the rewrite names the mode it was decided on (`only_from`), where it
is still that mode: a version that has moved away from it keeps its own cell. A `restamp` rewrite
also changes a row or cell that has its mode already but another source (an override taking a
day that was already WFH: the day is the override's from then on, see wfh.overrides). With
`together`,
the published schedule and each version take every rewrite or none (a swap moves both people or
neither).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from wfh.models import Assignment, AssignmentChange, Roster, ScheduleDay, Source

BATCH = 2000  # rows per UPDATE / INSERT statement: an import of leave may touch many


@dataclass(frozen=True)
class DayRewrite:
    """One person's day becomes `mode`; `why` is the reason the change log keeps."""

    employee_id: int
    day: dt.date
    mode: str
    why: str
    source: str = Source.GENERATED  # the rewritten rows' and cells' source
    reason: str = ""  # the rewritten cells' Assignment.reason ("leave", "swap", the engine's)
    only_from: str | None = None  # rewrite only where the mode is still this one
    restamp: bool = False  # also where the mode is already right but the source is another

    def applies_to(self, mode: str, source: str | None = None) -> bool:
        changes = mode != self.mode or (self.restamp and source != self.source)
        return changes and (self.only_from is None or mode == self.only_from)


@dataclass
class Rewritten:
    """What a rewrite changed: the published rows and the version cells (each cell logged)."""

    rows: list[ScheduleDay] = field(default_factory=list)
    cells: list[Assignment] = field(default_factory=list)


@transaction.atomic
def published_days_rewrite(
    *,
    rewrites: Iterable[DayRewrite],
    user=None,
    phase_id: int | None = None,
    opd_id: int | None = None,
    together: bool = False,
) -> Rewritten:
    """Apply `rewrites` to the published schedule and every ready, current version (see the
    module's docstring), within the phase and OPD when given. Locks the rows it reads; a fixed
    number of queries whatever the number of rewrites."""
    wanted = {(r.employee_id, r.day): r for r in rewrites}
    if not wanted:
        return Rewritten()
    employees = sorted({e for e, _d in wanted})
    first, last = min(d for _e, d in wanted), max(d for _e, d in wanted)
    rows = ScheduleDay.objects.select_for_update().filter(
        employee_id__in=employees, day__gte=first, day__lte=last
    )
    cells = (
        Assignment.objects.select_for_update(of=("self",))
        .filter(
            employee_id__in=employees,
            day__gte=first,
            day__lte=last,
            roster__status=Roster.Status.READY,
        )
        .exclude(roster__workflow=Roster.Workflow.SUPERSEDED)
    )
    if phase_id is not None:
        rows, cells = rows.filter(phase_id=phase_id), cells.filter(roster__phase_id=phase_id)
    if opd_id is not None:
        rows, cells = rows.filter(opd_id=opd_id), cells.filter(roster__opd_id=opd_id)

    moved = _taken(rows.order_by("employee_id", "day"), wanted, together)
    for row in moved:
        rewrite = wanted[row.employee_id, row.day]
        row.mode, row.source = rewrite.mode, rewrite.source
    ScheduleDay.objects.bulk_update(moved, ["mode", "source"], batch_size=BATCH)

    by_roster: dict[int, list[Assignment]] = {}
    for cell in cells.order_by("roster_id", "employee_id", "day"):
        by_roster.setdefault(cell.roster_id, []).append(cell)
    changed, log = [], []
    for version_cells in by_roster.values():
        for cell in _taken(version_cells, wanted, together):
            rewrite = wanted[cell.employee_id, cell.day]
            log.append(
                AssignmentChange(
                    roster_id=cell.roster_id,
                    employee_id=cell.employee_id,
                    day=cell.day,
                    old_mode=cell.mode,
                    new_mode=rewrite.mode,
                    reason=rewrite.why,
                    changed_by=user,
                )
            )
            cell.mode, cell.source, cell.reason = rewrite.mode, rewrite.source, rewrite.reason
            changed.append(cell)
    Assignment.objects.bulk_update(changed, ["mode", "source", "reason"], batch_size=BATCH)
    AssignmentChange.objects.bulk_create(log, batch_size=BATCH)
    return Rewritten(rows=moved, cells=changed)


def _taken(items, wanted: dict[tuple[int, dt.date], DayRewrite], together: bool) -> list:
    """The rows (or one version's cells) a rewrite changes; with `together`, all or none."""
    hits = [
        item
        for item in items
        if (rewrite := wanted.get((item.employee_id, item.day))) is not None
        and rewrite.applies_to(item.mode, item.source)
    ]
    if together and len(hits) != len(wanted):
        return []
    return hits
