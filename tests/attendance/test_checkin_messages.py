"""What the check-in page says back: a check-out with no check-in is kept but flagged, a second
check-in is refused naming the first one's time, a late check-in says its minutes and TL tier."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from attendance.models import AttendanceEvent, EventStatus
from tests.attendance.conftest import OFFICE, publish
from tests.attendance.test_views_presence import FAR, NEAR_OFFICE, NOW, WIB, _client, _post, _today
from wfh.models import Mode


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The server's clock stands still on a working Monday, 07:21:30 WIB."""
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(dt.UTC))
    return NOW


@pytest.fixture
def office(world):
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    return world


def test_a_check_out_with_no_check_in_that_day_is_kept_but_flagged_saying_so(client, office):
    """Events that fail a check are kept for review, never dropped (DESIGN §7)."""
    publish(office.staff, _today(), Mode.WFO)
    html = _post(_client(client, office.pegawai_user), "out", NEAR_OFFICE).content.decode()
    event = AttendanceEvent.objects.get()
    assert event.kind == "out" and event.status == EventStatus.FLAGGED
    assert event.flags == ["no_checkin"]
    assert (
        "Presensi pulang tercatat 07:21 WIB, ditandai: Presensi pulang tanpa presensi masuk "
        "pada hari itu — menunggu tinjauan admin OPD." in html
    )


def test_a_check_out_after_the_check_in_is_not_flagged(client, office, monkeypatch):
    publish(office.staff, _today(), Mode.WFO)
    c = _client(client, office.pegawai_user)
    _post(c, "in", NEAR_OFFICE, token="e" * 32)
    evening = dt.datetime(2025, 12, 1, 16, 5, tzinfo=WIB)
    monkeypatch.setattr(timezone, "now", lambda: evening.astimezone(dt.UTC))
    c = _client(client, office.pegawai_user)  # the morning's session has timed out by then
    html = _post(c, "out", NEAR_OFFICE, token="f" * 32).content.decode()
    assert "Presensi pulang tercatat 16:05 WIB." in html
    out = AttendanceEvent.objects.get(kind="out")
    assert out.status == EventStatus.ACCEPTED and out.flags == []


def test_a_second_check_in_is_refused_saying_the_first_ones_time(client, office, monkeypatch):
    publish(office.staff, _today(), Mode.WFO)
    c = _client(client, office.pegawai_user)
    _post(c, "in", NEAR_OFFICE, token="e" * 32)
    later = dt.datetime(2025, 12, 1, 9, 2, tzinfo=WIB)
    monkeypatch.setattr(timezone, "now", lambda: later.astimezone(dt.UTC))
    html = _post(c, "in", NEAR_OFFICE, token="f" * 32).content.decode()
    assert AttendanceEvent.objects.count() == 1
    assert (
        "Presensi masuk hari ini sudah tercatat pukul 07:21 WIB; presensi masuk kedua tidak "
        "dicatat." in html
    )


def test_a_flagged_first_check_in_may_be_followed_by_a_proper_one(client, office, monkeypatch):
    publish(office.staff, _today(), Mode.WFO)
    c = _client(client, office.pegawai_user)
    _post(c, "in", FAR, token="e" * 32)  # outside the radius: flagged, not counted
    later = dt.datetime(2025, 12, 1, 8, 40, tzinfo=WIB)  # 7 km in 79 minutes: no fast travel
    monkeypatch.setattr(timezone, "now", lambda: later.astimezone(dt.UTC))
    _post(c, "in", NEAR_OFFICE, token="f" * 32)
    statuses = sorted(AttendanceEvent.objects.values_list("status", flat=True))
    assert statuses == [EventStatus.ACCEPTED, EventStatus.FLAGGED]


@pytest.mark.parametrize(
    ("hour", "minute", "late", "tier"),
    [(10, 10, 160, "TL4"), (7, 50, 20, "TL1"), (8, 31, 61, "TL3")],
)
def test_a_late_check_in_is_accepted_saying_the_minutes_and_tier(
    client, office, monkeypatch, hour, minute, late, tier
):
    publish(office.staff, _today(), Mode.WFO)
    when = dt.datetime(2025, 12, 1, hour, minute, tzinfo=WIB)  # the day starts at 07:30
    monkeypatch.setattr(timezone, "now", lambda: when.astimezone(dt.UTC))
    html = _post(_client(client, office.pegawai_user), "in", NEAR_OFFICE).content.decode()
    assert AttendanceEvent.objects.get().status == EventStatus.ACCEPTED
    assert (
        f"Presensi masuk tercatat {hour:02d}:{minute:02d} WIB, terlambat {late} menit ({tier})."
        in html
    )


def test_an_on_time_check_in_says_nothing_of_lateness(client, office):
    publish(office.staff, _today(), Mode.WFO)
    html = _post(_client(client, office.pegawai_user), "in", NEAR_OFFICE).content.decode()
    assert "terlambat" not in html
