"""Attendance: working hours as data, check-in/check-out events, work reports, daily records."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from attendance import rules
from attendance.flags import flag_text
from leave.models import LeaveKind
from opd.models import Employee, Opd

T0730 = dt.time(7, 30)
T0800 = dt.time(8, 0)
T1500 = dt.time(15, 0)
T1530 = dt.time(15, 30)
T1600 = dt.time(16, 0)
T1630 = dt.time(16, 30)

DAY_PREFIXES = ("mon", "tue", "wed", "thu", "fri")
DEFAULT_CUTS = ("0.50", "1.00", "1.25", "1.50")  # % of TPP for tiers 1-4, as the migration seeds


def _week_hours(name: str, start: dt.time, end: dt.time, fri_end: dt.time) -> type[models.Model]:
    """An abstract model with a start and end time per weekday, Monday to Friday."""
    labels = (_("Senin"), _("Selasa"), _("Rabu"), _("Kamis"), _("Jumat"))
    attrs: dict = {"__module__": __name__, "Meta": type("Meta", (), {"abstract": True})}
    for prefix, label in zip(DAY_PREFIXES, labels, strict=True):
        attrs[f"{prefix}_start"] = models.TimeField(
            format_lazy("{} {}", label, _("mulai")), default=start
        )
        attrs[f"{prefix}_end"] = models.TimeField(
            format_lazy("{} {}", label, _("selesai")), default=fri_end if prefix == "fri" else end
        )

    def week(self) -> dict[int, tuple[dt.time, dt.time]]:
        return {
            i: (getattr(self, f"{p}_start"), getattr(self, f"{p}_end"))
            for i, p in enumerate(DAY_PREFIXES)
        }

    attrs["week"] = week
    return type(name, (models.Model,), attrs)


# Usual Pemda hours, and Ramadan-style hours as the default of a new special period.
RegularWeekHours = _week_hours("RegularWeekHours", T0730, T1600, T1630)
ShortWeekHours = _week_hours("ShortWeekHours", T0800, T1500, T1530)


class WorkingHours(RegularWeekHours):
    """The working-hours policy of one OPD, or the default one (no OPD) for every other OPD."""

    opd = models.OneToOneField(
        Opd,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_hours",
        help_text=_("Kosongkan untuk aturan bawaan semua OPD."),
    )
    grace_minutes = models.PositiveSmallIntegerField(
        _("toleransi keterlambatan (menit)"), default=0
    )
    require_home_radius = models.BooleanField(
        _("WFH wajib dalam radius rumah"),
        default=False,
        help_text=_("Presensi pada hari WFH harus berada dalam radius rumah yang terdaftar."),
    )

    class Meta:
        constraints = [
            # NULLs never collide in a unique index: coalesce so that one default row exists.
            models.UniqueConstraint(
                Coalesce("opd", Value(0), output_field=models.BigIntegerField()),
                name="one_working_hours_per_opd_or_default",
                violation_error_message=_("Jam kerja untuk OPD ini (atau bawaan) sudah ada."),
            ),
        ]
        verbose_name = _("jam kerja")
        verbose_name_plural = _("jam kerja")

    def __str__(self) -> str:
        return str(self.opd) if self.opd_id else str(_("Jam kerja bawaan"))

    def as_policy_without_rows(self) -> rules.Policy:
        """The policy of an unsaved row: its hours and grace, the usual tiers, no periods."""
        cuts = tuple(float(c) for c in DEFAULT_CUTS)
        return rules.Policy(
            week=self.week(),
            grace_minutes=self.grace_minutes,
            tl_tiers=rules.default_tiers(rules.TL, cuts),
            psw_tiers=rules.default_tiers(rules.PSW, cuts),
        )

    def as_policy(self) -> rules.Policy:
        """The plain policy for rules.py (needs `periods` and `tiers` prefetched for speed)."""
        periods = tuple(
            rules.Period(p.name, p.start_date, p.end_date, p.week()) for p in self.periods.all()
        )
        tiers = sorted(self.tiers.all(), key=lambda t: (t.kind, t.min_minutes))

        def pick(kind: str) -> tuple[rules.Tier, ...]:
            return tuple(
                rules.Tier(t.code, t.min_minutes, t.max_minutes, float(t.cut_percent))
                for t in tiers
                if t.kind == kind
            )

        return rules.Policy(
            week=self.week(),
            grace_minutes=self.grace_minutes,
            periods=periods,
            tl_tiers=pick(rules.TL),
            psw_tiers=pick(rules.PSW),
        )


class SpecialPeriod(ShortWeekHours):
    """A period with other hours, e.g. Ramadan (08:00–15:00, Friday to 15:30)."""

    policy = models.ForeignKey(
        WorkingHours, verbose_name=_("jam kerja"), on_delete=models.CASCADE, related_name="periods"
    )
    name = models.CharField(_("nama"), max_length=200)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="period_end_after_start"
            )
        ]
        verbose_name = _("periode khusus")
        verbose_name_plural = _("periode khusus")

    def __str__(self) -> str:
        return f"{self.name} ({self.start_date}–{self.end_date})"


class TierKind(models.TextChoices):
    TL = rules.TL, _("Terlambat (TL)")
    PSW = rules.PSW, _("Pulang sebelum waktu (PSW)")


class LatenessTier(models.Model):
    """One TL or PSW band of minutes and its TPP cut; empty `max_minutes`: above, or no record."""

    policy = models.ForeignKey(
        WorkingHours, verbose_name=_("jam kerja"), on_delete=models.CASCADE, related_name="tiers"
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=TierKind.choices)
    code = models.CharField(_("kode"), max_length=8)
    min_minutes = models.PositiveSmallIntegerField(_("dari menit"))
    max_minutes = models.PositiveSmallIntegerField(
        _("sampai menit"),
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk tingkat teratas (lebih lama, atau tidak ada presensi)."),
    )
    cut_percent = models.DecimalField(
        _("potongan TPP (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["policy", "kind", "min_minutes"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "code"], name="tier_code_unique_in_policy"),
            models.CheckConstraint(
                condition=Q(max_minutes__isnull=True) | Q(max_minutes__gte=F("min_minutes")),
                name="tier_max_after_min",
            ),
        ]
        verbose_name = _("tingkat TL/PSW")
        verbose_name_plural = _("tingkat TL/PSW")

    def __str__(self) -> str:
        top = self.max_minutes if self.max_minutes is not None else "…"
        return f"{self.code} {self.min_minutes}–{top} menit: {self.cut_percent}%"


# -- events --------------------------------------------------------------------------------------


class EventKind(models.TextChoices):
    IN = "in", _("Masuk")
    OUT = "out", _("Pulang")


class ClaimedMode(models.TextChoices):
    WFH = "WFH", "WFH"
    WFO = "WFO", "WFO"


class EventSource(models.TextChoices):
    WEB = "web", _("halaman web")
    API = "api", "API"
    CSV = "csv", _("impor CSV")
    DEVICE = "device", _("mesin presensi")


class EventStatus(models.TextChoices):
    ACCEPTED = "accepted", _("diterima")
    FLAGGED = "flagged", _("ditandai, menunggu tinjauan")
    ACCEPTED_BY_REVIEW = "accepted_by_review", _("diterima setelah ditinjau")
    REJECTED_BY_REVIEW = "rejected_by_review", _("ditolak setelah ditinjau")


# the events that count as attendance (in the daily records and on the dashboard)
COUNTED_EVENT_STATUSES = (EventStatus.ACCEPTED, EventStatus.ACCEPTED_BY_REVIEW)


class AttendanceEvent(models.Model):
    """One check-in or check-out. `timestamp` is stored in UTC; `utc_offset_minutes` keeps the
    offset it was sent with, so the event can be shown as sent. `day` is the working day in the
    OPD's time zone; `distance_m` the distance to the geofence checked (office or home), which the
    review queue shows instead of coordinates."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="attendance"
    )
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    timestamp = models.DateTimeField(_("waktu"))
    utc_offset_minutes = models.SmallIntegerField(_("selisih UTC (menit)"))
    day = models.DateField(_("hari kerja"))
    local_second = models.PositiveIntegerField(
        _("detik sejak tengah malam setempat"),
        default=0,
        help_text=_("Jam presensi di zona waktu OPD, dalam detik: dasar hitungan TL/PSW."),
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=EventKind.choices)
    mode = models.CharField(_("mode yang diklaim"), max_length=3, choices=ClaimedMode.choices)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accuracy_m = models.FloatField(_("akurasi (m)"), null=True, blank=True)
    distance_m = models.FloatField(_("jarak ke titik acuan (m)"), null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=8, choices=EventSource.choices)
    device_id = models.CharField(_("ID perangkat"), max_length=64, blank=True)
    external_id = models.CharField(_("ID eksternal"), max_length=64, blank=True)
    # who sent it ("client:12" an API client, "user:3" an API session, "web", "import"); an
    # external id is unique per sender only. "" on events stored before senders were kept.
    sender = models.CharField(_("pengirim"), max_length=40, blank=True, default="", db_default="")
    # the coordinates to 5 decimals ("-6.23827,106.97557", rules.position_key), "" without a
    # location: the key the integrity checks compare (same spot as others, or every day)
    position_key = models.CharField(
        _("titik (5 desimal)"), max_length=24, blank=True, default="", db_default=""
    )
    received_at = models.DateTimeField(_("diterima pada"))
    # arrived more than ATTENDANCE_SENT_LATE_AFTER_S after it was taken (`timestamp`): a phone
    # that kept it while offline, or a device that sends in batches; the review pages say so
    sent_late = models.BooleanField(_("dikirim terlambat"), default=False, db_default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.ACCEPTED
    )
    flags = models.JSONField(_("kode tanda"), default=list, blank=True)
    flag_message = models.TextField(_("keterangan tanda"), blank=True)
    # each flag's values ({"outside_geofence": {"distance": 412}}), so that `reason_text` words
    # the reasons in the reader's language; None on events stored before it existed
    flag_params = models.JSONField(_("nilai tanda"), null=True, blank=True)
    review_note = models.TextField(_("catatan tinjauan"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditinjau oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)

    class Meta:
        ordering = ["timestamp", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "sender", "external_id"],
                condition=~Q(external_id=""),
                name="event_external_id_unique_per_sender",
            )
        ]
        indexes = [
            models.Index(fields=["employee", "day"]),
            models.Index(fields=["opd", "day"]),
            models.Index(
                fields=["opd", "status"],
                condition=Q(status="flagged"),
                name="event_review_queue",
            ),
            # the employee too: the clusters of a day are counted from the index alone
            models.Index(
                fields=["day", "position_key", "employee"],
                condition=~Q(position_key=""),
                name="event_position_by_day",
            ),
            models.Index(
                fields=["employee", "position_key"],
                condition=~Q(position_key=""),
                name="event_position_by_employee",
            ),
        ]
        verbose_name = _("presensi")
        verbose_name_plural = _("presensi")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.kind} {self.timestamp.isoformat()}"

    @property
    def reason_text(self) -> str:
        """Why the event is flagged, in the active language (`flag_message` keeps the wording
        of the moment it arrived, for events older than `flag_params`)."""
        if self.flag_params is None:
            return self.flag_message
        return " ".join(flag_text(code, **self.flag_params.get(code, {})) for code in self.flags)

    @property
    def sent_timestamp(self) -> dt.datetime:
        """The timestamp in the offset it was sent with."""
        return self.timestamp.astimezone(dt.timezone(dt.timedelta(minutes=self.utc_offset_minutes)))


