"""The lease of a roster generation: a worker that dies mid-run is noticed and the roster goes on.

A claimed run holds the roster (status running, `attempts` its token) and renews the lease
(`heartbeat_at`) every ROSTER_LEASE_S / 4 seconds from a thread of its own, whatever the run is
doing (reading inputs, the engine, the long write transaction). A worker killed with SIGKILL
renews nothing: `rosters_sweep` (the "wfh.sweep_rosters" task, every ROSTER_SWEEP_S by beat)
finds its lease run out and queues the roster again, or, after ROSTER_MAX_ATTEMPTS runs, marks
it failed with the reason. A queued roster whose message was lost (the broker restarted without
its queue) and that waits in no outbox is sent again too. The run that was declared lost can no
longer write: every write of a run is guarded by its token.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.tasks import outbox_waiting, queue_on_commit
from wfh.models import Roster

log = logging.getLogger(__name__)

TASK = "wfh.generate_roster"
# a queued roster is sent again when no worker took it in this many leases (a queue of many
# OPDs may keep one waiting a while; a second message is harmless, the claim runs it once)
QUEUED_RESEND_LEASES = 5


def lease_length() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ROSTER_LEASE_S)


def _last_sign(roster: Roster) -> dt.datetime | None:
    if roster.status == Roster.Status.RUNNING:
        return roster.heartbeat_at or roster.started_at
    return roster.queued_at or roster.created_at


def stuck(roster: Roster, *, now: dt.datetime | None = None) -> bool:
    """Running with its lease run out (the worker is gone), or queued for longer than a worker
    could have taken to start it while the outbox holds nothing for it (the message is lost)."""
    now = now or timezone.now()
    last = _last_sign(roster)
    if roster.status == Roster.Status.RUNNING:
        return last is None or last < now - lease_length()
    if roster.status == Roster.Status.QUEUED:
        if last is not None and last >= now - lease_length() * QUEUED_RESEND_LEASES:
            return False
        return [roster.pk] not in outbox_waiting(TASK)
    return False


@contextlib.contextmanager
def heartbeat(*, roster_id: int, attempt: int):
    """Renew the lease of this run every lease / 4 seconds while the block runs.

    The thread has its own database connection, so that the renewal commits at once even while
    the run holds a long transaction. SQLite allows one writer at a time (the thread would wait
    for the run's own transaction): there, and in eager runs, the progress writes alone renew it.
    """
    if connection.vendor == "sqlite":
        yield
        return
    stop = threading.Event()
    interval = settings.ROSTER_LEASE_S / 4

    def renew() -> None:
        mine = Roster.objects.filter(pk=roster_id, status=Roster.Status.RUNNING, attempts=attempt)
        try:
            while not stop.wait(interval):
                if not mine.update(heartbeat_at=timezone.now()):
                    return  # finished, failed or taken from this run: nothing more to renew
        except Exception:  # a lost lease is the sweep's business; never break the run
            log.exception("roster %s: the lease could not be renewed", roster_id)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=renew, name=f"roster-{roster_id}-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=settings.ROSTER_LEASE_S)


def _requeue(roster: Roster, now: dt.datetime, guard) -> bool:
    with transaction.atomic():
        changed = guard.update(
            status=Roster.Status.QUEUED,
            queued_at=now,
            started_at=None,
            heartbeat_at=None,
            progress_done=0,
        )
        if changed:
            queue_on_commit(TASK, roster.pk)
    return bool(changed)


def rosters_sweep(*, now: dt.datetime | None = None) -> dict:
    """Re-queue (or fail, after the last attempt) every running roster whose lease ran out, and
    send again every queued roster whose message is lost. Answers the ids per outcome."""
    now = now or timezone.now()
    cutoff = now - lease_length()
    outcome: dict[str, list[int]] = {"requeued": [], "failed": [], "resent": []}
    lost = Roster.objects.filter(status=Roster.Status.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff)
        | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
        | Q(heartbeat_at__isnull=True, started_at__isnull=True)
    )
    for roster in lost.only("pk", "attempts", "heartbeat_at", "started_at"):
        guard = Roster.objects.filter(
            pk=roster.pk, status=Roster.Status.RUNNING, attempts=roster.attempts
        )
        if roster.attempts < settings.ROSTER_MAX_ATTEMPTS:
            if _requeue(roster, now, guard):
                log.warning(
                    "roster %s: worker lost (no heartbeat since %s), queued again (run %s of %s)",
                    roster.pk,
                    roster.heartbeat_at or roster.started_at,
                    roster.attempts + 1,
                    settings.ROSTER_MAX_ATTEMPTS,
                )
                outcome["requeued"].append(roster.pk)
            continue
        reason = _(
            "Worker berhenti saat membuat jadwal: tidak ada tanda hidup selama %(s)s detik, "
            "setelah %(n)s percobaan. Buat jadwal lagi setelah worker diperiksa."
        ) % {"s": settings.ROSTER_LEASE_S, "n": roster.attempts}
        if guard.update(status=Roster.Status.FAILED, error=reason, finished_at=now):
            log.error("roster %s failed: %s", roster.pk, reason)
            outcome["failed"].append(roster.pk)
    resend_before = now - lease_length() * QUEUED_RESEND_LEASES
    queued = Roster.objects.filter(status=Roster.Status.QUEUED).filter(
        Q(queued_at__lt=resend_before) | Q(queued_at__isnull=True, created_at__lt=resend_before)
    )
    waiting = outbox_waiting(TASK)
    for roster in queued.only("pk", "queued_at"):
        if [roster.pk] in waiting:
            continue  # the drain sends it once the broker answers
        guard = Roster.objects.filter(
            pk=roster.pk, status=Roster.Status.QUEUED, queued_at=roster.queued_at
        )
        with transaction.atomic():
            if guard.update(queued_at=now):
                queue_on_commit(TASK, roster.pk)
                outcome["resent"].append(roster.pk)
    return outcome
