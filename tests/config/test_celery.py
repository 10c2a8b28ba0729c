"""The Celery app: JSON only, bounded tasks, and a real round trip through a worker."""

from __future__ import annotations

import os
import socket

import pytest
from django.conf import settings

from config.celery import app
from wfh.tasks import echo


def test_celery_accepts_and_sends_json_only():
    assert app.conf.accept_content == ["json"]
    assert app.conf.result_accept_content == ["json"]
    assert app.conf.task_serializer == "json"
    assert app.conf.result_serializer == "json"


def test_every_task_has_a_soft_time_limit_below_the_hard_one():
    soft, hard = app.conf.task_soft_time_limit, app.conf.task_time_limit
    assert soft == settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert hard == settings.CELERY_TASK_TIME_LIMIT
    assert 0 < soft < hard


def test_tasks_of_the_installed_apps_are_discovered():
    app.loader.import_default_modules()
    assert "wfh.echo" in app.tasks


def test_without_redis_url_celery_is_eager_and_with_it_is_not():
    # The settings, not app.conf: tests that do not ask for the live worker run tasks eagerly.
    assert settings.CELERY_TASK_ALWAYS_EAGER is (settings.REDIS_URL is None)
    broker = settings.CELERY_BROKER_URL
    assert broker == (settings.REDIS_URL or "memory://localhost/")
    assert app.conf.task_eager_propagates


def test_an_eager_task_runs_in_the_calling_process():
    # eager by the autouse fixture; a monkeypatch here would be undone after that fixture's
    # teardown (pytest-django's own autouse fixture sets monkeypatch up first) and leave later
    # tests eager, so the live worker test ran its task in this process
    assert app.conf.task_always_eager
    assert echo.delay("halo").get(timeout=5) == {
        "value": "halo",
        "host": socket.gethostname(),
        "pid": os.getpid(),
    }


@pytest.mark.worker
def test_a_task_makes_the_round_trip_through_a_real_worker_process(live_worker):
    result = echo.delay("halo").get(timeout=30)
    assert result["value"] == "halo"
    assert result["pid"] != os.getpid(), "the task ran in this process, not in a worker"