# -- daily work reports (laporan kinerja harian) ---------------------------------------------------


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("diajukan")
    APPROVED = "approved", _("disetujui")
    RETURNED = "returned", _("dikembalikan")


class WorkReport(models.Model):
    """What an employee did on a WFH day and its outputs; the supervisor approves or returns it."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="work_reports"
    )
    day = models.DateField(_("tanggal"))
    activities = models.TextField(_("uraian kegiatan"))
    outputs = models.TextField(_("hasil kerja (output)"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("diajukan pada"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditinjau oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    review_note = models.TextField(_("catatan atasan"), blank=True)

    class Meta:
        ordering = ["-day", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "day"], name="one_work_report_per_day")
        ]
        indexes = [models.Index(fields=["day", "status"])]
        verbose_name = _("laporan kinerja harian")
        verbose_name_plural = _("laporan kinerja harian")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day}"


# -- daily records and summaries (built by attendance.summaries with set-based SQL) ----------------


class DayStatus(models.TextChoices):
    HADIR_WFO = "hadir_wfo", _("Hadir WFO")
    HADIR_WFH = "hadir_wfh", _("Hadir WFH")
    TERLAMBAT = "terlambat", _("Terlambat")
    PSW = "psw", _("Pulang sebelum waktu")
    TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")
    CUTI = "cuti", _("Cuti")
    SAKIT = "sakit", _("Sakit")
    DINAS_LUAR = "dinas_luar", _("Dinas luar")


# the statuses of a day on leave; approved leave gives a day the status of its kind (every kind
# not named here: cuti), and a scheduled LEAVE day without a record is cuti too
ON_LEAVE_STATUSES = (DayStatus.CUTI, DayStatus.SAKIT, DayStatus.DINAS_LUAR)
DAY_STATUS_OF_LEAVE_KIND = {
    LeaveKind.SAKIT: DayStatus.SAKIT,
    LeaveKind.CUTI_SAKIT: DayStatus.SAKIT,
    LeaveKind.DINAS_LUAR: DayStatus.DINAS_LUAR,
    LeaveKind.TUGAS_BELAJAR: DayStatus.DINAS_LUAR,
}


class ReportState(models.TextChoices):
    NOT_NEEDED = "", _("tidak perlu")
    MISSING = "missing", _("belum ada")
    SUBMITTED = "submitted", _("diajukan")
    APPROVED = "approved", _("disetujui")
    RETURNED = "returned", _("dikembalikan")


class DailyRecord(models.Model):
    """One employee on one working day of their OPD: scheduled mode, what happened, TL/PSW tiers,
    the work report's state and the unexcused absences so far this year (PP 94/2021)."""

    # Derived rows, rebuilt from placements by attendance.summaries: no database-level foreign key
    # checks (Django still cascades deletes). The deferred checks of three foreign keys cost more
    # than writing the 100,000 rows of a day; (employee, day) is the only index needed per person.
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="daily_records",
        db_constraint=False,
        db_index=False,
    )
    day = models.DateField(_("tanggal"))
    opd = models.ForeignKey(
        Opd,
        verbose_name=_("OPD"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    unit = models.ForeignKey(
        "opd.Unit",
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    scheduled_mode = models.CharField(_("mode terjadwal"), max_length=5)
    status = models.CharField(_("status"), max_length=12, choices=DayStatus.choices)
    leave_kind = models.CharField(_("jenis cuti/dinas"), max_length=20, blank=True)
    first_in = models.DateTimeField(_("masuk pertama"), null=True, blank=True)
    last_out = models.DateTimeField(_("pulang terakhir"), null=True, blank=True)
    present_mode = models.CharField(_("mode hadir"), max_length=3, blank=True)
    late_minutes = models.PositiveIntegerField(_("menit terlambat"), default=0)
    late_tier = models.CharField(_("tingkat TL"), max_length=8, blank=True)
    early_minutes = models.PositiveIntegerField(_("menit pulang cepat"), default=0)
    early_tier = models.CharField(_("tingkat PSW"), max_length=8, blank=True)
    mismatch = models.BooleanField(_("mode tidak sesuai"), default=False)
    pending_review = models.PositiveSmallIntegerField(_("presensi menunggu tinjauan"), default=0)
    report_state = models.CharField(
        _("laporan kinerja"), max_length=10, choices=ReportState.choices, blank=True
    )
    unexcused_ytd = models.PositiveSmallIntegerField(_("alpa tahun ini"), default=0)
    pp94_level = models.CharField(_("ambang PP 94/2021"), max_length=40, blank=True)
    computed_at = models.DateTimeField(_("dihitung pada"))

    class Meta:
        ordering = ["day", "opd", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "day"], name="one_daily_record_per_day")
        ]
        indexes = [models.Index(fields=["opd", "day"])]
        verbose_name = _("rekap harian pegawai")
        verbose_name_plural = _("rekap harian pegawai")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day} {self.status}"


