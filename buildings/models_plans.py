"""Accepted consolidation plans: on which weekdays of a date range which zones close, and where
the units of a closed zone sit instead (buildings/planner.py proposes, buildings/plans.py records).

A plan applies on the days from `start` to `end` that fall on one of its moves' or closures'
weekdays; withdrawn, it no longer applies from `withdrawn_on` (earlier days keep it, as they were
lived).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opd.models import Unit
from wfh.models import Phase


class PlanStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Diterima")
    WITHDRAWN = "withdrawn", _("Ditarik")


class ConsolidationPlan(models.Model):
    phase = models.ForeignKey(
        Phase, verbose_name=_("tahap"), on_delete=models.CASCADE, related_name="+"
    )
    buildings = models.ManyToManyField(
        "buildings.Building", verbose_name=_("gedung"), related_name="consolidation_plans"
    )
    weekdays = models.JSONField(_("hari"), default=list)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACCEPTED
    )
    zone_days = models.PositiveIntegerField(_("zona-hari ditutup"), default=0)
    kwh = models.DecimalField(_("perkiraan hemat (kWh)"), max_digits=14, decimal_places=2)
    rupiah = models.DecimalField(_("perkiraan hemat (Rp)"), max_digits=16, decimal_places=2)
    fingerprint = models.CharField(max_length=64)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterima oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("diterima pada"))
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditarik oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    withdrawn_on = models.DateField(_("tidak berlaku sejak"), null=True, blank=True)

    class Meta:
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="plan_end_after_start"
            )
        ]
        verbose_name = _("rencana konsolidasi")
        verbose_name_plural = _("rencana konsolidasi")

    def __str__(self) -> str:
        return f"{self.phase} {self.start}..{self.end} ({self.status})"

    def applies_on(self, day: dt.date) -> bool:
        """Whether the plan is in force on a day (its weekdays aside)."""
        if not self.start <= day <= self.end:
            return False
        if self.status == PlanStatus.WITHDRAWN:
            return self.withdrawn_on is not None and day < self.withdrawn_on
        return True


class ZoneClosure(models.Model):
    """A zone closed on a weekday of the plan, with the days and the expected saving."""

    plan = models.ForeignKey(ConsolidationPlan, on_delete=models.CASCADE, related_name="closures")
    zone = models.ForeignKey(
        "buildings.Zone", verbose_name=_("zona"), on_delete=models.CASCADE, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("hari"))
    days = models.PositiveIntegerField(_("jumlah hari"))
    emptied = models.BooleanField(_("dikosongkan dengan pindah"), default=False)
    kwh = models.DecimalField(_("perkiraan hemat (kWh)"), max_digits=14, decimal_places=2)
    rupiah = models.DecimalField(_("perkiraan hemat (Rp)"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["plan", "weekday", "zone"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "zone", "weekday"], name="one_closure_per_zone_weekday"
            )
        ]
        verbose_name = _("zona ditutup")
        verbose_name_plural = _("zona ditutup")

    def __str__(self) -> str:
        return f"{self.zone_id} closed on weekday {self.weekday}"


class UnitMove(models.Model):
    """On a weekday of the plan, a unit sits in `to_zone` instead of its own zone."""

    plan = models.ForeignKey(ConsolidationPlan, on_delete=models.CASCADE, related_name="moves")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("hari"))
    from_zone = models.ForeignKey(
        "buildings.Zone", verbose_name=_("zona asal"), on_delete=models.CASCADE, related_name="+"
    )
    to_zone = models.ForeignKey(
        "buildings.Zone",
        verbose_name=_("zona tujuan"),
        on_delete=models.CASCADE,
        related_name="guest_moves",
    )
    people = models.PositiveIntegerField(_("orang"))

    class Meta:
        ordering = ["plan", "weekday", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "weekday"], name="one_move_per_unit_weekday"
            )
        ]
        indexes = [models.Index(fields=["unit", "weekday"])]
        verbose_name = _("pindah unit")
        verbose_name_plural = _("pindah unit")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.from_zone_id}>{self.to_zone_id} on weekday {self.weekday}"
