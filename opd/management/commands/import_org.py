"""import_org: load OPDs, units and employees from CSV files or an XLSX workbook.

    python manage.py import_org --opds opds.csv --units units.csv --employees employees.csv
    python manage.py import_org --workbook org.xlsx --dry-run
    python manage.py import_org --employees employees.csv --keep-good-rows

Nothing is written when any row is bad (the command lists every error and exits 1), unless
--keep-good-rows: then the good rows are written, the errors still listed, and the exit code is 0.
"""

from django.core.management.base import BaseCommand, CommandError

from common.tabular import ReadError, Upload
from opd.importing.services import org_import
from opd.importing.sheets import SHEETS


class Command(BaseCommand):
    help = "Impor OPD, unit kerja dan pegawai dari CSV atau XLSX (lihat docstring modul)."

    def add_arguments(self, parser):
        parser.add_argument("--opds", metavar="FILE", help="opds.csv (atau .xlsx)")
        parser.add_argument("--units", metavar="FILE", help="units.csv (atau .xlsx)")
        parser.add_argument("--employees", metavar="FILE", help="employees.csv (atau .xlsx)")
        parser.add_argument(
            "--workbook",
            metavar="FILE.xlsx",
            help="satu buku kerja berisi lembar opds, units, employees",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa dan hitung saja, tanpa menyimpan"
        )
        parser.add_argument(
            "--keep-good-rows",
            action="store_true",
            help="simpan baris yang benar; lewati yang salah dan yang bergantung padanya",
        )

    def handle(self, *args, **options):
        uploads = {name: _open(options[name]) for name in (*SHEETS, "workbook") if options[name]}
        if not uploads:
            raise CommandError("Berikan --opds, --units, --employees atau --workbook.")
        result = org_import(
            **uploads, dry_run=options["dry_run"], keep_good_rows=options["keep_good_rows"]
        )
        for error in result.errors:
            self.stderr.write(str(error))
        for r in result.readings:  # hand-written cells: how each was read
            self.stdout.write(
                f'{r.file} baris {r.row}, kolom {r.column}: "{r.text}" dibaca sebagai {r.read_as}'
            )
        if result.dry_run or (result.errors and not result.keep_good_rows):
            self.stdout.write("Belum disimpan; hitungan yang akan terjadi (would be):")
        # The counts keep fixed English keywords so scripts can read them in any language.
        for sheet, counts in result.counts.items():
            self.stdout.write(
                f"{sheet}: {counts.created} created, {counts.updated} updated, "
                f"{counts.unchanged} unchanged, {counts.skipped} skipped"
            )
        if result.dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        if result.errors and not result.keep_good_rows:
            raise CommandError(
                f"{len(result.errors)} kesalahan; tidak ada yang disimpan. Perbaiki berkasnya "
                "lalu ulangi, atau pakai --keep-good-rows untuk menyimpan baris yang benar saja."
            )
        if result.errors:
            self.stdout.write(
                self.style.WARNING(f"{len(result.errors)} baris bermasalah dilewati.")
            )
        elif not result.dry_run:
            self.stdout.write(self.style.SUCCESS("Impor selesai."))


def _open(path: str) -> Upload:
    try:
        return Upload.from_path(path)
    except OSError as exc:
        raise CommandError(f"{path}: berkas tidak bisa dibuka ({exc.strerror}).") from None
    except ReadError as exc:  # over IMPORT_MAX_FILE_MB
        raise CommandError(str(exc.error)) from None
