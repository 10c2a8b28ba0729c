"""Migration 0002 (the colleague's consent): requests made before it keep their status, so a
"pending" one still waits for the supervisor and can be approved, and nobody is asked again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from selfservice.models import SwapRequest, SwapStatus

BEFORE = [("selfservice", "0001_initial")]
AFTER = [("selfservice", "0002_swap_colleague_consent")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_requests_made_before_consent_keep_their_status(world):
    old_apps = migrate(BEFORE)
    OldSwap = old_apps.get_model("selfservice", "SwapRequest")
    common = {
        "requester_id": world.staff.pk,
        "colleague_id": world.head.pk,
        "requester_mode_before": "WFO",
        "colleague_mode_before": "WFH",
    }
    waiting = OldSwap.objects.create(day=dt.date(2025, 11, 13), status="pending", **common)
    done = OldSwap.objects.create(day=dt.date(2025, 11, 14), status="approved", **common)
    OldSwap.objects.create(day=dt.date(2025, 11, 15), status="cancelled", **common)

    migrate(AFTER)

    rows = {s.pk: s for s in SwapRequest.objects.all()}
    assert len(rows) == 3
    assert rows[waiting.pk].status == SwapStatus.PENDING  # still the supervisor's to decide
    assert rows[waiting.pk].colleague_answered_at is None  # the colleague never answered
    assert rows[done.pk].status == SwapStatus.APPROVED
    assert not SwapRequest.objects.filter(status=SwapStatus.COLLEAGUE).exists()
    # a new request starts with the colleague
    fresh = SwapRequest.objects.create(day=dt.date(2025, 11, 17), **common)
    assert fresh.status == SwapStatus.COLLEAGUE


@pytest.mark.django_db
def test_the_queue_says_an_old_request_was_never_agreed_to(client, world):
    swap = SwapRequest.objects.create(
        requester=world.staff,
        colleague=world.other,
        day=dt.date(2025, 11, 13),
        requester_mode_before="WFO",
        colleague_mode_before="WFH",
        status=SwapStatus.PENDING,
    )
    client.force_login(world.atasan_user)
    html = client.get("/saya/tukar/persetujuan/").content.decode()
    assert f"/saya/tukar/persetujuan/{swap.pk}/" in html  # decidable, as it was
    assert "Diajukan sebelum persetujuan rekan diwajibkan" in html
