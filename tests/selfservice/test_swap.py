"""Swap requests: the preview's limit messages, request, the colleague's consent, approval that
rewrites both schedules and mails both people, rejection, cancellation, and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from opd.models import Employee, IneligibleReason
from selfservice import services
from selfservice.models import SwapRequest, SwapStatus
from tests.factories import make_employee, make_opd, make_user
from tests.selfservice.conftest import THU, TODAY, mode_of
from wfh.models import Assignment, AssignmentChange, Mode, ScheduleDay, Source

pytestmark = pytest.mark.django_db

NEW, MINE, QUEUE = "/saya/tukar/", "/saya/tukar/daftar/", "/saya/tukar/persetujuan/"
HTMX = {"HTTP_HX_REQUEST": "true"}
CAP_WEEK_THU = dt.date(2025, 11, 20)  # Sari WFO, Rudi WFH; Sari already WFH on the 17th and 18th


def check(sched, colleague, day):
    return services.swap_check(requester=sched.sari, colleague=colleague, day=day, today=TODAY)


def preview(client, day, colleague=None) -> str:
    params = {"day": day.isoformat()}
    if colleague is not None:
        params["colleague"] = colleague.pk
    response = client.get(NEW, params, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def request_swap(client, sched, day=THU, note="Anak sakit") -> SwapRequest:
    """Sari asks Rudi; the request waits for Rudi."""
    response = client.post(NEW, {"day": day.isoformat(), "colleague": sched.rudi.pk, "note": note})
    assert response.status_code == 302, response.content.decode()
    return SwapRequest.objects.get(requester=sched.sari, day=day, status=SwapStatus.COLLEAGUE)


def request_agreed(client, sched, day=THU) -> SwapRequest:
    """Sari asks Rudi and Rudi agrees: the request waits for the supervisor."""
    swap = request_swap(client, sched, day=day)
    services.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING
    return swap


def answer(client, swap, action, note=""):
    return client.post(
        reverse("selfservice:swap_answer", args=[swap.pk]), {"action": action, "note": note}
    )


def test_routes():
    assert reverse("selfservice:swap_new") == NEW
    assert reverse("selfservice:swap_mine") == MINE
    assert reverse("selfservice:swap_queue") == QUEUE


# -- the check and its messages ------------------------------------------------------------------


def test_a_swap_inside_the_unit_within_every_limit_passes(sched):
    result = check(sched, sched.rudi, THU)
    assert result.ok, result.problems
    assert (result.requester_mode, result.colleague_mode) == (Mode.WFO, Mode.WFH)
    text = " ".join(result.passed)
    assert "Batas mingguan terjaga" in text and "2 hari WFH" in text
    assert "Batas minimal di kantor terjaga" in text


def test_weekly_cap_exceeded_is_named(sched):
    result = check(sched, sched.rudi, CAP_WEEK_THU)
    assert not result.ok
    assert any("Batas mingguan" in p and "Sari Staf sudah 2 hari WFH" in p for p in result.problems)


def test_the_cap_is_checked_for_whoever_becomes_wfh(sched):
    """Rudi asks Sari: Sari (WFO that day) becomes WFH and is over her cap."""
    result = services.swap_check(
        requester=sched.rudi, colleague=sched.sari, day=CAP_WEEK_THU, today=TODAY
    )
    assert any("Sari Staf sudah 2 hari WFH" in p for p in result.problems)


def test_unit_minimum_already_short_is_named(sched):
    sched.world.it.min_onsite = 3
    sched.world.it.save()
    result = check(sched, sched.rudi, THU)
    assert any(
        "Batas minimal di kantor" in p and "hanya 2 orang" in p and "minimal 3" in p
        for p in result.problems
    )


def test_colleague_of_another_unit_is_refused(sched):
    result = check(sched, sched.dewi, THU)
    assert any("bukan rekan satu unit" in p for p in result.problems)


def test_same_mode_is_refused(sched):
    result = check(sched, sched.budi, THU)  # both WFO
    assert any("sama-sama WFO" in p and "berlawanan" in p for p in result.problems)


def test_past_day_and_today_are_refused(sched):
    for day in (TODAY, TODAY - dt.timedelta(days=3)):
        result = check(sched, sched.rudi, day)
        assert any("sudah lewat" in p for p in result.problems)


def test_leave_days_are_never_swapped(sched):
    result = check(sched, sched.rudi, dt.date(2025, 11, 25))  # Rudi on leave
    assert any("cuti/izin/dinas" in p and "Rudi Rekan" in p for p in result.problems)


def test_an_ineligible_employee_never_becomes_wfh(sched):
    sched.sari.wfh_eligible = False
    sched.sari.ineligible_reason = IneligibleReason.DISCIPLINARY
    sched.sari.save()
    result = check(sched, sched.rudi, THU)
    assert any("Batas kelayakan" in p for p in result.problems)


def test_a_frontline_unit_never_goes_home(sched):
    world = sched.world
    other_clerk = make_employee(world.dukcapil, world.counter, name="Rina Loket")
    row = ScheduleDay.objects.get(employee=world.clerk, day=THU)
    row.pk, row.employee, row.mode = None, other_clerk, Mode.WFH  # a bad row, say from an import
    row.save()
    result = services.swap_check(requester=world.clerk, colleague=other_clerk, day=THU, today=TODAY)
    assert any("Batas layanan langsung" in p for p in result.problems)


def test_head_and_deputy_are_not_both_home_in_a_rotation(sched):
    sched.rudi.unit_role = "deputy"
    sched.rudi.save()
    # on the 6th Rudi (now deputy) and Sari are WFH, Budi (head) WFO: Budi asks Sari
    ScheduleDay.objects.filter(employee=sched.sari, day=dt.date(2025, 11, 6)).update(mode="WFH")
    result = services.swap_check(
        requester=sched.budi, colleague=sched.sari, day=dt.date(2025, 11, 6), today=TODAY
    )
    assert any("Batas pimpinan" in p for p in result.problems)


# -- the page ------------------------------------------------------------------------------------


def test_page_offers_future_days_and_colleagues_of_my_unit_with_the_opposite_mode(client, sched):
    client.force_login(sched.world.pegawai_user)
    page = client.get(NEW).content.decode()
    assert "Kamis, 13 November 2025" in page
    assert "Senin, 3 November 2025" not in page  # today is not offered
    assert "Selasa, 25 November 2025" in page  # Sari works that day (Rudi is on leave)
    assert "Rekan Anda menyetujui lebih dahulu" in page
    assert "rekan tidak perlu menyetujui" not in page
    choices = preview(client, THU)
    assert "Rudi Rekan" in choices
    assert "Dewi" not in choices  # another unit
    assert "Budi Kepala" not in choices  # same mode (WFO)


def test_preview_says_the_swap_keeps_the_limits(client, sched):
    client.force_login(sched.world.pegawai_user)
    html = preview(client, THU, sched.rudi)
    assert "memenuhi semua batas" in html
    assert "Kamis, 13 November 2025 Anda WFH dan Rudi Rekan WFO" in html
    assert "Batas minimal di kantor terjaga" in html


def test_preview_names_the_weekly_cap(client, sched):
    client.force_login(sched.world.pegawai_user)
    html = preview(client, CAP_WEEK_THU, sched.rudi)
    assert "tidak dapat diajukan" in html and "Batas mingguan" in html


def test_preview_names_a_short_unit(client, sched):
    sched.world.it.min_onsite = 3
    sched.world.it.save()
    client.force_login(sched.world.pegawai_user)
    assert "Batas minimal di kantor" in preview(client, THU, sched.rudi)


def test_colleague_of_another_unit_cannot_be_posted(client, sched):
    client.force_login(sched.world.pegawai_user)
    response = client.post(NEW, {"day": THU.isoformat(), "colleague": sched.dewi.pk})
    assert response.status_code == 400
    assert "bukan rekan satu unit" in response.content.decode()
    assert not SwapRequest.objects.exists()


def test_missing_fields_are_named(client, sched):
    client.force_login(sched.world.pegawai_user)
    response = client.post(NEW, {"day": "", "colleague": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tanggal:" in html and "Rekan:" in html


def test_a_request_over_the_cap_is_not_created(client, sched):
    client.force_login(sched.world.pegawai_user)
    response = client.post(NEW, {"day": CAP_WEEK_THU.isoformat(), "colleague": sched.rudi.pk})
    assert response.status_code == 400
    assert "Batas mingguan" in response.content.decode()
    assert not SwapRequest.objects.exists()


def test_a_second_pending_request_for_the_same_day_is_refused(
    client, sched, django_capture_on_commit_callbacks
):
    client.force_login(sched.world.pegawai_user)
    with django_capture_on_commit_callbacks(execute=True):
        request_swap(client, sched)
    response = client.post(NEW, {"day": THU.isoformat(), "colleague": sched.rudi.pk})
    assert response.status_code == 400
    assert "menunggu persetujuan" in response.content.decode()


# -- request, approval, rejection, cancellation --------------------------------------------------


def test_request_consent_then_approval_swaps_both_schedules_and_mails_both(
    client, sched, django_capture_on_commit_callbacks
):
    client.force_login(sched.world.pegawai_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            NEW, {"day": THU.isoformat(), "colleague": sched.rudi.pk, "note": "Anak sakit"}
        )
    assert response.status_code == 302
    swap = SwapRequest.objects.get()
    assert swap.status == SwapStatus.COLLEAGUE  # first the colleague
    assert swap.colleague_answered_at is None
    assert (swap.requester_mode_before, swap.colleague_mode_before) == (Mode.WFO, Mode.WFH)
    assert mode_of(sched.sari, THU) == Mode.WFO  # nothing changes before approval
    assert len(mail.outbox) == 1  # only the colleague is asked
    assert mail.outbox[0].to == ["rudi@example.id"]
    assert "persetujuan Anda" in mail.outbox[0].subject
    assert "Kamis, 13 November 2025" in mail.outbox[0].subject
    assert "Anak sakit" in mail.outbox[0].body
    mine = client.get(MINE).content.decode()
    assert "menunggu persetujuan rekan" in mine and "Rudi Rekan" in mine
    assert "dikirim ke Rudi Rekan" in mine  # the flash after the request

    # the supervisor sees it waiting for the colleague, with nothing to press
    client.force_login(sched.world.atasan_user)
    queue = client.get(QUEUE).content.decode()
    assert "Menunggu persetujuan rekan" in queue and "Sari Staf" in queue
    assert reverse("selfservice:swap_decide", args=[swap.pk]) not in queue

    # the colleague agrees from their own page
    client.force_login(sched.rekan_user)
    page = client.get(MINE).content.decode()
    assert "Permintaan tukar untuk Anda" in page
    assert "Sari Staf (WFO) meminta bertukar dengan Anda (WFH)" in page
    assert reverse("selfservice:swap_answer", args=[swap.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, swap, "agree")
    assert response.status_code == 302 and response.url == MINE
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING and swap.colleague_answered_at is not None
    assert mode_of(sched.rudi, THU) == Mode.WFH  # still nothing changes
    assert len(mail.outbox) == 2  # now the supervisor is told
    assert mail.outbox[1].to == ["budi@example.id"]
    assert "sudah menyetujui" in mail.outbox[1].body
    page = client.get(MINE).content.decode()
    assert "Permintaan tukar untuk Anda" not in page
    assert "menunggu persetujuan atasan" in page and "Disetujui Rudi Rekan" in page

    client.force_login(sched.world.atasan_user)
    queue = client.get(QUEUE).content.decode()
    assert "Sari Staf" in queue and "Kamis, 13 November 2025" in queue
    assert reverse("selfservice:swap_decide", args=[swap.pk]) in queue
    assert "Disetujui rekan (Rudi Rekan)" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("selfservice:swap_decide", args=[swap.pk]), {"action": "approve"}
        )
    assert response.status_code == 302
    swap.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED and swap.decided_by == sched.world.atasan_user
    for emp, mode in ((sched.sari, Mode.WFH), (sched.rudi, Mode.WFO)):
        row = ScheduleDay.objects.get(employee=emp, day=THU)
        assert (row.mode, row.source) == (mode, Source.SWAP)
        cell = Assignment.objects.get(roster=sched.roster, employee=emp, day=THU)
        assert (cell.mode, cell.source) == (mode, Source.SWAP)
    log = AssignmentChange.objects.filter(roster=sched.roster, day=THU)
    assert {(c.employee_id, c.old_mode, c.new_mode) for c in log} == {
        (sched.sari.pk, Mode.WFO, Mode.WFH),
        (sched.rudi.pk, Mode.WFH, Mode.WFO),
    }
    assert all(c.changed_by == sched.world.atasan_user for c in log)
    decided = mail.outbox[-1]
    assert len(mail.outbox) == 3
    assert set(decided.to) == {"sari@example.id", "rudi@example.id"}
    assert "disetujui" in decided.subject and "Kamis, 13 November 2025" in decided.subject
    # other days are untouched
    assert mode_of(sched.sari, dt.date(2025, 11, 12)) == Mode.WFO
    assert mode_of(sched.rudi, dt.date(2025, 11, 20)) == Mode.WFH


def test_my_month_shows_the_swapped_day(client, sched, django_capture_on_commit_callbacks):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    services.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)
    html = client.get("/saya/kalender/", {"bulan": "2025-11"}).content.decode()
    assert "(tukar)" in html


def test_approval_rechecks_the_limits_at_that_moment(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    # meanwhile Sari was given two more WFH days that week
    ScheduleDay.objects.filter(
        employee=sched.sari, day__in=[dt.date(2025, 11, 10), dt.date(2025, 11, 12)]
    ).update(mode=Mode.WFH)
    with pytest.raises(ValidationError, match="Batas mingguan"):
        services.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING
    assert mode_of(sched.rudi, THU) == Mode.WFH
    client.force_login(sched.world.atasan_user)
    response = client.post(
        reverse("selfservice:swap_decide", args=[swap.pk]), {"action": "approve"}, follow=True
    )
    assert "tidak dapat diproses" in response.content.decode()


def test_approval_after_the_day_has_come_is_refused(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.swap_approve(swap=swap, user=sched.world.atasan_user, today=THU)


def test_rejection_needs_a_reason_keeps_schedules_and_mails_both(
    client, sched, django_capture_on_commit_callbacks
):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    client.force_login(sched.world.atasan_user)
    url = reverse("selfservice:swap_decide", args=[swap.pk])
    response = client.post(url, {"action": "reject", "note": ""}, follow=True)
    assert "alasan penolakan" in response.content.decode()
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "note": "Ada rapat tim hari itu"})
    swap.refresh_from_db()
    assert swap.status == SwapStatus.REJECTED and swap.decision_note == "Ada rapat tim hari itu"
    assert mode_of(sched.sari, THU) == Mode.WFO and mode_of(sched.rudi, THU) == Mode.WFH
    assert "ditolak" in mail.outbox[-1].subject
    assert set(mail.outbox[-1].to) == {"sari@example.id", "rudi@example.id"}
    # a decided request cannot be decided again
    with pytest.raises(ValidationError, match="sudah ditolak"):
        services.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)


def test_requester_cancels_while_the_colleague_has_not_answered(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    page = client.get(MINE).content.decode()
    assert "Batalkan" in page and "confirm(" in page
    response = client.post(reverse("selfservice:swap_cancel", args=[swap.pk]))
    assert response.status_code == 302
    swap.refresh_from_db()
    assert swap.status == SwapStatus.CANCELLED
    assert "Batalkan" not in client.get(MINE).content.decode()
    # a new request for the same day is possible again
    request_swap(client, sched)


def test_requester_cancels_while_the_supervisor_has_not_decided(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)
    assert "Batalkan" in client.get(MINE).content.decode()
    assert client.post(reverse("selfservice:swap_cancel", args=[swap.pk])).status_code == 302
    swap.refresh_from_db()
    assert swap.status == SwapStatus.CANCELLED
    client.force_login(sched.world.atasan_user)
    assert (
        reverse("selfservice:swap_decide", args=[swap.pk]) not in client.get(QUEUE).content.decode()
    )
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        services.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)


def test_a_cancelled_request_cannot_be_agreed_to(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    client.post(reverse("selfservice:swap_cancel", args=[swap.pk]))
    client.force_login(sched.rekan_user)
    assert "Permintaan tukar untuk Anda" not in client.get(MINE).content.decode()
    response = answer(client, swap, "agree")
    assert response.status_code == 302
    flash = client.get(MINE).content.decode()
    assert "tidak dapat diproses" in flash and "sudah dibatalkan" in flash
    swap.refresh_from_db()
    assert swap.status == SwapStatus.CANCELLED and swap.colleague_answered_at is None


def test_only_the_requester_cancels(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    client.force_login(sched.rekan_user)
    assert client.post(reverse("selfservice:swap_cancel", args=[swap.pk])).status_code == 403
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE


# -- the colleague's answer ------------------------------------------------------------------------


def test_colleague_declines_final_schedule_untouched_requester_mailed(
    client, sched, django_capture_on_commit_callbacks
):
    client.force_login(sched.world.pegawai_user)
    with django_capture_on_commit_callbacks(execute=True):
        swap = request_swap(client, sched)
    client.force_login(sched.rekan_user)
    page = client.get(MINE).content.decode()
    assert "Tolak" in page and "confirm(" in page  # the decline asks first
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
        services.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    with pytest.raises(ValidationError, match="sudah ditolak rekan"):
        services.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)
    client.force_login(sched.world.pegawai_user)
    mine = client.get(MINE).content.decode()
    assert "ditolak rekan" in mine and "Ditolak Rudi Rekan" in mine
    assert "Saya ada rapat di kantor" in mine and "Batalkan" not in mine
    with pytest.raises(ValidationError, match="sudah ditolak rekan"):
        services.swap_cancel(swap=swap, user=sched.world.pegawai_user)
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
        services.swap_decline(swap=swap, user=sched.rekan_user)
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
            services.swap_agree(swap=swap, user=user, today=TODAY)
        with pytest.raises(PermissionDenied):
            services.swap_decline(swap=swap, user=user)
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
        lambda: services.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY),
        lambda: services.swap_reject(swap=swap, user=sched.world.atasan_user, note="Tidak"),
        lambda: services.swap_approve(swap=swap, user=sched.world.hr, today=TODAY),
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
        services.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    client.force_login(sched.rekan_user)
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, swap, "agree")
    page = client.get(MINE).content.decode()
    assert "tidak dapat diproses" in page and "Batas mingguan" in page
    swap.refresh_from_db()
    assert swap.status == SwapStatus.COLLEAGUE and swap.colleague_answered_at is None
    assert len(mail.outbox) == 0  # the supervisor is not bothered
    # declining stays possible
    services.swap_decline(swap=swap, user=sched.rekan_user)


def test_agreeing_to_a_day_whose_schedule_moved_is_refused(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    # the roster was edited: Rudi is now WFO and Sari WFH on that day
    ScheduleDay.objects.filter(employee=sched.rudi, day=THU).update(mode=Mode.WFO)
    ScheduleDay.objects.filter(employee=sched.sari, day=THU).update(mode=Mode.WFH)
    with pytest.raises(ValidationError, match="Jadwal terbit sudah berubah"):
        services.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.swap_agree(swap=swap, user=sched.rekan_user, today=THU)
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
    services.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    assert "menunggu persetujuan Anda" not in client.get("/saya/kalender/").content.decode()


def test_a_second_request_is_refused_while_the_first_waits_for_the_colleague(client, sched):
    """The colleague is busy with a request that day: Budi cannot ask Rudi too (and Rudi cannot
    ask anybody for that day)."""
    client.force_login(sched.world.pegawai_user)
    request_swap(client, sched)
    ScheduleDay.objects.filter(employee=sched.budi, day=THU).update(mode=Mode.WFO)
    result = services.swap_check(requester=sched.rudi, colleague=sched.budi, day=THU, today=TODAY)
    assert any("menunggu persetujuan" in p for p in result.problems)


# -- query counts ---------------------------------------------------------------------------------

PAGE_QUERY_BOUND = 10  # 9 today on the own-requests page, whatever the number of requests


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
        with django_assert_max_num_queries(PAGE_QUERY_BOUND):
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
        services.swap_approve(swap=swap, user=admin, today=TODAY)


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
    services.swap_approve(swap=swap, user=sched.world.hr, today=TODAY)
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
