from django.core.management.base import BaseCommand, CommandError

from wfh import exports
from wfh.management.commands._options import opds_arg, phase_arg


class Command(BaseCommand):
    help = "Ekspor jadwal (nip, name, opd_code, unit_code, date, mode, source) ke CSV atau XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--phase", required=True, help="id atau slug tahap")
        parser.add_argument("--opd", nargs="+", default=None, metavar="CODE")
        parser.add_argument("--published", action="store_true", help="hanya jadwal terbit")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--output", default=None, help="berkas tujuan (bawaan: stdout untuk CSV)"
        )

    def handle(self, *args, phase, opd, published, format, output, **options):
        phase_obj = phase_arg(phase)
        opds = opds_arg(opd)
        rows = exports.schedule_rows(phase=phase_obj, opds=opds, published=published)
        if format == "xlsx" and not output:
            raise CommandError("Format xlsx perlu --output FILE.xlsx.")
        if not output:
            exports.write_csv(rows, self.stdout)
            return
        try:
            if format == "xlsx":
                with open(output, "wb") as fh:
                    n = exports.write_xlsx(rows, fh)
            else:
                with open(output, "w", newline="", encoding="utf-8") as fh:
                    n = exports.write_csv(rows, fh)
        except OSError as exc:
            raise CommandError(f"{output}: berkas tidak bisa ditulis ({exc.strerror}).") from None
        self.stdout.write(f"{n} baris ditulis ke {output}.")
