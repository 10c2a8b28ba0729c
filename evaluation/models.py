"""The trial evaluation (kajian): its inputs (operating costs, public-service output, e-Kinerja
attainment), the plan saying which baseline is compared with which phases, each OPD's readiness
checklist and the recommendation for the next period with HR's decision.

An empty input field means "not reported" and stays NULL: the measures say "tidak ada data" for
it, never count it as zero.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from opd.models import Employee, Opd
from wfh.models import Phase, Programme


class InputSource(models.TextChoices):
    FORM = "form", _("isian HR")
    IMPORT = "import", _("impor berkas")
    API = "api", "API"
    DEMO = "demo", _("data demo")


class EvaluationPlan(models.Model):
    """What the kajian compares: a baseline period (e.g. October 2025) against the phases of a
    programme, and the period the recommendations are for. One plan per programme."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="evaluation_plan",
    )
    baseline_label = models.CharField(_("nama periode dasar"), max_length=100)
    baseline_start = models.DateField(_("periode dasar mulai"))
    baseline_end = models.DateField(_("periode dasar selesai"))
    phases = models.ManyToManyField(
        Phase, verbose_name=_("tahap yang dibandingkan"), related_name="evaluation_plans"
    )
    next_period = models.CharField(
        _("periode berikutnya"),
        max_length=100,
        help_text=_("Periode yang direkomendasikan, mis. Tahun 2026."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_end__gte=F("baseline_start")),
                name="evaluation_baseline_end_after_start",
            )
        ]
        verbose_name = _("rencana kajian")
        verbose_name_plural = _("rencana kajian")

    def __str__(self) -> str:
        return f"{self.programme} — {self.baseline_label}"


def _rp(label):
    return models.DecimalField(label, max_digits=16, decimal_places=0, null=True, blank=True)


# (field, label) of the rupiah components of an operating cost, in display order
COST_FIELDS = (
    ("electricity_rp", _("listrik")),
    ("water_rp", _("air")),
    ("internet_rp", _("internet")),
    ("fuel_transport_rp", _("BBM dan transportasi")),
    ("support_staff_rp", _("tenaga pendukung")),
    ("other_rp", _("lainnya")),
)


