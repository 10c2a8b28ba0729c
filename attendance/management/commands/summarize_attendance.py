"""Build (or rebuild) the daily records and OPD day summaries of a date range, synchronously."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from attendance.models import SummaryRun
from attendance.summaries.runs import summaries_build
from opd.models import Opd
from wfh.calendar import working_days


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s %(value)r bukan tanggal YYYY-MM-DD.") % {"option": option, "value": value}
        ) from None


class Command(BaseCommand):
    help = _(
        "Hitung rekap harian pegawai dan rekap OPD untuk satu tanggal atau rentang tanggal "
        "(semua OPD, atau OPD yang disebut). Aman dijalankan ulang: rentang itu dihitung ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help=_("tanggal awal, YYYY-MM-DD"))
        parser.add_argument("--to", help=_("tanggal akhir (termasuk), YYYY-MM-DD; bawaan --date"))
        parser.add_argument(
            "--opd", nargs="+", metavar="KODE", help=_("kode OPD; bawaan semua OPD")
        )

    def handle(self, *args, date: str, to: str | None, opd: list[str] | None, **options):
        start = _date(date, "--date")
        end = _date(to, "--to") if to else start
        if end < start:
            raise CommandError(
                _("--to %(end)s sebelum --date %(start)s.")
                % {"end": end.isoformat(), "start": start.isoformat()}
            )
        opd_ids = None
        if opd:
            found = dict(Opd.objects.filter(code__in=opd).values_list("code", "id"))
            unknown = [code for code in opd if code not in found]
            if unknown:
                raise CommandError(
                    _("Kode OPD tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}
                )
            opd_ids = sorted(found.values())
        try:
            run = summaries_build(
                start=start, end=end, opd_ids=opd_ids, trigger=SummaryRun.Trigger.COMMAND
            )
        except Exception as exc:
            raise CommandError(
                _("Rekap gagal (dicatat sebagai proses gagal): %(error)s") % {"error": exc}
            ) from exc
        days = (end - start).days + 1
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Rekap %(start)s s.d. %(end)s: %(days)s hari (%(working)s hari kerja), "
                    "%(records)s rekap pegawai, %(summaries)s rekap OPD, %(seconds).2f detik."
                )
                % {
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "days": days,
                    "working": len(working_days(start, end)),
                    "records": run.records,
                    "summaries": run.summaries,
                    "seconds": run.duration_s,
                }
            )
        )
