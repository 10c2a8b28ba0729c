"""Imports from the HR page: the files are kept in an ImportBatch and previewed (a dry run), then
run for real when HR confirms."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from common.tabular import Upload
from opd.importing.services import org_import
from opd.importing.sheets import SHEETS
from opd.models import ImportBatch, ImportStatus

KINDS = (*SHEETS, "workbook")  # the files a batch can hold


def import_batch_create(
    *, user: User, uploads: dict[str, Upload], keep_good_rows: bool
) -> ImportBatch:
    """Keep the uploaded files and preview them (a dry run) so HR can confirm."""
    batch = ImportBatch(created_by=user, keep_good_rows=keep_good_rows)
    for kind, upload in uploads.items():
        setattr(batch, f"{kind}_name", upload.name)
        setattr(batch, f"{kind}_data", upload.data)
    result = org_import(**uploads, dry_run=True, keep_good_rows=keep_good_rows)
    batch.result = result.as_dict()
    batch.save()
    return batch


def import_batch_run(*, batch_id: int, today: dt.date | None = None) -> ImportBatch:
    """Run a previewed batch for real, once: a second confirm finds it no longer previewed.

    The files are checked again (the registry may have changed since the preview). The batch ends
    `done`, or `failed` when errors stopped an all-or-nothing import.
    """
    claimed = (
        ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.RUNNING
        )
        == 1
    )
    batch = ImportBatch.objects.get(pk=batch_id)
    if not claimed:
        return batch
    try:
        result = org_import(**_uploads(batch), keep_good_rows=batch.keep_good_rows, today=today)
    except Exception:
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.FAILED, finished_at=timezone.now()
        )
        raise
    blocked = bool(result.errors) and not result.keep_good_rows
    batch.status = ImportStatus.FAILED if blocked else ImportStatus.DONE
    batch.result = result.as_dict()
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "result", "finished_at"])
    return batch


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
