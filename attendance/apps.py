from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "attendance"
    verbose_name = _("Presensi")

    def ready(self) -> None:
        from attendance import receivers_schedule
        from wfh.signals import schedule_changed

        schedule_changed.connect(
            receivers_schedule.on_schedule_changed, dispatch_uid="attendance.schedule_changed"
        )
