"""Attendance follows wfh's schedule signals (attendance/receivers_schedule.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from attendance import summaries, tasks
from wfh.models import ScheduleDay
from wfh.signals import schedule_changed


def test_a_changed_schedule_of_lived_days_has_them_recomputed_once_committed(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(tasks.summarize_days, "delay", lambda *args: sent.append(args))
    today = timezone.now().astimezone(summaries.EASTERNMOST).date()
    days = [today - dt.timedelta(days=2), today - dt.timedelta(days=3)]
    with django_capture_on_commit_callbacks(execute=True):
        schedule_changed.send(sender=ScheduleDay, opd_ids=[world.kominfo.pk], days=days)
        assert sent == []  # nothing before the commit
    assert sent == [(days[1].isoformat(), days[0].isoformat(), [world.kominfo.pk], "recompute")]
