"""The rows of the overrides: a declared day (or range) and an individual WFH order.

Defined here and imported at the end of `wfh.models`, so Django registers them in the wfh app.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from opd.models import Employee, Opd, Unit


class OverrideStatus(models.TextChoices):
    ACTIVE = "active", _("berlaku")
    REVOKED = "revoked", _("dicabut")


class DeclaredMode(models.TextChoices):
    """How the circular names the day; both are WFH in the published schedule (mode `WFH`)."""

    WFA = "WFA", _("WFA (bekerja dari mana saja)")
    WFH = "WFH", _("WFH (bekerja dari rumah)")


class RevocableOverride(models.Model):
    """What a declared day and an individual order share: active until revoked, with who created
    and who revoked it and when."""

    status = models.CharField(
        max_length=8, choices=OverrideStatus.choices, default=OverrideStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class DeclaredDay(RevocableOverride):
    """HR declares a day or a range as WFA/WFH, for every OPD or some, under a circular.

    Without a share every eligible employee in scope is at home on those days (the unit minimum
    still kept by duty officers); with a share (e.g. 0.50) those days are a rotation with that
    ratio, the same fairness and unit minima as a phase's rotation (the roster engine decides).
    Frontline units are always exempt unless named in `frontline_units`.
    """

    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    mode = models.CharField(
        _("jenis"), max_length=3, choices=DeclaredMode.choices, default=DeclaredMode.WFA
    )
    reference = models.CharField(_("nomor surat edaran"), max_length=200)
    title = models.CharField(_("keterangan"), max_length=200, blank=True)
    share = models.DecimalField(
        _("porsi pegawai"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(1)],
        help_text=_(
            "Kosongkan untuk semua pegawai yang boleh WFH; 0,5 berarti separuh bergiliran."
        ),
    )
    opds = models.ManyToManyField(
        Opd,
        verbose_name=_("OPD"),
        blank=True,
        help_text=_("Kosongkan untuk semua OPD aktif."),
        related_name="declared_days",
    )
    exempt_opds = models.ManyToManyField(
        Opd, verbose_name=_("OPD yang dikecualikan"), blank=True, related_name="+"
    )
    exempt_kinds = models.JSONField(_("jenis OPD yang dikecualikan"), default=list, blank=True)
    exempt_units = models.ManyToManyField(
        Unit, verbose_name=_("unit yang dikecualikan"), blank=True, related_name="+"
    )
    frontline_units = models.ManyToManyField(
        Unit,
        verbose_name=_("unit layanan langsung yang ikut"),
        blank=True,
        related_name="+",
        help_text=_("Unit layanan langsung selalu dikecualikan kecuali disebut di sini."),
    )
    seed = models.BigIntegerField(default=0)
    stats = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="declared_end_after_start"
            )
        ]
        indexes = [models.Index(fields=["status", "start", "end"], name="declared_status_range")]
        verbose_name = _("hari yang ditetapkan")
        verbose_name_plural = _("hari yang ditetapkan")

    def __str__(self) -> str:
        return f"{self.reference} {self.start.isoformat()}..{self.end.isoformat()}"


class OrderReason(models.TextChoices):
    BANJIR = "banjir", _("Banjir / bencana")
    TUGAS_KHUSUS = "tugas_khusus", _("Tugas khusus")
    KESEHATAN = "kesehatan", _("Kesehatan")
    LAINNYA = "lainnya", _("Lainnya")


class WfhOrder(RevocableOverride):
    """An OPD head's order: these employees work from home on these days, for this reason.

    `departures` keeps (in Indonesian, as stored text) each limit the order breaks (the weekly
    cap, the unit minimum, ...) and `departure_reason` why it is allowed; an order that breaks a
    limit is refused without one.
    """

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="wfh_orders")
    number = models.CharField(_("nomor surat perintah"), max_length=120)
    reason = models.CharField(_("alasan"), max_length=16, choices=OrderReason.choices)
    note = models.TextField(_("keterangan"), blank=True)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    employees = models.ManyToManyField(
        Employee, verbose_name=_("pegawai"), related_name="wfh_orders"
    )
    departures = models.JSONField(default=list, blank=True)
    departure_reason = models.TextField(_("alasan penyimpangan"), blank=True)

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="order_end_after_start"
            )
        ]
        indexes = [models.Index(fields=["opd", "status", "start"], name="order_opd_status_start")]
        verbose_name = _("perintah WFH individual")
        verbose_name_plural = _("perintah WFH individual")

    def __str__(self) -> str:
        return f"{self.number} {self.opd_id} {self.start.isoformat()}..{self.end.isoformat()}"
