"""The demo's swap partner: after the demo's rosters are published, the rekan.demo login is moved
to a colleague of pegawai.demo with whom a swap on a coming working day keeps every rule
(`swap_check`), so that the README's swap journey (ask, the colleague agrees, the supervisor
approves) can be walked. Who that is depends on the roster, hence after publication."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from accounts.models import User
from demo.logins import COLLEAGUE_USERNAME, EMPLOYEE_USERNAME
from opd.models import Employee, UnitRole
from selfservice.services.swap_rules import swap_check
from wfh.models import Mode, ScheduleDay


@dataclass(frozen=True)
class SwapPartner:
    colleague: Employee
    day: dt.date


def swap_partner_link(*, today: dt.date) -> SwapPartner | None:
    """Link rekan.demo to the first colleague (same unit and supervisor, staff, may work from
    home, no login of their own) whose published mode differs from pegawai.demo's on a working
    day after `today` and with whom that swap passes; None when the roster offers none."""
    requester = Employee.objects.select_related("opd").filter(user__username=EMPLOYEE_USERNAME)
    user = User.objects.filter(username=COLLEAGUE_USERNAME).first()
    requester = requester.first()
    if requester is None or user is None:
        return None
    candidates = {
        e.pk: e
        for e in Employee.objects.filter(
            Q(user__isnull=True) | Q(user=user),
            unit_id=requester.unit_id,
            supervisor_id=requester.supervisor_id,
            unit_role=UnitRole.STAFF,
            wfh_eligible=True,
        ).exclude(pk=requester.pk)
    }
    working = (Mode.WFH, Mode.WFO)
    mine = dict(
        ScheduleDay.objects.filter(employee=requester, day__gt=today, mode__in=working)
        .order_by()
        .values_list("day", "mode")
    )
    theirs = (
        ScheduleDay.objects.filter(employee_id__in=candidates, day__in=mine, mode__in=working)
        .order_by("day", "employee_id")
        .values_list("day", "employee_id", "mode")
    )
    for day, employee_id, mode in theirs:
        colleague = candidates[employee_id]
        if mode == mine[day]:
            continue
        if not swap_check(requester=requester, colleague=colleague, day=day, today=today).ok:
            continue
        if colleague.user_id != user.pk:
            Employee.objects.filter(user=user).update(user=None)
            colleague.user = user
            colleague.save(update_fields=["user"])
            user.first_name = colleague.name.split(",")[0][:150]
            user.save(update_fields=["first_name"])
        return SwapPartner(colleague=colleague, day=day)
    return None
