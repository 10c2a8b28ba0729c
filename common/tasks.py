"""Queueing a Celery task from a service without importing the module that defines it, and
without losing it when the broker is down.

A task module imports its service (the task takes ids and calls one service); a service that
queues work must therefore not import the task module back, or the two form an import cycle.
Services name the task instead (the name its @shared_task gives, e.g. "wfh.generate_roster") and
this module finds it in the Celery app's registry, importing every app's tasks module first if the
process has not yet (a worker does at start, a web process only here), so an eager app (no
REDIS_URL) still runs it in-process. A name that no task carries fails loudly (KeyError);
tests/common/test_tasks.py checks every name the code queues against the registry.

With a broker, work that must follow a commit goes through the outbox (common.models.QueuedTask):
`queue_on_commit` writes a row in the caller's transaction, publishes once it commits (short
timeouts: the CELERY_BROKER_* settings) and deletes the row when the broker took it. A broker
that does not answer costs the caller a second or two and a log line, never an exception: the
row stays and `outbox_drain` (the "common.drain_outbox" task, run by beat and by every worker
at start) sends it once the broker is back. Tasks must therefore be idempotent (they are: each
claims its rows with a guarded update), since a row may be sent twice when a drain meets a
publish that was slow to answer. Eager Celery (no REDIS_URL) writes no rows: the task runs in
this process at the commit, and there is no broker to lose it.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import current_app, shared_task
from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from common.models import QueuedTask

log = logging.getLogger(__name__)

ERROR_LENGTH = 500


def task(name: str):
    """The registered task called `name`. A worker imports every app's tasks module at start;
    a web process or a test may not have yet, so on a miss they are imported first."""
    tasks = current_app.tasks
    if name not in tasks:
        current_app.loader.import_default_modules()
    return tasks[name]


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)


def _publish(name: str, args, kwargs, countdown: int | None) -> None:
    """Hand the task to the broker (or run it, eager); raises when the broker does not answer."""
    task(name).apply_async(tuple(args), dict(kwargs), countdown=countdown)


def _grace() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "TASK_OUTBOX_GRACE_S", 30))


def _retry_after(attempts: int) -> dt.timedelta:
    """Back-off of a row the broker refused: the sweep interval, doubling, at most 10 minutes."""
    base = getattr(settings, "TASK_OUTBOX_SWEEP_S", 30)
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 600))


def _failed(row_id: int | None, exc: Exception, *, attempts: int, name: str) -> None:
    log.warning("broker did not take task %s (outbox row %s): %s", name, row_id, exc)
    if row_id is None:
        return
    try:
        QueuedTask.objects.filter(pk=row_id).update(
            attempts=attempts,
            due_at=timezone.now()
            + (_retry_after(attempts - 1) if attempts > 1 else dt.timedelta()),
            last_error=f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH],
        )
    except DatabaseError:  # the row stays due; the drain will find it
        log.exception("could not record the failed publish of outbox row %s", row_id)


def _send_row(row: QueuedTask) -> bool:
    """Publish one outbox row and delete it; on a broker failure record it (never raises)."""
    try:
        _publish(row.name, row.args, row.kwargs, row.countdown)
    except Exception as exc:  # any broker, socket or timeout error: the row waits for the drain
        _failed(row.pk, exc, attempts=row.attempts + 1, name=row.name)
        return False
    try:
        QueuedTask.objects.filter(pk=row.pk).delete()
    except DatabaseError:  # sent; a later drain may send it again, which tasks tolerate
        log.exception("outbox row %s was sent but could not be deleted", row.pk)
    return True


def queue(name: str, *args, countdown: int | None = None, **kwargs) -> bool:
    """Send the task now (inside a transaction, prefer `queue_on_commit`). Answers whether the
    broker took it; when it did not, the task is kept in the outbox for the drain (never raises
    for a broker failure). Eager: runs it in this process."""
    try:
        _publish(name, args, kwargs, countdown)
        return True
    except Exception as exc:  # the broker's errors are of many kinds
        if _eager():
            raise  # the task itself failed, in this process
        try:
            row = QueuedTask.objects.create(
                name=name,
                args=list(args),
                kwargs=kwargs,
                countdown=countdown,
                due_at=timezone.now(),
                attempts=1,
                last_error=f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH],
            )
            log.warning(
                "broker did not take task %s (kept as outbox row %s): %s", name, row.pk, exc
            )
        except DatabaseError:
            log.exception("broker did not take task %s and the outbox could not keep it", name)
        return False


def queue_on_commit(name: str, *args, countdown: int | None = None, **kwargs) -> None:
    """Send the task once the current transaction commits: the worker then reads the rows the
    caller wrote. With a broker the task is first written to the outbox in the same transaction,
    so a broker that is down when the commit happens delays the work but never loses it.
    Outside a transaction Django runs the callback at once."""
    if _eager():
        transaction.on_commit(lambda: _publish(name, args, kwargs, countdown))
        return
    task(name)  # an unknown name fails here, in the caller, not later in the drain
    row = QueuedTask.objects.create(
        name=name,
        args=list(args),
        kwargs=kwargs,
        countdown=countdown,
        due_at=timezone.now() + _grace(),
    )
    transaction.on_commit(lambda: _send_row(row), robust=True)


def outbox_waiting(name: str) -> list[list]:
    """The arguments of the rows of this task still waiting for the broker (oldest first)."""
    return [row.args for row in QueuedTask.objects.filter(name=name).only("args")]


def outbox_failed_count(name: str | None = None) -> int:
    """How many rows (of this task) the broker refused at least once and still wait."""
    rows = QueuedTask.objects.filter(attempts__gt=0)
    return (rows.filter(name=name) if name else rows).count()


def outbox_drain(*, limit: int = 500, now: dt.datetime | None = None) -> int:
    """Publish the outbox rows that are due (oldest first) and delete them; answers how many
    went. Rows are locked while sent (SKIP LOCKED: two drains never send the same row); the
    first broker failure ends the drain and pushes the rest back by the back-off."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        rows = list(
            QueuedTask.objects.select_for_update(skip_locked=True)
            .filter(due_at__lte=now)
            .order_by("due_at", "pk")[:limit]
        )
        for row in rows:
            try:
                _publish(row.name, row.args, row.kwargs, row.countdown)
            except Exception as exc:  # the broker is down: try again later
                log.warning("outbox drain stopped at row %s (%s): %s", row.pk, row.name, exc)
                QueuedTask.objects.filter(pk__in=[r.pk for r in rows[sent:]]).update(
                    due_at=now + _retry_after(row.attempts + 1),
                    last_error=f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH],
                )
                QueuedTask.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
                break
            QueuedTask.objects.filter(pk=row.pk).delete()
            sent += 1
    if sent:
        log.info("outbox drain sent %s task(s)", sent)
    return sent


@shared_task(name="common.drain_outbox")
def drain_outbox() -> int:
    """Beat's sweep (every TASK_OUTBOX_SWEEP_S) and every worker's first task: send the work
    that a commit recorded while the broker did not answer. A database that is not there yet
    (a worker started before it) is the next drain's business, not an error."""
    try:
        return outbox_drain()
    except DatabaseError as exc:
        log.warning("outbox drain skipped, the database does not answer: %s", exc)
        return 0
