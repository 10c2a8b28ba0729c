"""What scheduling does when a lower layer tells it something (connected in WfhConfig.ready).

`leave.signals.leave_changed`: the published roster follows the approved leave at once, and
the days around it are regenerated once the transaction commits (wfh.rosters).
"""

from __future__ import annotations

import datetime as dt

from leave.signals import LeaveChange
from wfh.rosters.leave_sync import LeaveSpan, schedule_refresh_for_leaves


def roster_follows_leave(
    sender, *, changes: list[LeaveChange], user=None, today: dt.date | None = None, **kwargs
) -> None:
    """One refresh (and one regeneration task) for all the changed leave."""
    schedule_refresh_for_leaves(
        spans=[LeaveSpan(c.employee.pk, c.start, c.end, c.reason) for c in changes],
        user=user,
        today=today,
    )