class OpdDaySummary(models.Model):
    """One OPD on one working day: the counts HR reads, and its weakest unit on site."""

    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="day_summaries"
    )
    day = models.DateField(_("tanggal"))
    headcount = models.PositiveIntegerField(_("jumlah pegawai"), default=0)
    scheduled_wfh = models.PositiveIntegerField(_("terjadwal WFH"), default=0)
    scheduled_wfo = models.PositiveIntegerField(_("terjadwal WFO"), default=0)
    present_wfh = models.PositiveIntegerField(_("hadir WFH"), default=0)
    present_wfo = models.PositiveIntegerField(_("hadir WFO"), default=0)
    absent = models.PositiveIntegerField(_("tidak hadir"), default=0)
    late = models.PositiveIntegerField(_("terlambat"), default=0)
    early = models.PositiveIntegerField(_("pulang sebelum waktu"), default=0)
    on_leave = models.PositiveIntegerField(_("cuti/sakit/dinas"), default=0)
    mismatches = models.PositiveIntegerField(_("mode tidak sesuai"), default=0)
    reports_missing = models.PositiveIntegerField(_("laporan belum ada"), default=0)
    lowest_unit = models.ForeignKey(
        "opd.Unit",
        verbose_name=_("unit paling sedikit di kantor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lowest_unit_onsite = models.PositiveIntegerField(_("hadir di kantor"), null=True, blank=True)
    lowest_unit_minimum = models.PositiveIntegerField(_("minimum di kantor"), null=True, blank=True)
    computed_at = models.DateTimeField(_("dihitung pada"))

    class Meta:
        ordering = ["-day", "opd__code"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "day"], name="one_summary_per_opd_day")
        ]
        indexes = [models.Index(fields=["day"])]
        verbose_name = _("rekap harian OPD")
        verbose_name_plural = _("rekap harian OPD")

    def __str__(self) -> str:
        return f"{self.opd_id} {self.day}"


