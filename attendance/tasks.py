"""Celery tasks of attendance: the nightly summaries and the recompute of past days.

Both are thin: they take plain values, call `attendance.summaries.runs.summaries_build` and
answer its figures. A run is idempotent (it rebuilds its range), so a rerun after a lost worker
is safe. Services queue them by name (common.tasks), so this module imports its service at the
top.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from attendance import reminders
from attendance.models import SummaryRun
from attendance.summaries.runs import summaries_build


def _figures(run) -> dict:
    return {
        "run": run.pk,
        "start": run.start.isoformat(),
        "end": run.end.isoformat(),
        "records": run.records,
        "summaries": run.summaries,
        "duration_s": run.duration_s,
        "outcome": run.outcome,
    }


@shared_task(name="attendance.summarize_yesterday", acks_late=True)
def summarize_yesterday() -> dict:
    """Yesterday's records and summaries: today in the deployment's time zone (TIME_ZONE,
    Asia/Jakarta by default, the beat schedule's too) minus one day. Runs after midnight WIB,
    when WITA and WIT have passed midnight already."""
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    run = summaries_build(start=yesterday, end=yesterday, trigger=SummaryRun.Trigger.NIGHTLY)
    return _figures(run)


@shared_task(name="attendance.summarize_days", acks_late=True)
def summarize_days(
    start_iso: str, end_iso: str, opd_ids: list[int] | None = None, trigger: str = "recompute"
) -> dict:
    """Rebuild the records and summaries of [start, end] for these OPDs (all when None)."""
    start, end = dt.date.fromisoformat(start_iso), dt.date.fromisoformat(end_iso)
    return _figures(summaries_build(start=start, end=end, opd_ids=opd_ids, trigger=trigger))


@shared_task(name="attendance.checkin_reminders")
def checkin_reminders() -> dict:
    """The check-in reminders due now (keyed per employee and day: a rerun sends none twice)."""
    return {"reminded": reminders.checkin_reminders_send()}
