"""Who sees and decides a swap request, and the swap pages' query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from config.navigation import EMPLOYEE_BADGE_QUERIES, review_badge_queries
from opd.access import scope_for
from opd.models import Employee
from opd.queues import QUEUE_PAGE_QUERIES
from selfservice.models import SwapRequest, SwapStatus
from selfservice.services import swaps
from tests.factories import make_employee, make_opd, make_user
from tests.selfservice.conftest import (
    MINE,
    NEW,
    QUEUE,
    THU,
    TODAY,
    mode_of,
    request_agreed,
    request_swap,
)
from wfh.models import Mode, ScheduleDay

pytestmark = pytest.mark.django_db


# -- query counts ---------------------------------------------------------------------------------

# 9 today on the own-requests page, whatever the number of requests, and the employee's badges
PAGE_QUERY_BOUND = 10 + EMPLOYEE_BADGE_QUERIES


def many_requests(sched, n: int) -> None:
    """`n` requests of Sari with Rudi (each on its own day) and `n` of Rudi with Sari."""
    days = list(
        ScheduleDay.objects.filter(employee=sched.sari, day__gt=TODAY)
        .order_by("day")
        .values_list("day", flat=True)[:n]
    )
    rows = []
    for day in days:
        for a, b in ((sched.sari, sched.rudi), (sched.rudi, sched.sari)):
            rows.append(
                SwapRequest(
                    requester=a,
                    colleague=b,
                    day=day,
                    requester_mode_before=Mode.WFO,
                    colleague_mode_before=Mode.WFH,
                    status=SwapStatus.COLLEAGUE if a == sched.sari else SwapStatus.PENDING,
                )
            )
    SwapRequest.objects.bulk_create(rows)


@pytest.mark.parametrize("n", [1, 10])
def test_swap_pages_queries_do_not_grow_with_requests(
    client, sched, n, django_assert_max_num_queries
):
    many_requests(sched, n)
    for user, url in (
        (sched.rekan_user, MINE),
        (sched.world.pegawai_user, MINE),
        (sched.world.atasan_user, QUEUE),
        (sched.world.hr, QUEUE),
    ):
        client.force_login(user)
        # a reviewer's page adds the review badges; the queue its filters and waiting count
        extra = review_badge_queries(scope_for(user)) + (QUEUE_PAGE_QUERIES if url == QUEUE else 0)
        with django_assert_max_num_queries(PAGE_QUERY_BOUND + extra):
            response = client.get(url)
        assert response.status_code == 200
    client.force_login(sched.rekan_user)
    assert client.get(MINE).content.decode().count('value="agree"') == n


# -- who may decide -------------------------------------------------------------------------------


def test_an_opd_admin_of_another_opd_cannot_approve(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    admin = make_user("admin.dukcapil", Role.OPD_ADMIN)
    sched.world.dukcapil.admins.add(admin)
    client.force_login(admin)
    assert client.get(QUEUE).status_code == 403
    url = reverse("selfservice:swap_decide", args=[swap.pk])
    assert client.post(url, {"action": "approve"}).status_code == 403
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING
    with pytest.raises(PermissionDenied):
        swaps.swap_approve(swap=swap, user=admin, today=TODAY)


def test_the_opd_admin_of_the_requesters_opd_is_not_the_approver(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    client.force_login(sched.world.opd_admin)
    assert (
        client.post(
            reverse("selfservice:swap_decide", args=[swap.pk]), {"action": "approve"}
        ).status_code
        == 403
    )


def test_another_supervisor_sees_nothing_and_cannot_decide(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    request_swap(client, sched, day=dt.date(2025, 11, 6))  # one still waiting for Rudi
    other_opd = make_opd("BAPPEDA")
    boss_user = make_user("atasan.lain", Role.SUPERVISOR)
    boss = make_employee(other_opd, name="Atasan Lain", user=boss_user)
    make_employee(other_opd, name="Bawahan Lain", supervisor=boss)
    client.force_login(boss_user)
    queue = client.get(QUEUE)
    assert queue.status_code == 200 and "Sari Staf" not in queue.content.decode()
    url = reverse("selfservice:swap_decide", args=[swap.pk])
    assert client.post(url, {"action": "approve"}).status_code == 403


def test_hr_can_approve(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    client.force_login(sched.world.hr)
    assert "Sari Staf" in client.get(QUEUE).content.decode()
    swaps.swap_approve(swap=swap, user=sched.world.hr, today=TODAY)
    assert mode_of(sched.sari, THU) == Mode.WFH


def test_an_employee_cannot_open_the_queue(client, sched):
    client.force_login(sched.world.pegawai_user)
    assert client.get(QUEUE).status_code == 403


def test_the_colleague_sees_the_request_made_with_them(client, sched):
    client.force_login(sched.world.pegawai_user)
    request_swap(client, sched)
    client.force_login(sched.rekan_user)
    page = client.get(MINE).content.decode()
    assert "Diajukan Sari Staf" in page and "Batalkan" not in page
    assert "Permintaan tukar untuk Anda" in page and "Setuju" in page
    assert "csrfmiddlewaretoken" in page


def test_a_person_of_another_opd_is_not_named_when_posted(client, sched):
    outsider = Employee.objects.exclude(opd_id=sched.world.staff.opd_id).first()
    client.force_login(sched.world.pegawai_user)
    response = client.post(NEW, {"day": THU.isoformat(), "colleague": outsider.pk})
    assert response.status_code == 400
    assert outsider.name not in response.content.decode()
    assert not SwapRequest.objects.exists()
