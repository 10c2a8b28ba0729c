"""The review queue of flagged events: who sees it, what it shows (distance, never coordinates),
accept and reject (with a note), inline with htmx, and a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from accounts.models import Role
from attendance.models import AttendanceEvent, EventStatus
from attendance.services import events_ingest
from config.navigation import review_badge_queries
from opd.access import scope_for
from tests.attendance.conftest import WFO_DAY
from tests.factories import make_employee, make_user

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
FAR = ("-6.301234", "106.951234")  # about 7 km from the office
REVIEW = "attendance:review"


def _flag(employee, minute: int = 25, far=FAR) -> AttendanceEvent:
    """A check-in far from the office on the WFO Monday, flagged by the ingest."""
    [result] = events_ingest(
        items=[
            {
                "nip": employee.nip,
                "timestamp": dt.datetime.combine(WFO_DAY, dt.time(7, minute), WIB).isoformat(),
                "kind": "in",
                "mode": "WFO",
                "latitude": far[0],
                "longitude": far[1],
                "accuracy_m": "12",
            }
        ],
        source="web",
        received_at=dt.datetime.combine(WFO_DAY, dt.time(8, 0), WIB),
    )
    assert result.status == "flagged", result
    return AttendanceEvent.objects.get(pk=result.event_id)


@pytest.fixture
def flagged(days):
    return _flag(days.staff)


def _get(client, user, **params):
    client.force_login(user)
    return client.get(reverse(REVIEW), params)


def _decide(client, user, event, action, note="", htmx=False):
    client.force_login(user)
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("attendance:review_decide", args=[event.pk]),
        {"action": action, "note": note},
        headers=headers,
    )


def test_the_opd_admin_sees_the_flagged_event_with_distance_not_coordinates(client, days, flagged):
    resp = _get(client, days.opd_admin)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Sari Staf" in html and days.staff.nip in html
    assert "DISKOMINFO / TIK" in html
    assert "Senin, 1 Desember 2025, 07:25 WIB" in html
    assert "diklaim WFO, terjadwal WFO" in html
    assert "Di luar radius kantor" in html
    assert f"{round(flagged.distance_m)} m dari titik acuan" in html
    assert "1 menunggu" in html
    # coordinates never reach the page, in any form
    for value in (FAR[0], FAR[1], "6.301", "106.951", str(flagged.latitude)):
        assert value not in html


def test_hr_sees_every_opd_and_filters_by_opd(client, days, flagged):
    days.dukcapil.latitude, days.dukcapil.longitude = days.kominfo.latitude, days.kominfo.longitude
    days.dukcapil.save()
    _flag(days.clerk)
    html = _get(client, days.hr).content.decode()
    assert "Sari Staf" in html and "Andi Loket" in html and "2 menunggu" in html
    only = _get(client, days.hr, opd="DISDUKCAPIL").content.decode()
    assert "Andi Loket" in only and "Sari Staf" not in only
    # the header counts the whole queue; the filter says how many it shows
    assert "2 menunggu" in only and "1 presensi cocok dengan saringan." in only
    assert _get(client, days.hr, opd="NOPE").status_code == 404


def test_the_queue_is_newest_first(client, days):
    _flag(days.other, minute=10)
    _flag(days.staff, minute=40)
    html = _get(client, days.opd_admin).content.decode()
    assert html.index("Sari Staf") < html.index("Dewi Sekretariat")
    assert "2 menunggu" in html


def test_an_admin_of_another_opd_sees_none_of_it_and_may_not_decide(client, days, flagged):
    stranger = make_user("admin.dukcapil", Role.OPD_ADMIN)
    days.dukcapil.admins.add(stranger)
    html = _get(client, stranger).content.decode()
    assert "Sari Staf" not in html
    assert "Tidak ada presensi yang menunggu tinjauan." in html
    assert _get(client, stranger, opd="DISKOMINFO").status_code == 403
    assert _decide(client, stranger, flagged, "accept").status_code == 403
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.FLAGGED


@pytest.mark.parametrize("who", ["atasan_user", "pegawai_user"])
def test_supervisors_and_employees_get_403(client, days, flagged, who):
    user = getattr(days, who)
    assert _get(client, user).status_code == 403
    assert _decide(client, user, flagged, "accept").status_code == 403
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.FLAGGED


def test_the_empty_queue_says_so(client, days):
    html = _get(client, days.opd_admin).content.decode()
    assert "Tidak ada presensi yang menunggu tinjauan." in html
    assert "0 menunggu" in html


def test_accepting_leaves_the_queue(client, days, flagged):
    resp = _decide(client, days.opd_admin, flagged, "accept", note="Rapat di Bappeda")
    assert resp.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.ACCEPTED_BY_REVIEW
    assert flagged.reviewed_by == days.opd_admin and flagged.review_note == "Rapat di Bappeda"
    html = _get(client, days.opd_admin).content.decode()
    assert "Presensi Sari Staf diterima." in html
    assert "Tidak ada presensi yang menunggu tinjauan." in html


def test_rejecting_needs_a_note(client, days, flagged):
    resp = _decide(client, days.hr, flagged, "reject", note="  ")
    assert resp.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.FLAGGED
    html = _get(client, days.hr).content.decode()
    assert "Tuliskan alasan penolakan." in html

    _decide(client, days.hr, flagged, "reject", note="Bukan di kantor")
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.REJECTED_BY_REVIEW


def test_htmx_replaces_the_item_with_its_outcome(client, days, flagged):
    resp = _decide(client, days.opd_admin, flagged, "reject", note="Tidak di kantor", htmx=True)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert html.startswith('<article class="review-item review-done" id="event-')
    assert "ditolak setelah ditinjau" in html and "Tidak di kantor" in html
    assert FAR[0] not in html


def test_htmx_without_a_note_keeps_the_item_with_the_error(client, days, flagged):
    resp = _decide(client, days.opd_admin, flagged, "reject", htmx=True)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert f'id="event-{flagged.pk}"' in html and "Tuliskan alasan penolakan." in html
    assert 'aria-invalid="true"' in html and FAR[0] not in html


def test_a_second_decision_is_refused(client, days, flagged):
    _decide(client, days.opd_admin, flagged, "accept")
    resp = _decide(client, days.opd_admin, flagged, "reject", note="x", htmx=True)
    assert "tidak sedang menunggu tinjauan" in resp.content.decode()
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.ACCEPTED_BY_REVIEW


def test_an_unknown_action_is_named(client, days, flagged):
    resp = _decide(client, days.opd_admin, flagged, "maybe", htmx=True)
    assert "Pilih terima atau tolak." in resp.content.decode()


def test_deciding_needs_a_post(client, days, flagged):
    client.force_login(days.opd_admin)
    resp = client.get(reverse("attendance:review_decide", args=[flagged.pk]))
    assert resp.status_code == 405


@pytest.mark.parametrize("n", [2, 20])
def test_the_queue_runs_a_bounded_number_of_queries(client, days, n, django_assert_max_num_queries):
    for i in range(n):
        employee = make_employee(days.kominfo, days.sek, name=f"Pegawai Massal {i:02d}")
        _flag(employee, minute=i)
    client.force_login(days.hr)
    # the page's own, and the review entries' badges
    with django_assert_max_num_queries(10 + review_badge_queries(scope_for(days.hr))):
        resp = client.get(reverse(REVIEW))
    assert resp.status_code == 200
    assert resp.context["waiting"] == n


# -- filters and bulk decisions ----------------------------------------------------------------


def _bulk(client, user, events, action, note="", htmx=True, **params):
    client.force_login(user)
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse("attendance:review_bulk")
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    data = {"action": action, "note": note, "ids": [e.pk for e in events]}
    return client.post(url, data, headers=headers)


def test_the_queue_filters_by_unit_date_and_reason(client, days):
    a = _flag(days.staff, minute=10)
    b = _flag(days.other, minute=20)
    unit_a = a.employee.unit
    html = _get(client, days.hr, unit=unit_a.pk).content.decode()
    assert days.staff.name in html
    assert (days.other.name in html) == (days.other.unit_id == unit_a.pk)
    assert (
        "Tidak ada presensi menunggu yang cocok"
        in _get(client, days.hr, date="2025-11-03").content.decode()
    )
    assert days.staff.name in _get(client, days.hr, date=WFO_DAY.isoformat()).content.decode()
    by_reason = _get(client, days.hr, reason="outside_geofence").content.decode()
    assert days.staff.name in by_reason and days.other.name in by_reason
    assert "Tidak ada presensi menunggu" in _get(client, days.hr, reason="day_off").content.decode()
    assert b.status == EventStatus.FLAGGED


def test_a_bad_filter_is_named_not_a_500(client, days, flagged):
    resp = _get(client, days.hr, date="31-12-2025", reason="nope")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Alasan: nope tidak dikenal" in html or "Tanggal: 31-12-2025 bukan tanggal" in html


def test_many_are_accepted_in_one_post_and_the_count_changes_out_of_band(client, days):
    events = [_flag(days.staff, minute=10), _flag(days.other, minute=20)]
    _flag(days.head, minute=30)  # not ticked: stays in the queue
    resp = _bulk(client, days.opd_admin, events, "accept", note="Rapat di luar")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "2 presensi diterima." in html
    assert 'id="review-count" hx-swap-oob="true">1 menunggu' in html
    assert days.head.name in html
    for event in events:
        event.refresh_from_db()
        assert event.status == EventStatus.ACCEPTED_BY_REVIEW
        assert event.review_note == "Rapat di luar" and event.reviewed_by == days.opd_admin
        assert f'id="event-{event.pk}"' not in html  # gone from the list at once


def test_rejecting_many_needs_one_note_and_decides_none_without_it(client, days):
    events = [_flag(days.staff, minute=10), _flag(days.other, minute=20)]
    html = _bulk(client, days.opd_admin, events, "reject", note=" ").content.decode()
    assert "Tuliskan alasan penolakan." in html
    assert set(AttendanceEvent.objects.values_list("status", flat=True)) == {EventStatus.FLAGGED}


def test_a_bulk_decision_names_each_item_it_could_not_decide(client, days):
    mine = _flag(days.staff, minute=10)
    decided = _flag(days.other, minute=20)
    _decide(client, days.hr, decided, "accept")  # another reviewer was quicker
    days.dukcapil.latitude, days.dukcapil.longitude = days.kominfo.latitude, days.kominfo.longitude
    days.dukcapil.save()
    foreign = _flag(days.clerk)  # another OPD: not this admin's to decide
    html = _bulk(client, days.opd_admin, [mine, decided, foreign], "accept").content.decode()
    assert "1 presensi diterima." in html
    assert f"{days.other.name}: Presensi ini tidak sedang menunggu tinjauan." in html
    assert f"{days.clerk.name}: Anda tidak berwenang meninjau presensi ini." in html
    foreign.refresh_from_db()
    assert foreign.status == EventStatus.FLAGGED


def test_a_bulk_post_without_htmx_redirects_keeping_the_filters(client, days):
    event = _flag(days.staff, minute=10)
    resp = _bulk(client, days.opd_admin, [event], "accept", htmx=False, reason="outside_geofence")
    assert resp.status_code == 302
    assert resp["Location"].endswith("?reason=outside_geofence")


def test_nothing_ticked_is_named(client, days, flagged):
    html = _bulk(client, days.opd_admin, [], "accept").content.decode()
    assert "Centang dulu presensi yang akan diputuskan." in html


def test_one_decision_updates_the_header_count_out_of_band(client, days, flagged):
    _flag(days.other, minute=40)
    html = _decide(client, days.opd_admin, flagged, "accept", htmx=True).content.decode()
    assert 'id="review-count" hx-swap-oob="true">1 menunggu' in html


def test_bulk_review_is_refused_to_supervisors(client, days, flagged):
    assert _bulk(client, days.atasan_user, [flagged], "accept").status_code == 403
