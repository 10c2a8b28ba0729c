import time

from django.core.management.base import BaseCommand, CommandError

from opd.models import Opd
from wfh import rosters, selectors
from wfh.models import Composition, Phase, Roster


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
        import datetime as dt

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
        start_from = None
        if regenerate_from:
            try:
                start_from = dt.date.fromisoformat(regenerate_from)
            except ValueError:
                raise CommandError(
                    f"--from {regenerate_from!r} bukan tanggal YYYY-MM-DD."
                ) from None
        queued = rosters.rosters_start(
            phase=phase_obj,
            opds=opds,
            seed=seed,
            composition=composition,
            regenerate_from=start_from,
        )
        self.stdout.write(f"{len(queued)} jadwal diantrekan untuk {phase_obj.slug}.")
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
