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
