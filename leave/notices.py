"""The inbox notice of a decided leave entry, the same from the request pages (leave.requests)
and the OPD admin's leave pages (leave.services)."""

from __future__ import annotations

from django.urls import reverse

from accounts import notifications
from accounts.models import NotificationKind
from leave.models import LeaveRecord


def leave_decided_notify(*, record: LeaveRecord, employee_user_id: int | None) -> None:
    """Tell the employee (their login) that `record` was approved, returned or rejected."""
    notifications.notify(
        users=[employee_user_id],
        kind=NotificationKind.LEAVE_DECIDED,
        params={
            "what": record.get_kind_display(),
            "start_day": record.start.isoformat(),
            "end_day": record.end.isoformat(),
            "status": record.status,
            "note": record.decision_note,
        },
        url=reverse("selfservice:leave_mine") + f"#cuti-{record.pk}",
    )
