"""Reviewing flagged events: who may, and only once."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from attendance.models import AttendanceEvent, EventStatus
from attendance.services import event_review, events_ingest
from tests.attendance.conftest import WFO_DAY
from tests.factories import make_user

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def flagged(days):
    [result] = events_ingest(
        items=[
            {
                "nip": days.staff.nip,
                "timestamp": dt.datetime.combine(WFO_DAY, dt.time(7, 25), WIB).isoformat(),
                "kind": "in",
                "mode": "WFO",
                "latitude": "-6.30",
                "longitude": "106.95",
            }
        ],
        source="web",
        received_at=dt.datetime.combine(WFO_DAY, dt.time(7, 26), WIB),
    )
    assert result.status == "flagged"
    return AttendanceEvent.objects.get(pk=result.event_id)


def test_the_opd_admin_accepts_a_flagged_event_with_a_note(days, flagged):
    event = event_review(event=flagged, user=days.opd_admin, accept=True, note="Rapat di Bappeda")
    assert event.status == EventStatus.ACCEPTED_BY_REVIEW
    assert event.reviewed_by == days.opd_admin and event.reviewed_at is not None
    assert event.review_note == "Rapat di Bappeda"


def test_hr_rejects_a_flagged_event_and_must_say_why(days, flagged):
    with pytest.raises(ValidationError):
        event_review(event=flagged, user=days.hr, accept=False, note=" ")
    event = event_review(event=flagged, user=days.hr, accept=False, note="Bukan di kantor")
    assert event.status == EventStatus.REJECTED_BY_REVIEW


def test_an_admin_of_another_opd_may_not_review(days, flagged):
    stranger = make_user("admin.dukcapil", Role.OPD_ADMIN)
    days.dukcapil.admins.add(stranger)
    with pytest.raises(PermissionDenied):
        event_review(event=flagged, user=stranger, accept=True, note="")
    with pytest.raises(PermissionDenied):
        event_review(event=flagged, user=days.pegawai_user, accept=True, note="")
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.FLAGGED


def test_an_event_is_reviewed_once_and_an_accepted_one_not_at_all(days, flagged):
    event_review(event=flagged, user=days.opd_admin, accept=True, note="")
    with pytest.raises(ValidationError, match="tidak sedang menunggu tinjauan"):
        event_review(event=flagged, user=days.hr, accept=False, note="Salah")
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.ACCEPTED_BY_REVIEW
