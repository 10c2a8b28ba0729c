"""Roster services: start a generation, build it with the engine, change, submit, publish.

Only the published schedule (ScheduleDay) is what employees and other systems see. Each service
is keyword-only; state changes are guarded (`filter(status=...).update(...) == 1`) so that two
workers or two clicks never run the same step twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.bulk import NULL, copy_text, insert_rows, is_postgres
from leave.models import LeaveRecord, LeaveStatus
from opd import access
from opd.models import Opd
from wfh import engine, limits, selectors
from wfh.calendar import working_days
from wfh.dates import long_date
from wfh.engine.types import Composition as EngineComposition
from wfh.engine.types import (
    EmployeeIn,
    Limits,
    RosterInput,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)
from wfh.engine.types import Mode as EngineMode
from wfh.models import (
    Assignment,
    AssignmentChange,
    Composition,
    LocalDayOff,
    Mode,
    PatternKind,
    Phase,
    PhaseOpdOption,
    Roster,
    ScheduleDay,
    Source,
)
from wfh.signals import roster_published

log = logging.getLogger(__name__)

EDITABLE = (Roster.Workflow.DRAFT, Roster.Workflow.RETURNED)
NO_UNIT = 0  # engine unit id for staff placed in no unit
SEGMENTS = 1000  # engine ids per employee placed in more than one unit in a phase


# -- starting ---------------------------------------------------------------------------------


@transaction.atomic
def rosters_start(
    *,
    phase: Phase,
    opds: list[Opd] | None = None,
    user=None,
    seed: int | None = None,
    composition: str = "",
    regenerate_from: dt.date | None = None,
) -> list[Roster]:
    """Queue one generation per OPD and send the tasks once the transaction commits.

    An OPD whose latest version is still editable (draft or returned) and not running gets that
    version re-queued (a rerun replaces its own draft); otherwise a new version is made. A version
    still "running" after the task's hard time limit lost its worker and is queued again.
    """
    from wfh.tasks import generate_roster

    if regenerate_from is not None and not (phase.start <= regenerate_from <= phase.end):
        raise ValidationError(
            _("Tanggal buat ulang %(day)s di luar tahap (%(start)s s.d. %(end)s).")
            % {
                "day": long_date(regenerate_from),
                "start": long_date(phase.start),
                "end": long_date(phase.end),
            }
        )
    covered = selectors.phase_opds(phase)
    targets = list(opds) if opds is not None else list(covered)
    covered_ids = set(covered.values_list("pk", flat=True))
    outside = sorted(o.code for o in targets if o.pk not in covered_ids)
    if outside:
        raise ValidationError(
            _("Tahap %(phase)s tidak mencakup OPD %(opd)s.")  # the API's wording (one msgid)
            % {"phase": phase.slug, "opd": ", ".join(outside)}
        )
    rosters = []
    for opd in targets:
        if user is not None and not access.can_manage_opd(user, opd):
            raise PermissionDenied(_("Anda tidak mengelola OPD %(opd)s.") % {"opd": opd.code})
        roster = selectors.latest_roster(phase, opd)
        params = {
            "seed": seed if seed is not None else (roster.seed if roster else 0),
            "composition": selectors.effective_composition(phase, opd, composition),
            "regenerate_from": regenerate_from.isoformat() if regenerate_from else None,
        }
        if roster is None or roster.workflow not in EDITABLE:
            try:
                with transaction.atomic():
                    roster = Roster.objects.create(
                        phase=phase, opd=opd, version=selectors.next_version(phase, opd)
                    )
            except IntegrityError:  # another start made this version at the same moment
                rosters.append(selectors.latest_roster(phase, opd))
                continue
        elif roster.status == Roster.Status.QUEUED or (
            roster.status == Roster.Status.RUNNING and not _worker_lost(roster)
        ):
            rosters.append(roster)  # already on its way: do not queue it twice
            continue
        Roster.objects.filter(pk=roster.pk).update(
            status=Roster.Status.QUEUED,
            workflow=Roster.Workflow.DRAFT,
            seed=params["seed"],
            composition=params["composition"],
            regenerate_from=regenerate_from,
            params=params,
            progress_done=0,
            progress_total=0,
            error="",
            created_by=user,
            started_at=None,
            finished_at=None,
        )
        roster.refresh_from_db()
        rosters.append(roster)
        transaction.on_commit(lambda pk=roster.pk: generate_roster.delay(pk))
    return rosters


def _worker_lost(roster: Roster) -> bool:
    """Running for longer than the task's hard time limit: its worker was killed."""
    limit = dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return roster.started_at is not None and roster.started_at < timezone.now() - limit


