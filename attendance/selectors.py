"""Read-side queries of attendance."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from attendance import rules
from attendance.models import AttendanceEvent, EventStatus, WorkingHours
from opd import access
from opd.models import Opd


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
