"""POST /api/v1/attendance/events/: one answer per item, idempotent resend, OPD restriction."""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.models import AttendanceEvent
from tests.api.conftest import WIB, recent_working_day
from tests.attendance.conftest import OFFICE, publish
from wfh.models import Mode

URL = "/api/v1/attendance/events/"


@pytest.fixture
def day(world):
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    d = recent_working_day()
    publish(world.staff, d, Mode.WFO)
    publish(world.clerk, d, Mode.WFO)
    return d


def event(employee, day, hour=7, minute=25, **kw) -> dict:
    data = {
        "nip": employee.nip,
        "timestamp": dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WIB).isoformat(),
        "kind": "in",
        "mode": "WFO",
        "latitude": float(OFFICE[0]),
        "longitude": float(OFFICE[1]),
        "accuracy_m": 10,
        "device_id": "mesin-1",
        "external_id": f"mesin-1:{employee.nip}:{hour}{minute}",
    }
    data.update(kw)
    return data


def test_each_item_gets_its_own_answer(world, day, make_client):
    http = make_client(["attendance:write"])
    items = [
        event(world.staff, day),
        event(world.staff, day, 16, 5, kind="out", latitude=-6.30, longitude=106.90),
        event(world.staff, day, 8, 0, timestamp="2025-12-01T08:00:00"),
        event(world.staff, day, 9, 0, nip="199001012015031999"),
    ]
    response = http.post(URL, items, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    results = body["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3]
    assert [r["status"] for r in results] == ["accepted", "flagged", "rejected", "rejected"]
    assert results[1]["flags"] == ["outside_geofence"] and results[1]["message"]
    assert results[2]["field"] == "timestamp" and results[2]["event_id"] is None
    assert results[3]["field"] == "nip"
    assert body["counts"] == {"accepted": 1, "duplicate": 0, "flagged": 1, "rejected": 2}
    assert AttendanceEvent.objects.filter(source="api").count() == 2


def test_a_resent_batch_answers_duplicate_and_stores_nothing_twice(world, day, make_client):
    http = make_client(["attendance:write"])
    items = {"events": [event(world.staff, day), event(world.staff, day, 16, 5, kind="out")]}
    first = http.post(URL, items, format="json").json()
    again = http.post(URL, items, format="json").json()
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    assert [r["event_id"] for r in again["results"]] == [r["event_id"] for r in first["results"]]
    assert AttendanceEvent.objects.count() == 2


def test_an_opd_restricted_client_cannot_send_events_for_another_opd(
    world, day, make_client, django_assert_max_num_queries
):
    http = make_client(["attendance:write"], opds=[world.kominfo])
    items = [event(world.staff, day), event(world.clerk, day), {"kind": "in"}]
    response = http.post(URL, items, format="json").json()
    statuses = [(r["status"], r["field"]) for r in response["results"]]
    assert statuses == [("accepted", ""), ("rejected", "nip"), ("rejected", "nip")]
    assert world.clerk.nip in response["results"][1]["message"]
    assert not AttendanceEvent.objects.filter(employee=world.clerk).exists()


def test_the_opd_check_is_one_query_for_the_whole_batch(world, day, make_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    http = make_client(["attendance:write"], opds=[world.kominfo])
    http.post(URL, [event(world.clerk, day)], format="json")  # warm the last-used stamp
    items = [event(world.clerk, day, 7, m, external_id=f"x{m}") for m in range(40)]
    with CaptureQueriesContext(connection) as queries:
        http.post(URL, items, format="json")
    scope_queries = [q for q in queries if "opd_employee" in q["sql"] and '"nip" IN' in q["sql"]]
    assert len(scope_queries) == 1


def test_over_1000_items_answer_400_and_store_nothing(world, day, make_client):
    http = make_client(["attendance:write"])
    items = [event(world.staff, day, external_id=f"e{i}") for i in range(1001)]
    response = http.post(URL, items, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error" and "1000" in body["message"]
    assert not AttendanceEvent.objects.exists()


@pytest.mark.parametrize("payload", [{"nip": "1"}, [], {"events": "x"}, "teks"])
def test_a_body_that_is_not_a_list_of_events_answers_400(world, payload, make_client):
    http = make_client(["attendance:write"])
    response = http.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_reading_scopes_cannot_send_events(world, day, make_client):
    response = make_client(["attendance:read"]).post(URL, [event(world.staff, day)], format="json")
    assert response.status_code == 403


def test_an_opd_admin_session_may_send_events_for_their_opd_only(world, day):
    from rest_framework.test import APIClient

    http = APIClient()
    http.login(username="admin.kominfo", password=world.password)
    items = [event(world.staff, day), event(world.clerk, day)]
    results = http.post(URL, items, format="json").json()["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected"]
