import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from attendance.services import LeaveImportError, leave_import

COLUMNS = ["nip", "kind", "start", "end", "status", "note"]
REQUIRED = {"nip", "kind", "start", "end"}


class Command(BaseCommand):
    help = (
        "Impor cuti, sakit dan dinas dari CSV (kolom: " + ", ".join(COLUMNS) + "). "
        "Semua baris tersimpan, atau tidak satu pun bila ada kesalahan."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            with file.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                header = [h.strip() for h in reader.fieldnames or []]
                missing = sorted(REQUIRED - set(header))
                if missing:
                    raise CommandError(
                        f"Baris 1: kolom wajib tidak ada: {', '.join(missing)}. "
                        f"Kolom yang dikenal: {', '.join(COLUMNS)}."
                    )
                rows = [
                    (number, {(k or "").strip(): v or "" for k, v in row.items()})
                    for number, row in enumerate(reader, start=2)
                ]
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Berkas {file} tidak dapat dibaca: {exc}") from None
        try:
            records = leave_import(rows=rows)
        except LeaveImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} kesalahan; tidak ada data yang disimpan."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{len(records)} catatan cuti/dinas disimpan."))