# -- building -----------------------------------------------------------------------------------


def roster_claim(*, roster_id: int) -> bool:
    """queued -> running, once. False when another worker has it or it is no longer queued."""
    return (
        Roster.objects.filter(pk=roster_id, status=Roster.Status.QUEUED).update(
            status=Roster.Status.RUNNING, started_at=timezone.now(), error=""
        )
        == 1
    )


def _employee_id(engine_id: int) -> int:
    """The employee behind an engine id (see `engine_input`)."""
    return engine_id if engine_id >= 0 else -engine_id // SEGMENTS


def engine_input(
    roster: Roster, *, is_open: Callable[[int, dt.date], bool] | None = None
) -> tuple[RosterInput, dict[int, int | None], dict[tuple[int, dt.date], str]]:
    """Everything the engine needs for this roster, each engine id's unit for the rows, and the
    manual cells the engine keeps (their rows keep their source), keyed by engine id and day.

    The engine id is the employee's id, except for someone placed in two units of the OPD during
    the phase: each placement is then its own engine employee, -(id x SEGMENTS + k), so every
    day counts in the unit of the time.

    Approved leave (cuti, sakit, dinas luar, tugas belajar) within the phase is each employee's
    `leave` (DESIGN section 4, invariant 7), read in one query for the whole OPD.

    `is_open(employee_id, day)` says which cells of this roster's rows the engine may decide;
    every other cell is frozen. Without it the roster's `regenerate_from` decides (days from it
    on are open; none frozen when it is unset). Manual cells stay frozen even when open, except
    on a day of approved leave: leave wins over an earlier manual change.
    """
    phase, opd = roster.phase, roster.opd
    days = tuple(working_days(phase.start, phase.end, opd_id=opd.pk))
    workdays = set(days)
    units = {u.pk: u for u in selectors.units_of(opd)}
    unit_of: dict[int, int | None] = {}
    segments: dict[int, list[tuple[int, dt.date, dt.date]]] = defaultdict(list)
    employees = []
    placements = list(selectors.placements_in(opd, phase.start, phase.end))
    leave_of = approved_leave_days(
        selectors.placements_in(opd, phase.start, phase.end).values("employee_id"),
        phase.start,
        phase.end,
    )
    count = Counter(p.employee_id for p in placements)
    for placement in placements:
        emp = placement.employee
        opened = None if placement.first else placement.valid_from
        start = max(d for d in (opened, emp.active_from, phase.start) if d)
        end = min(d for d in (placement.valid_to, emp.active_to, phase.end) if d)
        eid = emp.pk
        if count[emp.pk] > 1:
            eid = -(emp.pk * SEGMENTS + len(segments[emp.pk]))
            segments[emp.pk].append((eid, start, end))
        unit_of[eid] = placement.unit_id
        employees.append(
            EmployeeIn(
                id=eid,
                unit_id=placement.unit_id or NO_UNIT,
                role=placement.unit_role,
                eligible=emp.wfh_eligible,
                leave=frozenset(
                    d for d in leave_of.get(emp.pk, ()) if start <= d <= end and d in workdays
                ),
                active_from=start,
                active_to=end,
            )
        )
    engine_units = [
        UnitIn(id=u.pk, min_onsite=u.min_onsite, frontline=u.frontline) for u in units.values()
    ]
    if any(e.unit_id == NO_UNIT for e in employees):
        engine_units.append(UnitIn(id=NO_UNIT, min_onsite=0, frontline=False))
    if phase.pattern == PatternKind.WEEKDAY:
        pattern = WeekdayPattern(wfh_weekdays=frozenset(selectors.effective_weekdays(phase, opd)))
    else:
        pattern = RotationPattern(
            ratio=float(phase.ratio), composition=EngineComposition(roster.composition)
        )
    frozen, manual = _frozen_cells(roster, segments, leave_of, is_open)
    inp = RosterInput(
        working_days=days,
        units=tuple(sorted(engine_units, key=lambda u: u.id)),
        employees=tuple(sorted(employees, key=lambda e: e.id)),
        pattern=pattern,
        limits=Limits(weekly_cap=phase.weekly_cap),
        seed=roster.seed,
        frozen=frozen,
    )
    return inp, unit_of, manual


