"""declare_days: HR declares a day or a range as WFA/WFH (a national WFA day, a Lebaran
rotation), previews it with --dry-run, lists declarations with --list, revokes one with --revoke."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wfh.dates import long_date
from wfh.overrides import declared as service
from wfh.overrides.inputs import declaration_parse
from wfh.overrides.models import DeclaredDay, OverrideStatus
from wfh.overrides.revoking import declared_day_revoke

# the field each flag fills, for messages that name the flag the user typed
FLAGS = {
    "start": "--from",
    "end": "--to",
    "mode": "--mode",
    "reference": "--reference",
    "title": "--title",
    "share": "--share",
    "opds": "--opd",
    "exempt_opds": "--exempt-opd",
    "exempt_kinds": "--exempt-kind",
    "exempt_units": "--exempt-unit",
    "frontline_units": "--frontline-unit",
    "seed": "--seed",
}


class Command(BaseCommand):
    help = (
        "Tetapkan hari WFA/WFH (mis. WFA nasional, rotasi Lebaran) untuk semua OPD atau sebagian, "
        "dengan pengecualian; --dry-run menampilkan dampaknya, --revoke ID mencabutnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
        parser.add_argument("--reference", help='nomor surat edaran, mis. "SE MenPANRB 2/2026"')
        parser.add_argument("--title", default="")
        parser.add_argument("--mode", default="WFA", help="WFA (bawaan) atau WFH")
        parser.add_argument("--share", default=None, help="porsi bergilir, mis. 0.5")
        parser.add_argument("--opd", action="append", default=[], metavar="CODE")
        parser.add_argument("--exempt-opd", action="append", default=[], metavar="CODE")
        parser.add_argument("--exempt-kind", action="append", default=[], metavar="KIND")
        parser.add_argument("--exempt-unit", action="append", default=[], metavar="OPD/UNIT")
        parser.add_argument("--frontline-unit", action="append", default=[], metavar="OPD/UNIT")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--revoke", type=int, default=None, metavar="ID")
        parser.add_argument("--list", action="store_true")

    def handle(self, *args, **opts):
        if opts["list"]:
            return self._list()
        if opts["revoke"] is not None:
            return self._revoke(opts["revoke"])
        data = {
            "start": opts["start"],
            "end": opts["end"],
            "reference": opts["reference"],
            "title": opts["title"],
            "mode": opts["mode"],
            "share": opts["share"],
            "opds": opts["opd"],
            "exempt_opds": opts["exempt_opd"],
            "exempt_kinds": opts["exempt_kind"],
            "exempt_units": opts["exempt_unit"],
            "frontline_units": opts["frontline_unit"],
            "seed": opts["seed"],
        }
        try:
            spec = declaration_parse(data)
        except ValidationError as exc:
            lines = [f"{FLAGS.get(k, k)}: {' '.join(v)}" for k, v in exc.message_dict.items()]
            raise CommandError("\n".join(lines)) from None
        if opts["dry_run"]:
            plan = service.declaration_plan(service.Terms.of_spec(spec))
            self._report(plan, "Pratinjau (tidak disimpan)")
            return
        with transaction.atomic():
            declared, plan = service.declared_days_declare(spec=spec)
        self._report(plan, f"Ditetapkan #{declared.pk} {declared.reference}")

    def _report(self, plan, title: str) -> None:
        totals = plan.totals
        self.stdout.write(
            f"{title}: {totals['employees']} pegawai di {totals['opds']} OPD, "
            f"{totals['wfh']} hari-orang WFH/WFA, {totals['wfo']} hari-orang di kantor, "
            f"{totals['shortfalls']} unit-hari kurang dari minimal."
        )
        for line in plan.opds:
            if line.employees:
                self.stdout.write(
                    f"  {line.opd.code}: {line.employees} pegawai, WFH {line.wfh}, WFO {line.wfo}"
                    + (
                        f", dikecualikan: {'; '.join(line.exempt_units)}"
                        if line.exempt_units
                        else ""
                    )
                )
        if plan.lived_from is not None:
            self.stdout.write(f"Hari sebelum {long_date(plan.lived_from)} tidak diubah.")

    def _revoke(self, pk: int) -> None:
        declared = DeclaredDay.objects.filter(pk=pk).first()
        if declared is None:
            raise CommandError(f"--revoke: penetapan {pk} tidak ditemukan.")
        try:
            changed = declared_day_revoke(declared=declared)
        except ValidationError as exc:
            raise CommandError(f"--revoke: {' '.join(exc.messages)}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Penetapan #{pk} dicabut: {changed} hari terbit dipulihkan.")
        )

    def _list(self) -> None:
        for d in DeclaredDay.objects.order_by("-start", "-id"):
            state = "" if d.status == OverrideStatus.ACTIVE else " (dicabut)"
            share = f" {int(d.share * 100)}%" if d.share is not None else ""
            self.stdout.write(
                f"#{d.pk} {d.start.isoformat()}..{d.end.isoformat()} {d.mode}{share} "
                f"{d.reference}{state}"
            )
