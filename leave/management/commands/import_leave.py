from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.commands import records_from_file
from leave.importing import LeaveImportError, leave_import

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
        rows = records_from_file(file, columns=COLUMNS, required=REQUIRED)
        try:
            records = leave_import(rows=rows)
        except LeaveImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} kesalahan; tidak ada data yang disimpan."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{len(records)} catatan cuti/dinas disimpan."))
