"""Reading the CSV files of the import commands (leave, attendance events; a leading underscore:
not a command)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import CommandError


def read_rows(
    file: Path, *, columns: list[str], required: set[str]
) -> list[tuple[int, dict[str, str | None]]]:
    """(spreadsheet row number, {column: value}) for every data row; a clear error otherwise."""
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = sorted(required - set(header))
            if missing:
                raise CommandError(
                    f"Baris 1: kolom wajib tidak ada: {', '.join(missing)}. "
                    f"Kolom yang dikenal: {', '.join(columns)}."
                )
            return [
                (number, {(k or "").strip(): v for k, v in row.items()})
                for number, row in enumerate(reader, start=2)
            ]
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Berkas {file} tidak dapat dibaca: {exc}") from None
