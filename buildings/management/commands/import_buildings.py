"""import_buildings: buildings, zones and meters from CSV or XLSX (see buildings.importing).

    python manage.py import_buildings --buildings gedung.csv --zones zona.csv --meters meter.csv
    python manage.py import_buildings --zones zona.xlsx --dry-run

Any subset of the three files. Nothing is written when any row is bad: the command lists every
error with its file, row and column and exits 1.
"""

from django.core.management.base import BaseCommand, CommandError

from buildings.importing import SHEETS, buildings_import
from common.tabular import ReadError, Upload


class Command(BaseCommand):
    help = "Impor gedung, zona dan meter dari CSV atau XLSX (lihat docstring modul)."

    def add_arguments(self, parser):
        parser.add_argument("--buildings", metavar="FILE", help="gedung.csv (atau .xlsx)")
        parser.add_argument("--zones", metavar="FILE", help="zona.csv (atau .xlsx)")
        parser.add_argument("--meters", metavar="FILE", help="meter.csv (atau .xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa dan hitung saja, tanpa menyimpan"
        )

    def handle(self, *args, **options):
        uploads = {name: _open(options[name]) for name in SHEETS if options[name]}
        if not uploads:
            raise CommandError("Berikan --buildings, --zones atau --meters.")
        result = buildings_import(**uploads, dry_run=options["dry_run"])
        for error in result.errors:
            self.stderr.write(str(error))
        if result.dry_run or result.errors:
            self.stdout.write("Belum disimpan; hitungan yang akan terjadi (would be):")
        # fixed English keywords, as import_org, so scripts can read them in any language
        for sheet, counts in result.counts.items():
            self.stdout.write(
                f"{sheet}: {counts.created} created, {counts.updated} updated, "
                f"{counts.unchanged} unchanged"
            )
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} kesalahan; tidak ada yang disimpan. Perbaiki berkasnya "
                "lalu ulangi."
            )
        if result.dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS("Impor selesai."))


def _open(path: str) -> Upload:
    try:
        return Upload.from_path(path)
    except OSError as exc:
        raise CommandError(f"{path}: berkas tidak bisa dibuka ({exc.strerror}).") from None
    except ReadError as exc:
        raise CommandError(str(exc.error)) from None
