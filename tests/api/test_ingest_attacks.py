"""POST /api/v1/attendance/events/ as an attacker would (issue 14): timestamps at the edge of
the calendar, another OPD's external ids, an accuracy of 999,999 m, a fake-GPS spot."""

from __future__ import annotations

import pytest

from attendance.models import AttendanceEvent, EventStatus
from tests.api.conftest import recent_working_day
from tests.api.test_ingest import URL, event
from tests.attendance.conftest import OFFICE, publish
from wfh.models import Mode

MEDAN = {"latitude": 3.595196, "longitude": 98.672226}  # about 1,420 km from the office


@pytest.fixture
def day(world):
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    d = recent_working_day()
    publish(world.staff, d, Mode.WFO)
    return d


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_a_batch_with_a_timestamp_no_offset_can_hold_stores_the_good_item(
    world, day, make_client, stamp
):
    http = make_client(["attendance:write"])
    items = [event(world.staff, day), event(world.staff, day, 8, 0, timestamp=stamp)]
    response = http.post(URL, items, format="json")
    assert response.status_code == 200, response.content
    good, bad = response.json()["results"]
    assert good["status"] == "accepted"
    assert (bad["status"], bad["field"], bad["event_id"]) == ("rejected", "timestamp", None)
    assert AttendanceEvent.objects.count() == 1


def test_a_client_cannot_block_or_see_another_opds_event_by_its_external_id(
    world, day, make_client
):
    kominfo_only = make_client(["attendance:write"], opds=[world.kominfo])
    dukcapil = make_client(["attendance:write"], opds=[world.dukcapil])
    their_id = "mesin-loket:00042"
    # the DUKCAPIL machine's event is stored first; the attacker then reuses its id
    real = dukcapil.post(URL, [event(world.clerk, day, external_id=their_id)], format="json")
    [stored] = real.json()["results"]
    attack = kominfo_only.post(
        URL, [event(world.staff, day, latitude=-6.2383, external_id=their_id)], format="json"
    )
    [answer] = attack.json()["results"]
    assert answer["status"] == "accepted"  # its own event, not the other OPD's
    assert answer["event_id"] != stored["event_id"]
    assert f'"event_id":{stored["event_id"]},' not in attack.content.decode()
    # the attacker first, then the real event: still stored
    first = kominfo_only.post(
        URL,
        [event(world.staff, day, 7, 30, latitude=-6.2383, external_id="loket:7")],
        format="json",
    )
    assert first.json()["results"][0]["status"] == "accepted"
    later = dukcapil.post(
        URL, [event(world.clerk, day, 7, 31, external_id="loket:7")], format="json"
    )
    [own] = later.json()["results"]
    assert own["status"] == "accepted"
    assert AttendanceEvent.objects.get(pk=own["event_id"]).employee == world.clerk
    # and a resend of its own batch is its own duplicate
    again = dukcapil.post(
        URL, [event(world.clerk, day, 7, 31, external_id="loket:7")], format="json"
    )
    [resent] = again.json()["results"]
    assert (resent["status"], resent["event_id"]) == ("duplicate", own["event_id"])


def test_an_accuracy_of_999999_metres_is_flagged_not_trusted(world, day, make_client):
    http = make_client(["attendance:write"])
    far = event(world.staff, day, accuracy_m=999999, **MEDAN)
    [result] = http.post(URL, [far], format="json").json()["results"]
    assert result["status"] == "flagged"
    assert {"outside_geofence", "low_accuracy"} <= set(result["flags"])
    assert AttendanceEvent.objects.get(pk=result["event_id"]).status == EventStatus.FLAGGED


def test_two_employees_at_one_fake_spot_are_both_flagged(world, day, make_client):
    http = make_client(["attendance:write"])
    spot = {"latitude": -6.2383, "longitude": 106.9756, "accuracy_m": 0}
    first = http.post(URL, [event(world.staff, day, **spot)], format="json").json()
    second = http.post(URL, [event(world.head, day, **spot)], format="json").json()
    assert first["results"][0]["flags"] == ["zero_accuracy"]
    assert set(second["results"][0]["flags"]) == {"zero_accuracy", "shared_position"}
    earlier = AttendanceEvent.objects.get(pk=first["results"][0]["event_id"])
    assert earlier.flags == ["zero_accuracy", "shared_position"]
