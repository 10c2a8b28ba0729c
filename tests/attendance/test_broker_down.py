"""Accepting a flagged event while the broker (Redis) is down: the decision stands, the page
answers normally, and the summary recompute it queued runs once the broker is back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from attendance.models import EventStatus, SummaryRun
from common.models import QueuedTask
from common.tasks import outbox_drain
from tests.attendance.test_views_review import WFO_DAY, _flag

pytestmark = pytest.mark.django_db


def test_accepting_with_the_broker_down_answers_and_the_recompute_runs_later(
    client, days, broker, django_capture_on_commit_callbacks
):
    event = _flag(days.staff)
    broker.down()
    client.force_login(days.opd_admin)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("attendance:review_decide", args=[event.pk]),
            {"action": "accept", "note": "Rapat di Bappeda"},
        )
    assert resp.status_code == 302, "an accepted event must not become a 500"
    event.refresh_from_db()
    assert event.status == EventStatus.ACCEPTED_BY_REVIEW
    waiting = QueuedTask.objects.get(name="attendance.summarize_days")
    assert waiting.args[:2] == [WFO_DAY.isoformat(), WFO_DAY.isoformat()]
    assert not SummaryRun.objects.exists()
    broker.up()
    assert outbox_drain() == 1
    broker.deliver()
    run = SummaryRun.objects.get()
    assert run.trigger == SummaryRun.Trigger.RECOMPUTE and run.start == WFO_DAY
