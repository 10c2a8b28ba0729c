import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from demo.city import DEFAULT_EMPLOYEES, DEFAULT_SEED, DemoResult
from demo.errors import DemoError
from demo.logins import DEFAULT_PASSWORD
from demo.seed import DEFAULT_ACTIVITY_DAYS, ActivityResult, demo_seed
from opd.models import Opd


class Command(BaseCommand):
    help = (
        "Isi registri dengan kota demo ala Kota Bekasi: OPD, kecamatan, kelurahan, puskesmas, "
        "unit kerja, pegawai dan lima akun demo (hr.demo, opd.demo, atasan.demo, pegawai.demo, "
        "rekan.demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees",
            type=int,
            default=DEFAULT_EMPLOYEES,
            help=f"jumlah pegawai (bawaan {DEFAULT_EMPLOYEES:,})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"benih acak: benih sama, data sama (bawaan {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--password", default=None, help=f"kata sandi akun demo (bawaan {DEFAULT_PASSWORD})"
        )
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_ACTIVITY_DAYS,
            help=(
                "hari kalender sebelum hari ini yang diisi jadwal terbit, presensi, cuti dan "
                f"laporan kinerja, lalu direkap (bawaan {DEFAULT_ACTIVITY_DAYS}; 0 = registri saja)"
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="tidak melakukan apa-apa bila sudah ada OPD",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="hapus dulu pegawai, unit, OPD, riwayat penempatan dan pengguna non-superuser",
        )

    def handle(self, *args, employees, seed, password, days, if_empty, reset, **options):
        if if_empty and reset:
            raise CommandError("--if-empty dan --reset tidak bisa dipakai bersamaan.")
        if not 0 <= days <= 366:
            raise CommandError(f"--days harus 0 sampai 366; diberikan {days}.")
        existing = Opd.objects.count()
        if existing and if_empty:
            self.stdout.write(
                f"Registri sudah berisi {existing:,} OPD; data demo tidak dibuat (--if-empty)."
            )
            return
        if existing and not reset:
            raise CommandError(
                f"Registri sudah berisi {existing:,} OPD. Pakai --reset untuk menggantinya dengan "
                "data demo (menghapus pegawai, unit, OPD dan pengguna non-superuser), atau "
                "--if-empty untuk membiarkannya."
            )
        started = time.monotonic()
        try:
            seeded = demo_seed(
                employees=employees,
                seed=seed,
                password=password or DEFAULT_PASSWORD,
                days=days,
                reset=reset,
                say=self.stdout.write,
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from None
        except ProtectedError as exc:
            raise CommandError(f"Registri tidak bisa dikosongkan: {exc.args[0]}") from None
        if seeded.deleted is not None:  # said only once true: a failed seed rolls the reset back
            self.stdout.write(
                "Dihapus: {placements:,} riwayat penempatan, {employees:,} pegawai, "
                "{units:,} unit, {opds:,} OPD, {users:,} pengguna.".format(**seeded.deleted)
            )
        self._report(seeded.city, time.monotonic() - started)
        if seeded.activity is not None:
            self._report_activity(seeded.activity)

    def _report_activity(self, a: ActivityResult) -> None:
        out = self.stdout
        out.write("")
        out.write(
            f"Jadwal terbit: {a.rosters} jadwal OPD ({', '.join(a.phases) or '-'}), "
            f"{a.schedule_rows:,} hari-pegawai."
        )
        for failure in a.failed:
            out.write(self.style.WARNING(f"  gagal: {failure}"))
        out.write(
            f"Presensi {a.start:%d-%m-%Y} s.d. {a.end:%d-%m-%Y}: {a.events:,} presensi, "
            f"{a.leave:,} cuti/sakit/dinas, {a.reports:,} laporan kinerja, "
            f"{a.flagged_waiting:,} menunggu tinjauan; rekap {a.records:,} pegawai-hari dan "
            f"{a.summaries:,} OPD-hari."
        )
        if a.today_events:
            out.write(f"Pagi ini: {a.today_events:,} presensi sampai saat seeding (belum direkap).")
        out.write(
            f"Uji coba 2025 untuk kajian ({', '.join(a.trial_phases) or '-'}, pembanding "
            f"Oktober 2025): {a.trial_events:,} presensi, rekap {a.trial_records:,} pegawai-hari."
        )
        if a.swap_partner:
            out.write(f"rekan.demo: {a.swap_partner}.")
        if a.declared_wfa:
            out.write(f"Hari yang ditetapkan: {a.declared_wfa}.")
        if a.phase_change:
            out.write(f"Perubahan tahap jabar-2026-kamis: {a.phase_change} (lihat riwayat tahap).")
        if a.walkthrough:
            out.write(f"Tahap untuk panduan README (jadwal belum dibuat): {a.walkthrough}.")
        if a.ineligible:
            out.write(f"Tidak boleh WFH dari catatan: {a.ineligible}.")

    def _report(self, result: DemoResult, seconds: float) -> None:
        kinds = result.opds_by_kind
        out = self.stdout
        out.write(
            self.style.SUCCESS(f"Kota demo dibuat (benih {result.seed}) dalam {seconds:.1f} s.")
        )
        out.write(
            f"  OPD        {result.opds:>9,}  ({kinds.get('kecamatan', 0)} kecamatan, "
            f"{kinds.get('kelurahan', 0)} kelurahan, {kinds.get('puskesmas', 0)} puskesmas, "
            f"{kinds.get('uptd', 0)} UPTD)"
        )
        out.write(f"  unit kerja {result.units:>9,}  ({result.frontline_units} layanan langsung)")
        out.write(
            f"  pegawai    {result.employees:>9,}  (PNS {result.pns:,}, PPPK {result.pppk:,} "
            f"termasuk {result.pppk_part_time:,} paruh waktu)"
        )
        out.write(f"  penempatan {result.placements:>9,}")
        out.write("")
        out.write(f"Akun demo, kata sandi: {result.password}")
        width = max(len(a.username) for a in result.accounts)
        role_width = max(len(a.role) for a in result.accounts)
        for account in result.accounts:
            out.write(
                f"  {account.username:<{width}}  {account.role:<{role_width}}  "
                f"{account.description}"
            )
