"""The supervisor's swap queue decided many at once: one note, each through the per-item service
and its access check, the waiting count out of band, filters, and bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selfservice.models import SwapRequest, SwapStatus
from tests.factories import make_employee
from tests.selfservice.conftest import HTMX, QUEUE, THU, mode_of, request_agreed
from wfh.models import Mode

pytestmark = pytest.mark.django_db
BULK = "/saya/tukar/persetujuan/massal/"


def copies(swap: SwapRequest, n: int, *, requester=None) -> list[SwapRequest]:
    """More pending requests like `swap`, on the days after it (rejecting needs no schedule)."""
    made = []
    for i in range(1, n + 1):
        other = SwapRequest.objects.get(pk=swap.pk)
        other.pk = None
        other.day = swap.day + dt.timedelta(days=i)
        if requester is not None:
            other.requester = requester
        other.save()
        made.append(other)
    return made


def test_bulk_reject_decides_each_ticked_request_with_the_one_note(client, sched):
    client.force_login(sched.world.pegawai_user)
    first = request_agreed(client, sched)
    more = copies(first, 2)
    client.force_login(sched.world.atasan_user)
    ids = [first.pk, more[0].pk]
    html = client.post(BULK, {"action": "reject", "ids": ids}, **HTMX).content.decode()
    assert "Tuliskan alasan penolakan" in html
    assert SwapRequest.objects.filter(status=SwapStatus.PENDING).count() == 3
    html = client.post(
        BULK, {"action": "reject", "ids": ids, "note": "Unit sedang sibuk"}, **HTMX
    ).content.decode()
    assert "2 tukar jadwal ditolak." in html
    assert 'id="queue-count" hx-swap-oob="true">1 menunggu' in html
    assert set(SwapRequest.objects.filter(pk__in=ids).values_list("status", "decision_note")) == {
        (SwapStatus.REJECTED, "Unit sedang sibuk")
    }
    assert mode_of(sched.sari, THU) == Mode.WFO  # a rejection changes no schedule


def test_bulk_approve_swaps_the_days_and_names_a_request_the_user_may_not_decide(client, sched):
    client.force_login(sched.world.pegawai_user)
    mine = request_agreed(client, sched)
    stranger = make_employee(sched.world.kominfo, sched.world.it, name="Orang Lain")
    theirs = copies(mine, 1, requester=stranger)[0]
    client.force_login(sched.world.atasan_user)
    html = client.post(
        BULK, {"action": "approve", "ids": [mine.pk, theirs.pk]}, **HTMX
    ).content.decode()
    assert "1 tukar jadwal disetujui." in html
    assert "Orang Lain: Anda tidak dapat memutuskan permintaan pegawai ini." in html
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == SwapStatus.APPROVED and theirs.status == SwapStatus.PENDING
    assert mode_of(sched.sari, THU) == Mode.WFH


def test_the_queue_filters_newest_first_and_a_plain_post_comes_back(client, sched):
    client.force_login(sched.world.pegawai_user)
    first = request_agreed(client, sched)
    later = copies(first, 1)[0]
    client.force_login(sched.world.atasan_user)
    page = client.get(QUEUE, {"date": later.day.isoformat()}).content.decode()
    assert f'value="{later.pk}"' in page and f'value="{first.pk}"' not in page
    assert "bukan tanggal" in client.get(QUEUE, {"date": "besok"}).content.decode()
    empty = client.get(QUEUE, {"date": "2025-12-30"}).content.decode()
    assert "Kosongkan saringan" in empty
    response = client.post(f"{BULK}?date={later.day.isoformat()}", {"action": "approve"})
    assert response.status_code == 302 and response["Location"].endswith(
        f"?date={later.day.isoformat()}"
    )


def test_the_bulk_post_costs_the_same_queries_for_a_short_or_long_queue(client, sched):
    client.force_login(sched.world.pegawai_user)
    first = request_agreed(client, sched)
    client.force_login(sched.world.atasan_user)
    counts = []
    for n in (2, 12):
        SwapRequest.objects.exclude(pk=first.pk).delete()
        SwapRequest.objects.filter(pk=first.pk).update(status=SwapStatus.PENDING)
        made = copies(first, n)
        with CaptureQueriesContext(connection) as ctx:
            client.post(BULK, {"action": "reject", "ids": [made[0].pk], "note": "Tidak"}, **HTMX)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_the_badge_counts_the_requests_waiting_for_the_supervisor(client, sched):
    client.force_login(sched.world.pegawai_user)
    copies(request_agreed(client, sched), 2)
    client.force_login(sched.world.atasan_user)
    response = client.get(reverse("selfservice:swap_queue"))
    item = next(i for i in response.context["menu"] if i.url == QUEUE)
    assert item.badge == 3
