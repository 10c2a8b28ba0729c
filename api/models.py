"""API clients: other municipal systems that call /api/v1/ with a token.

Only a SHA-256 hash of each token is stored; the token itself is shown once, when the client is
created or its token rotated. `token_prefix` (the first characters of the token) lets HR and the
client's operators tell tokens apart without revealing them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

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
    METERS_WRITE = "meters:write", _("Kirim pembacaan meter (meter pintar)")
    OCCUPANCY_READ = "occupancy:read", _("Baca perkiraan okupansi gedung")


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


# -- webhooks ----------------------------------------------------------------------------------


class WebhookEvent(models.TextChoices):
    ROSTER_PUBLISHED = "roster.published", _("Roster diterbitkan")
    SUMMARY_READY = "summary.ready", _("Rekap harian selesai")
    PING = "ping", _("Uji kirim (ping)")


class WebhookSubscription(models.Model):
    """A URL a client registered for some events. The secret signs every delivery (HMAC), so it is
    stored as it is; it is shown to the client when the subscription is made or the secret rotated.
    A subscription the client deletes is kept (inactive, `deleted_at` set) for HR's log."""

    client = models.ForeignKey(
        ApiClient,
        verbose_name=_("klien API"),
        on_delete=models.CASCADE,
        related_name="webhooks",
    )
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("peristiwa"), default=list)
    secret = models.CharField(_("rahasia penanda tangan"), max_length=80)
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    last_delivery_at = models.DateTimeField(_("terakhir terkirim"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("dihapus klien pada"), null=True, blank=True)

    class Meta:
        ordering = ["client__name", "id"]
        verbose_name = _("langganan webhook")
        verbose_name_plural = _("langganan webhook")

    def __str__(self) -> str:
        return f"{self.client.name} → {self.url}"

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


class WebhookDelivery(models.Model):
    """One event sent (or to be sent) to one subscription, with its attempts' outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", _("menunggu")
        RETRYING = "retrying", _("dicoba ulang")
        DELIVERED = "delivered", _("terkirim")
        FAILED = "failed", _("gagal")

    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("langganan"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("peristiwa"), max_length=32, choices=WebhookEvent.choices)
    event_id = models.UUIDField(_("ID kiriman"), unique=True)
    payload = models.JSONField(_("isi"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("kode HTTP terakhir"), null=True, blank=True
    )
    last_error = models.CharField(_("galat terakhir"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["subscription", "-created_at"], name="webhook_delivery_sub"),
            models.Index(fields=["status", "-created_at"], name="webhook_delivery_status"),
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
        ]
        verbose_name = _("kiriman webhook")
        verbose_name_plural = _("kiriman webhook")

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} ({self.status})"
