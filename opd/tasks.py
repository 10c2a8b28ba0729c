"""The organisation import's Celery tasks: each takes ids and plain values and calls one service.

Services queue them by name (common.tasks), so this module imports them at its top.
"""

import datetime as dt

from celery import shared_task

from opd.importing.batches import import_batch_preview, import_batch_run, import_batches_sweep


@shared_task(name="opd.preview_import_batch", acks_late=True)
def preview_import_batch(batch_id: int, language: str = "") -> dict:
    """Check an uploaded batch (a dry run). Idempotent: a batch no longer queued is left alone."""
    batch = import_batch_preview(batch_id=batch_id, language=language)
    return {"batch": batch.pk, "status": batch.status}


@shared_task(name="opd.run_import_batch", acks_late=True)
def run_import_batch(batch_id: int, language: str = "", today: str = "") -> dict:
    """Import a confirmed batch for real. Idempotent: a batch no longer confirmed is left alone,
    and the import writes in one transaction (a run cut short wrote nothing)."""
    day = dt.date.fromisoformat(today) if today else None
    batch = import_batch_run(batch_id=batch_id, today=day, language=language)
    return {"batch": batch.pk, "status": batch.status}


@shared_task(name="opd.sweep_import_batches")
def sweep_import_batches() -> dict:
    """Beat: checks whose worker died are started again (or failed after the last attempt);
    queued batches whose message was lost are sent again."""
    return import_batches_sweep()
