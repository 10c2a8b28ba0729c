"""Read-side queries of the scheduling domain."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Q, QuerySet

from opd.models import Opd, Placement, Unit
from wfh.models import (
    Composition,
    PatternKind,
    Phase,
    PhaseOpdOption,
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
    """Who worked in the OPD at some point between start and end, with the unit of the time."""
    return (
        Placement.objects.filter(opd=opd, valid_from__lte=end)
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
    return source in (Source.MANUAL, Source.SWAP)
