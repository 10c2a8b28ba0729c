"""Lower layers tell attendance through their signals; attendance recomputes the lived days."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from attendance import tasks
from attendance.summaries.runs import EASTERNMOST
from leave.models import LeaveRecord
from leave.signals import LeaveChange, leave_changed
from wfh.models import ScheduleDay
from wfh.signals import schedule_changed


def _sent(monkeypatch) -> list[tuple]:
    sent: list[tuple] = []
    monkeypatch.setattr(
        tasks.summarize_days, "apply_async", lambda args, kwargs, **kw: sent.append(tuple(args))
    )
    return sent


def test_lived_days_whose_published_mode_changed_are_recomputed(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    sent = _sent(monkeypatch)
    today = timezone.now().astimezone(EASTERNMOST).date()
    days = [today - dt.timedelta(days=n) for n in (3, 2)]
    with django_capture_on_commit_callbacks(execute=True):
        schedule_changed.send(sender=ScheduleDay, opd_ids=[world.kominfo.pk], days=days)
        assert sent == []  # nothing before the commit
    iso = [d.isoformat() for d in days]
    assert sent == [(iso[0], iso[1], [world.kominfo.pk], "recompute")]


def test_changed_leave_recomputes_its_lived_days_per_opd_once(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    sent = _sent(monkeypatch)
    today = dt.date(2025, 12, 3)
    changes = [
        LeaveChange(employee=world.staff, start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 1)),
        LeaveChange(employee=world.head, start=dt.date(2025, 12, 2), end=dt.date(2025, 12, 9)),
        LeaveChange(employee=world.clerk, start=dt.date(2025, 12, 5), end=dt.date(2025, 12, 5)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        leave_changed.send(sender=LeaveRecord, changes=changes, user=None, today=today)
    # 1 and 2 December of DISKOMINFO are lived (in one run); DISDUKCAPIL's day is still ahead
    assert sent == [("2025-12-01", "2025-12-02", [world.kominfo.pk], "recompute")]
