"""The Celery application: JSON only, time limits from settings, tasks discovered per app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wfh.settings")

app = Celery("wfh")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
