"""Read-side queries of the API. Each takes the OPDs or employees the caller may see (from
api.auth.Principal), so a restricted client or a scoped user never gets another OPD's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from attendance.models import DailyRecord, OpdDaySummary
from opd.models import Employee, Opd, Unit
from wfh import calendar
from wfh import selectors as wfh_selectors
from wfh.models import Phase, Roster, ScheduleDay


def opd_list(*, opds: QuerySet[Opd]) -> QuerySet[Opd]:
    return (
        opds.select_related("parent")
        .annotate(unit_count=Count("units", distinct=True))
        .order_by("code", "id")
    )


def opd_detail(*, opds: QuerySet[Opd], code: str) -> Opd | None:
    return (
        opds.select_related("parent")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("code", "id")))
        .filter(code=code)
        .first()
    )


def schedule_rows(*, days: Q | None) -> QuerySet:
    """The published days the caller may read (`days`, Principal.schedule_days; None: all), in
    the order of an OPD's day: unit code, then name, as plain rows (values()) in the response's
    shape: the hottest read of the API builds no model objects. The view narrows it to one OPD
    and date (both required)."""
    qs = ScheduleDay.objects.all() if days is None else ScheduleDay.objects.filter(days)
    return qs.order_by("unit__code", "employee__name", "employee_id").values(
        "mode",
        nip=F("employee__nip"),
        name=F("employee__name"),
        unit_code=F("unit__code"),
        unit_label=F("unit__name"),
    )


def schedule_entry(row: dict) -> dict:
    """One row of `schedule_rows` as the API answers it (ScheduleEntrySerializer's shape)."""
    return {
        "nip": row["nip"],
        "name": row["name"],
        "unit": row["unit_code"],
        "unit_name": row["unit_label"],
        "mode": row["mode"],
    }


def employee_for_schedule(*, employees: QuerySet[Employee], nip: str) -> Employee | None:
    return employees.filter(nip=nip).first()


def schedule_for_employee(*, opds: QuerySet[Opd] | None, employee: Employee) -> QuerySet:
    """One employee's published days (the view narrows the dates); only in `opds` when set.
    Plain rows like `schedule_rows`."""
    qs = ScheduleDay.objects.filter(employee=employee)
    if opds is not None:
        qs = qs.filter(opd__in=opds)
    return qs.order_by("day", "id").values(
        "day", "mode", opd_code=F("opd__code"), unit_code=F("unit__code")
    )


def employee_day(row: dict) -> dict:
    """One row of `schedule_for_employee` as the API answers it (EmployeeDaySerializer)."""
    return {
        "date": row["day"],
        "mode": row["mode"],
        "opd": row["opd_code"],
        "unit": row["unit_code"],
    }


def daily_records(*, opds: QuerySet[Opd]) -> QuerySet[DailyRecord]:
    return (
        DailyRecord.objects.filter(opd__in=opds)
        .select_related("employee", "opd", "unit")
        .order_by("day", "opd__code", "employee__name", "employee_id")
    )


def opd_summaries(*, opds: QuerySet[Opd]) -> QuerySet[OpdDaySummary]:
    return (
        OpdDaySummary.objects.filter(opd__in=opds)
        .select_related("opd", "lowest_unit")
        .order_by("day", "opd__code", "id")
    )


# -- employees ---------------------------------------------------------------------------------


def employee_list(*, employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """The caller's employees with their OPD, unit and supervisor, in a stable order."""
    return employees.select_related("opd", "unit", "supervisor").order_by(
        "opd__code", "unit__code", "name", "id"
    )


def employee_detail(*, employees: QuerySet[Employee], nip: str) -> Employee | None:
    return employees.select_related("opd", "unit", "supervisor").filter(nip=nip).first()


def is_active(employee: Employee, day: dt.date) -> bool:
    return (employee.active_from is None or employee.active_from <= day) and (
        employee.active_to is None or employee.active_to >= day
    )


# -- calendar ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    kind: str  # holiday, cuti_bersama, local
    name: str
    opds: tuple[str, ...]  # local days off for some OPDs: their codes (within the caller's)


KIND_ORDER = {"holiday": 0, "cuti_bersama": 1, "local": 2}


def calendar_year(
    *, year: int, opd: Opd | None, visible: QuerySet[Opd], restricted: bool
) -> tuple[list[dt.date], list[CalendarDay]]:
    """Working days and days off of a year.

    With `opd`: that OPD's working days, and the local days off that apply to it. Without it: the
    days that work for every OPD, and every local day off for all OPDs or for one of the caller's
    OPDs (`restricted`: the caller sees only `visible`), each with the OPDs it applies to.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    working = calendar.working_days(start, end, opd_id=opd.pk if opd else None)
    days = [CalendarDay(d.day, d.kind, d.name, ()) for d in calendar.national_days_off(year)]
    if opd is not None:
        opd_ids = [opd.pk]
    elif restricted:
        opd_ids = list(visible.values_list("pk", flat=True))
    else:
        opd_ids = None
    shown = set(opd_ids) if opd_ids is not None else None
    for off in wfh_selectors.local_days_off_between(start, end, opd_ids=opd_ids):
        codes = tuple(o.code for o in off.opds.all() if shown is None or o.pk in shown)
        days.append(CalendarDay(off.date, "local", off.name, codes))
    days.sort(key=lambda d: (d.date, KIND_ORDER[d.kind], d.name))
    return working, days


# -- phases and rosters --------------------------------------------------------------------------


def phase_list(*, opds: QuerySet[Opd], restricted: bool) -> QuerySet[Phase]:
    """Phases in programme and phase order, each with the OPDs it chose among `opds`
    (`visible_opds`) and whether it chose any (`chose_opds`; none chosen = every active OPD).

    A restricted caller (an OPD-restricted client, a session user who is not HR) sees only the
    phases that cover one of its OPDs: those that chose one, or those that chose none when one of
    its OPDs is active.
    """
    chosen = Phase.opds.through.objects.filter(phase_id=OuterRef("pk"))
    qs = (
        Phase.objects.select_related("programme")
        .annotate(chose_opds=Exists(chosen))
        .prefetch_related(Prefetch("opds", queryset=opds.order_by("code"), to_attr="visible_opds"))
    )
    if restricted:
        covers = Exists(chosen.filter(opd__in=opds))
        if opds.filter(active=True).exists():
            covers = covers | ~Exists(chosen)
        qs = qs.filter(covers)
    return qs.order_by("programme__slug", "order", "start", "id")


def phases_covering(opd: Opd) -> Q:
    """Phases that cover an OPD: chosen by it, or choosing none while it is active."""
    chosen = Phase.opds.through.objects.filter(phase_id=OuterRef("pk"))
    covers = Q(Exists(chosen.filter(opd_id=opd.pk)))
    return covers | ~Q(Exists(chosen)) if opd.active else covers


def active_opd_codes(opds: QuerySet[Opd]) -> list[str]:
    return list(opds.filter(active=True).order_by("code").values_list("code", flat=True))


def phase_status(phase: Phase, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if today < phase.start:
        return "upcoming"
    return "active" if today <= phase.end else "ended"


def roster_list(*, opds: QuerySet[Opd]) -> QuerySet[Roster]:
    return (
        Roster.objects.filter(opd__in=opds)
        .select_related("phase", "opd")
        .order_by("phase__start", "phase__slug", "opd__code", "-version", "id")
    )


def roster_get(*, opds: QuerySet[Opd], pk: int) -> Roster | None:
    return Roster.objects.filter(opd__in=opds, pk=pk).select_related("phase", "opd").first()


def phase_covers(phase: Phase, opd: Opd) -> bool:
    return wfh_selectors.phase_opds(phase).filter(pk=opd.pk).exists()
