"""The organisation registry: OPD, unit, employee (ASN) and the history of where each one worked."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opd.nip import NipError, parse_nip


def today_in(tz_name: str) -> dt.date:
    """Today's date in a time zone (an OPD's WIB, WITA or WIT): the one "today" of every page,
    check and service that works in an OPD's local day."""
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(tz_name)).date()


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Zona waktu %(tz)s tidak dikenal."), params={"tz": value}) from None


def validate_nip(value: str) -> None:
    try:
        parse_nip(value)
    except NipError as exc:
        raise ValidationError(str(exc)) from None


class OpdKind(models.TextChoices):
    SETDA = "setda", _("Sekretariat Daerah")
    SETWAN = "setwan", _("Sekretariat DPRD")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    RSUD = "rsud", _("RSUD")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    UPTD = "uptd", _("UPTD")
    SEKOLAH = "sekolah", _("Sekolah")
    LAINNYA = "lainnya", _("Lainnya")


class Opd(models.Model):
    """Organisasi Perangkat Daerah: a regional government office."""

    code = models.CharField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=OpdKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    radius_m = models.PositiveIntegerField(_("radius kantor (m)"), default=150)
    time_zone = models.CharField(
        _("zona waktu"), max_length=64, default="Asia/Jakarta", validators=[validate_time_zone]
    )
    active = models.BooleanField(_("aktif"), default=True)
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin OPD"),
        blank=True,
        related_name="administered_opds",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def local_today(self) -> dt.date:
        """Today in this OPD's time zone."""
        return today_in(self.time_zone)


class Unit(models.Model):
    """A bidang, bagian, seksi or tim kerja inside an OPD."""

    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="units"
    )
    code = models.CharField(_("kode"), max_length=32)
    name = models.CharField(_("nama"), max_length=200)
    frontline = models.BooleanField(
        _("layanan langsung"),
        default=False,
        help_text=_("Melayani publik secara langsung: tidak pernah WFH."),
    )
    min_onsite = models.PositiveIntegerField(_("minimal hadir di kantor"), default=0)

    class Meta:
        ordering = ["opd__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "code"], name="unit_code_unique_in_opd")
        ]
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")

    def __str__(self) -> str:
        return f"{self.opd.code}/{self.code} — {self.name}"


class AsnType(models.TextChoices):
    PNS = "PNS", "PNS"
    PPPK = "PPPK", "PPPK"


class UnitRole(models.TextChoices):
    HEAD = "head", _("Kepala")
    DEPUTY = "deputy", _("Wakil/Pengganti")
    STAFF = "staff", _("Staf")


class IneligibleReason(models.TextChoices):
    DISCIPLINARY = "disciplinary", _("Sedang menjalani hukuman disiplin")
    NEW_IN_POST = "new_in_post", _("Baru menduduki jabatan")
    FRONTLINE = "frontline", _("Layanan langsung (frontline)")
    OTHER = "other", _("Lainnya")


class EmployeeQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day)
        )


