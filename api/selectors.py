"""Read-side queries of the API. Each takes the OPDs or employees the caller may see (from
api.auth.Principal), so a restricted client or a scoped user never gets another OPD's rows."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from attendance.models import DailyRecord, OpdDaySummary
from opd.models import Employee, Opd, Unit
from wfh.models import ScheduleDay


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


def schedule_rows(*, opds: QuerySet[Opd]) -> QuerySet[ScheduleDay]:
    """Published days in the visible OPDs, in the order of an OPD's day: unit code, then name.
    The view narrows it to one OPD and date (both required)."""
    return (
        ScheduleDay.objects.filter(opd__in=opds)
        .select_related("employee", "unit")
        .only("day", "mode", "employee__nip", "employee__name", "unit__code", "unit__name")
        .order_by("unit__code", "employee__name", "employee_id")
    )


def employee_for_schedule(*, employees: QuerySet[Employee], nip: str) -> Employee | None:
    return employees.filter(nip=nip).first()


def schedule_for_employee(
    *, opds: QuerySet[Opd] | None, employee: Employee
) -> QuerySet[ScheduleDay]:
    """One employee's published days (the view narrows the dates); only in `opds` when set."""
    qs = ScheduleDay.objects.filter(employee=employee)
    if opds is not None:
        qs = qs.filter(opd__in=opds)
    return qs.select_related("opd", "unit").order_by("day", "id")


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
