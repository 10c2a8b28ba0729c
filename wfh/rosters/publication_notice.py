"""Tell the staff of a roster version, in their inbox, that it was published (once per version)."""

from __future__ import annotations

from django.urls import reverse

from accounts import notifications
from accounts.models import NotificationKind
from wfh.models import Assignment, Roster


def roster_published_notify(*, roster_id: int) -> int:
    """One notification per employee with a login in the version; rerun-safe (keyed on the
    version). Returns how many were written."""
    roster = Roster.objects.select_related("phase", "opd").filter(pk=roster_id).first()
    if roster is None:
        return 0
    users = (
        Assignment.objects.filter(roster_id=roster_id, employee__user__isnull=False)
        .values_list("employee__user_id", flat=True)
        .distinct()
    )
    return notifications.notify(
        users=list(users),
        kind=NotificationKind.ROSTER_PUBLISHED,
        params={"opd": roster.opd.name, "phase": roster.phase.name},
        url=reverse("selfservice:my_month"),
        key=f"roster-{roster_id}",
    )
