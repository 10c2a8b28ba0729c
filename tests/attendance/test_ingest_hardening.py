"""events_ingest against crafted input (issue 14): timestamps at the edge of the calendar,
external ids that belong to their sender, and an accuracy that cannot buy a check-in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from attendance.models import AttendanceEvent, EventStatus, WorkingHours
from attendance.services import events_ingest
from tests.attendance.conftest import OFFICE, WFH_DAY, WFO_DAY
from tests.attendance.test_ingest import NOW, at, item
from tests.factories import make_employee

# a few metres from the office point: another employee there is not at the very same spot
BESIDE = {"latitude": str(OFFICE[0] + Decimal("0.00010"))}


def ingest(*items, sender="", received_at=NOW):
    return events_ingest(items=list(items), source="api", sender=sender, received_at=received_at)


# -- timestamps no offset or calendar can hold (point 4) --------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0001-01-01T00:00:00+14:00", "rentang"),
        ("9999-12-31T23:59:59-12:00", "rentang"),
        ("1970-01-01T07:00:00+07:00", "rentang"),  # a reset device clock
        ("2036-02-07T06:28:16+00:00", "rentang"),
        ("2025-12-01T07:25:00+23:59", "-12:00 dan +14:00"),
        ("2025-12-01T07:25:00+07:00:30", "menit penuh"),
    ],
)
def test_a_timestamp_out_of_range_is_rejected_naming_it_and_the_rest_is_stored(days, value, words):
    good = item(days.staff, at(WFO_DAY, 7, 25))
    bad = item(days.staff, at(WFO_DAY, 7, 26), timestamp=value)
    a, b = ingest(good, bad)
    assert a.status == "accepted"
    assert (b.status, b.field) == ("rejected", "timestamp") and words in b.message
    assert AttendanceEvent.objects.count() == 1


def test_a_day_ahead_is_flagged_future_and_beyond_it_refused(days):
    [soon] = ingest(item(days.staff, NOW + dt.timedelta(hours=23)))
    [later] = ingest(item(days.staff, NOW + dt.timedelta(hours=25)))
    assert soon.flags[:1] == ["future"]
    assert (later.status, later.field) == ("rejected", "timestamp")


# -- an external id is its sender's own (point 5) ----------------------------------------------


def test_one_senders_external_id_never_blocks_or_reveals_anothers_event(days):
    clerk = days.clerk  # DISDUKCAPIL
    real = item(clerk, at(WFO_DAY, 7, 25), external_id="mesin-9:0001")
    [theirs] = ingest(real, sender="client:1")
    # another client (say restricted to DISKOMINFO) posts the same id for its own employee first
    mine_item = item(days.staff, at(WFO_DAY, 7, 20), external_id="mesin-9:0001", **BESIDE)
    [mine] = ingest(mine_item, sender="x")
    assert theirs.status == "accepted" and mine.status == "accepted"
    assert mine.event_id != theirs.event_id
    # and the real owner's next event with a fresh id is stored, its resend is its own duplicate
    [again] = ingest(real, sender="client:1")
    assert (again.status, again.event_id) == ("duplicate", theirs.event_id)
    assert AttendanceEvent.objects.filter(external_id="mesin-9:0001").count() == 2


def test_an_attackers_id_stored_before_the_owners_does_not_make_it_a_duplicate(days):
    attack = item(days.staff, at(WFO_DAY, 7, 20), external_id="mesin-9:0002", **BESIDE)
    ingest(attack, sender="client:2")
    [real] = ingest(item(days.clerk, at(WFO_DAY, 7, 25), external_id="mesin-9:0002"), sender="c1")
    assert real.status == "accepted"
    assert AttendanceEvent.objects.get(pk=real.event_id).employee == days.clerk


def test_a_senders_id_reused_for_another_employee_is_rejected_naming_external_id(days):
    [first] = ingest(item(days.staff, at(WFO_DAY, 7, 25), external_id="k-1"), sender="c")
    [other] = ingest(item(days.head, at(WFO_DAY, 7, 26), external_id="k-1"), sender="c")
    a, b = ingest(
        item(days.staff, at(WFO_DAY, 8, 0), external_id="k-2"),
        item(days.head, at(WFO_DAY, 8, 1), external_id="k-2"),
        sender="c",
    )
    assert first.status == "accepted"
    assert (other.status, other.field, other.event_id) == ("rejected", "external_id", None)
    assert f"#{first.event_id}" not in other.message and "presensi #" not in other.message
    assert a.status == "accepted" and (b.status, b.field) == ("rejected", "external_id")


def test_an_event_stored_before_senders_were_kept_is_a_duplicate_for_its_employee_only(days):
    [old] = ingest(item(days.staff, at(WFO_DAY, 7, 25), external_id="lama-1"), sender="c")
    AttendanceEvent.objects.filter(pk=old.event_id).update(sender="")  # as the migration left it
    [resent] = ingest(item(days.staff, at(WFO_DAY, 7, 25), external_id="lama-1"), sender="c")
    [other] = ingest(
        item(days.head, at(WFO_DAY, 7, 25), external_id="lama-1", **BESIDE), sender="d"
    )
    assert (resent.status, resent.event_id) == ("duplicate", old.event_id)
    assert other.status == "accepted"


# -- an accuracy cannot buy a check-in (point 6) ------------------------------------------------

MEDAN = {"latitude": "3.595196", "longitude": "98.672226"}  # about 1,420 km from Bekasi


def test_a_huge_accuracy_gets_only_the_capped_credit_and_is_flagged_low_accuracy(days):
    [result] = ingest(item(days.staff, at(WFO_DAY, 7, 25), accuracy_m=999999, **MEDAN))
    assert result.status == "flagged"
    assert {"outside_geofence", "low_accuracy"} <= set(result.flags)
    event = AttendanceEvent.objects.get(pk=result.event_id)
    assert event.status == EventStatus.FLAGGED
    assert event.flag_params["low_accuracy"] == {"accuracy": 999999, "limit": 100}


def test_a_poor_fix_inside_the_radius_is_still_flagged_for_review(days):
    [result] = ingest(item(days.staff, at(WFO_DAY, 7, 25), accuracy_m=250))
    assert result.flags == ["low_accuracy"]


def test_the_credit_is_a_setting(days, settings):
    lat = str(OFFICE[0] + Decimal("0.0018"))  # about 200 m north, radius 150 m
    settings.ATTENDANCE_MAX_ACCURACY_CREDIT_M = 30
    [tight] = ingest(item(days.staff, at(WFO_DAY, 7, 25), latitude=lat, accuracy_m=30))
    settings.ATTENDANCE_MAX_ACCURACY_CREDIT_M = 80
    [loose] = ingest(item(days.staff, at(WFO_DAY, 7, 26), latitude=lat, accuracy_m=80))
    assert tight.flags == ["outside_geofence"]
    assert loose.status == "accepted"


def test_the_home_radius_gets_the_same_cap(days):
    WorkingHours.objects.update_or_create(opd=None, defaults={"require_home_radius": True})
    [result] = ingest(item(days.staff, at(WFH_DAY, 7, 25), mode="WFH", accuracy_m=999999, **MEDAN))
    assert {"outside_home", "low_accuracy"} <= set(result.flags)


def test_another_employee_far_away_with_a_capped_accuracy(days):
    far = make_employee(days.kominfo, days.it, name="Jauh")
    [result] = ingest(item(far, at(WFO_DAY, 7, 25), accuracy_m=100, **MEDAN))
    assert result.flags == ["outside_geofence"]  # 100 m is within the credit: no low_accuracy
