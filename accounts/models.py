from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR = "hr", _("HR (BKPSDM)")
    OPD_ADMIN = "opd_admin", _("Admin OPD")
    SUPERVISOR = "supervisor", _("Atasan")
    EMPLOYEE = "employee", _("Pegawai")


class User(AbstractUser):
    """A login. What the user may see follows from `role` and the links in opd/ (see opd.access).

    HR staff with `is_staff` are the power users of the Django admin: every model permission
    follows from the HR role, so BKPSDM does not have to hand out permissions one by one.
    """

    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.EMPLOYEE)
    checkin_reminder = models.BooleanField(
        _("pengingat presensi harian"),
        default=True,
        db_default=True,  # the org import writes users in bulk SQL
        help_text=_("Kirim pengingat pada hari kerja bila belum presensi sebelum jam masuk."),
    )

    @property
    def is_hr(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == Role.HR)

    def has_perm(self, perm, obj=None) -> bool:
        return self.is_hr or super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return self.is_hr or super().has_module_perms(app_label)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class NotificationKind(models.TextChoices):
    SWAP_ASKED = "swap_asked", _("Permintaan tukar untuk Anda")
    SWAP_DECIDED = "swap_decided", _("Tukar jadwal diputuskan")
    REPORT_RETURNED = "report_returned", _("Laporan kinerja dikembalikan")
    LEAVE_ASKED = "leave_asked", _("Pengajuan cuti/dinas menunggu keputusan")
    LEAVE_DECIDED = "leave_decided", _("Pengajuan cuti/dinas diputuskan")
    ROSTER_PUBLISHED = "roster_published", _("Jadwal diterbitkan")
    CHECKIN_FLAGGED = "checkin_flagged", _("Presensi ditandai untuk ditinjau")
    CHECKIN_REMINDER = "checkin_reminder", _("Pengingat presensi")
    HOME_LOCATION_DECIDED = "home_decided", _("Lokasi rumah diputuskan")


class Notification(models.Model):
    """One message in a user's in-app inbox (accounts.notifications writes and words them).

    The text is not stored: `kind` and `params` are, and the inbox words them in the reader's
    language. `url` is the path of the page where the person acts. `key`, when given, makes a
    notification once-only per user (a reminder per day, a publication per roster version)."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    params = models.JSONField(_("isi"), default=dict, blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    key = models.CharField(_("kunci"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="accounts_notif_unread",
            ),
            models.Index(fields=["user", "-created_at"], name="accounts_notif_user_new"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="accounts_notif_once_per_key",
            )
        ]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
