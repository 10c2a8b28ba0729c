"""Read-side queries of the scheduling domain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from opd.models import Employee, Opd, Placement, Unit
from wfh.engine.types import Reason
from wfh.models import (
    Assignment,
    AssignmentChange,
    Composition,
    LocalDayOff,
    PatternKind,
    Phase,
    PhaseOpdOption,
    Programme,
    Roster,
    ScheduleDay,
    Source,
)


def phase_opds(phase: Phase) -> QuerySet[Opd]:
    """The OPDs a phase covers: those chosen, or every active OPD when none is chosen."""
    chosen = phase.opds.all()
    return chosen if chosen.exists() else Opd.objects.filter(active=True)


def phase_by_id_or_slug(value: str) -> Phase:
    lookup = Q(slug=value) | Q(pk=int(value)) if value.isdigit() else Q(slug=value)
    return Phase.objects.select_related("programme").get(lookup)


def opd_option(phase: Phase, opd: Opd) -> PhaseOpdOption | None:
    return PhaseOpdOption.objects.filter(phase=phase, opd=opd).first()


def effective_composition(phase: Phase, opd: Opd, requested: str = "") -> str:
    if requested:
        return requested
    option = opd_option(phase, opd)
    if option and option.composition:
        return option.composition
    return phase.default_composition or Composition.BALANCED


def effective_weekdays(phase: Phase, opd: Opd) -> list[int]:
    """The phase's WFH weekdays plus the optional one where HR approved the OPD's application."""
    days = set(phase.wfh_weekdays or [])
    option = opd_option(phase, opd)
    if (
        phase.pattern == PatternKind.WEEKDAY
        and phase.optional_weekday is not None
        and option
        and option.optional_weekday == PhaseOpdOption.Application.APPROVED
    ):
        days.add(phase.optional_weekday)
    return sorted(days)


def placements_in(opd: Opd, start: dt.date, end: dt.date) -> QuerySet[Placement]:
    """Who worked in the OPD at some point between start and end, with the unit of the time.

    Each placement is annotated `first`: an employee's first placement opens on the day the
    registry learned of them (an import), not on the day they started, so it also covers the
    days before it (bounded by the employee's active_from) and is listed even when it opens
    after `end`.
    """
    earlier = Placement.objects.filter(
        employee_id=OuterRef("employee_id"), valid_from__lt=OuterRef("valid_from")
    )
    return (
        Placement.objects.annotate(first=~Exists(earlier))
        .filter(opd=opd)
        .filter(Q(valid_from__lte=end) | Q(first=True))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("employee")
        .order_by("employee_id", "valid_from")
    )


def units_of(opd: Opd) -> QuerySet[Unit]:
    return Unit.objects.filter(opd=opd).order_by("id")


def latest_roster(phase: Phase, opd: Opd) -> Roster | None:
    return Roster.objects.filter(phase=phase, opd=opd).order_by("-version").first()


def next_version(phase: Phase, opd: Opd) -> int:
    top = Roster.objects.filter(phase=phase, opd=opd).aggregate(v=Max("version"))["v"]
    return (top or 0) + 1


def published_cells(phase: Phase, opd: Opd) -> dict[tuple[int, dt.date], tuple[str, str]]:
    rows = ScheduleDay.objects.filter(phase=phase, opd=opd).values_list(
        "employee_id", "day", "mode", "source"
    )
    return {(e, d): (m, s) for e, d, m, s in rows.iterator(chunk_size=20000)}


def schedule_for_day(*, opd: Opd, day: dt.date) -> QuerySet[ScheduleDay]:
    """Each employee's published mode in the OPD on a day."""
    return (
        ScheduleDay.objects.filter(opd=opd, day=day)
        .select_related("employee", "unit")
        .order_by("unit__code", "employee__name", "employee_id")
    )


def is_manual(source: str) -> bool:
    """A cell a regeneration keeps as it is: a manual change, a swap, and the overrides (a
    declared day, an individual order; see wfh.overrides.precedence)."""
    return source in (Source.MANUAL, Source.SWAP, Source.DECLARED, Source.ORDER)


# -- schedule pages (calendar, phases, rosters) ---------------------------------------------------


def _newest_version_only(qs: QuerySet[Roster]) -> QuerySet[Roster]:
    """Keep the latest version of each phase and OPD in one query (no newer version exists)."""
    newer = Roster.objects.filter(
        phase_id=OuterRef("phase_id"), opd_id=OuterRef("opd_id"), version__gt=OuterRef("version")
    )
    return qs.filter(~Exists(newer))


def programmes_with_phases() -> QuerySet[Programme]:
    return Programme.objects.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("order", "start"))
    )


