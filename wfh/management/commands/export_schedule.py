import sys

from django.core.management.base import BaseCommand, CommandError

from opd.models import Opd
from wfh import exports, selectors
from wfh.models import Phase


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
        try:
            phase_obj = selectors.phase_by_id_or_slug(phase)
        except Phase.DoesNotExist:
            raise CommandError(f"Tahap {phase!r} tidak ditemukan (id atau slug).") from None
        opds = None
        if opd:
            found = {o.code: o for o in Opd.objects.filter(code__in=opd)}
            missing = [c for c in opd if c not in found]
            if missing:
                raise CommandError(f"Kode OPD tidak dikenal: {', '.join(missing)}.")
            opds = [found[c] for c in opd]
        rows = exports.schedule_rows(phase=phase_obj, opds=opds, published=published)
        if format == "xlsx":
            if not output:
                raise CommandError("Format xlsx perlu --output FILE.xlsx.")
            with open(output, "wb") as fh:
                n = exports.write_xlsx(rows, fh)
        elif output:
            with open(output, "w", newline="", encoding="utf-8") as fh:
                n = exports.write_csv(rows, fh)
        else:
            n = exports.write_csv(rows, sys.stdout)
        if output:
            self.stdout.write(f"{n} baris ditulis ke {output}.")
