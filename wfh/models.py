"""The scheduling domain: local days off, programmes and their phases, rosters and assignments."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from opd.models import Employee, Opd, Unit

NATIONAL_WEEKLY_CAP = 2  # PermenPANRB 4/2025: at most 2 flexible-location days a week


class LocalDayOff(models.Model):
    """A day off that the national calendar does not know: a local holiday, an FWA day."""

    date = models.DateField(_("tanggal"))
    name = models.CharField(_("nama"), max_length=200)
    opds = models.ManyToManyField(
        Opd,
        verbose_name=_("OPD"),
        blank=True,
        help_text=_("Kosongkan untuk semua OPD."),
        related_name="local_days_off",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "name"]
        verbose_name = _("hari libur lokal")
        verbose_name_plural = _("hari libur lokal")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"


@receiver(pre_delete, sender=Opd)
def _local_days_off_follow_their_opds(sender, instance: Opd, **kwargs) -> None:
    """A day off for some OPDs must not become one for every OPD (no OPDs means all) when its
    OPDs are deleted: each deleted OPD leaves it first, and a day off left with none goes."""
    for off in LocalDayOff.objects.filter(opds=instance):
        off.opds.remove(instance)
        if not off.opds.exists():
            off.delete()


class Programme(models.Model):
    """A WFH programme under one legal basis (e.g. SE 150/KPG.03/BKD), with ordered phases."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    legal_basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    description = models.TextField(_("keterangan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "slug"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self) -> str:
        return self.name


class PatternKind(models.TextChoices):
    WEEKDAY = "weekday", _("Hari tetap (mis. setiap Kamis)")
    ROTATION = "rotation", _("Rotasi (rasio WFH)")


class Composition(models.TextChoices):
    ALTERNATING_DAYS = "alternating_days", _("Selang-seling hari")
    ALTERNATING_WEEKS = "alternating_weeks", _("Selang-seling minggu")
    BY_TEAM = "by_team", _("Bergiliran per tim/unit")
    BALANCED = "balanced", _("Seimbang (ditentukan sistem)")


WEEKDAY_NAMES = [
    _("Senin"),
    _("Selasa"),
    _("Rabu"),
    _("Kamis"),
    _("Jumat"),
    _("Sabtu"),
    _("Minggu"),
]


def validate_weekdays(value) -> None:
    if not isinstance(value, list) or not all(isinstance(d, int) and 0 <= d <= 4 for d in value):
        raise ValidationError(_("Hari WFH harus daftar angka 0 (Senin) sampai 4 (Jumat)."))


class Phase(models.Model):
    """One period of a programme with its pattern and limits."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    opds = models.ManyToManyField(
        Opd,
        verbose_name=_("OPD"),
        blank=True,
        help_text=_("Kosongkan untuk semua OPD aktif."),
        related_name="phases",
    )
    pattern = models.CharField(_("pola"), max_length=16, choices=PatternKind.choices)
    wfh_weekdays = models.JSONField(
        _("hari WFH"), default=list, blank=True, validators=[validate_weekdays]
    )
    optional_weekday = models.PositiveSmallIntegerField(
        _("hari WFH tambahan yang dapat diajukan OPD"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(4)],
    )
    ratio = models.DecimalField(
        _("rasio WFH"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    default_composition = models.CharField(
        _("komposisi bawaan"),
        max_length=20,
        choices=Composition.choices,
        default=Composition.BALANCED,
    )
    weekly_cap = models.PositiveSmallIntegerField(
        _("maksimal hari WFH per minggu"),
        default=NATIONAL_WEEKLY_CAP,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    wfh_note = models.TextField(_("catatan hari WFH"), blank=True)
    exempt_kinds = models.JSONField(
        _("jenis OPD yang dikecualikan"),
        default=list,
        blank=True,
        help_text=_(
            "Seluruh pegawai OPD jenis ini tetap bekerja di kantor (mis. RSUD, Puskesmas)."
        ),
    )

    class Meta:
        ordering = ["programme", "order", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="phase_end_after_start"
            )
        ]
        verbose_name = _("tahap")
        verbose_name_plural = _("tahap")

    def __str__(self) -> str:
        return f"{self.programme.name} — {self.name}"

    def clean(self) -> None:
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Tanggal selesai sebelum tanggal mulai.")
        if self.pattern == PatternKind.WEEKDAY and not self.wfh_weekdays:
            errors["wfh_weekdays"] = _("Pilih sedikitnya satu hari WFH untuk pola hari tetap.")
        if self.pattern == PatternKind.ROTATION and self.ratio is None:
            errors["ratio"] = _("Isi rasio WFH untuk pola rotasi (mis. 0,5).")
        if errors:
            raise ValidationError(errors)

    def departures(self) -> list[str]:
        """Where this phase departs from PermenPANRB 4/2025; shown as warnings on the phase."""
        notes = []
        if self.weekly_cap > NATIONAL_WEEKLY_CAP:
            notes.append(
                _("Batas %(cap)s hari WFH per minggu melebihi ketentuan nasional (2 hari).")
                % {"cap": self.weekly_cap}
            )
        return notes


class PhaseOpdOption(models.Model):
    """An OPD's choices inside a phase: its rotation composition, its optional extra WFH weekday."""

    class Application(models.TextChoices):
        NONE = "none", _("Tidak diajukan")
        APPLIED = "applied", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="opd_options")
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="phase_options")
    composition = models.CharField(
        _("komposisi"), max_length=20, choices=Composition.choices, blank=True
    )
    optional_weekday = models.CharField(
        _("hari WFH tambahan"),
        max_length=10,
        choices=Application.choices,
        default=Application.NONE,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phase", "opd"], name="one_option_per_phase_opd")
        ]
        verbose_name = _("pilihan OPD dalam tahap")
        verbose_name_plural = _("pilihan OPD dalam tahap")

    def __str__(self) -> str:
        return f"{self.phase.slug}/{self.opd.code}"


