"""What the management commands share: reading the file a command was given."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from django.core.management.base import CommandError

from common.tabular import ReadError, Upload, read_records


def records_from_file(
    file: Path, *, columns: Sequence[str], required: Collection[str]
) -> list[tuple[int, dict[str, str]]]:
    """`read_records` of the file at `file`; an unreadable file or a bad header stops the command
    with the message that names the file (and the row and column)."""
    try:
        return read_records(Upload.from_path(file), columns=columns, required=required)
    except OSError as exc:
        raise CommandError(f"Berkas {file} tidak dapat dibaca: {exc}") from None
    except ReadError as exc:
        raise CommandError(str(exc.error)) from None