def phase_workflow_counts(opd_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """Per phase: how many OPDs' latest roster versions are in each workflow state."""
    qs = _newest_version_only(Roster.objects.all())
    if opd_ids is not None:
        qs = qs.filter(opd_id__in=list(opd_ids))
    counts: dict[int, dict[str, int]] = {}
    for phase_id, workflow, n in (
        qs.values("phase_id", "workflow")
        .annotate(n=Count("id"))
        .values_list("phase_id", "workflow", "n")
    ):
        counts.setdefault(phase_id, {})[workflow] = n
    return counts


def latest_rosters_for(
    phase: Phase | None = None, opd_ids: Iterable[int] | None = None
) -> QuerySet[Roster]:
    """The latest version of each OPD's roster (in one phase, or in every phase)."""
    qs = _newest_version_only(Roster.objects.select_related("opd", "phase"))
    if phase is not None:
        qs = qs.filter(phase=phase)
    if opd_ids is not None:
        qs = qs.filter(opd_id__in=list(opd_ids))
    return qs.order_by("phase__start", "opd__code")


def phase_options_for(phase: Phase, opd_ids: Iterable[int]) -> dict[int, PhaseOpdOption]:
    return {
        o.opd_id: o for o in PhaseOpdOption.objects.filter(phase=phase, opd_id__in=list(opd_ids))
    }


def weekday_applications(phase: Phase) -> QuerySet[PhaseOpdOption]:
    """OPDs that applied for the phase's optional WFH weekday, waiting for HR."""
    return (
        PhaseOpdOption.objects.filter(
            phase=phase, optional_weekday=PhaseOpdOption.Application.APPLIED
        )
        .select_related("opd")
        .order_by("opd__code")
    )


def local_days_off_between(
    start: dt.date, end: dt.date, *, opd_ids: Iterable[int] | None = None
) -> list[LocalDayOff]:
    """Local days off in a range, with their OPDs. With opd_ids: those for all OPDs or for one
    of those OPDs."""
    qs = LocalDayOff.objects.filter(date__gte=start, date__lte=end).prefetch_related(
        Prefetch("opds", queryset=Opd.objects.order_by("code"))
    )
    days = list(qs.order_by("date", "name"))
    if opd_ids is None:
        return days
    wanted = set(opd_ids)
    return [d for d in days if not d.opds.all() or wanted & {o.pk for o in d.opds.all()}]


def rosters_covering_day(day: dt.date, opd_ids: Iterable[int] | None = None) -> int:
    """How many current roster versions (not superseded) have rows on a day, for the given OPDs
    (None: every OPD). A day off added after generation makes them stale."""
    qs = _newest_version_only(
        Roster.objects.filter(phase__start__lte=day, phase__end__gte=day).exclude(
            workflow=Roster.Workflow.SUPERSEDED
        )
    )
    if opd_ids is not None:
        qs = qs.filter(opd_id__in=list(opd_ids))
    return qs.filter(assignments__day=day).distinct().count()


def roster_detail(pk: int) -> Roster:
    return Roster.objects.select_related(
        "phase__programme", "opd", "created_by", "submitted_by", "published_by"
    ).get(pk=pk)


def roster_grid_rows(
    roster: Roster, *, unit_id: int | None = None, no_unit: bool = False
) -> list[tuple]:
    """(employee id, name, NIP, unit role, eligible, unit id) of everyone with rows in the roster,
    in one query; the unit is the one the roster placed them in. `unit_id` or `no_unit` narrows
    it to one unit, or to the staff placed in none."""
    where: dict = {"assignments__roster": roster}
    if unit_id is not None:
        where["assignments__unit_id"] = unit_id
    elif no_unit:
        where["assignments__unit__isnull"] = True
    return list(
        Employee.objects.filter(**where)
        .values_list("id", "name", "nip", "unit_role", "wfh_eligible", "assignments__unit_id")
        .distinct()
    )


def roster_cells(
    roster: Roster, employee_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, int | None, dt.date], tuple[str, str, str]]:
    """(employee, unit, day) -> (mode, source, reason) for some employees over some days, in one
    query; the unit is the one the roster placed them in that day (it changes when they moved)."""
    rows = Assignment.objects.filter(
        roster=roster, employee_id__in=list(employee_ids), day__gte=start, day__lte=end
    ).values_list("employee_id", "unit_id", "day", "mode", "source", "reason")
    return {(e, u, d): (m, s, r) for e, u, d, m, s, r in rows}


