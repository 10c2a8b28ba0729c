"""A broker the test turns off and on, in-process: `broker.down()` makes every publish fail as a
stopped Redis does (kombu's OperationalError, "Connection refused"), `broker.up()` makes publishes
succeed and keeps the messages, which `broker.deliver()` then runs in this process, as a worker
would. Celery is not eager while the fixture is in use, so common.tasks takes its broker path
(the outbox) as with REDIS_URL."""

from __future__ import annotations

import pytest
from celery.app.task import Task
from kombu.exceptions import OperationalError

from common.tasks import task

REFUSED = "Error 111 connecting to 127.0.0.1:6391. Connection refused."


class Broker:
    def __init__(self):
        self.running = False
        self.sent: list[tuple[str, list, dict]] = []
        self.refused = 0

    def down(self) -> Broker:
        self.running = False
        return self

    def up(self) -> Broker:
        self.running = True
        return self

    def publish(self, celery_task, args=None, kwargs=None, **options):
        if not self.running:
            self.refused += 1
            raise OperationalError(REFUSED)
        self.sent.append((celery_task.name, list(args or ()), dict(kwargs or {})))

    def names(self) -> list[str]:
        return [name for name, _, _ in self.sent]

    def deliver(self) -> list:
        """Run every message sent so far, in order, as a worker would; answers their results."""
        results = []
        while self.sent:
            name, args, kwargs = self.sent.pop(0)
            results.append(task(name).apply(args=args, kwargs=kwargs, throw=True).get())
        return results


@pytest.fixture
def broker(monkeypatch):
    from config.celery import app

    fake = Broker()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    monkeypatch.setattr(Task, "apply_async", lambda self, *a, **k: fake.publish(self, *a, **k))
    try:
        yield fake
    finally:
        app.conf.task_always_eager = previous