class Employee(models.Model):
    """An ASN (PNS or PPPK). `opd` and `unit` are the current placement; history is in Placement."""

    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    name = models.CharField(_("nama"), max_length=200)
    asn_type = models.CharField(_("jenis ASN"), max_length=4, choices=AsnType.choices)
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="employees"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    unit_role = models.CharField(
        _("peran di unit"), max_length=8, choices=UnitRole.choices, default=UnitRole.STAFF
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    wfh_eligible = models.BooleanField(_("boleh WFH"), default=True)
    ineligible_reason = models.CharField(
        _("alasan tidak boleh WFH"), max_length=16, choices=IneligibleReason.choices, blank=True
    )
    ineligible_note = models.CharField(
        _("keterangan alasan"),
        max_length=200,
        blank=True,
        help_text=_("Alasan sebagaimana ditulis HR, mis. dari berkas impor."),
    )
    new_in_post_since = models.DateField(
        _("baru menjabat sejak"),
        null=True,
        blank=True,
        help_text=_("TMT jabatan: awal masa baru menduduki jabatan (mis. promosi)."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    home_latitude = models.DecimalField(
        _("lintang rumah"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    home_longitude = models.DecimalField(
        _("bujur rumah"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    home_radius_m = models.PositiveIntegerField(_("radius rumah (m)"), null=True, blank=True)
    active_from = models.DateField(_("aktif sejak"), null=True, blank=True)
    active_to = models.DateField(_("aktif sampai"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["opd__code", "unit__code", "name", "nip"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(unit_role="head"), name="one_head_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(wfh_eligible=True) | ~Q(ineligible_reason=""),
                name="ineligible_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["opd", "unit"]), models.Index(fields=["name"])]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"

    def clean(self) -> None:
        errors = {}
        if self.nip:
            try:
                info = parse_nip(self.nip)
            except NipError:
                info = None  # the field validator reports it
            if info and self.asn_type and info.asn_type != self.asn_type:
                errors["asn_type"] = _(
                    "Jenis ASN %(given)s tidak sesuai dengan NIP, yang berbentuk %(nip_type)s."
                ) % {"given": self.asn_type, "nip_type": info.asn_type}
        if self.unit_id and self.opd_id and self.unit.opd_id != self.opd_id:
            errors["unit"] = _("Unit kerja bukan bagian dari OPD ini.")
        if not self.wfh_eligible and not self.ineligible_reason:
            errors["ineligible_reason"] = _("Isi alasan bila pegawai tidak boleh WFH.")
        if self.active_from and self.active_to and self.active_to < self.active_from:
            errors["active_to"] = _("Tanggal akhir aktif sebelum tanggal mulai.")
        if errors:
            raise ValidationError(errors)


class PlacementKind(models.TextChoices):
    """How a placement began. Every kind but `first` (the row the registry opened when the
    employee was first recorded) starts a period of being new in the post."""

    FIRST = "first", _("Pencatatan awal")
    APPOINTMENT = "appointment", _("Pengangkatan (pegawai baru)")
    TRANSFER = "transfer", _("Mutasi")
    ROTATION = "rotation", _("Rotasi")
    PROMOTION = "promotion", _("Promosi")


MOVE_KINDS = (
    PlacementKind.APPOINTMENT,
    PlacementKind.TRANSFER,
    PlacementKind.ROTATION,
    PlacementKind.PROMOTION,
)


class Placement(models.Model):
    """Where an employee worked over a period. Past days stay with the OPD and unit of the time."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="placements")
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="placements")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(max_length=200, blank=True)
    unit_role = models.CharField(max_length=8, choices=UnitRole.choices, default=UnitRole.STAFF)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    kind = models.CharField(
        _("jenis"), max_length=16, choices=PlacementKind.choices, default=PlacementKind.FIRST
    )

    class Meta:
        ordering = ["employee", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=Q(valid_to__isnull=True), name="one_open_placement"
            )
        ]
        verbose_name = _("riwayat penempatan")
        verbose_name_plural = _("riwayat penempatan")

    def __str__(self) -> str:
        until = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.employee_id}: {self.opd_id}/{self.unit_id} {self.valid_from}–{until}"


class SanctionKind(models.TextChoices):
    """PP 94/2021: the examination, then a light, moderate or severe sanction."""

    EXAMINATION = "examination", _("Dalam proses pemeriksaan")
    LIGHT = "light", _("Hukuman disiplin ringan")
    MODERATE = "moderate", _("Hukuman disiplin sedang")
    SEVERE = "severe", _("Hukuman disiplin berat")


class DisciplinarySanction(models.Model):
    """A disciplinary sanction (or its examination) from `start` to `end` (inclusive; empty:
    not ended yet). The employee may not work from home on those days (opd.eligibility)."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=SanctionKind.choices)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("sampai"), null=True, blank=True)
    reference = models.CharField(_("nomor keputusan"), max_length=100, blank=True)
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["employee", "-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "kind", "start"], name="sanction_unique_per_start"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="sanction_end_after_start",
            ),
        ]
        verbose_name = _("hukuman disiplin")
        verbose_name_plural = _("hukuman disiplin")

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.kind} {self.start}–{self.end or '…'}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu giliran")
    CHECKING = "checking", _("Sedang diperiksa")
    PREVIEWED = "previewed", _("Pratinjau")
    CONFIRMED = "confirmed", _("Menunggu giliran impor")
    RUNNING = "running", _("Sedang diimpor")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ImportBatch(models.Model):
    """An organisation import from the HR page: the uploaded files between preview and confirm.

    The files are kept as bytes so the confirmed import reads exactly what was previewed; `result`
    holds the counts and errors of the last run (see opd.importing.results.ImportResult.as_dict).
    A new batch is `queued`; a Celery task checks it (`checking`, with `progress` in percent and
    `rows_read`) and leaves it `previewed`, or `failed` with `error` when the check itself broke.
    Confirming makes it `confirmed`; a second task runs it (`running`, with its progress) and
    leaves it `done` or `failed`. A check or run whose worker died (no progress for
    IMPORT_PREVIEW_STALE_S) is started again by the sweep, at most IMPORT_PREVIEW_MAX_ATTEMPTS
    times, then `failed` with the reason (the run writes in one transaction: a dead run wrote
    nothing).
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (persen)"), default=0)
    rows_read = models.PositiveIntegerField(_("baris terbaca"), default=0)
    # a check's sign of life (its claim and each progress report) and how many checks began:
    # the sweep (opd.importing.batches.import_batches_sweep) restarts one whose worker died
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("galat"), blank=True)
    keep_good_rows = models.BooleanField(_("simpan baris yang benar saja"), default=False)
    opds_name = models.CharField(max_length=255, blank=True)
    opds_data = models.BinaryField(null=True, blank=True)
    units_name = models.CharField(max_length=255, blank=True)
    units_data = models.BinaryField(null=True, blank=True)
    employees_name = models.CharField(max_length=255, blank=True)
    employees_data = models.BinaryField(null=True, blank=True)
    workbook_name = models.CharField(max_length=255, blank=True)
    workbook_data = models.BinaryField(null=True, blank=True)
    result = models.JSONField(_("hasil"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor organisasi")
        verbose_name_plural = _("impor organisasi")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class HomeLocationStatus(models.TextChoices):
    PENDING = "pending", _("menunggu persetujuan")
    APPROVED = "approved", _("disetujui")
    RETURNED = "returned", _("dikembalikan")


class HomeLocationRequest(models.Model):
    """An employee's home location as sent from their phone (the browser's position and an
    address note), waiting for their OPD admin; once approved it is Employee.home_latitude /
    home_longitude, the centre of the WFH check-in's geofence."""

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="home_location_requests",
    )
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6)
    accuracy_m = models.PositiveIntegerField(_("akurasi (m)"), null=True, blank=True)
    address_note = models.CharField(_("keterangan alamat"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HomeLocationStatus.choices,
        default=HomeLocationStatus.PENDING,
    )
    decision_note = models.CharField(_("catatan keputusan"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(status="pending"),
                name="one_pending_home_location_per_employee",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]
        verbose_name = _("pengajuan lokasi rumah")
        verbose_name_plural = _("pengajuan lokasi rumah")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.status}"
