"""The roster's Celery tasks: each takes ids and plain values and calls one service.

Services queue them by name (common.tasks), so this module imports them at its top.
"""

import datetime as dt
import os
import socket

from celery import shared_task

from wfh.overrides import mail
from wfh.rosters import generation, lease, leave_sync, publication_notice


@shared_task(name="wfh.echo", ignore_result=False)
def echo(value: str) -> dict:
    """A diagnostic round trip: proves a worker picks up tasks and returns results."""
    return {"value": value, "host": socket.gethostname(), "pid": os.getpid()}


@shared_task(name="wfh.generate_roster", acks_late=True)
def generate_roster(roster_id: int) -> dict:
    """Build one OPD's roster. Idempotent: a roster that is not queued any more is left alone.

    acks_late: a worker killed mid-run leaves the message to the broker; the roster's lease
    (wfh.rosters.lease) brings the roster back within a minute, whatever the broker does."""
    if not generation.roster_claim(roster_id=roster_id):
        return {"roster": roster_id, "skipped": True}
    roster = generation.roster_build(roster_id=roster_id)
    return {"roster": roster.pk, "status": roster.status, "rows": roster.progress_total}


@shared_task(name="wfh.sweep_rosters")
def sweep_rosters() -> dict:
    """Beat, every ROSTER_SWEEP_S: rosters whose worker is gone are queued again (or failed after
    the last attempt); queued rosters whose message was lost are sent again."""
    return lease.rosters_sweep()


@shared_task(name="wfh.refresh_leave_days", acks_late=True)
def refresh_leave_days(
    employee_id: int, start: str, end: str, reason: str = "", today: str | None = None
) -> dict:
    """Regenerate the published days around an employee's leave (or its withdrawal). Kept for
    tasks queued before `refresh_leave_spans`, which the services send now.

    Idempotent: it re-reads the leave and the rows, and a rerun changes nothing more."""
    changed = leave_sync.leave_days_regenerate(
        employee_id=employee_id,
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        reason=reason,
        today=dt.date.fromisoformat(today) if today else None,
    )
    return {"employee": employee_id, "changed": changed}


@shared_task(name="wfh.refresh_leave_spans", acks_late=True)
def refresh_leave_spans(spans: list, today: str | None = None) -> dict:
    """Regenerate the published days around many employees' leave at once (an import): one
    engine run per (phase, OPD). `spans` holds [employee id, start, end, reason] lists.

    Idempotent like `refresh_leave_days`."""
    changed = leave_sync.leave_spans_regenerate(
        spans=[leave_sync.LeaveSpan.from_task_args(s) for s in spans],
        today=dt.date.fromisoformat(today) if today else None,
    )
    return {"spans": len(spans), "changed": changed}


@shared_task(name="wfh.overrides_mail", acks_late=True)
def overrides_mail(kind: str, pk: int, employee_ids: list) -> dict:
    """Tell employees their days changed by a declaration or an order ("declared",
    "declared_revoked", "order", "order_revoked"). Re-reads the days, so a rerun says the same."""
    sent = mail.overrides_mail(kind=kind, pk=pk, employee_ids=employee_ids)
    return {"kind": kind, "id": pk, "sent": sent}


@shared_task(name="wfh.notify_roster_published", acks_late=True)
def notify_roster_published(roster_id: int) -> dict:
    """Tell the version's staff in their inbox; keyed per version, so a rerun adds nothing."""
    notified = publication_notice.roster_published_notify(roster_id=roster_id)
    return {"roster": roster_id, "notified": notified}
