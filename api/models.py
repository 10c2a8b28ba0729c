"""API clients: other municipal systems that call /api/v1/ with a token.

Only a SHA-256 hash of each token is stored; the token itself is shown once, when the client is
created or its token rotated. `token_prefix` (the first characters of the token) lets HR and the
client's operators tell tokens apart without revealing them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opd.models import Opd


class Scope(models.TextChoices):
    ORG_READ = "org:read", _("Baca OPD, unit dan pegawai")
    SCHEDULE_READ = "schedule:read", _("Baca jadwal WFH/WFO")
    ROSTER_WRITE = "roster:write", _("Buat dan terbitkan roster")
    ATTENDANCE_READ = "attendance:read", _("Baca rekap presensi harian")
    ATTENDANCE_WRITE = "attendance:write", _("Kirim presensi")
    SUMMARY_READ = "summary:read", _("Baca rekap harian OPD")
    EVALUATION_WRITE = "evaluation:write", _("Kirim biaya operasional dan keluaran layanan")


class ApiClient(models.Model):
    name = models.CharField(_("nama"), max_length=100, unique=True)
    token_prefix = models.CharField(_("awalan token"), max_length=16)
    token_hash = models.CharField(_("hash token"), max_length=64, unique=True)
    scopes = models.JSONField(_("cakupan"), default=list)
    opds = models.ManyToManyField(
        Opd,
        verbose_name=_("dibatasi ke OPD"),
        blank=True,
        related_name="+",
        help_text=_("Kosongkan agar klien boleh mengakses semua OPD."),
    )
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    rotated_at = models.DateTimeField(_("token diganti pada"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("klien API")
        verbose_name_plural = _("klien API")

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
