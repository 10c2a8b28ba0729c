import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from common.tasks import outbox_waiting
from wfh.management.commands._options import date_arg, opds_arg, phase_arg
from wfh.models import Composition, Roster
from wfh.rosters import generation


class Command(BaseCommand):
    help = "Buat jadwal WFH satu tahap untuk semua OPD atau OPD tertentu (tugas Celery per OPD)."

    def add_arguments(self, parser):
        parser.add_argument("--phase", required=True, help="id atau slug tahap")
        parser.add_argument("--opd", nargs="+", default=None, metavar="CODE", help="kode OPD")
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument("--composition", choices=Composition.values, default="")
        parser.add_argument(
            "--from",
            dest="regenerate_from",
            default=None,
            metavar="YYYY-MM-DD",
            help="buat ulang mulai tanggal ini; hari sebelumnya dan ubahan manual tetap",
        )
        parser.add_argument("--wait", action="store_true", help="tunggu sampai semua selesai")
        parser.add_argument(
            "--timeout", type=int, default=3600, help="detik menunggu dengan --wait (bawaan 3600)"
        )

    def handle(
        self, *args, phase, opd, seed, composition, regenerate_from, wait, timeout, **options
    ):
        phase_obj = phase_arg(phase)
        opds = opds_arg(opd)
        start_from = date_arg("--from", regenerate_from)
        try:
            queued = generation.rosters_start(
                phase=phase_obj,
                opds=opds,
                seed=seed,
                composition=composition,
                regenerate_from=start_from,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.report(phase_obj, queued)
        if not wait:
            return
        ids = [r.pk for r in queued]
        pending = {Roster.Status.QUEUED, Roster.Status.RUNNING}
        deadline = time.monotonic() + timeout
        while True:
            states = list(
                Roster.objects.filter(pk__in=ids).values_list(
                    "status", "progress_done", "progress_total"
                )
            )
            done = sum(d for _, d, _ in states)
            total = sum(t for _, _, t in states)
            busy = sum(1 for s, _, _ in states if s in pending)
            self.stdout.write(f"  {len(ids) - busy}/{len(ids)} OPD selesai, {done}/{total} pegawai")
            if not busy:
                break
            if time.monotonic() > deadline:
                raise CommandError(
                    f"{busy} jadwal belum selesai setelah {timeout} detik: apakah worker Celery "
                    "berjalan? (make worker)"
                )
            time.sleep(1)
        failed = Roster.objects.filter(pk__in=ids, status=Roster.Status.FAILED)
        for r in failed.select_related("opd"):
            self.stderr.write(f"GAGAL {r.opd.code}: {r.error}")
        if failed.exists():
            raise CommandError(f"{failed.count()} jadwal gagal dibuat.")
        self.stdout.write(self.style.SUCCESS("Semua jadwal siap."))

    def report(self, phase, rosters) -> None:
        """What this run did: only what it queued counts as queued; a roster already on its way
        is named as such, and a broker that did not answer is said plainly."""
        now = [r for r in rosters if getattr(r, "queued_now", True)]
        self.stdout.write(f"{len(now)} jadwal diantrekan untuk {phase.slug}.")
        busy = [r for r in rosters if not getattr(r, "queued_now", True)]
        if busy:
            codes = ", ".join(sorted(r.opd.code for r in busy))
            self.stdout.write(
                f"{len(busy)} jadwal sudah dalam antrean atau sedang dibuat, tidak diantrekan "
                f"lagi: {codes}."
            )
        waiting = {args[0] for args in outbox_waiting("wfh.generate_roster") if args}
        held = [r for r in rosters if r.pk in waiting]
        if held:
            self.stdout.write(
                f"Broker (Redis) belum menjawab: {len(held)} jadwal menunggu di antrean basis "
                "data dan dikirim ke worker begitu broker kembali."
            )
