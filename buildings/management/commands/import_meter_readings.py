"""import_meter_readings: meter readings from a CSV or XLSX (see buildings.readings).

    python manage.py import_meter_readings readings.csv [--dry-run]

Columns building,meter,start,end,value (end empty = one day). Nothing is written when any row is
bad: the command lists every error with its row and column and exits 1. Re-importing a file
updates the periods it holds, never doubles them.
"""

from django.core.management.base import BaseCommand, CommandError

from buildings.readings import readings_import
from common.tabular import ReadError, Upload


class Command(BaseCommand):
    help = "Impor pembacaan meter (building,meter,start,end,value) dari CSV atau XLSX."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="readings.csv (atau .xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa dan hitung saja, tanpa menyimpan"
        )

    def handle(self, *args, **options):
        try:
            upload = Upload.from_path(options["file"])
        except ReadError as exc:
            raise CommandError(str(exc.error)) from None
        except OSError as exc:
            raise CommandError(
                f"{options['file']}: berkas tidak bisa dibuka ({exc.strerror})."
            ) from None
        result = readings_import(upload=upload, dry_run=options["dry_run"])
        for error in result.errors:
            self.stderr.write(str(error))
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} kesalahan; tidak ada yang disimpan. Perbaiki berkasnya "
                "lalu ulangi."
            )
        if result.dry_run:
            self.stdout.write(f"readings: {result.created} checked")
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
            return
        self.stdout.write(
            f"readings: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
        self.stdout.write(self.style.SUCCESS("Impor selesai."))