def _base_cells(roster: Roster) -> dict[tuple[int, dt.date], tuple[str, str]]:
    """(employee, day) -> (mode, source) a regeneration starts from: this version's own rows if
    it has any, else those of the latest earlier version that is ready (the one a new version
    regenerates, published or not), else the published schedule."""
    own = Assignment.objects.filter(roster=roster)
    if not own.exists():
        previous = (
            Roster.objects.filter(
                phase=roster.phase_id,
                opd=roster.opd_id,
                version__lt=roster.version,
                status=Roster.Status.READY,
            )
            .order_by("-version")
            .first()
        )
        if previous is None:
            return selectors.published_cells(roster.phase, roster.opd)
        own = Assignment.objects.filter(roster=previous)
    rows = own.values_list("employee_id", "day", "mode", "source")
    return {(e, d): (m, s) for e, d, m, s in rows.iterator(chunk_size=20000)}


def approved_leave_days(employee_ids, start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """Employee id -> their days of approved leave between start and end, in one query.

    `employee_ids` is a list or a subquery of ids."""
    rows = LeaveRecord.objects.filter(
        status=LeaveStatus.APPROVED, start__lte=end, end__gte=start, employee_id__in=employee_ids
    ).values_list("employee_id", "start", "end")
    days: dict[int, set[dt.date]] = defaultdict(set)
    for emp, lo, hi in rows:
        day, last = max(lo, start), min(hi, end)
        while day <= last:
            days[emp].add(day)
            day += dt.timedelta(days=1)
    return days


def _frozen_cells(
    roster: Roster,
    segments: dict[int, list[tuple[int, dt.date, dt.date]]],
    leave_of: dict[int, set[dt.date]] | None = None,
    is_open: Callable[[int, dt.date], bool] | None = None,
) -> tuple[dict[tuple[int, dt.date], EngineMode], dict[tuple[int, dt.date], str]]:
    """Cells a regeneration must keep: every cell that is not open (by default the days before
    regenerate_from), and manual changes unless approved leave covers them; and the sources of
    the manual ones. Keyed by engine id (an employee's placement that day)."""
    if is_open is None:
        if roster.regenerate_from is None:
            return {}, {}
        cut = roster.regenerate_from

        def is_open(emp: int, day: dt.date) -> bool:
            return day >= cut

    leave_of = leave_of or {}
    frozen: dict[tuple[int, dt.date], EngineMode] = {}
    manual: dict[tuple[int, dt.date], str] = {}
    for (emp, day), (mode, source) in _base_cells(roster).items():
        is_manual = selectors.is_manual(source)
        if is_open(emp, day) and (not is_manual or day in leave_of.get(emp, ())):
            continue
        eid = emp
        if emp in segments:
            eid = next((e for e, lo, hi in segments[emp] if lo <= day <= hi), segments[emp][-1][0])
        frozen[eid, day] = EngineMode(mode)
        if is_manual:
            manual[eid, day] = source
    return frozen, manual


class _CappedAcrossPlacements:
    """The engine's result, with the weekly cap kept for someone placed in two units of the OPD
    within one ISO week (the engine sees two employees there): their extra WFH days become WFO
    ("cap"), latest first, frozen cells untouched."""

    def __init__(self, result, inp: RosterInput):
        self.stats = result.stats
        self._result = result
        self.flips: set[tuple[int, dt.date]] = set()
        by_employee: dict[int, list[int]] = defaultdict(list)
        for e in inp.employees:
            if e.id < 0:
                by_employee[_employee_id(e.id)].append(e.id)
        cap = inp.limits.weekly_cap
        for eids in by_employee.values():
            weeks: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
            for eid in eids:
                for day in inp.working_days:
                    if result.mode_of(eid, day) == EngineMode.WFH:
                        weeks[day.isocalendar()[:2]].append((day, eid))
            for cells in weeks.values():
                free = sorted(c for c in cells if (c[1], c[0]) not in inp.frozen)
                extra = len(cells) - cap
                while extra > 0 and free:
                    day, eid = free.pop()
                    self.flips.add((eid, day))
                    extra -= 1

    def iter_rows(self):
        flips = self.flips
        for eid, day, mode, reason in self._result.iter_rows():
            if (eid, day) in flips:
                mode, reason = EngineMode.WFO.value, "cap"
            yield eid, day, mode, reason


def roster_build(*, roster_id: int) -> Roster:
    """Run the engine for a claimed roster and write its rows in one transaction.

    A failure (or a worker killed halfway) leaves the previous rows untouched; the roster then
    says failed with the reason (logged with its traceback, not raised: the roster is the report).
    """
    roster = Roster.objects.select_related("phase", "opd").get(pk=roster_id)
    try:
        inp, unit_of, manual = engine_input(roster)
        Roster.objects.filter(pk=roster.pk).update(progress_total=len(inp.employees))
        result = engine.generate(inp, progress=_progress_writer(roster.pk))
        if any(e.id < 0 for e in inp.employees):
            result = _CappedAcrossPlacements(result, inp)
        with transaction.atomic():
            Assignment.objects.filter(roster=roster).delete()
            _write_rows(roster, result, unit_of, manual)
            updated = Roster.objects.filter(pk=roster.pk, status=Roster.Status.RUNNING).update(
                status=Roster.Status.READY,
                stats=_stats_dict(result.stats),
                progress_done=len(inp.employees),
                finished_at=timezone.now(),
            )
            if updated != 1:
                # stored in Roster.error with the exception's type (a log, kept as written)
                raise RuntimeError("Status jadwal berubah saat dibuat; hasil dibatalkan.")
    except Exception as exc:
        log.exception("roster %s failed", roster_id)
        Roster.objects.filter(pk=roster_id).update(
            status=Roster.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            finished_at=timezone.now(),
        )
    roster.refresh_from_db()
    return roster


def _stats_dict(stats) -> dict:
    """The engine's stats summary, piket turns counted per employee (not per placement)."""
    data = stats.to_dict()
    piket: Counter = Counter()
    for eid, n in data.get("piket_by_employee", {}).items():
        piket[_employee_id(int(eid))] += n
    data["piket_by_employee"] = {str(e): n for e, n in sorted(piket.items())}
    return data


def _progress_writer(roster_id: int):
    last = {"at": 0.0}

    def write(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last["at"] >= 0.5 or done == total:
            last["at"] = now
            Roster.objects.filter(pk=roster_id).update(progress_done=done, progress_total=total)

    return write


ASSIGNMENT_COLUMNS = ("roster_id", "employee_id", "unit_id", "day", "mode", "source", "reason")


def _write_rows(roster, result, unit_of, manual) -> None:
    """Write every cell of the engine's result as this roster's rows (COPY on PostgreSQL)."""
    if is_postgres():
        copy_text(
            "wfh_assignment", ASSIGNMENT_COLUMNS, _copy_lines(roster.pk, result, unit_of, manual)
        )
        return
    generated = Source.GENERATED.value
    rows = (  # plain tuples: an ORM object per cell costs 3x more
        (
            roster.pk,
            _employee_id(emp),
            unit_of.get(emp),
            day.isoformat(),
            mode,
            manual.get((emp, day), generated),
            reason,
        )
        for emp, day, mode, reason in result.iter_rows()
    )
    insert_rows("wfh_assignment", ASSIGNMENT_COLUMNS, rows)


def _copy_lines(roster_id: int, result, unit_of, manual):
    """The cells as COPY text lines. Day and employee prefixes are formatted once, not per cell:
    this loop runs for every cell of a 100,000-employee phase."""
    day_text: dict[dt.date, str] = {}
    prefix: dict[int, str] = {}
    generated = Source.GENERATED.value
    for emp, day, mode, reason in result.iter_rows():
        head = prefix.get(emp)
        if head is None:
            unit = unit_of.get(emp)
            employee = _employee_id(emp)
            head = prefix[emp] = f"{roster_id}\t{employee}\t{NULL if unit is None else unit}\t"
        text = day_text.get(day)
        if text is None:
            text = day_text[day] = day.isoformat()
        source = manual.get((emp, day), generated) if manual else generated
        yield f"{head}{text}\t{mode}\t{source}\t{reason}\n"


def assignment_change(
    *, roster: Roster, employee_id: int, day: dt.date, mode: str, user, reason: str
) -> Assignment:
    """A single-day edit on a draft grid, checked against every limit of the phase.

    Raises ValidationError whose message names the limit the change would break.
    """
    if not access.can_manage_opd(user, roster.opd):
        raise PermissionDenied
    if roster.workflow not in EDITABLE or roster.status != Roster.Status.READY:
        raise ValidationError(_("Hanya draf yang sudah siap yang dapat diubah; buat versi baru."))
    if mode not in (Mode.WFH, Mode.WFO):
        raise ValidationError(
            _("Hanya WFH atau WFO yang dapat dipilih; cuti berasal dari data cuti.")
        )
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan perubahan."))
    cell = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("employee", "unit")
        .filter(roster=roster, employee_id=employee_id, day=day)
        .first()
    )
    if cell is None:
        raise ValidationError(
            _("Tidak ada jadwal untuk pegawai ini pada tanggal itu (hari libur?).")
        )
    if cell.mode == Mode.LEAVE:
        raise ValidationError(_("Pegawai sedang cuti/izin/dinas pada tanggal itu."))
    if cell.mode == mode:
        return cell
    _check_limits(roster=roster, cell=cell, new_mode=mode)
    AssignmentChange.objects.create(
        roster=roster,
        employee_id=employee_id,
        day=day,
        old_mode=cell.mode,
        new_mode=mode,
        reason=reason.strip(),
        changed_by=user,
    )
    cell.mode, cell.source, cell.reason = mode, Source.MANUAL, "manual"
    cell.save(update_fields=["mode", "source", "reason"])
    return cell


def _check_limits(*, roster: Roster, cell: Assignment, new_mode: str) -> None:
    """The limits of wfh.limits for one cell turning WFH, counted on this version's cells."""
    if new_mode != Mode.WFH:
        return  # going to the office keeps every limit
    phase, emp, unit = roster.phase, cell.employee, cell.unit
    day_rows = Assignment.objects.filter(roster=roster, day=cell.day, unit=unit).exclude(pk=cell.pk)
    monday, sunday = limits.week_bounds(cell.day)
    week_wfh = Assignment.objects.filter(
        roster=roster, employee=emp, mode=Mode.WFH, day__gte=monday, day__lte=sunday
    ).count()
    problem = (
        limits.frontline(
            unit_name=unit.name if unit else "",
            is_frontline=bool(unit and unit.frontline),
            name=emp.name,
        )
        or limits.eligibility(
            eligible=emp.wfh_eligible, name=emp.name, why=emp.get_ineligible_reason_display()
        )
        or limits.weekly_cap(name=emp.name, wfh_days=week_wfh, cap=phase.weekly_cap, day=cell.day)
        or limits.onsite_minimum(
            unit_name=unit.name if unit else "",
            onsite=day_rows.filter(mode=Mode.WFO).count(),
            minimum=unit.min_onsite if unit else 0,
            day=cell.day,
        )
    )
    if problem is None and phase.pattern == PatternKind.ROTATION:
        present = day_rows.exclude(mode=Mode.LEAVE).filter(employee__wfh_eligible=True).count() + 1
        partner = limits.LEADER_PARTNER.get(emp.unit_role)
        problem = limits.rotation_ratio(
            wfh_after=day_rows.filter(mode=Mode.WFH).count() + 1,
            ratio=float(phase.ratio),
            present=present,
        ) or limits.leaders(
            rotation=True,
            partner_home=bool(
                partner and day_rows.filter(mode=Mode.WFH, employee__unit_role=partner).exists()
            ),
        )
    if problem:
        raise ValidationError(problem)


# -- workflow -----------------------------------------------------------------------------------


def roster_submit(*, roster: Roster, user) -> None:
    if not access.can_manage_opd(user, roster.opd):
        raise PermissionDenied
    if roster.status != Roster.Status.READY:
        raise ValidationError(_("Jadwal belum siap; tunggu hingga selesai dibuat."))
    moved = Roster.objects.filter(pk=roster.pk, workflow__in=EDITABLE).update(
        workflow=Roster.Workflow.SUBMITTED, submitted_by=user, submitted_at=timezone.now()
    )
    if moved != 1:
        raise ValidationError(_("Hanya draf atau jadwal yang dikembalikan yang dapat diajukan."))


def roster_return(*, roster: Roster, user, comment: str) -> None:
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Tuliskan catatan untuk OPD saat mengembalikan jadwal."))
    moved = Roster.objects.filter(pk=roster.pk, workflow=Roster.Workflow.SUBMITTED).update(
        workflow=Roster.Workflow.RETURNED, return_comment=comment.strip()
    )
    if moved != 1:
        raise ValidationError(_("Hanya jadwal yang diajukan yang dapat dikembalikan."))


@transaction.atomic
def roster_publish(*, roster: Roster, user=None, from_date: dt.date | None = None) -> int:
    """HR publishes a ready roster: its days from a start date become the published schedule.

    Published days before the start are never rewritten; from the start on they are replaced. The
    start is `from_date` when given, else the date this version was regenerated from, else the
    phase's first day for a first publication, else today (so a plain re-publication never
    rewrites days already lived). Returns the number of schedule rows written; `user=None` is the
    command line.
    """
    if user is not None and not access.scope_for(user).is_hr:
        raise PermissionDenied
    roster = Roster.objects.select_for_update().select_related("phase", "opd").get(pk=roster.pk)
    if roster.status != Roster.Status.READY:
        raise ValidationError(_("Jadwal belum siap diterbitkan."))
    if roster.workflow not in (Roster.Workflow.DRAFT, Roster.Workflow.SUBMITTED):
        raise ValidationError(
            _("Jadwal berstatus %(workflow)s: tidak dapat diterbitkan.")
            % {"workflow": roster.get_workflow_display()}
        )
    phase = roster.phase
    if from_date is not None and not (phase.start <= from_date <= phase.end):
        raise ValidationError(
            _("Tanggal mulai terbit %(day)s di luar tahap (%(start)s s.d. %(end)s).")
            % {
                "day": long_date(from_date),
                "start": long_date(phase.start),
                "end": long_date(phase.end),
            }
        )
    if from_date is not None:
        start = from_date
    elif roster.regenerate_from is not None:
        start = max(roster.regenerate_from, phase.start)
    elif not ScheduleDay.objects.filter(phase=phase, opd=roster.opd).exists():
        start = phase.start
    else:
        start = max(phase.start, timezone.localdate())
    cutoff = start
    ScheduleDay.objects.filter(phase=phase, opd=roster.opd, day__gte=cutoff).delete()
    # someone who moved here from another OPD: their days here replace that OPD's from the cut-off
    ScheduleDay.objects.filter(
        employee_id__in=Assignment.objects.filter(roster=roster).values("employee_id"),
        day__gte=cutoff,
    ).exclude(opd=roster.opd).filter(
        Exists(
            Assignment.objects.filter(
                roster=roster, employee_id=OuterRef("employee_id"), day=OuterRef("day")
            )
        )
    ).delete()
    # A day that became a day off after generation (a local holiday added later) is not published.
    still_working = working_days(start, phase.end, opd_id=roster.opd_id)
    _publish_rows(roster, still_working)
    written = ScheduleDay.objects.filter(roster=roster).count()
    others = ScheduleDay.objects.filter(phase=phase, opd=roster.opd).exclude(roster=roster)
    if not written and others.exists():
        # rolled back: the schedule in force stays with the version that wrote it
        raise ValidationError(
            _(
                "Tidak ada hari yang dapat diterbitkan mulai %(day)s, jadi jadwal terbit tetap "
                "versi sebelumnya. Pilih tanggal mulai terbit (--from) di dalam tahap."
            )
            % {"day": long_date(start)}
        )
    Roster.objects.filter(phase=phase, opd=roster.opd, workflow=Roster.Workflow.PUBLISHED).exclude(
        pk=roster.pk
    ).update(workflow=Roster.Workflow.SUPERSEDED)
    Roster.objects.filter(pk=roster.pk).update(
        workflow=Roster.Workflow.PUBLISHED,
        published_by=user,
        published_at=timezone.now(),
        published_from=start,
    )
    roster.workflow, roster.published_from = Roster.Workflow.PUBLISHED, start
    transaction.on_commit(  # webhooks (api.webhooks); a failure there never undoes publishing
        lambda: roster_published.send(sender=Roster, roster=roster, rows=written), robust=True
    )
    return written


PUBLISH_SQL = (
    "INSERT INTO wfh_scheduleday (employee_id, day, mode, source, phase_id, opd_id, unit_id, "
    "roster_id) SELECT employee_id, day, mode, source, %s, %s, unit_id, roster_id "
    "FROM wfh_assignment WHERE roster_id = %s AND day IN ({marks}) "
    "ON CONFLICT (employee_id, day) DO NOTHING"
)


def _publish_rows(roster: Roster, days: list[dt.date]) -> None:
    """Copy the version's rows of these days into the published schedule in one statement; a day
    someone already has from another OPD's version is left to it (the earlier delete made room
    for the days this version takes over)."""
    if not days:
        return
    marks = ", ".join(["%s"] * len(days))
    sql = PUBLISH_SQL.format(marks=marks)
    params = [roster.phase_id, roster.opd_id, roster.pk, *(d.isoformat() for d in days)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def unit_day_totals(roster: Roster) -> dict[tuple[int | None, dt.date], dict[str, int]]:
    """Per unit and day: WFH, WFO and LEAVE counts, for the grid's footer."""
    totals: dict = defaultdict(lambda: {"WFH": 0, "WFO": 0, "LEAVE": 0})
    rows = Assignment.objects.filter(roster=roster).values_list("unit_id", "day", "mode")
    for unit, day, mode in rows.iterator(chunk_size=20000):
        totals[(unit, day)][mode] += 1
    return totals


# -- calendar and OPD options inside a phase ----------------------------------------------------


@transaction.atomic
def local_day_off_add(
    *, user, day: dt.date, name: str, opds: list[Opd] | None = None
) -> LocalDayOff:
    """HR adds a local day off (for every OPD when `opds` is empty). Returns the new row."""
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    if not name.strip():
        raise ValidationError(_("Tuliskan nama hari libur."))
    if day.weekday() >= 5:
        raise ValidationError(
            _("%(day)s jatuh pada akhir pekan: sudah bukan hari kerja.") % {"day": long_date(day)}
        )
    off = LocalDayOff.objects.create(date=day, name=name.strip(), created_by=user)
    if opds:
        off.opds.set(opds)
    return off


def local_day_off_delete(*, user, day_off: LocalDayOff) -> None:
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    day_off.delete()


def _option(phase: Phase, opd: Opd) -> PhaseOpdOption:
    option, _created = PhaseOpdOption.objects.select_for_update().get_or_create(
        phase=phase, opd=opd
    )
    return option


@transaction.atomic
def phase_composition_choose(*, phase: Phase, opd: Opd, user, composition: str) -> None:
    """The OPD admin (or HR) chooses the OPD's rotation composition inside a phase."""
    if not access.can_manage_opd(user, opd):
        raise PermissionDenied
    if phase.pattern != PatternKind.ROTATION:
        raise ValidationError(_("Komposisi hanya berlaku untuk tahap rotasi."))
    if composition and composition not in Composition.values:
        raise ValidationError(
            _("Komposisi %(composition)s tidak dikenal.") % {"composition": repr(composition)}
        )
    option = _option(phase, opd)
    if option.composition != composition:
        option.composition = composition
        option.save(update_fields=["composition"])


@transaction.atomic
def optional_weekday_apply(*, phase: Phase, opd: Opd, user) -> None:
    """The OPD applies to BKD for the phase's optional extra WFH weekday (the 2026 Friday)."""
    if not access.can_manage_opd(user, opd):
        raise PermissionDenied
    if phase.pattern != PatternKind.WEEKDAY or phase.optional_weekday is None:
        raise ValidationError(_("Tahap ini tidak punya hari WFH tambahan yang dapat diajukan."))
    option = _option(phase, opd)
    allowed = (PhaseOpdOption.Application.NONE, PhaseOpdOption.Application.REJECTED)
    if option.optional_weekday not in allowed:
        raise ValidationError(
            _("Pengajuan sudah berstatus %(status)s.")
            % {"status": option.get_optional_weekday_display().lower()}
        )
    option.optional_weekday = PhaseOpdOption.Application.APPLIED
    option.save(update_fields=["optional_weekday"])


@transaction.atomic
def optional_weekday_decide(*, phase: Phase, opd: Opd, user, approve: bool) -> None:
    """HR approves or rejects an OPD's application; approval counts at the next generation."""
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    option = _option(phase, opd)
    if option.optional_weekday == PhaseOpdOption.Application.NONE:
        raise ValidationError(
            _("OPD %(opd)s belum mengajukan hari WFH tambahan.") % {"opd": opd.code}
        )
    option.optional_weekday = (
        PhaseOpdOption.Application.APPROVED if approve else PhaseOpdOption.Application.REJECTED
    )
    option.save(update_fields=["optional_weekday"])


# -- leave moves the published schedule ----------------------------------------------------------


def _recompute_past(opd_id: int, days) -> None:
    from attendance.summaries.runs import summaries_recompute as schedule_recompute

    if days:
        schedule_recompute(days=sorted(days), opd_ids=[opd_id])


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


def schedule_refresh_for_leave(
    *,
    employee_id: int,
    start: dt.date,
    end: dt.date,
    user=None,
    reason: str = "",
    today: dt.date | None = None,
) -> int:
    """One employee's approved leave was added or withdrawn: see `schedule_refresh_for_leaves`."""
    span = LeaveSpan(employee_id, start, end, reason)
    return schedule_refresh_for_leaves(spans=[span], user=user, today=today)


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
    (phase, OPD) whatever the number of spans (see `leave_days_regenerate`; `today`, when
    given, is passed on, else the task reads each OPD's date when it runs). A fixed number of
    queries for any number of spans, so an import of thousands of leave rows stays cheap.
    Returns the number of cells changed now.
    """
    from wfh.tasks import refresh_leave_spans

    if not spans:
        return 0
    by_employee = _by_employee(spans)
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    leave = approved_leave_days(list(by_employee), first, last)

    def target(employee_id: int, day: dt.date, mode: str) -> str | None:
        if _span_of(by_employee, employee_id, day) is None:
            return None  # outside every span: not this refresh's business
        if day in leave.get(employee_id, ()):
            return None if mode == Mode.LEAVE else Mode.LEAVE
        return Mode.WFO if mode == Mode.LEAVE else None

    published = list(
        ScheduleDay.objects.select_for_update()
        .filter(employee_id__in=list(by_employee), day__gte=first, day__lte=last)
        .order_by("employee_id", "day")
    )
    moved = []
    for row in published:
        new = target(row.employee_id, row.day, row.mode)
        if new is not None:
            row.mode, row.source = new, Source.GENERATED
            moved.append(row)
    ScheduleDay.objects.bulk_update(moved, ["mode", "source"], batch_size=2000)
    cells = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(
            employee_id__in=list(by_employee),
            day__gte=first,
            day__lte=last,
            roster__status=Roster.Status.READY,
        )
        .exclude(roster__workflow=Roster.Workflow.SUPERSEDED)
        .order_by("roster_id", "employee_id", "day")
    )
    changed, log_rows = [], []
    for cell in cells:
        new = target(cell.employee_id, cell.day, cell.mode)
        if new is None:
            continue
        log_rows.append(
            AssignmentChange(
                roster_id=cell.roster_id,
                employee_id=cell.employee_id,
                day=cell.day,
                old_mode=cell.mode,
                new_mode=new,
                reason=_span_of(by_employee, cell.employee_id, cell.day).why,
                changed_by=user,
            )
        )
        cell.mode, cell.source = new, Source.GENERATED
        cell.reason = "leave" if new == Mode.LEAVE else ""
        changed.append(cell)
    Assignment.objects.bulk_update(changed, ["mode", "source", "reason"], batch_size=2000)
    AssignmentChange.objects.bulk_create(log_rows, batch_size=2000)
    payload = [s.as_task_args() for s in spans]
    when = today and today.isoformat()
    transaction.on_commit(lambda: refresh_leave_spans.delay(payload, when))
    return len(changed) + len(moved)


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
    changed cells are written in place into the published version's rows and the published
    schedule, each logged as an AssignmentChange; no new version is made. Idempotent: a rerun
    finds nothing to change. Returns the number of cells changed.
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
    inp, _unit_of, _manual = engine_input(roster, is_open=lambda e, d: (e, d) in open_cells)
    result = engine.generate(inp)
    if any(e.id < 0 for e in inp.employees):
        result = _CappedAcrossPlacements(result, inp)
    fresh: dict[tuple[int, dt.date], tuple[str, str]] = {}
    for eid, day, mode, reason in result.iter_rows():
        key = (_employee_id(eid), day)
        if key in open_cells:
            fresh[key] = (mode, reason)
    emps = {e for e, _d in open_cells}
    days = {d for _e, d in open_cells}
    current = [
        cell
        for cell in Assignment.objects.select_for_update(of=("self",)).filter(
            roster=roster, employee_id__in=emps, day__in=days
        )
        if (cell.employee_id, cell.day) in fresh
        and fresh[cell.employee_id, cell.day][0] != cell.mode
    ]
    if not current:
        return 0
    # stored as AssignmentChange.reason: kept Indonesian at write time (see LeaveSpan.why)
    adjust = (
        f"Penyesuaian: {spans[0].why}"
        if len(spans) == 1
        else f"Penyesuaian: cuti/izin/dinas {len(by_employee)} pegawai"
    )
    log_rows = []
    for cell in current:
        mode, reason = fresh[cell.employee_id, cell.day]
        span = _span_of(by_employee, cell.employee_id, cell.day)
        log_rows.append(
            AssignmentChange(
                roster=roster,
                employee_id=cell.employee_id,
                day=cell.day,
                old_mode=cell.mode,
                new_mode=mode,
                reason=span.why if span is not None else adjust,
            )
        )
        cell.mode, cell.reason = mode, reason
        if not selectors.is_manual(cell.source):
            cell.source = Source.GENERATED
    Assignment.objects.bulk_update(current, ["mode", "reason", "source"])
    AssignmentChange.objects.bulk_create(log_rows)
    new_mode = {(c.employee_id, c.day): c.mode for c in current}
    published = [
        row
        for row in ScheduleDay.objects.select_for_update().filter(
            opd_id=opd_id,
            phase_id=phase_id,
            employee_id__in={e for e, _d in new_mode},
            day__in={d for _e, d in new_mode},
        )
        if (row.employee_id, row.day) in new_mode
    ]
    for row in published:
        row.mode = new_mode[row.employee_id, row.day]
    ScheduleDay.objects.bulk_update(published, ["mode"])
    _recompute_past(opd_id, {r.day for r in published if r.day < today})
    return len(current)
