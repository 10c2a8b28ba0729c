"""A check-in the phone kept while offline, sent later as JSON to /presensi/kirim/: stored once
whatever the number of tries, with the time it was taken and the time it arrived, marked
sent_late past ATTENDANCE_SENT_LATE_AFTER_S, through the same checks as any check-in; and the
reviewers see the mark."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from attendance.flags import OUTSIDE_GEOFENCE
from attendance.models import AttendanceEvent, EventStatus
from tests.attendance.conftest import OFFICE, WFO_DAY, publish
from wfh.models import Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 12, 1, 8, 0, tzinfo=WIB)  # Monday 08:00 WIB, a working day
URL = "/presensi/kirim/"
TOKEN = "0123456789abcdef" * 2

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(dt.UTC))


@pytest.fixture
def wfo(world):
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    publish(world.staff, WFO_DAY, Mode.WFO)
    return world


def send(client, **fields):
    body = {
        "token": TOKEN,
        "kind": "in",
        "taken_at": (NOW - dt.timedelta(minutes=40)).isoformat(),
        "latitude": str(OFFICE[0]),
        "longitude": str(OFFICE[1]),
        "accuracy_m": "12",
    }
    body.update(fields)
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_the_url_is_the_one_the_page_posts_to():
    assert reverse("attendance:checkin_send") == URL


def test_a_kept_check_in_is_stored_with_the_time_taken_and_the_time_it_arrived(client, wfo):
    client.force_login(wfo.pegawai_user)
    resp = send(client)
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["status"] == "accepted" and body["sent_late"] is True
    event = AttendanceEvent.objects.get()
    assert event.timestamp == NOW - dt.timedelta(minutes=40)
    assert event.received_at == NOW
    assert event.sent_late is True
    assert event.day == WFO_DAY and event.mode == Mode.WFO
    assert event.employee == wfo.staff and event.status == EventStatus.ACCEPTED


def test_sending_the_same_kept_check_in_again_never_counts_it_twice(client, wfo):
    client.force_login(wfo.pegawai_user)
    first = send(client).json()
    again = send(client)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["event_id"] == first["event_id"]
    assert AttendanceEvent.objects.count() == 1
    send(client, token="f" * 32, kind="out")  # another kept check-in has its own id
    assert AttendanceEvent.objects.count() == 2


@pytest.mark.parametrize(
    ("minutes", "late"), [(2, False), (10, False), (11, True)], ids=["2m", "10m", "11m"]
)
def test_sent_late_only_past_the_setting(client, wfo, minutes, late):
    client.force_login(wfo.pegawai_user)
    taken = NOW - dt.timedelta(minutes=minutes)
    assert send(client, taken_at=taken.isoformat()).json()["sent_late"] is late
    assert AttendanceEvent.objects.get().sent_late is late


def test_the_setting_moves_the_threshold(client, wfo, settings):
    settings.ATTENDANCE_SENT_LATE_AFTER_S = 3600
    client.force_login(wfo.pegawai_user)
    assert send(client).json()["sent_late"] is False  # 40 minutes < an hour


def test_a_check_in_sent_at_once_from_the_form_is_not_late(client, wfo):
    client.force_login(wfo.pegawai_user)
    client.post(reverse("attendance:checkin"), {"kind": "in", "token": "b" * 32})
    assert AttendanceEvent.objects.get().sent_late is False


def test_a_kept_check_in_goes_through_the_same_geofence_check(client, wfo):
    client.force_login(wfo.pegawai_user)
    body = send(client, latitude="-6.300000", longitude="106.950000").json()
    assert body["status"] == "flagged" and OUTSIDE_GEOFENCE in body["flags"]
    assert AttendanceEvent.objects.get().status == EventStatus.FLAGGED


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "lunch"}, "kind"),
        ({"token": "short"}, "token"),
        ({"taken_at": "kemarin"}, "taken_at"),
        ({"taken_at": "2025-12-01T07:00:00"}, "taken_at"),  # no offset
        ({"latitude": "-6.2", "longitude": ""}, "longitude"),
    ],
)
def test_a_bad_field_is_a_clear_error_naming_it(client, wfo, fields, field):
    client.force_login(wfo.pegawai_user)
    resp = send(client, **fields)
    assert resp.status_code == 400
    assert resp.json()["field"] == field and resp.json()["message"]
    assert not AttendanceEvent.objects.exists()


def test_a_body_that_is_not_a_json_object_is_refused(client, wfo):
    client.force_login(wfo.pegawai_user)
    for raw in ("[1, 2]", "{not json"):
        resp = client.post(URL, raw, content_type="application/json")
        assert resp.status_code == 400 and resp.json()["message"]


def test_it_needs_the_session_and_the_csrf_token(wfo):
    anonymous = Client()
    assert send(anonymous).status_code == 302  # to the login page
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(wfo.pegawai_user)
    assert send(strict).status_code == 403
    strict.get(reverse("attendance:checkin"))  # the page sets the csrftoken cookie
    token = strict.cookies["csrftoken"].value
    body = {"token": TOKEN, "kind": "in", "taken_at": NOW.isoformat()}
    resp = strict.post(
        URL, json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert resp.status_code == 200 and AttendanceEvent.objects.count() == 1


def test_an_account_without_an_employee_is_refused(client, world):
    client.force_login(world.hr)
    resp = send(client)
    assert resp.status_code == 403 and resp.json()["message"]
    assert not AttendanceEvent.objects.exists()


def test_the_review_queue_shows_that_a_check_in_was_sent_late(client, wfo):
    client.force_login(wfo.pegawai_user)
    send(client, latitude="-6.300000", longitude="106.950000")  # flagged: outside
    client.force_login(wfo.hr)
    html = client.get(reverse("attendance:review")).content.decode()
    assert "dikirim terlambat" in html
    assert "40 menit setelah diambil" in html
    assert "Senin, 1 Desember 2025, 08:00 WIB" in html  # when it arrived


def test_the_employee_sees_the_mark_on_their_day(client, wfo):
    client.force_login(wfo.pegawai_user)
    send(client)
    html = client.get(reverse("attendance:checkin")).content.decode()
    assert "dikirim terlambat" in html
