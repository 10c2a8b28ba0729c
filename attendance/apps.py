from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "attendance"
    verbose_name = _("Presensi")

    def ready(self) -> None:
        from attendance import receivers
        from leave.signals import leave_changed
        from wfh.signals import schedule_changed

        leave_changed.connect(
            receivers.leave_days_recompute, dispatch_uid="attendance.leave_days_recompute"
        )
        schedule_changed.connect(
            receivers.schedule_days_recompute, dispatch_uid="attendance.schedule_days_recompute"
        )
