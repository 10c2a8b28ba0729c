from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from attendance.models import EventSource
from attendance.services import (
    DUPLICATE,
    FLAGGED,
    MAX_BATCH,
    REJECTED,
    events_ingest,
)
from common.commands import records_from_file

COLUMNS = [
    "nip",
    "timestamp",
    "kind",
    "mode",
    "latitude",
    "longitude",
    "accuracy_m",
    "device_id",
    "external_id",
]
REQUIRED = {"nip", "timestamp", "kind", "mode"}


class Command(BaseCommand):
    help = (
        "Impor presensi dari CSV (kolom: " + ", ".join(COLUMNS) + "). Baris yang salah ditolak, "
        "baris lain disimpan; presensi yang gagal pemeriksaan disimpan dan ditandai."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source",
            default=EventSource.CSV,
            choices=EventSource.values,
            help="Sumber presensi (bawaan: csv).",
        )

    def handle(self, *args, file: Path, source: str, **options):
        rows = records_from_file(file, columns=COLUMNS, required=REQUIRED)

        counts = {"accepted": 0, FLAGGED: 0, DUPLICATE: 0, REJECTED: 0}
        received_at = timezone.now()
        for start in range(0, len(rows), MAX_BATCH):
            chunk = rows[start : start + MAX_BATCH]
            try:
                results = events_ingest(
                    items=[row for _n, row in chunk],
                    source=source,
                    sender="import",  # the file's external ids are the import channel's own
                    received_at=received_at,
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
            for (number, _row), result in zip(chunk, results, strict=True):
                counts[result.status] += 1
                self.stdout.write(self._line(number, result))
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai: {counts['accepted']} diterima, {counts[FLAGGED]} ditandai, "
                f"{counts[DUPLICATE]} duplikat, {counts[REJECTED]} ditolak."
            )
        )

    def _line(self, number: int, result) -> str:
        if result.status == REJECTED:
            column = f", kolom {result.field}" if result.field else ""
            return self.style.ERROR(f"Baris {number}{column}: ditolak — {result.message}")
        if result.status == DUPLICATE:
            return f"Baris {number}: duplikat (presensi #{result.event_id} sudah tersimpan)"
        if result.status == FLAGGED:
            return self.style.WARNING(
                f"Baris {number}: ditandai ({', '.join(result.flags)}) — {result.message}"
            )
        return f"Baris {number}: diterima (presensi #{result.event_id})"
