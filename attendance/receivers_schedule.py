"""Attendance follows the published schedule: receivers of wfh's schedule signals (connected in
AttendanceConfig.ready(); wfh sits below attendance and never imports it)."""

from __future__ import annotations

from attendance.summaries import schedule_recompute


def on_schedule_changed(sender, *, opd_ids, days, **kwargs) -> None:
    """Days already lived whose published schedule changed: their records are recomputed once
    the transaction that changed them commits (`schedule_recompute` waits for the commit)."""
    if days:
        schedule_recompute(days=sorted(days), opd_ids=list(opd_ids))
