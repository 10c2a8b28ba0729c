from django.apps import AppConfig


class WfhConfig(AppConfig):
    name = "wfh"
    verbose_name = "Penjadwalan WFH"

    def ready(self) -> None:
        from leave.signals import leave_changed
        from wfh import receivers

        leave_changed.connect(
            receivers.roster_follows_leave, dispatch_uid="wfh.roster_follows_leave"
        )
