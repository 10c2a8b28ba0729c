"""The organisation import's Celery tasks: each takes ids and plain values and calls one service.

Services queue them by name (common.tasks), so this module imports them at its top.
"""

from celery import shared_task

from opd.importing.batches import import_batch_preview


@shared_task(name="opd.preview_import_batch", acks_late=True)
def preview_import_batch(batch_id: int, language: str = "") -> dict:
    """Check an uploaded batch (a dry run). Idempotent: a batch no longer queued is left alone."""
    batch = import_batch_preview(batch_id=batch_id, language=language)
    return {"batch": batch.pk, "status": batch.status}
