"""Imports from the HR page: the files are kept in an ImportBatch and previewed (a dry run) by a
Celery task that records its progress on the batch, then run for real when HR confirms."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from common.tabular import Upload
from common.tasks import outbox_waiting, queue_on_commit
from opd.importing.services import org_import
from opd.importing.sheets import SHEETS
from opd.models import ImportBatch, ImportStatus

logger = logging.getLogger(__name__)

KINDS = (*SHEETS, "workbook")  # the files a batch can hold
BUSY = (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.CONFIRMED, ImportStatus.RUNNING)
PREVIEW_TASK = "opd.preview_import_batch"
RUN_TASK = "opd.run_import_batch"


def import_batch_create(
    *, user: User, uploads: dict[str, Upload], keep_good_rows: bool, language: str = ""
) -> ImportBatch:
    """Keep the uploaded files, `queued`, and queue their preview (a dry run) once committed.

    Without a broker (no REDIS_URL) the task runs eagerly, so the batch is previewed on return.
    The preview's messages are in `language` (by default the one active now)."""
    batch = ImportBatch(created_by=user, keep_good_rows=keep_good_rows, status=ImportStatus.QUEUED)
    for kind, upload in uploads.items():
        setattr(batch, f"{kind}_name", upload.name)
        setattr(batch, f"{kind}_data", upload.data)
    batch.save()
    queue_on_commit(PREVIEW_TASK, batch.pk, language or translation.get_language() or "")
    return batch


def import_batch_preview(*, batch_id: int, language: str = "") -> ImportBatch:
    """Check a queued batch (a dry run), once: `checking` with its progress, then `previewed`
    with the counts and errors. A batch no longer queued is left alone (a redelivered task).

    A file over a limit is one of the preview's errors, like any unreadable file; only a check
    that breaks leaves the batch `failed` with the reason in `error`."""
    claimed = (
        ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.QUEUED).update(
            status=ImportStatus.CHECKING,
            progress=0,
            rows_read=0,
            heartbeat_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
        == 1
    )
    batch = ImportBatch.objects.get(pk=batch_id)
    if not claimed:
        return batch

    attempt = batch.attempts
    mine = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.CHECKING, attempts=attempt)

    def report(percent: int, rows_read: int) -> None:
        mine.update(progress=percent, rows_read=rows_read, heartbeat_at=timezone.now())

    try:
        with translation.override(language or None):
            result = org_import(
                **_uploads(batch),
                dry_run=True,
                keep_good_rows=batch.keep_good_rows,
                progress=report,
            )
    except Exception as exc:
        logger.exception("preview of import batch %s failed", batch_id)
        mine.update(
            status=ImportStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:1000],
            finished_at=timezone.now(),
        )
        batch.refresh_from_db()
        return batch
    # only this run may finish the batch: a run the sweep gave up on writes nothing
    mine.update(
        status=ImportStatus.PREVIEWED,
        result=result.as_dict(),
        progress=100,
        rows_read=sum(
            c.created + c.updated + c.unchanged + c.skipped for c in result.counts.values()
        ),
    )
    batch.refresh_from_db()
    return batch


def import_batch_confirm(*, batch_id: int, language: str = "") -> bool:
    """HR confirms a previewed batch: `confirmed`, and its run is queued once committed. A
    second confirm (a double click, a resent form) finds it no longer previewed: False."""
    claimed = (
        ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.CONFIRMED, attempts=0, progress=0, heartbeat_at=timezone.now()
        )
        == 1
    )
    if claimed:
        queue_on_commit(RUN_TASK, batch_id, language or translation.get_language() or "")
    return claimed


