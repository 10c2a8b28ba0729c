"""Attendance tells the employee: a returned work report and a flagged check-in, in the inbox."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from accounts.models import Notification, NotificationKind
from accounts.notifications import text_of
from attendance import reports
from attendance.services import events_ingest
from tests.attendance.conftest import OFFICE, WFH_DAY, WFO_DAY

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
TODAY = dt.date(2025, 12, 3)


def at(day, h, m):
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=WIB).isoformat()


def event(employee, when, lat=OFFICE[0], lon=OFFICE[1], **kw):
    return {
        "nip": employee.nip,
        "timestamp": when,
        "kind": "in",
        "mode": "WFO",
        "latitude": str(lat),
        "longitude": str(lon),
        "accuracy_m": 10,
        **kw,
    }


@pytest.mark.django_db
def test_a_returned_report_tells_the_employee_with_the_note(days):
    report = reports.report_submit(
        user=days.pegawai_user, day=WFH_DAY, activities="SOP", outputs="Draf", today=TODAY
    )
    reports.report_review(
        report=report, user=days.atasan_user, approve=False, note="Lampirkan tautan", today=TODAY
    )
    note = Notification.objects.get(user=days.pegawai_user)
    assert note.kind == NotificationKind.REPORT_RETURNED
    assert "Lampirkan tautan" in text_of(note) and "Selasa, 2 Desember 2025" in text_of(note)
    assert note.url == reverse("attendance:report_mine")


@pytest.mark.django_db
def test_an_approved_report_tells_nobody(days):
    report = reports.report_submit(
        user=days.pegawai_user, day=WFH_DAY, activities="SOP", outputs="Draf", today=TODAY
    )
    reports.report_review(report=report, user=days.atasan_user, approve=True, today=TODAY)
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_a_flagged_check_in_tells_the_employee_once_per_day(days):
    received = dt.datetime(2025, 12, 1, 10, 0, tzinfo=WIB)
    far = {"lat": "-6.30", "lon": "106.95"}
    events_ingest(
        items=[
            event(days.staff, at(WFO_DAY, 7, 25), **far),
            event(days.staff, at(WFO_DAY, 16, 5), kind="out", **far),
        ],
        source="api",
        received_at=received,
    )
    [note] = Notification.objects.filter(user=days.pegawai_user)
    assert note.kind == NotificationKind.CHECKIN_FLAGGED
    assert "radius kantor" in text_of(note) and "Senin, 1 Desember 2025" in text_of(note)
    events_ingest(
        items=[event(days.staff, at(WFO_DAY, 12, 0), **far)], source="api", received_at=received
    )
    assert Notification.objects.filter(user=days.pegawai_user).count() == 1


@pytest.mark.django_db
def test_an_accepted_check_in_tells_nobody(days):
    received = dt.datetime(2025, 12, 1, 10, 0, tzinfo=WIB)
    [result] = events_ingest(
        items=[event(days.staff, at(WFO_DAY, 7, 25))], source="api", received_at=received
    )
    assert result.status == "accepted"
    assert not Notification.objects.exists()
