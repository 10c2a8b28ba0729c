from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR = "hr", _("HR (BKPSDM)")
    OPD_ADMIN = "opd_admin", _("Admin OPD")
    SUPERVISOR = "supervisor", _("Atasan")
    EMPLOYEE = "employee", _("Pegawai")


class User(AbstractUser):
    """A login. What the user may see follows from `role` and the links in opd/ (see opd.access)."""

    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.EMPLOYEE)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