def import_batch_run(
    *, batch_id: int, today: dt.date | None = None, language: str = ""
) -> ImportBatch:
    """Run a confirmed batch for real, once: a redelivered task finds it no longer confirmed.

    The files are checked again (the registry may have changed since the preview). The batch ends
    `done`, or `failed` when errors stopped an all-or-nothing import or the import broke.
    """
    claimed = (
        ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.CONFIRMED).update(
            status=ImportStatus.RUNNING,
            progress=0,
            heartbeat_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
        == 1
    )
    batch = ImportBatch.objects.get(pk=batch_id)
    if not claimed:
        return batch
    mine = ImportBatch.objects.filter(
        pk=batch_id, status=ImportStatus.RUNNING, attempts=batch.attempts
    )

    def report(percent: int, rows_read: int) -> None:
        mine.update(progress=percent, rows_read=rows_read, heartbeat_at=timezone.now())

    try:
        with translation.override(language or None):
            result = org_import(
                **_uploads(batch),
                keep_good_rows=batch.keep_good_rows,
                today=today,
                progress=report,
            )
    except Exception as exc:
        logger.exception("import batch %s failed", batch_id)
        mine.update(
            status=ImportStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:1000],
            finished_at=timezone.now(),
        )
        batch.refresh_from_db()
        return batch
    blocked = bool(result.errors) and not result.keep_good_rows
    mine.update(
        status=ImportStatus.FAILED if blocked else ImportStatus.DONE,
        result=result.as_dict(),
        progress=100,
        finished_at=timezone.now(),
    )
    batch.refresh_from_db()
    return batch


# a stage whose worker is gone goes back to the state its task claims, and that task is sent again
_RESTART = {
    ImportStatus.CHECKING: (ImportStatus.QUEUED, PREVIEW_TASK),
    ImportStatus.RUNNING: (ImportStatus.CONFIRMED, RUN_TASK),
}


def import_batches_sweep(*, now: dt.datetime | None = None) -> dict[str, list[int]]:
    """Beat: start again every check or run whose worker died (no sign of life for
    IMPORT_PREVIEW_STALE_S), or mark it failed after IMPORT_PREVIEW_MAX_ATTEMPTS tries; send
    again every waiting batch whose message is lost (waiting that long, and in no outbox)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.IMPORT_PREVIEW_STALE_S)
    outcome: dict[str, list[int]] = {"requeued": [], "failed": [], "resent": []}
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    lost = ImportBatch.objects.filter(silent, status__in=list(_RESTART))
    for batch in lost.only("pk", "attempts", "status"):
        back_to, task = _RESTART[batch.status]
        guard = ImportBatch.objects.filter(
            pk=batch.pk, status=batch.status, attempts=batch.attempts
        )
        if batch.attempts < settings.IMPORT_PREVIEW_MAX_ATTEMPTS:
            if guard.update(status=back_to, progress=0, heartbeat_at=now):
                queue_on_commit(task, batch.pk, "")
                logger.warning("import batch %s: %s stopped, queued again", batch.pk, task)
                outcome["requeued"].append(batch.pk)
            continue
        reason = _(
            "Pemeriksaan berkas berhenti tanpa selesai %(n)s kali (worker berhenti). "
            "Unggah ulang berkasnya; bila terulang, hubungi admin sistem."
        ) % {"n": batch.attempts}
        if guard.update(status=ImportStatus.FAILED, error=reason, finished_at=now):
            logger.error("import batch %s failed: %s", batch.pk, reason)
            outcome["failed"].append(batch.pk)
    for status, task in ((ImportStatus.QUEUED, PREVIEW_TASK), (ImportStatus.CONFIRMED, RUN_TASK)):
        waiting = {args[0] for args in outbox_waiting(task) if args}
        for pk in ImportBatch.objects.filter(silent, status=status).values_list("pk", flat=True):
            if pk not in waiting:
                ImportBatch.objects.filter(pk=pk, status=status).update(heartbeat_at=now)
                queue_on_commit(task, pk, "")
                outcome["resent"].append(pk)
    return outcome


def import_batch_file_names(*, batch: ImportBatch) -> list[str]:
    """The names of the files a batch holds, sheets first."""
    return [getattr(batch, f"{kind}_name") for kind in KINDS if getattr(batch, f"{kind}_name")]


def _uploads(batch: ImportBatch) -> dict[str, Upload]:
    uploads = {}
    for kind in KINDS:
        data = getattr(batch, f"{kind}_data")
        if data is not None:
            uploads[kind] = Upload(name=getattr(batch, f"{kind}_name"), data=bytes(data))
    return uploads
