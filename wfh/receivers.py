"""What scheduling does when a lower layer tells it something (connected in WfhConfig.ready).

`leave.signals.leave_changed`: the published roster follows the approved leave at once, and
the days around it are regenerated once the transaction commits (wfh.rosters).

`wfh.signals.roster_published`: the active declared days and individual orders over the days a
version just published are written again (a version generated before they existed does not
carry them; wfh.overrides.precedence), and the version's staff are told in their inbox.
"""

from __future__ import annotations

import datetime as dt

from common.tasks import queue_on_commit
from leave.signals import LeaveChange
from wfh.overrides.revoking import overrides_reapply
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


def overrides_follow_publication(sender, *, roster, **kwargs) -> None:
    """Declared days and orders keep their days over a version published after them."""
    start = roster.published_from or roster.phase.start
    overrides_reapply(start=start, end=roster.phase.end, opd_ids={roster.opd_id})


def staff_told_of_publication(sender, *, roster, **kwargs) -> None:
    """The version's staff find the publication in their inbox (a task: an OPD has thousands)."""
    queue_on_commit("wfh.notify_roster_published", roster.pk)
