"""Reads for the employee's own pages: my month, my WFH days for iCal, swap choices and queues."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import User
from opd import access
from opd.models import Employee
from selfservice.models import OPEN_SWAP_STATUSES, CalendarToken, SwapRequest, SwapStatus
from selfservice.services.calendar_tokens import token_hash
from wfh.calendar import month_view
from wfh.models import Mode, ScheduleDay
from wfh.overrides.selectors import day_notes

ICAL_PAST_DAYS = 60
ICAL_AHEAD_DAYS = 180
SWAP_AHEAD_DAYS = 90


@dataclass(frozen=True)
class MyDay:
    day: dt.date
    in_month: bool
    kind: str  # WFH, WFO, LEAVE, OFF (weekend or day off), UNPUBLISHED (working day, no schedule)
    off_name: str = ""
    source: str = ""
    today: bool = False
    note: str = ""  # a declared day or an individual order: what it is, with its reference


def my_month(*, employee: Employee, year: int, month: int, today: dt.date) -> list[list[MyDay]]:
    """The weeks (Monday first) of a month with the employee's published mode on each day."""
    weeks = month_view(year, month, opd_id=employee.opd_id)
    first, last = weeks[0][0]["day"], weeks[-1][-1]["day"]
    published = {
        day: (mode, source)
        for day, mode, source in ScheduleDay.objects.filter(
            employee_id=employee.pk, day__gte=first, day__lte=last
        ).values_list("day", "mode", "source")
    }
    notes = day_notes(employee=employee, start=first, end=last)
    result = []
    for week in weeks:
        row = []
        for cell in week:
            day = cell["day"]
            mode, source = published.get(day, ("", ""))
            if cell["off"] is not None or cell["weekend"]:
                kind = "OFF"
            elif mode:
                kind = mode
            else:
                kind = "UNPUBLISHED"
            row.append(
                MyDay(
                    day=day,
                    in_month=cell["in_month"],
                    kind=kind,
                    off_name=cell["off"].name if cell["off"] is not None else "",
                    source=source,
                    today=day == today,
                    note=notes[day].text if day in notes else "",
                )
            )
        result.append(row)
    return result


def employee_for_token(token: str) -> CalendarToken | None:
    """The live token with this value, with its employee, or None (unknown or revoked)."""
    if not token or len(token) > 128:
        return None
    return (
        CalendarToken.objects.select_related("employee")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )


def live_token(*, employee: Employee) -> CalendarToken | None:
    return CalendarToken.objects.filter(employee=employee, revoked_at__isnull=True).first()


def wfh_days(*, employee: Employee, today: dt.date) -> QuerySet[ScheduleDay]:
    """The employee's published WFH days from 60 days ago to 180 days ahead (the schedule itself
    ends with its phase)."""
    return (
        ScheduleDay.objects.filter(
            employee_id=employee.pk,
            mode=Mode.WFH,
            day__gte=today - dt.timedelta(days=ICAL_PAST_DAYS),
            day__lte=today + dt.timedelta(days=ICAL_AHEAD_DAYS),
        )
        .select_related("phase", "roster")
        .order_by("day")
    )


def swap_days(*, employee: Employee, today: dt.date) -> list[ScheduleDay]:
    """The employee's published WFH or WFO days after today, for the swap form."""
    return list(
        ScheduleDay.objects.filter(
            employee_id=employee.pk,
            day__gt=today,
            day__lte=today + dt.timedelta(days=SWAP_AHEAD_DAYS),
            mode__in=(Mode.WFH, Mode.WFO),
        ).order_by("day")
    )


def swap_colleagues(*, employee: Employee, day: dt.date) -> list[ScheduleDay]:
    """Colleagues of the employee's unit that day with the opposite mode (WFH <-> WFO), but not
    their supervisor, who approves the swap."""
    mine = ScheduleDay.objects.filter(employee_id=employee.pk, day=day).first()
    if mine is None or mine.unit_id is None or mine.mode == Mode.LEAVE:
        return []
    opposite = Mode.WFO if mine.mode == Mode.WFH else Mode.WFH
    return list(
        ScheduleDay.objects.filter(unit_id=mine.unit_id, opd_id=mine.opd_id, day=day, mode=opposite)
        .exclude(employee_id__in=[employee.pk, employee.supervisor_id or 0])
        .select_related("employee")
        .order_by("employee__name", "employee_id")
    )


def my_swaps(*, employee: Employee) -> QuerySet[SwapRequest]:
    """Requests the employee made or is the colleague in, newest first."""
    return (
        SwapRequest.objects.filter(Q(requester=employee) | Q(colleague=employee))
        .select_related("requester", "colleague", "decided_by")
        .order_by("-created_at", "-pk")
    )


def _waiting_for(employee_id: int) -> QuerySet[SwapRequest]:
    return SwapRequest.objects.filter(colleague_id=employee_id, status=SwapStatus.COLLEAGUE)


def swaps_for_me_count(*, employee_id: int) -> int:
    """How many requests wait for the employee's answer (the menu's badge): one COUNT."""
    return _waiting_for(employee_id).count()


def swaps_for_me(*, employee: Employee) -> QuerySet[SwapRequest]:
    """Requests naming the employee as the colleague that wait for their answer, soonest first."""
    return _waiting_for(employee.pk).select_related("requester").order_by("day", "created_at", "pk")


def swap_queue(*, user: User, status: str = SwapStatus.PENDING) -> QuerySet[SwapRequest]:
    """Requests the user decides: HR all of them, a supervisor those of their direct staff.
    Only "pending" ones (the colleague agreed) are theirs to decide; `status="colleague"` lists
    those still waiting for the colleague, for information."""
    scope = access.scope_for(user)
    qs = SwapRequest.objects.filter(status=status).select_related(
        "requester__opd", "requester__unit", "colleague", "decided_by"
    )
    if not scope.is_hr:
        if scope.employee_id is None:
            return qs.none()
        qs = qs.filter(requester__supervisor_id=scope.employee_id)
    if status in OPEN_SWAP_STATUSES:
        return qs.order_by("day", "created_at", "pk")
    return qs.order_by("-decided_at", "-pk")
