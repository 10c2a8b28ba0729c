"""The Celery application: JSON only, time limits from settings, tasks discovered per app.

Without REDIS_URL the settings make every task run eagerly in the calling process, so a newcomer
needs no broker; with REDIS_URL a real worker (`make worker`) runs them.
"""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("wfh")
# Every CELERY_* setting (broker, eagerness, CELERY_TASK_SOFT_TIME_LIMIT, CELERY_TASK_TIME_LIMIT,
# which settings.py reads from the environment and checks) becomes the matching Celery option.
app.config_from_object("django.conf:settings", namespace="CELERY")
# JSON only, whatever the settings say: a task takes ids and plain values, never pickles, so a
# message on the broker can neither run code nor carry a model instance that is stale on arrival.
app.conf.update(
    accept_content=["json"],
    result_accept_content=["json"],
    task_serializer="json",
    result_serializer="json",
    event_serializer="json",
)
# tasks.py of every installed app (wfh.tasks, and the apps that follow).
app.autodiscover_tasks()


@worker_ready.connect
def _drain_outbox_at_start(sender=None, **kwargs) -> None:
    """A worker that starts (the broker is up, then) sends what a commit recorded meanwhile."""
    app.send_task("common.drain_outbox")
