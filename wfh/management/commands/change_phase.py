"""change_phase: change a running phase from a date (a moved WFH weekday, a new ratio, cap or
exempt OPD kinds) under a new circular; every OPD roster of the phase is regenerated from that
date as a new draft, to be submitted and published as usual. --list shows the phase's history."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wfh.management.commands._options import date_arg, phase_arg
from wfh.phase_versions.changes import change_parse, phase_change
from wfh.phase_versions.history import history, history_line
from wfh.phase_versions.selectors import phase_spans

FLAGS = {
    "valid_from": "--from",
    "wfh_weekdays": "--weekday",
    "ratio": "--ratio",
    "weekly_cap": "--cap",
    "exempt_kinds": "--exempt-kind",
    "reference": "--reference",
    "note": "--note",
}


class Command(BaseCommand):
    help = (
        "Ubah tahap yang berjalan mulai suatu tanggal (hari WFH, rasio, batas per minggu, jenis "
        "OPD yang dikecualikan); jadwal tiap OPD dibuat ulang mulai tanggal itu sebagai draf."
    )

    def add_arguments(self, parser):
        parser.add_argument("phase", help="slug atau id tahap, mis. depok-2026")
        parser.add_argument("--from", dest="valid_from", metavar="YYYY-MM-DD")
        parser.add_argument(
            "--weekday", action="append", default=None, help="hari WFH baru, mis. senin"
        )
        parser.add_argument("--ratio", default=None, help="rasio baru untuk rotasi, mis. 0.5")
        parser.add_argument("--cap", default=None, help="batas hari WFH per minggu (1-5)")
        parser.add_argument(
            "--exempt-kind",
            action="append",
            default=None,
            metavar="KIND",
            help='jenis OPD yang dikecualikan (mis. rsud); "none" untuk tidak ada',
        )
        parser.add_argument("--reference", default="", help='nomor surat edaran, mis. "SE ..."')
        parser.add_argument("--note", default="")
        parser.add_argument("--today", default=None, metavar="YYYY-MM-DD", help="untuk uji")
        parser.add_argument("--list", action="store_true", help="tampilkan riwayat tahap")

    def handle(self, *args, **opts):
        phase = phase_arg(opts["phase"])
        today = date_arg("--today", opts["today"]) or timezone.localdate()
        if opts["list"]:
            self._history(phase, today)
            return
        kinds = opts["exempt_kind"]
        if kinds is not None and [k.lower() for k in kinds] == ["none"]:
            kinds = []
        data = {
            "valid_from": opts["valid_from"],
            "wfh_weekdays": opts["weekday"],
            "ratio": opts["ratio"],
            "weekly_cap": opts["cap"],
            "exempt_kinds": kinds,
            "reference": opts["reference"],
            "note": opts["note"],
        }
        try:
            spec = change_parse(data)
            result = phase_change(phase=phase, spec=spec, user=None, today=today)
        except ValidationError as exc:
            lines = [f"{FLAGS.get(k, k)}: {' '.join(v)}" for k, v in exc.message_dict.items()]
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(f"Perubahan {phase.slug} dicatat ({result.version.reference}).")
        self._history(phase, today)
        for roster in result.rosters:
            self.stdout.write(
                f"  {roster.opd.code} v{roster.version}: dibuat ulang sebagai draf; ajukan dan "
                "terbitkan seperti biasa."
            )
        if not result.rosters:
            self.stdout.write("  Belum ada jadwal OPD pada tahap ini; buat dengan generate_roster.")

    def _history(self, phase, today):
        items = history(phase, phase_spans(phase), today=today)
        self.stdout.write(history_line(items) if items else "Tahap ini belum pernah diubah.")