class SummaryRun(models.Model):
    """One run of the summaries (nightly, command, or a recompute): its range and outcome."""

    class Trigger(models.TextChoices):
        NIGHTLY = "nightly", _("terjadwal malam")
        COMMAND = "command", _("perintah")
        RECOMPUTE = "recompute", _("hitung ulang")

    class Outcome(models.TextChoices):
        RUNNING = "running", _("berjalan")
        OK = "ok", _("berhasil")
        FAILED = "failed", _("gagal")

    trigger = models.CharField(_("pemicu"), max_length=10, choices=Trigger.choices)
    start = models.DateField(_("dari"))
    end = models.DateField(_("sampai"))
    opd_ids = models.JSONField(_("OPD"), default=list, blank=True)
    records = models.PositiveIntegerField(_("rekap pegawai"), default=0)
    summaries = models.PositiveIntegerField(_("rekap OPD"), default=0)
    started_at = models.DateTimeField(_("mulai"))
    duration_s = models.FloatField(_("durasi (detik)"), null=True, blank=True)
    outcome = models.CharField(
        _("hasil"), max_length=8, choices=Outcome.choices, default=Outcome.RUNNING
    )
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("proses rekap")
        verbose_name_plural = _("proses rekap")

    def __str__(self) -> str:
        return f"{self.trigger} {self.start}–{self.end} {self.outcome}"
