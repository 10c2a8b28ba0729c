"""The request, the colleague's consent, the approval that rewrites both schedules (the published
days, every ready current version, the change log) and mails both people, rejection and
cancellation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from selfservice.models import SwapRequest, SwapStatus
from selfservice.services import swaps
from tests.selfservice.conftest import (
    MINE,
    NEW,
    QUEUE,
    THU,
    TODAY,
    answer,
    mode_of,
    request_agreed,
    request_swap,
)
from wfh.models import Assignment, AssignmentChange, Mode, Roster, ScheduleDay, Source

pytestmark = pytest.mark.django_db


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
    swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)
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
        swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)
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
        swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=THU)


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
        swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)


def test_requester_cancels_while_the_colleague_has_not_answered(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    page = client.get(MINE).content.decode()
    assert "Batalkan" in page and "data-confirm=" in page
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
        swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)


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


def test_an_approved_swap_reaches_every_ready_version_that_agrees_and_logs_each(client, sched):
    """A draft waiting with the same cells takes the swap too (publishing it keeps the swap); a
    version where either cell moved keeps both of its own; superseded history stays."""

    def copy_of(number, **kw):
        roster = Roster.objects.create(
            phase=sched.phase, opd=sched.world.kominfo, version=number, **kw
        )
        cells = Assignment.objects.filter(roster=sched.roster, day=THU)
        Assignment.objects.bulk_create(
            Assignment(
                roster=roster, employee_id=c.employee_id, unit_id=c.unit_id, day=THU, mode=c.mode
            )
            for c in cells
        )
        return roster

    ready = {"status": Roster.Status.READY}
    waiting = copy_of(2, workflow=Roster.Workflow.DRAFT, **ready)
    moved = copy_of(3, workflow=Roster.Workflow.SUBMITTED, **ready)
    Assignment.objects.filter(roster=moved, employee=sched.rudi).update(mode=Mode.WFO)
    old = copy_of(0, workflow=Roster.Workflow.SUPERSEDED, **ready)
    client.force_login(sched.world.pegawai_user)
    swap = request_agreed(client, sched)

    swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)

    def on_thu(roster):
        return dict(
            Assignment.objects.filter(
                roster=roster, day=THU, employee__in=[sched.sari, sched.rudi]
            ).values_list("employee_id", "mode")
        )

    swapped = {sched.sari.pk: Mode.WFH, sched.rudi.pk: Mode.WFO}
    assert {sched.sari.pk: mode_of(sched.sari, THU), sched.rudi.pk: mode_of(sched.rudi, THU)} == (
        swapped
    )
    assert on_thu(sched.roster) == on_thu(waiting) == swapped
    assert on_thu(moved) == {sched.sari.pk: Mode.WFO, sched.rudi.pk: Mode.WFO}
    assert on_thu(old) == {sched.sari.pk: Mode.WFO, sched.rudi.pk: Mode.WFH}
    log = AssignmentChange.objects.filter(day=THU)
    assert {(c.roster_id, c.employee_id, c.new_mode) for c in log} == {
        (roster.pk, employee, mode)
        for roster in (sched.roster, waiting)
        for employee, mode in swapped.items()
    }
