"""The colleague's answer: declining is final and keeps the schedule, agreeing checks the limits
again, and only the named colleague answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from selfservice.models import SwapStatus
from selfservice.services import swap_rules, swaps
from tests.selfservice.conftest import (
    MINE,
    QUEUE,
    THU,
    TODAY,
    answer,
    mode_of,
    request_agreed,
    request_swap,
)
from wfh.models import Assignment, AssignmentChange, Mode, ScheduleDay, Source

pytestmark = pytest.mark.django_db


# -- the colleague's answer ------------------------------------------------------------------------


def test_colleague_declines_final_schedule_untouched_requester_mailed(
    client, sched, django_capture_on_commit_callbacks
):
    client.force_login(sched.world.pegawai_user)
    with django_capture_on_commit_callbacks(execute=True):
        swap = request_swap(client, sched)
    client.force_login(sched.rekan_user)
    page = client.get(MINE).content.decode()
    assert "Tolak" in page and "data-confirm=" in page  # the decline asks first (static/js/app.js)
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, swap, "decline", note="  Saya ada rapat di kantor  ")
    assert response.status_code == 302
    swap.refresh_from_db()
    assert swap.status == SwapStatus.DECLINED
    assert swap.colleague_note == "Saya ada rapat di kantor"
    assert swap.colleague_answered_at is not None and swap.decided_by is None
    assert mode_of(sched.sari, THU) == Mode.WFO and mode_of(sched.rudi, THU) == Mode.WFH
    assert not Assignment.objects.filter(source=Source.SWAP).exists()
    assert not AssignmentChange.objects.exists()
    told = mail.outbox[-1]
    assert len(mail.outbox) == 2 and told.to == ["sari@example.id"]
    assert "ditolak rekan" in told.subject and "Kamis, 13 November 2025" in told.subject
    assert "Saya ada rapat di kantor" in told.body
    assert "Anda menolak tukar jadwal dengan Sari Staf" in client.get(MINE).content.decode()

    # final: nobody decides it again, the requester cannot cancel it
    with pytest.raises(ValidationError, match="sudah ditolak rekan"):
        swaps.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    with pytest.raises(ValidationError, match="sudah ditolak rekan"):
        swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)
    client.force_login(sched.world.pegawai_user)
    mine = client.get(MINE).content.decode()
    assert "ditolak rekan" in mine and "Ditolak Rudi Rekan" in mine
    assert "Saya ada rapat di kantor" in mine and "Batalkan" not in mine
    with pytest.raises(ValidationError, match="sudah ditolak rekan"):
        swaps.swap_cancel(swap=swap, user=sched.world.pegawai_user)
    client.force_login(sched.world.atasan_user)
    assert "Sari Staf" not in client.get(QUEUE).content.decode()
    # the day is free for a new request
    client.force_login(sched.world.pegawai_user)
    request_swap(client, sched)


def test_decline_without_a_note(client, sched, django_capture_on_commit_callbacks):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    client.force_login(sched.rekan_user)
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, swap, "decline")
    swap.refresh_from_db()
    assert swap.status == SwapStatus.DECLINED and swap.colleague_note == ""
    assert "Catatan Rudi Rekan: -" in mail.outbox[-1].body


def test_agreeing_twice_says_where_the_request_stands(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    client.force_login(sched.rekan_user)
    answer(client, swap, "agree")
    page = client.get(MINE).content.decode()
    assert "sudah menunggu persetujuan atasan" in page
    with pytest.raises(ValidationError, match="sudah menunggu persetujuan atasan"):
        swaps.swap_decline(swap=swap, user=sched.rekan_user)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING


def test_an_unknown_answer_is_named(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    client.force_login(sched.rekan_user)
    answer(client, swap, "maybe")
    assert "Pilih Setuju atau Tolak" in client.get(MINE).content.decode()
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE


def test_only_the_named_colleague_answers(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    # the requester, the supervisor, HR: none of them is the colleague
    for user in (sched.world.pegawai_user, sched.world.atasan_user, sched.world.hr):
        client.force_login(user)
        assert answer(client, swap, "agree").status_code == 403
        assert answer(client, swap, "decline").status_code == 403
        with pytest.raises(PermissionDenied):
            swaps.swap_agree(swap=swap, user=user, today=TODAY)
        with pytest.raises(PermissionDenied):
            swaps.swap_decline(swap=swap, user=user)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE
    # the request is not offered to anyone else
    client.force_login(sched.world.atasan_user)
    assert "Permintaan tukar untuk Anda" not in client.get(MINE).content.decode()
    # an unknown request is 404, a GET is refused
    client.force_login(sched.rekan_user)
    assert client.post(reverse("selfservice:swap_answer", args=[swap.pk + 99])).status_code == 404
    assert client.get(reverse("selfservice:swap_answer", args=[swap.pk])).status_code == 405


def test_answering_needs_a_login(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    client.logout()
    response = answer(client, swap, "agree")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE


def test_the_supervisor_cannot_decide_before_the_colleague_agreed(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    for decide in (
        lambda: swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY),
        lambda: swaps.swap_reject(swap=swap, user=sched.world.atasan_user, note="Tidak"),
        lambda: swaps.swap_approve(swap=swap, user=sched.world.hr, today=TODAY),
    ):
        with pytest.raises(ValidationError, match="masih menunggu persetujuan Rudi Rekan"):
            decide()
    client.force_login(sched.world.atasan_user)
    response = client.post(
        reverse("selfservice:swap_decide", args=[swap.pk]), {"action": "approve"}, follow=True
    )
    html = response.content.decode()
    assert "tidak dapat diproses" in html and "masih menunggu persetujuan Rudi Rekan" in html
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE and swap.decided_by is None
    assert mode_of(sched.sari, THU) == Mode.WFO and mode_of(sched.rudi, THU) == Mode.WFH


def test_agreeing_rechecks_the_limits(client, sched, django_capture_on_commit_callbacks):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    # meanwhile Sari was given two more WFH days that week
    ScheduleDay.objects.filter(
        employee=sched.sari, day__in=[dt.date(2025, 11, 10), dt.date(2025, 11, 12)]
    ).update(mode=Mode.WFH)
    with pytest.raises(ValidationError, match="Batas mingguan"):
        swaps.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    client.force_login(sched.rekan_user)
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, swap, "agree")
    page = client.get(MINE).content.decode()
    assert "tidak dapat diproses" in page and "Batas mingguan" in page
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE and swap.colleague_answered_at is None
    assert len(mail.outbox) == 0  # the supervisor is not bothered
    # declining stays possible
    swaps.swap_decline(swap=swap, user=sched.rekan_user)


def test_agreeing_to_a_day_whose_schedule_moved_is_refused(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    # the roster was edited: Rudi is now WFO and Sari WFH on that day
    ScheduleDay.objects.filter(employee=sched.rudi, day=THU).update(mode=Mode.WFO)
    ScheduleDay.objects.filter(employee=sched.sari, day=THU).update(mode=Mode.WFH)
    with pytest.raises(ValidationError, match="Jadwal terbit sudah berubah"):
        swaps.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    with pytest.raises(ValidationError, match="sudah lewat"):
        swaps.swap_agree(swap=swap, user=sched.rekan_user, today=THU)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE


def test_my_month_tells_the_colleague_a_request_waits(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    assert "menunggu persetujuan Anda" not in client.get("/saya/kalender/").content.decode()
    client.force_login(sched.rekan_user)
    html = client.get("/saya/kalender/").content.decode()
    assert "1 permintaan tukar jadwal menunggu persetujuan Anda" in html
    assert f"{MINE}#asked-of-me" in html
    swaps.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    assert "menunggu persetujuan Anda" not in client.get("/saya/kalender/").content.decode()


def test_a_second_request_is_refused_while_the_first_waits_for_the_colleague(client, sched):
    """The colleague is busy with a request that day: Budi cannot ask Rudi too (and Rudi cannot
    ask anybody for that day)."""
    client.force_login(sched.world.pegawai_user)
    request_swap(client, sched)
    ScheduleDay.objects.filter(employee=sched.budi, day=THU).update(mode=Mode.WFO)
    result = swap_rules.swap_check(requester=sched.rudi, colleague=sched.budi, day=THU, today=TODAY)
    assert any("menunggu persetujuan" in p for p in result.problems)