class Mode(models.TextChoices):
    WFH = "WFH", "WFH"
    WFO = "WFO", "WFO"
    LEAVE = "LEAVE", _("Cuti/izin/dinas")


class Source(models.TextChoices):
    GENERATED = "generated", _("dibuat sistem")
    MANUAL = "manual", _("ubahan manual")
    SWAP = "swap", _("tukar jadwal")
    DECLARED = "declared", _("hari yang ditetapkan")
    ORDER = "order", _("perintah WFH individual")


class Roster(models.Model):
    """One version of the roster of one OPD in one phase, from its generation to its publication."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("dalam antrean")
        RUNNING = "running", _("sedang dibuat")
        READY = "ready", _("siap")
        FAILED = "failed", _("gagal")

    class Workflow(models.TextChoices):
        DRAFT = "draft", _("draf")
        SUBMITTED = "submitted", _("diajukan")
        PUBLISHED = "published", _("diterbitkan")
        RETURNED = "returned", _("dikembalikan")
        SUPERSEDED = "superseded", _("digantikan versi baru")

    # the workflow states in which a version may still be edited, submitted or regenerated
    EDITABLE_WORKFLOWS = (Workflow.DRAFT, Workflow.RETURNED)

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="rosters")
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="rosters")
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    workflow = models.CharField(max_length=12, choices=Workflow.choices, default=Workflow.DRAFT)
    composition = models.CharField(max_length=20, choices=Composition.choices, blank=True)
    seed = models.BigIntegerField(default=0)
    regenerate_from = models.DateField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    params = models.JSONField(default=dict, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # the generation's lease: when it was (re-)queued, when its worker last said it is alive,
    # and how many runs were claimed (a run's token: a worker declared lost cannot write)
    queued_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_from = models.DateField(null=True, blank=True)
    return_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["phase", "opd__code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "opd", "version"], name="roster_version_unique"
            )
        ]
        verbose_name = _("jadwal")
        verbose_name_plural = _("jadwal")

    def __str__(self) -> str:
        return f"{self.phase.slug}/{self.opd.code} v{self.version}"


class Assignment(models.Model):
    """One employee's mode on one working day in one roster version."""

    # The unique (roster, employee, day) serves roster lookups; each extra index costs time on
    # every one of the millions of rows a phase writes, so roster and unit get none of their own.
    roster = models.ForeignKey(
        Roster, on_delete=models.CASCADE, related_name="assignments", db_index=False
    )
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    day = models.DateField()
    mode = models.CharField(max_length=5, choices=Mode.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.GENERATED)
    reason = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["roster", "employee", "day"], name="one_assignment_per_roster_day"
            )
        ]
        indexes = [models.Index(fields=["roster", "day"])]
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day} {self.mode}"


class AssignmentChange(models.Model):
    """A manual change on the grid: who, when, why, from what to what."""

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="changes")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    old_mode = models.CharField(max_length=5, choices=Mode.choices)
    new_mode = models.CharField(max_length=5, choices=Mode.choices)
    reason = models.TextField(_("alasan"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("perubahan jadwal")
        verbose_name_plural = _("perubahan jadwal")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day} {self.old_mode}->{self.new_mode}"


class ScheduleDay(models.Model):
    """The published schedule: what employees and other systems see, one row per person per day.

    Publishing a roster version from a date replaces the rows of that phase and OPD from that date
    on; earlier days are never rewritten.
    """

    # (employee, day) is unique and (opd, day), (phase, opd, day) are indexed: they serve the
    # foreign keys' lookups too, so employee, phase, opd and unit get no index of their own.
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="schedule", db_index=False
    )
    day = models.DateField()
    mode = models.CharField(max_length=5, choices=Mode.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.GENERATED)
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="+", db_index=False)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+", db_index=False)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "day"], name="one_published_mode_per_day")
        ]
        indexes = [
            models.Index(fields=["opd", "day"]),
            models.Index(fields=["phase", "opd", "day"]),
        ]
        verbose_name = _("jadwal terbit")
        verbose_name_plural = _("jadwal terbit")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day} {self.mode}"


# The overrides' models (declared days, individual orders) live beside their services.
from wfh.overrides.models import (  # noqa: E402, F401
    DeclaredDay,
    DeclaredMode,
    OrderReason,
    OverrideStatus,
    WfhOrder,
)
from wfh.phase_versions.models import PhaseVersion  # noqa: E402, F401
