"""PhaseVersion: a phase's terms from a date on, under a circular (imported at the end of
wfh.models so Django registers it in the wfh app)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wfh.phase_versions.spans import Change, Terms


class PhaseVersion(models.Model):
    """From `valid_from` on the phase runs with these terms (each stored in full, so a version
    reads alone); earlier days keep the terms they were lived under."""

    phase = models.ForeignKey("wfh.Phase", on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField(_("berlaku mulai"))
    wfh_weekdays = models.JSONField(_("hari WFH"), default=list, blank=True)
    ratio = models.DecimalField(
        _("rasio WFH"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    weekly_cap = models.PositiveSmallIntegerField(
        _("maksimal hari WFH per minggu"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    exempt_kinds = models.JSONField(_("jenis OPD yang dikecualikan"), default=list, blank=True)
    reference = models.CharField(_("nomor surat edaran"), max_length=200)
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phase", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "valid_from"], name="one_version_per_day")
        ]
        verbose_name = _("perubahan tahap")
        verbose_name_plural = _("perubahan tahap")

    def __str__(self) -> str:
        return f"{self.phase_id} {self.valid_from.isoformat()} {self.reference}"

    def terms(self) -> Terms:
        return Terms(
            wfh_weekdays=tuple(sorted(self.wfh_weekdays or [])),
            ratio=self.ratio,
            weekly_cap=self.weekly_cap,
            exempt_kinds=tuple(sorted(self.exempt_kinds or [])),
        )

    def change(self) -> Change:
        return Change(valid_from=self.valid_from, terms=self.terms(), reference=self.reference)
