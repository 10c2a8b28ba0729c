"""import_sanctions: disciplinary sanctions from a CSV or XLSX (see opd.importing.sanctions).

    python manage.py import_sanctions sanctions.csv [--dry-run]

Columns nip,kind,start,end,reference,note. Nothing is written when any row is bad: the command
lists every error with its row and column and exits 1.
"""

from django.core.management.base import BaseCommand, CommandError

from common.tabular import Upload
from opd.importing.sanctions import sanctions_import


class Command(BaseCommand):
    help = "Impor hukuman disiplin (nip,kind,start,end,reference,note) dari CSV atau XLSX."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="sanctions.csv (atau .xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa dan hitung saja, tanpa menyimpan"
        )

    def handle(self, *args, **options):
        try:
            upload = Upload.from_path(options["file"])
        except OSError as exc:
            raise CommandError(
                f"{options['file']}: berkas tidak bisa dibuka ({exc.strerror})."
            ) from None
        result = sanctions_import(upload=upload, dry_run=options["dry_run"])
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} kesalahan; tidak ada yang disimpan. Perbaiki berkasnya "
                "lalu ulangi."
            )
        self.stdout.write(
            f"sanctions: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
        if result.dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS("Impor selesai."))