def unit_day_counts(
    roster: Roster,
    *,
    unit_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[tuple[int | None, dt.date], dict[str, int]]:
    """Per unit and day: WFH, WFO and LEAVE counts, counted by the database in one query."""
    qs = Assignment.objects.filter(roster=roster)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if start is not None:
        qs = qs.filter(day__gte=start)
    if end is not None:
        qs = qs.filter(day__lte=end)
    totals: dict[tuple[int | None, dt.date], dict[str, int]] = {}
    for unit, day, mode, n in (
        qs.values("unit_id", "day", "mode")
        .annotate(n=Count("id"))
        .values_list("unit_id", "day", "mode", "n")
    ):
        totals.setdefault((unit, day), {"WFH": 0, "WFO": 0, "LEAVE": 0})[mode] = n
    return totals


def roster_days(roster: Roster) -> list[dt.date]:
    """The days a roster has rows on (from the (roster, day) index)."""
    return list(
        Assignment.objects.filter(roster=roster)
        .order_by("day")
        .values_list("day", flat=True)
        .distinct()
    )


def roster_versions(phase: Phase, opd: Opd) -> QuerySet[Roster]:
    return Roster.objects.filter(phase=phase, opd=opd).order_by("-version")


def roster_changes(roster: Roster, *, limit: int = 100) -> QuerySet[AssignmentChange]:
    return (
        AssignmentChange.objects.filter(roster=roster)
        .select_related("employee", "changed_by")
        .order_by("-changed_at", "-id")[:limit]
    )


def roster_cell(roster: Roster, employee_id: int, day: dt.date) -> Assignment | None:
    return (
        Assignment.objects.filter(roster=roster, employee_id=employee_id, day=day)
        .select_related("employee", "unit")
        .first()
    )


def employee_names(ids: Iterable[int]) -> dict[int, str]:
    return dict(Employee.objects.filter(id__in=list(ids)).values_list("id", "name"))


def piket_days(*, employee_id: int, start: dt.date, end: dt.date) -> set[dt.date]:
    """The days of the published schedule on which the employee is on duty (piket): on site on
    a WFH weekday because the unit's minimum needs them. One query."""
    published = ScheduleDay.objects.filter(
        employee_id=employee_id, day=OuterRef("day"), roster_id=OuterRef("roster_id")
    )
    return set(
        Assignment.objects.filter(
            employee_id=employee_id, day__gte=start, day__lte=end, reason=Reason.PIKET
        )
        .filter(Exists(published))
        .values_list("day", flat=True)
    )
