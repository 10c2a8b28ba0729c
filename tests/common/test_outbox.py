"""The task outbox (common.tasks): a task that must follow a commit is written in the same
transaction, sent once it commits, kept when the broker does not answer and sent by the drain
once it does; never an exception for the caller, never a row left behind by eager Celery."""

from __future__ import annotations

import datetime as dt

import pytest
from celery import current_app
from django.db import transaction
from django.utils import timezone

from common.models import QueuedTask
from common.tasks import outbox_drain, queue, queue_on_commit

pytestmark = pytest.mark.django_db

ran: list = []


@current_app.task(name="tests.common.outbox_record")
def record(value, label=""):
    ran.append((value, label))
    return value


@pytest.fixture(autouse=True)
def _clear():
    ran.clear()


def test_a_task_queued_in_a_transaction_is_written_beside_the_caller_rows(
    broker, django_capture_on_commit_callbacks
):
    broker.up()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        queue_on_commit("tests.common.outbox_record", 1, label="a")
        row = QueuedTask.objects.get()  # in the caller's transaction, before the commit
        assert (row.name, row.args, row.kwargs) == (record.name, [1], {"label": "a"})
    assert broker.sent == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert broker.names() == ["tests.common.outbox_record"]
    assert not QueuedTask.objects.exists(), "a sent task leaves no row"


def test_a_broker_that_refuses_at_the_commit_costs_the_caller_no_exception_and_no_task(
    broker, django_capture_on_commit_callbacks
):
    broker.down()
    with django_capture_on_commit_callbacks(execute=True):
        queue_on_commit("tests.common.outbox_record", 2)
    row = QueuedTask.objects.get()
    assert row.attempts == 1 and "Connection refused" in row.last_error
    assert row.due_at <= timezone.now()  # the drain may send it at once
    broker.up()
    assert outbox_drain() == 1
    assert not QueuedTask.objects.exists()
    assert broker.deliver() == [2] and ran == [(2, "")]


def test_a_rolled_back_transaction_leaves_neither_a_row_nor_a_message(
    broker, django_capture_on_commit_callbacks
):
    broker.up()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_on_commit("tests.common.outbox_record", 3)
        raise RuntimeError("the caller failed")
    assert not QueuedTask.objects.exists() and broker.sent == []


def test_the_drain_leaves_rows_in_their_grace_and_stops_at_the_first_refusal(broker):
    now = timezone.now()
    waiting = QueuedTask.objects.create(
        name="tests.common.outbox_record", args=[4], due_at=now + dt.timedelta(seconds=30)
    )
    due = [
        QueuedTask.objects.create(name="tests.common.outbox_record", args=[n], due_at=now)
        for n in (5, 6)
    ]
    broker.down()
    assert outbox_drain(now=now) == 0
    first, second = (QueuedTask.objects.get(pk=r.pk) for r in due)
    assert first.attempts == 1 and first.due_at > now, "backed off after the refusal"
    assert second.due_at > now and broker.refused == 1, "the drain stopped at the first refusal"
    broker.up()
    later = now + dt.timedelta(minutes=5)
    assert outbox_drain(now=later) == 3  # the one in its grace is due by now too
    assert [args for _, args, _ in broker.sent] == [[4], [5], [6]]
    assert not QueuedTask.objects.filter(pk=waiting.pk).exists()


def test_queue_outside_a_commit_keeps_what_the_broker_refused(broker):
    broker.down()
    assert queue("tests.common.outbox_record", 7) is False
    assert QueuedTask.objects.get().args == [7]
    broker.up()
    assert queue("tests.common.outbox_record", 8) is True
    assert QueuedTask.objects.count() == 1


def test_eager_celery_runs_the_task_at_the_commit_and_writes_no_row(
    django_capture_on_commit_callbacks,
):
    assert current_app.conf.task_always_eager  # tests run eagerly unless they ask otherwise
    with django_capture_on_commit_callbacks(execute=True):
        queue_on_commit("tests.common.outbox_record", 9)
    assert ran == [(9, "")]
    assert not QueuedTask.objects.exists(), "eager mode must not leave rows pending forever"


def test_an_unknown_task_name_fails_in_the_caller(broker):
    with pytest.raises(KeyError):
        queue_on_commit("tests.common.no_such_task", 1)
    assert not QueuedTask.objects.exists()


def test_the_drain_runs_on_beat_and_at_each_worker_start(settings, monkeypatch):
    from config import celery as celery_config

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["drain-outbox"]["task"] == "common.drain_outbox"
    assert schedule["drain-outbox"]["schedule"] == settings.TASK_OUTBOX_SWEEP_S
    sent = []
    monkeypatch.setattr(celery_config.app, "send_task", lambda name, *a, **k: sent.append(name))
    celery_config.worker_ready.send(sender=None)
    assert sent == ["common.drain_outbox"]
