"""POST /api/v1/meter-readings/: smart meters' readings, idempotent per meter and period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from api.models import Scope
from buildings.models import MeterReading, ReadingSource
from tests.buildings.conftest import build_buildings

URL = "/api/v1/meter-readings/"


@pytest.fixture
def bworld(world):
    world.b = build_buildings(world)
    return world


def item(day: str, value, **kw) -> dict:
    return {"building": "KOMINFO-GD", "meter": "PLN-1", "start": day, "value": value, **kw}


def test_reposting_the_same_period_updates_or_changes_nothing_never_doubles(bworld, make_client):
    http = make_client([Scope.METERS_WRITE])
    first = http.post(URL, [item("2025-11-05", 812.5), item("2025-11-06", "401")], format="json")
    assert first.status_code == 200
    assert first.json()["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    again = http.post(
        URL,
        {"items": [item("2025-11-05", 812.5), item("2025-11-06", 400, end="2025-11-06")]},
        format="json",
    )
    assert [r["status"] for r in again.json()["results"]] == ["unchanged", "updated"]
    assert MeterReading.objects.count() == 2
    assert MeterReading.objects.get(start=dt.date(2025, 11, 6)).value == Decimal("400")
    assert set(MeterReading.objects.values_list("source", flat=True)) == {ReadingSource.API}


def test_each_bad_item_is_answered_with_its_field_and_the_good_ones_are_kept(bworld, make_client):
    http = make_client([Scope.METERS_WRITE])
    answer = http.post(
        URL,
        [
            item("2025-11-05", 10),
            item("2025-11-05", -1),
            {**item("2025-11-07", 1), "meter": "NOPE"},
            item("5 Nov", 1),
            item("2025-11-08", True),
            {**item("2025-11-09", 1), "colour": "red"},
            "not an object",
        ],
        format="json",
    )
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["created"] + ["rejected"] * 6
    assert [r["field"] for r in results[1:6]] == ["value", "meter", "start", "value", "colour"]
    assert answer.json()["counts"]["rejected"] == 6
    assert MeterReading.objects.count() == 1


@pytest.mark.parametrize("body", [[], {}, {"items": []}, "x", [{}] * 1001])
def test_a_body_that_is_not_a_list_of_one_to_1000_items_is_a_400(bworld, make_client, body):
    response = make_client([Scope.METERS_WRITE]).post(URL, body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "validation_error"


def test_needs_meters_write_and_a_restricted_client_writes_only_its_opds_buildings(
    bworld, make_client
):
    assert (
        make_client([Scope.EVALUATION_WRITE])
        .post(URL, [item("2025-11-05", 1)], format="json")
        .status_code
        == 403
    )
    assert APIClient().post(URL, [item("2025-11-05", 1)], format="json").status_code == 401
    restricted = make_client([Scope.METERS_WRITE], opds=[bworld.dukcapil])
    answer = restricted.post(URL, [item("2025-11-05", 1)], format="json").json()
    assert answer["results"][0]["status"] == "rejected"
    assert answer["results"][0]["field"] == "building"
    assert MeterReading.objects.count() == 0


def test_sessions_hr_any_building_opd_admin_only_their_own(bworld):
    http = APIClient()
    http.force_login(bworld.opd_admin)
    other = {**item("2025-11-05", 1), "building": "DUKCAPIL-GD"}
    answer = http.post(URL, [item("2025-11-05", 1), other], format="json").json()
    assert [r["status"] for r in answer["results"]] == ["created", "rejected"]
    http.force_login(bworld.hr)
    assert http.post(URL, [other], format="json").json()["results"][0]["status"] == "created"
    http.force_login(bworld.pegawai_user)
    assert http.post(URL, [item("2025-11-06", 1)], format="json").status_code == 403


def test_a_batch_costs_a_fixed_number_of_queries(
    bworld, make_client, django_assert_max_num_queries
):
    http = make_client([Scope.METERS_WRITE])
    days = [dt.date(2025, 11, 1) + dt.timedelta(days=i) for i in range(30)]
    with django_assert_max_num_queries(14):
        answer = http.post(URL, [item(d.isoformat(), i) for i, d in enumerate(days)], format="json")
    assert answer.json()["counts"]["created"] == 30
