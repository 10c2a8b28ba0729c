"""The employee's own schedule: a private iCal subscription and swap requests with a colleague."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opd.models import Employee
from wfh.models import Mode


class CalendarToken(models.Model):
    """A private iCal subscription of one employee. Only the SHA-256 of the token is stored: the
    full address is shown once, right after it is made; revoking keeps the row for the record."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="ical_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(_("awal token"), max_length=8)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir diambil"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_ical_token_per_employee",
            )
        ]
        verbose_name = _("langganan iCal")
        verbose_name_plural = _("langganan iCal")

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "live"
        return f"{self.employee_id} {self.hint}… {state}"


class SwapStatus(models.TextChoices):
    """colleague -> (declined | pending -> (approved | rejected)); cancelled from either wait.

    "pending" keeps its stored value from before the colleague's consent existed: it is the wait
    for the supervisor (or HR), so requests made back then stay decidable as they were."""

    COLLEAGUE = "colleague", _("menunggu persetujuan rekan")
    PENDING = "pending", _("menunggu persetujuan atasan")
    APPROVED = "approved", _("disetujui")
    REJECTED = "rejected", _("ditolak")
    DECLINED = "declined", _("ditolak rekan")
    CANCELLED = "cancelled", _("dibatalkan")


OPEN_SWAP_STATUSES = (SwapStatus.COLLEAGUE, SwapStatus.PENDING)


class SwapRequest(models.Model):
    """An employee asks to trade their mode (WFH/WFO) on one day with a colleague of their unit.

    The colleague agrees or declines first; then the requester's supervisor (or HR) decides, and
    approval rewrites both published days. A "pending" request without `colleague_answered_at`
    was made before the colleague's consent existed.
    """

    requester = models.ForeignKey(
        Employee, verbose_name=_("pemohon"), on_delete=models.CASCADE, related_name="swaps_asked"
    )
    colleague = models.ForeignKey(
        Employee, verbose_name=_("rekan"), on_delete=models.CASCADE, related_name="swaps_offered"
    )
    day = models.DateField(_("tanggal"))
    requester_mode_before = models.CharField(
        _("mode pemohon sebelum"), max_length=5, choices=Mode.choices
    )
    colleague_mode_before = models.CharField(
        _("mode rekan sebelum"), max_length=5, choices=Mode.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SwapStatus.choices, default=SwapStatus.COLLEAGUE
    )
    note = models.TextField(_("alasan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("diajukan"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    colleague_answered_at = models.DateTimeField(_("dijawab rekan"), null=True, blank=True)
    colleague_note = models.TextField(_("catatan rekan"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "day"],
                condition=Q(status__in=["colleague", "pending"]),
                name="one_open_swap_per_requester_day",
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("colleague")), name="swap_needs_two_people"
            ),
        ]
        indexes = [models.Index(fields=["status", "day"])]
        verbose_name = _("permintaan tukar jadwal")
        verbose_name_plural = _("permintaan tukar jadwal")

    def __str__(self) -> str:
        return f"#{self.pk} {self.requester_id}<->{self.colleague_id} {self.day} {self.status}"

    @property
    def is_open(self) -> bool:
        """Still waiting for the colleague or the supervisor: the requester may cancel."""
        return self.status in OPEN_SWAP_STATUSES

    @property
    def waits_for_colleague(self) -> bool:
        return self.status == SwapStatus.COLLEAGUE
