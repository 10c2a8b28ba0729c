"""The swap check and the page that previews it: each limit a swap must keep is named, the
page offers only the days and colleagues a swap can be made with."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opd.models import IneligibleReason
from selfservice.models import SwapRequest
from selfservice.services import swap_rules
from tests.factories import make_employee
from tests.selfservice.conftest import (
    CAP_WEEK_THU,
    MINE,
    NEW,
    QUEUE,
    THU,
    TODAY,
    check,
    preview,
    request_swap,
)
from wfh.models import Mode, ScheduleDay

pytestmark = pytest.mark.django_db


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
    result = swap_rules.swap_check(
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
    result = swap_rules.swap_check(
        requester=world.clerk, colleague=other_clerk, day=THU, today=TODAY
    )
    assert any("Batas layanan langsung" in p for p in result.problems)


def test_head_and_deputy_are_not_both_home_in_a_rotation(sched):
    sched.rudi.unit_role = "deputy"
    sched.rudi.save()
    # on the 6th Rudi (now deputy) and Sari are WFH, Budi (head) WFO: Budi asks Sari
    ScheduleDay.objects.filter(employee=sched.sari, day=dt.date(2025, 11, 6)).update(mode="WFH")
    result = swap_rules.swap_check(
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


def test_the_supervisor_who_approves_is_never_offered_nor_accepted_as_the_colleague(client, sched):
    head = sched.world.head  # Sari's supervisor, in her unit
    assert sched.sari.supervisor_id == head.pk
    ScheduleDay.objects.filter(employee=head, day=THU).update(mode=Mode.WFH)  # opposite of Sari
    client.force_login(sched.world.pegawai_user)
    choices = preview(client, THU)
    assert "Rudi Rekan" in choices and "Budi Kepala" not in choices
    result = check(sched, head, THU)
    assert not result.ok and any("atasan yang menyetujui" in p for p in result.problems)


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
