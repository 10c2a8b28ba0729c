from django.apps import AppConfig


class WfhConfig(AppConfig):
    name = "wfh"
    verbose_name = "Penjadwalan WFH"

    def ready(self) -> None:
        from leave.signals import leave_changed
        from wfh import receivers
        from wfh.signals import roster_published

        leave_changed.connect(
            receivers.roster_follows_leave, dispatch_uid="wfh.roster_follows_leave"
        )
        roster_published.connect(
            receivers.overrides_follow_publication, dispatch_uid="wfh.overrides_follow_publication"
        )
        roster_published.connect(
            receivers.staff_told_of_publication, dispatch_uid="wfh.staff_told_of_publication"
        )
