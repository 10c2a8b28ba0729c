"""Read-side queries of attendance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from accounts.models import User
from attendance import rules
from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    DayStatus,
    EventStatus,
    OpdDaySummary,
    SummaryRun,
    WorkingHours,
)
from opd import access
from opd.models import Employee, Opd


def working_hours_for(*, opd: Opd) -> rules.Policy:
    """The OPD's own working hours, else the default row, as a plain policy for rules.py."""
    rows = {
        row.opd_id: row
        for row in WorkingHours.objects.filter(Q(opd=opd) | Q(opd__isnull=True)).prefetch_related(
            "periods", "tiers"
        )
    }
    row = rows.get(opd.pk) or rows.get(None)
    if row is None:
        return WorkingHours().as_policy_without_rows()
    return row.as_policy()


def review_queue(*, user: User) -> QuerySet[AttendanceEvent]:
    """Flagged events waiting for review in the OPDs the user may review (HR: all)."""
    return (
        AttendanceEvent.objects.filter(
            status=EventStatus.FLAGGED, employee__opd__in=access.visible_opds(user)
        )
        .select_related("employee", "employee__unit")
        .order_by("day", "timestamp", "id")
    )


# -- daily records, OPD day summaries and summary runs (callers check access via opd.access) ------

ON_LEAVE = (DayStatus.CUTI, DayStatus.SAKIT, DayStatus.DINAS_LUAR)


def opd_day_summary(*, opd: Opd, day: dt.date) -> OpdDaySummary | None:
    """The OPD's summary of a day, or None when that day was not summarised (or is a day off)."""
    return (
        OpdDaySummary.objects.filter(opd=opd, day=day).select_related("opd", "lowest_unit").first()
    )


def daily_records(
    *,
    opd: Opd,
    day: dt.date,
    status: str | None = None,
    mismatch: bool | None = None,
    on_leave: bool = False,
) -> QuerySet[DailyRecord]:
    """The OPD's records of a day, by unit and name; optionally one status (a DayStatus value),
    only mismatches, or only people on leave, sick or on duty."""
    rows = DailyRecord.objects.filter(opd=opd, day=day)
    if status:
        rows = rows.filter(status=status)
    if mismatch is not None:
        rows = rows.filter(mismatch=mismatch)
    if on_leave:
        rows = rows.filter(status__in=ON_LEAVE)
    return rows.select_related("employee", "unit").order_by("unit__code", "employee__name", "id")


def employee_records(*, employee: Employee, start: dt.date, end: dt.date) -> QuerySet[DailyRecord]:
    """One employee's records between two dates inclusive, oldest first."""
    return (
        DailyRecord.objects.filter(employee=employee, day__gte=start, day__lte=end)
        .select_related("opd", "unit")
        .order_by("day")
    )


def summaries_between(
    *, start: dt.date, end: dt.date, opds: Iterable[Opd] | QuerySet[Opd] | None = None
) -> QuerySet[OpdDaySummary]:
    """OPD day summaries between two dates inclusive (of these OPDs, or all), newest day first."""
    rows = OpdDaySummary.objects.filter(day__gte=start, day__lte=end)
    if opds is not None:
        rows = rows.filter(opd__in=opds)
    return rows.select_related("opd", "lowest_unit").order_by("-day", "opd__code")


def latest_runs(*, limit: int = 20) -> list[SummaryRun]:
    """The most recent summary runs, newest first."""
    return list(SummaryRun.objects.order_by("-started_at", "-id")[:limit])


def last_summarised_day(*, opd: Opd | None = None) -> dt.date | None:
    """The latest day with a summary (of this OPD, or of any)."""
    rows = OpdDaySummary.objects.all()
    if opd is not None:
        rows = rows.filter(opd=opd)
    return rows.order_by("-day").values_list("day", flat=True).first()