class OperatingCost(models.Model):
    """One OPD's operating cost in one month. An empty field is not reported (never zero)."""

    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="operating_costs"
    )
    month = models.DateField(_("bulan"), help_text=_("Tanggal 1 bulan tersebut."))
    electricity_kwh = models.DecimalField(
        _("listrik (kWh)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    electricity_rp = _rp(_("listrik (Rp)"))
    water_m3 = models.DecimalField(
        _("air (m³)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    water_rp = _rp(_("air (Rp)"))
    internet_rp = _rp(_("internet (Rp)"))
    fuel_transport_rp = _rp(_("BBM dan transportasi (Rp)"))
    support_staff_rp = _rp(_("tenaga pendukung: kebersihan, keamanan (Rp)"))
    other_rp = _rp(_("lainnya (Rp)"))
    source = models.CharField(
        _("sumber"), max_length=8, choices=InputSource.choices, default=InputSource.FORM
    )
    note = models.TextField(_("catatan"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diisi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diisi pada"), auto_now=True)

    class Meta:
        ordering = ["opd__code", "month"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "month"], name="one_operating_cost_per_month"),
            models.CheckConstraint(
                condition=Q(month__day=1), name="operating_cost_month_is_first_day"
            ),
        ]
        verbose_name = _("biaya operasional")
        verbose_name_plural = _("biaya operasional")

    def __str__(self) -> str:
        return f"{self.opd_id} {self.month:%Y-%m}"


class ServiceOutput(models.Model):
    """Public-service output of an OPD over a day or a week (start = end for one day)."""

    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="service_outputs"
    )
    start = models.DateField(_("dari"))
    end = models.DateField(_("sampai"))
    services_delivered = models.PositiveIntegerField(_("layanan diselesaikan"))
    complaints = models.PositiveIntegerField(_("pengaduan"), null=True, blank=True)
    avg_response_minutes = models.DecimalField(
        _("rata-rata waktu tanggap (menit)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    sla_breaches = models.PositiveIntegerField(_("pelanggaran SLA"), null=True, blank=True)
    source = models.CharField(
        _("sumber"), max_length=8, choices=InputSource.choices, default=InputSource.IMPORT
    )
    system = models.CharField(_("sistem asal"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("diisi pada"), auto_now=True)

    class Meta:
        ordering = ["opd__code", "start"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "start", "end"], name="one_service_output_span"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="service_output_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["start"])]
        verbose_name = _("keluaran layanan publik")
        verbose_name_plural = _("keluaran layanan publik")

    def __str__(self) -> str:
        return f"{self.opd_id} {self.start}–{self.end}"


class PerformanceTarget(models.Model):
    """An employee's target attainment in a month, as e-Kinerja reports it."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("bulan"))
    attainment_percent = models.DecimalField(
        _("capaian target (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(200)],
    )
    source = models.CharField(
        _("sumber"), max_length=8, choices=InputSource.choices, default=InputSource.IMPORT
    )
    updated_at = models.DateTimeField(_("diisi pada"), auto_now=True)

    class Meta:
        ordering = ["month", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "month"], name="one_target_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="target_month_is_first_day"),
        ]
        indexes = [models.Index(fields=["month"])]
        verbose_name = _("capaian e-Kinerja")
        verbose_name_plural = _("capaian e-Kinerja")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.month:%Y-%m} {self.attainment_percent}%"


SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(4)]

# (field, label, help) of the scored readiness criteria (0 = not at all ... 4 = fully)
READINESS_CRITERIA = (
    (
        "online_tasks",
        _("Tugas yang dapat dikerjakan daring"),
        _("0: hampir tidak ada; 4: hampir semua tugas dapat dikerjakan dari rumah."),
    ),
    (
        "devices",
        _("Perangkat dan konektivitas"),
        _("Laptop, akses VPN/aplikasi, koneksi internet pegawai."),
    ),
    (
        "online_sop",
        _("SOP layanan daring"),
        _("Prosedur tertulis untuk layanan dan rapat daring."),
    ),
    (
        "supervision",
        _("Kemampuan atasan mengelola berbasis keluaran"),
        _("Atasan menetapkan target harian dan memeriksa laporan kinerja."),
    ),
    (
        "data_security",
        _("Keamanan data"),
        _("Akses aman ke data, kebijakan perangkat, klasifikasi dokumen."),
    ),
)


class ReadinessAssessment(models.Model):
    """An OPD's readiness checklist (kesiapan): a 0–4 score and an evidence note per criterion.
    The share of frontline staff is computed from Unit.frontline, not entered."""

    opd = models.OneToOneField(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="readiness"
    )
    online_tasks = models.PositiveSmallIntegerField(_("tugas daring"), validators=SCORE_VALIDATORS)
    online_tasks_note = models.TextField(_("bukti: tugas daring"), blank=True)
    devices = models.PositiveSmallIntegerField(_("perangkat"), validators=SCORE_VALIDATORS)
    devices_note = models.TextField(_("bukti: perangkat"), blank=True)
    online_sop = models.PositiveSmallIntegerField(_("SOP daring"), validators=SCORE_VALIDATORS)
    online_sop_note = models.TextField(_("bukti: SOP daring"), blank=True)
    supervision = models.PositiveSmallIntegerField(
        _("manajemen berbasis keluaran"), validators=SCORE_VALIDATORS
    )
    supervision_note = models.TextField(_("bukti: manajemen berbasis keluaran"), blank=True)
    data_security = models.PositiveSmallIntegerField(
        _("keamanan data"), validators=SCORE_VALIDATORS
    )
    data_security_note = models.TextField(_("bukti: keamanan data"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinilai oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("dinilai pada"))

    class Meta:
        ordering = ["opd__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(online_tasks__lte=4)
                & Q(devices__lte=4)
                & Q(online_sop__lte=4)
                & Q(supervision__lte=4)
                & Q(data_security__lte=4),
                name="readiness_scores_0_to_4",
            )
        ]
        verbose_name = _("penilaian kesiapan")
        verbose_name_plural = _("penilaian kesiapan")

    def __str__(self) -> str:
        return f"{self.opd_id} {self.assessed_at:%Y-%m-%d}"

    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name, _label, _help in READINESS_CRITERIA}


class Option(models.TextChoices):
    THURSDAY_WFH = "thursday_wfh", _("WFH setiap Kamis")
    ROTATION = "rotation", _("Rotasi (bergiliran)")
    NOT_READY = "not_ready", _("Belum siap")
    FRONTLINE = "frontline", _("Layanan langsung (tetap di kantor)")


class Decision(models.TextChoices):
    PENDING = "pending", _("menunggu keputusan HR")
    ACCEPTED = "accepted", _("diterima")
    OVERRIDDEN = "overridden", _("diubah HR")


class Recommendation(models.Model):
    """The computed choice for one OPD and the next period, its reasons, and HR's decision."""

    plan = models.ForeignKey(
        EvaluationPlan,
        verbose_name=_("rencana kajian"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="recommendations"
    )
    computed_option = models.CharField(
        _("rekomendasi sistem"), max_length=16, choices=Option.choices
    )
    reasons = models.JSONField(_("alasan"), default=list)
    computed_at = models.DateTimeField(_("dihitung pada"))
    decision = models.CharField(
        _("keputusan"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    chosen_option = models.CharField(
        _("pilihan HR"), max_length=16, choices=Option.choices, blank=True
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    decided_option_was = models.CharField(
        _("rekomendasi saat diputuskan"), max_length=16, choices=Option.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "opd__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "opd"], name="one_recommendation_per_opd"),
            models.CheckConstraint(
                condition=Q(decision="pending") | ~Q(chosen_option=""),
                name="decided_recommendation_has_option",
            ),
        ]
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")

    def __str__(self) -> str:
        return f"{self.opd_id} {self.computed_option} {self.decision}"

    @property
    def final_option(self) -> str:
        return self.chosen_option if self.decision != Decision.PENDING else self.computed_option

    @property
    def changed_since_decision(self) -> bool:
        return (
            self.decision != Decision.PENDING
            and bool(self.decided_option_was)
            and self.decided_option_was != self.computed_option
        )
