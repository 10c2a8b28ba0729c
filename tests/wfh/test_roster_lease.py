"""A roster whose worker is gone is noticed by its lease and queued again (or failed after the last
attempt); a rerun of a stuck roster starts it; "Buat jadwal" with the broker down answers normally
and the roster is sent once the broker is back; the command says only what it did."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from common.models import QueuedTask
from common.tasks import outbox_drain
from tests.wfh.page_helpers import generate, login
from wfh.models import Assignment, Roster
from wfh.rosters import generation, lease

pytestmark = pytest.mark.django_db


def _lost(roster, *, attempts=1, seconds=None):
    """The roster as a worker killed mid-run leaves it: running, its last heartbeat long ago."""
    ago = timezone.now() - dt.timedelta(seconds=seconds or settings.ROSTER_LEASE_S + 5)
    Roster.objects.filter(pk=roster.pk).update(
        status=Roster.Status.RUNNING, started_at=ago, heartbeat_at=ago, attempts=attempts
    )


def test_claiming_takes_the_lease(sched, django_capture_on_commit_callbacks):
    roster = generate(django_capture_on_commit_callbacks, sched.phase2, sched.world.kominfo)
    assert roster.attempts == 1 and roster.heartbeat_at is not None
    assert roster.heartbeat_at >= roster.started_at


def test_the_sweep_queues_again_a_roster_whose_worker_is_gone_and_the_rerun_completes(
    sched, broker, django_capture_on_commit_callbacks
):
    broker.up()
    with django_capture_on_commit_callbacks(execute=True):
        (roster,) = generation.rosters_start(phase=sched.phase2, opds=[sched.world.kominfo])
    broker.sent.clear()  # the first message reached a worker that was then killed
    _lost(roster)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = lease.rosters_sweep()
    assert outcome["requeued"] == [roster.pk]
    roster.refresh_from_db()
    assert roster.status == Roster.Status.QUEUED and roster.started_at is None
    assert broker.names() == ["wfh.generate_roster"]
    broker.deliver()
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error
    assert roster.attempts == 2
    assert Assignment.objects.filter(roster=roster).exists()


def test_a_roster_that_loses_its_worker_on_every_attempt_fails_with_the_reason(
    sched, settings, broker, django_capture_on_commit_callbacks
):
    settings.ROSTER_MAX_ATTEMPTS = 2
    broker.up()
    with django_capture_on_commit_callbacks(execute=True):
        (roster,) = generation.rosters_start(phase=sched.phase2, opds=[sched.world.kominfo])
    _lost(roster, attempts=2)
    outcome = lease.rosters_sweep()
    assert outcome["failed"] == [roster.pk]
    roster.refresh_from_db()
    assert roster.status == Roster.Status.FAILED and roster.finished_at is not None
    assert "Worker berhenti" in roster.error and "2 percobaan" in roster.error


def test_a_running_roster_with_a_fresh_heartbeat_is_left_alone(sched, broker):
    broker.up()
    roster = Roster.objects.create(phase=sched.phase2, opd=sched.world.kominfo)
    _lost(roster, seconds=1)
    assert lease.rosters_sweep() == {"requeued": [], "failed": [], "resent": []}


def test_a_run_declared_lost_cannot_write_its_result(
    sched, broker, monkeypatch, django_capture_on_commit_callbacks
):
    """A slow worker whose lease ran out finishes after the roster was queued again and claimed
    by another run: its rows and its "ready" are thrown away, the new run owns the roster."""
    broker.up()
    with django_capture_on_commit_callbacks(execute=True):
        (roster,) = generation.rosters_start(phase=sched.phase2, opds=[sched.world.kominfo])
    assert generation.roster_claim(roster_id=roster.pk)
    real = generation.engine_result

    def slow_engine(*args, **kwargs):
        Roster.objects.filter(pk=roster.pk).update(attempts=2)  # swept and claimed again
        return real(*args, **kwargs)

    monkeypatch.setattr(generation, "engine_result", slow_engine)
    built = generation.roster_build(roster_id=roster.pk)
    assert built.status == Roster.Status.RUNNING and built.attempts == 2
    assert not Assignment.objects.filter(roster=roster).exists()


def test_a_rerun_of_a_stuck_roster_starts_it(sched, django_capture_on_commit_callbacks):
    roster = generate(django_capture_on_commit_callbacks, sched.phase2, sched.world.kominfo)
    _lost(roster)  # a minute without a heartbeat, well within the old 660 s hard limit
    again = generate(django_capture_on_commit_callbacks, sched.phase2, sched.world.kominfo)
    assert again.pk == roster.pk and again.status == Roster.Status.READY
    assert again.queued_now is True


def test_the_command_does_not_say_it_queued_a_roster_already_on_its_way(
    sched, broker, django_capture_on_commit_callbacks
):
    broker.up()
    with django_capture_on_commit_callbacks(execute=True):
        generation.rosters_start(phase=sched.phase2, opds=[sched.world.kominfo])
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "generate_roster", "--phase", sched.phase2.slug, "--opd", "DISKOMINFO", stdout=out
        )
    text = out.getvalue()
    assert "0 jadwal diantrekan" in text
    assert "1 jadwal sudah dalam antrean atau sedang dibuat" in text and "DISKOMINFO" in text
    assert broker.names() == ["wfh.generate_roster"], "queued once, not twice"


def test_the_command_says_when_the_broker_did_not_take_the_roster(
    sched, broker, django_capture_on_commit_callbacks
):
    broker.down()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "generate_roster", "--phase", sched.phase2.slug, "--opd", "DISKOMINFO", stdout=out
        )
    assert "1 jadwal diantrekan" in out.getvalue()
    assert "Broker (Redis) belum menjawab" in out.getvalue()


def test_buat_jadwal_with_the_broker_down_answers_normally_and_the_drain_sends_it(
    client, sched, broker, django_capture_on_commit_callbacks
):
    w = sched.world
    broker.down()
    login(client, w.opd_admin)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("wfh:phase_generate", args=[sched.phase2.slug]), {"opd": w.kominfo.pk}
        )
    roster = Roster.objects.get(phase=sched.phase2, opd=w.kominfo)
    assert resp.status_code == 302, "a committed roster must not become a 500"
    assert roster.status == Roster.Status.QUEUED
    assert client.get(resp["Location"]).status_code == 200
    assert QueuedTask.objects.filter(name="wfh.generate_roster", args=[roster.pk]).exists()
    # a rerun while it waits does not queue it twice
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wfh:phase_generate", args=[sched.phase2.slug]), {"opd": w.kominfo.pk})
    assert QueuedTask.objects.count() == 1
    broker.up()
    assert outbox_drain() == 1
    broker.deliver()
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error


def test_a_queued_roster_whose_message_was_lost_is_sent_again(sched, settings, broker):
    broker.up()
    roster = Roster.objects.create(phase=sched.phase2, opd=sched.world.kominfo)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.ROSTER_LEASE_S * 10)
    Roster.objects.filter(pk=roster.pk).update(queued_at=long_ago)
    assert lease.rosters_sweep()["resent"] == [roster.pk]
    assert lease.rosters_sweep()["resent"] == [], "once per period, not at every sweep"


def test_the_sweep_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-rosters"]
    assert entry == {"task": "wfh.sweep_rosters", "schedule": float(settings.ROSTER_SWEEP_S)}
    assert settings.ROSTER_SWEEP_S + settings.ROSTER_LEASE_S <= 75  # noticed within about a minute
