from django.apps import AppConfig


class WfhConfig(AppConfig):
    name = "wfh"
    verbose_name = "Penjadwalan WFH"

    def ready(self) -> None:
        # the tasks are registered with Celery when Django starts: services queue them by name
        # (common.tasks), and an eager app (no REDIS_URL) finds them in its registry
        from leave.signals import leave_changed
        from wfh import receivers, tasks  # noqa: F401

        leave_changed.connect(
            receivers.roster_follows_leave, dispatch_uid="wfh.roster_follows_leave"
        )
