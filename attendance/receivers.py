"""What attendance does when a lower layer tells it something (connected in AttendanceConfig.ready).

`leave.signals.leave_changed`: the days of the changed leave that are already over in the
employee's OPD are recomputed once the transaction commits (one recompute per OPD).
`wfh.signals.schedule_changed`: days already lived whose published schedule changed are recomputed
once the transaction that changed them commits (`summaries_recompute` waits for the commit).
"""

from __future__ import annotations

import datetime as dt

from attendance.summaries.runs import summaries_recompute
from leave.signals import LeaveChange


def leave_days_recompute(
    sender, *, changes: list[LeaveChange], today: dt.date | None = None, **kwargs
) -> None:
    """Recompute the lived days (before `today`, else each OPD's date now) of changed leave."""
    lived: dict[int, set[dt.date]] = {}
    for change in changes:
        last = min(change.end, (today or change.employee.opd.local_today()) - dt.timedelta(days=1))
        days = lived.setdefault(change.employee.opd_id, set())
        days.update(
            change.start + dt.timedelta(days=n) for n in range((last - change.start).days + 1)
        )
    for opd_id, days in sorted(lived.items()):
        if days:
            summaries_recompute(days=sorted(days), opd_ids=[opd_id])


def schedule_days_recompute(sender, *, opd_ids, days: list[dt.date], **kwargs) -> None:
    """Recompute the OPDs' lived days whose published schedule changed."""
    if days:
        summaries_recompute(days=sorted(days), opd_ids=list(opd_ids))
