"""Approved leave moves the published schedule: at once where the leave covers a day, then a
regeneration of those days so that each unit's limits hold again around it.

`schedule_refresh_for_leaves` is what a change of approved leave calls (wfh.receivers, for one
entry or a whole import); the regeneration runs in a task ("wfh.refresh_leave_spans", queued
by name). Both write through `published_days_rewrite`. Days already lived whose published
schedule the regeneration changed are announced with `wfh.signals.schedule_changed`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from common.tasks import queue_on_commit
from leave.selectors import approved_leave_days
from wfh import selectors
from wfh.models import Assignment, Mode, Roster, ScheduleDay, Source
from wfh.rosters.engine_io import employee_id_of, engine_input, engine_result
from wfh.rosters.published_days import DayRewrite, published_days_rewrite
from wfh.signals import schedule_changed


@dataclass(frozen=True)
class LeaveSpan:
    """Approved leave added or withdrawn for one employee between two dates (both included)."""

    employee_id: int
    start: dt.date
    end: dt.date
    reason: str = ""

    @property
    def why(self) -> str:
        """The reason AssignmentChange rows store for this span. Stored text, read later by
        anyone in either language, and the row keeps no parameters to word it on reading: so it
        is written in the source language (Indonesian) whatever the language of the request or
        task that writes it, and not passed through gettext."""
        dates = f"{self.start.isoformat()} s.d. {self.end.isoformat()}"
        return self.reason or f"Cuti/izin/dinas {dates}"

    def as_task_args(self) -> list:
        return [self.employee_id, self.start.isoformat(), self.end.isoformat(), self.reason]

    @classmethod
    def from_task_args(cls, args) -> LeaveSpan:
        employee_id, start, end, reason = args
        return cls(employee_id, dt.date.fromisoformat(start), dt.date.fromisoformat(end), reason)


def _span_of(spans_by_employee: dict[int, list[LeaveSpan]], employee_id: int, day: dt.date):
    for span in spans_by_employee.get(employee_id, ()):
        if span.start <= day <= span.end:
            return span
    return None


def _by_employee(spans: list[LeaveSpan]) -> dict[int, list[LeaveSpan]]:
    grouped: dict[int, list[LeaveSpan]] = defaultdict(list)
    for span in spans:
        grouped[span.employee_id].append(span)
    return grouped


@transaction.atomic
def schedule_refresh_for_leaves(
    *, spans: list[LeaveSpan], user=None, today: dt.date | None = None
) -> int:
    """Approved leave was added or withdrawn for these employees and date ranges.

    At once, in the caller's transaction: each employee's published days in their range become
    LEAVE where approved leave now covers them, and a LEAVE day no longer covered becomes WFO
    until the regeneration decides; the same cells change in every ready roster version that is
    not superseded (the published one, and a draft waiting, so that publishing it keeps the
    leave), each change logged as an AssignmentChange. Then, once the transaction commits, ONE
    task regenerates those days of the published rosters with the engine, one engine run per
    (phase, OPD) whatever the number of spans (see `leave_spans_regenerate`; `today`, when
    given, is passed on, else the task reads each OPD's date when it runs). A fixed number of
    queries for any number of spans, so an import of thousands of leave rows stays cheap.
    Returns the number of cells changed now.
    """
    if not spans:
        return 0
    by_employee = _by_employee(spans)
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    leave = approved_leave_days(employee_ids=list(by_employee), start=first, end=last)
    rewrites: dict[tuple[int, dt.date], DayRewrite] = {}
    for span in spans:  # the first span of a day names it (as `_span_of` does)
        day = span.start
        while day <= span.end:
            key = (span.employee_id, day)
            if key not in rewrites:
                covered = day in leave.get(span.employee_id, ())
                rewrites[key] = DayRewrite(
                    span.employee_id,
                    day,
                    Mode.LEAVE if covered else Mode.WFO,
                    why=span.why,
                    reason="leave" if covered else "",
                    only_from=None if covered else Mode.LEAVE,
                )
            day += dt.timedelta(days=1)
    done = published_days_rewrite(rewrites=rewrites.values(), user=user)
    payload = [s.as_task_args() for s in spans]
    queue_on_commit("wfh.refresh_leave_spans", payload, today and today.isoformat())
    return len(done.cells) + len(done.rows)


def leave_days_regenerate(
    *,
    employee_id: int,
    start: dt.date,
    end: dt.date,
    reason: str = "",
    today: dt.date | None = None,
) -> int:
    """One employee's span: see `leave_spans_regenerate`."""
    return leave_spans_regenerate(spans=[LeaveSpan(employee_id, start, end, reason)], today=today)


def leave_spans_regenerate(*, spans: list[LeaveSpan], today: dt.date | None = None) -> int:
    """Regenerate the days of each span in each published roster its employee is in, so that the
    unit's limits hold again around their leave (or its withdrawal).

    Open to the engine: each employee's own cells in their span (their days already lived too:
    the leave is what happened), and, from today on, the cells of everyone in the employee's
    unit of that day (manual ones stay). Every other cell is frozen, approved leave is the
    employees' `leave`. One engine run per (phase, OPD) for all the spans that touch it. The
    changed cells are written in place (`published_days_rewrite`: the published schedule, the
    published version's rows and those of a draft waiting where it agrees, each logged as an
    AssignmentChange); no new version is made. Idempotent: a rerun finds nothing to change.
    Returns the number of version cells changed.
    """
    if not spans:
        return 0
    by_employee = _by_employee(spans)
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    rows = ScheduleDay.objects.filter(
        employee_id__in=list(by_employee), day__gte=first, day__lte=last
    ).values_list("employee_id", "day", "phase_id", "opd_id")
    touched: dict[tuple[int, int], set[LeaveSpan]] = defaultdict(set)
    for employee_id, day, phase_id, opd_id in rows.iterator(chunk_size=5000):
        span = _span_of(by_employee, employee_id, day)
        if span is not None:
            touched[(phase_id, opd_id)].add(span)
    total = 0
    for (phase_id, opd_id), group in sorted(touched.items()):
        ordered = sorted(group, key=lambda s: (s.employee_id, s.start, s.end, s.reason))
        total += _regenerate_leave_days(phase_id, opd_id, ordered, today)
    return total


@transaction.atomic
def _regenerate_leave_days(phase_id, opd_id, spans: list[LeaveSpan], today) -> int:
    roster = (
        Roster.objects.select_for_update()
        .select_related("phase", "opd")
        .filter(
            phase_id=phase_id,
            opd_id=opd_id,
            workflow=Roster.Workflow.PUBLISHED,
            status=Roster.Status.READY,
        )
        .first()
    )
    if roster is None:
        return 0
    today = today or roster.opd.local_today()
    by_employee = _by_employee(spans)
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    own = [
        (employee_id, day, unit)
        for employee_id, day, unit in Assignment.objects.filter(
            roster=roster, employee_id__in=list(by_employee), day__gte=first, day__lte=last
        ).values_list("employee_id", "day", "unit_id")
        if _span_of(by_employee, employee_id, day) is not None
    ]
    if not own:
        return 0
    open_cells = {(employee_id, day) for employee_id, day, _unit in own}
    unit_days: dict[int | None, set[dt.date]] = defaultdict(set)
    for _emp, day, unit in own:
        if day >= today:
            unit_days[unit].add(day)
    if unit_days:
        where = Q()
        for unit, days in unit_days.items():
            days = sorted(days)
            where |= Q(unit_id=unit, day__in=days) if unit else Q(unit__isnull=True, day__in=days)
        open_cells |= set(
            Assignment.objects.filter(roster=roster).filter(where).values_list("employee_id", "day")
        )
    inp, _unit_of, _manual = engine_input(roster=roster, is_open=lambda e, d: (e, d) in open_cells)
    fresh: dict[tuple[int, dt.date], tuple[str, str]] = {}
    for eid, day, mode, reason in engine_result(inp, roster=roster).iter_rows():
        key = (employee_id_of(eid), day)
        if key in open_cells:
            fresh[key] = (mode, reason)
    current = [
        (employee_id, day, mode, source)
        for employee_id, day, mode, source in Assignment.objects.filter(
            roster=roster,
            employee_id__in={e for e, _d in open_cells},
            day__in={d for _e, d in open_cells},
        ).values_list("employee_id", "day", "mode", "source")
        if (employee_id, day) in fresh and fresh[employee_id, day][0] != mode
    ]
    if not current:
        return 0
    # stored as AssignmentChange.reason: kept Indonesian at write time (see LeaveSpan.why)
    adjust = (
        f"Penyesuaian: {spans[0].why}"
        if len(spans) == 1
        else f"Penyesuaian: cuti/izin/dinas {len(by_employee)} pegawai"
    )
    rewrites = []
    for employee_id, day, mode, source in current:
        span = _span_of(by_employee, employee_id, day)
        new_mode, reason = fresh[employee_id, day]
        rewrites.append(
            DayRewrite(
                employee_id,
                day,
                new_mode,
                why=span.why if span is not None else adjust,
                source=source if selectors.is_manual(source) else Source.GENERATED,
                reason=reason,
                only_from=mode,  # a draft waiting takes the change only where it agrees
            )
        )
    done = published_days_rewrite(rewrites=rewrites, phase_id=phase_id, opd_id=opd_id)
    lived = sorted({row.day for row in done.rows if row.day < today})
    if lived:  # their attendance records were computed on the old schedule
        schedule_changed.send(sender=ScheduleDay, opd_ids=[opd_id], days=lived)
    return len(done.cells)
