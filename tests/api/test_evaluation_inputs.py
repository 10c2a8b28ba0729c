"""POST /api/v1/evaluation/costs/ and /service-output/: scope, one answer per item, the OPD
restriction, and upserts that a resend does not duplicate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from evaluation.models import OperatingCost, ServiceOutput

COSTS = "/api/v1/evaluation/costs/"
SERVICES = "/api/v1/evaluation/service-output/"
OCT = dt.date(2025, 10, 1)


def cost(opd="DISKOMINFO", month="2025-10", **kw) -> dict:
    data = {"opd": opd, "month": month, "electricity_rp": 18750000, "water_m3": 310.5}
    data.update(kw)
    return data


def service(opd="DISDUKCAPIL", start="2025-10-06", **kw) -> dict:
    data = {"opd": opd, "start": start, "end": "2025-10-10", "services_delivered": 1240}
    data.update(kw)
    return data


def test_the_evaluation_scope_is_known_to_clients(make_client):
    from api.models import Scope

    assert "evaluation:write" in Scope.values
    http = make_client(["evaluation:write"])
    assert http.api_client.scopes == ["evaluation:write"]


@pytest.mark.parametrize("url,item", [(COSTS, cost()), (SERVICES, service())])
def test_clients_without_the_scope_are_refused(world, make_client, url, item):
    http = make_client(["attendance:write", "org:read"])
    response = http.post(url, [item], format="json")
    assert response.status_code == 403
    assert "evaluation:write" in response.json()["message"]
    assert not OperatingCost.objects.exists() and not ServiceOutput.objects.exists()


def test_costs_answer_each_item(world, make_client):
    OperatingCost.objects.create(opd=world.kominfo, month=dt.date(2025, 11, 1), water_rp=1)
    http = make_client(["evaluation:write"])
    items = [
        cost(),
        cost(month="2025-11", electricity_rp="Rp 5.400.000"),
        cost(month="10-2025"),
        cost(opd="NOPE"),
        cost(month="2025-12", electricity_rp=-5, internet_rp=1.5),
        cost(month="2025-12", bogus=1),
        "teks",
        cost(),
    ]
    response = http.post(COSTS, items, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    results = body["results"]
    assert [r["index"] for r in results] == list(range(8))
    assert [r["status"] for r in results] == [
        "created",
        "updated",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
    ]
    assert results[2]["field"] == "month" and "2025-10" in results[2]["message"]
    assert results[3]["field"] == "opd" and "NOPE" in results[3]["message"]
    assert [e["field"] for e in results[4]["errors"]] == ["electricity_rp", "internet_rp"]
    assert results[4]["message"] == "Angka tidak boleh negatif."
    assert results[5]["field"] == "bogus"
    assert results[6]["field"] == "" and results[6]["message"]
    assert results[7]["field"] == "month" and "item 0" in results[7]["message"]
    assert body["counts"] == {"created": 1, "updated": 1, "rejected": 6}
    october = OperatingCost.objects.get(opd=world.kominfo, month=OCT)
    assert october.electricity_rp == 18750000 and october.water_m3 == Decimal("310.5")
    assert october.internet_rp is None and october.source == "api"
    november = OperatingCost.objects.get(opd=world.kominfo, month=dt.date(2025, 11, 1))
    assert november.electricity_rp == 5400000 and november.water_rp == 1  # absent: kept
    assert OperatingCost.objects.count() == 2


def test_resending_costs_updates_and_never_duplicates(world, make_client):
    http = make_client(["evaluation:write"])
    items = {"items": [cost(), cost(opd="DISDUKCAPIL", other_rp=None)]}
    first = http.post(COSTS, items, format="json").json()
    again = http.post(COSTS, items, format="json").json()
    assert [r["status"] for r in first["results"]] == ["created", "created"]
    assert [r["status"] for r in again["results"]] == ["updated", "updated"]
    assert OperatingCost.objects.count() == 2
    assert OperatingCost.objects.get(opd=world.kominfo).electricity_rp == 18750000
    changed = http.post(COSTS, [cost(electricity_rp=None)], format="json").json()
    assert changed["counts"] == {"created": 0, "updated": 1, "rejected": 0}
    assert OperatingCost.objects.get(opd=world.kominfo).electricity_rp is None  # null clears


def test_service_output_answers_each_item_and_upserts(world, make_client):
    http = make_client(["evaluation:write"])
    items = [
        service(complaints=7, avg_response_minutes="18,5", system="SIAK"),
        service(start="2025-10-13", end=None),
        service(start="2025-10-20", end="2025-10-17"),
        service(start="2025-10-01", end="2025-11-15"),
        service(services_delivered=None, start="2025-11-03", end=None),
        service(start="6 Okt 2025"),
    ]
    body = http.post(SERVICES, items, format="json").json()
    results = body["results"]
    assert [r["status"] for r in results] == [
        "created",
        "created",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
    ]
    assert results[2]["field"] == "end" and "sebelum" in results[2]["message"]
    assert results[3]["field"] == "end"
    assert results[4]["field"] == "services_delivered"
    assert results[5]["field"] == "start"
    week = ServiceOutput.objects.get(start=dt.date(2025, 10, 6))
    assert (week.end, week.services_delivered, week.complaints) == (dt.date(2025, 10, 10), 1240, 7)
    assert week.avg_response_minutes == Decimal("18.5") and week.source == "api"
    day = ServiceOutput.objects.get(start=dt.date(2025, 10, 13))
    assert day.end == day.start
    again = http.post(SERVICES, items[:2], format="json").json()
    assert again["counts"] == {"created": 0, "updated": 2, "rejected": 0}
    assert ServiceOutput.objects.count() == 2


@pytest.mark.parametrize("url,make", [(COSTS, cost), (SERVICES, service)])
def test_an_opd_restricted_client_writes_only_its_opds(world, make_client, url, make):
    http = make_client(["evaluation:write"], opds=[world.kominfo])
    items = [make(opd="DISKOMINFO"), make(opd="DISDUKCAPIL")]
    results = http.post(url, items, format="json").json()["results"]
    assert [(r["status"], r["field"]) for r in results] == [("created", ""), ("rejected", "opd")]
    assert "DISDUKCAPIL" in results[1]["message"]
    model = OperatingCost if url == COSTS else ServiceOutput
    assert list(model.objects.values_list("opd__code", flat=True)) == ["DISKOMINFO"]


@pytest.mark.parametrize("payload", [[], {"items": "x"}, {"opd": "X"}, "teks"])
def test_a_body_that_is_not_a_list_answers_400(world, make_client, payload):
    response = make_client(["evaluation:write"]).post(COSTS, payload, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_over_1000_items_answer_400_and_store_nothing(world, make_client):
    items = [cost(month=f"{2000 + i // 12}-{i % 12 + 1:02d}") for i in range(1001)]
    response = make_client(["evaluation:write"]).post(COSTS, items, format="json")
    assert response.status_code == 400 and "1000" in response.json()["message"]
    assert not OperatingCost.objects.exists()


def test_a_full_batch_is_a_bounded_number_of_queries(
    world, make_client, django_assert_max_num_queries
):
    http = make_client(["evaluation:write"])
    http.post(COSTS, [cost()], format="json")  # warm the last-used stamp
    items = [cost(month=f"{2000 + i // 12}-{i % 12 + 1:02d}") for i in range(1000)]
    with django_assert_max_num_queries(30):
        body = http.post(COSTS, items, format="json").json()
    assert body["counts"]["created"] == 999 and body["counts"]["updated"] == 1


def test_only_hr_may_send_through_a_browser_session(world):
    http = APIClient()
    http.login(username="admin.kominfo", password=world.password)
    assert http.post(COSTS, [cost()], format="json").status_code == 403
    http.login(username="hr", password=world.password)
    response = http.post(COSTS, [cost()], format="json")
    assert response.status_code == 200
    assert OperatingCost.objects.get().updated_by.username == "hr"


def test_a_json_number_with_a_dot_is_a_decimal_never_thousands(world, make_client):
    """1.234 as a JSON number is one point two three four: refused for a whole-rupiah field
    (never stored as 1234); the text "1.234" is Indonesian for one thousand two hundred and
    thirty-four; a decimal JSON number is kept as sent where decimals are allowed."""
    http = make_client(["evaluation:write"])
    items = [
        cost(electricity_rp=1.234),
        cost(month="2025-11", electricity_rp="1.234", water_m3=1.5),
        cost(month="2025-12", electricity_rp=1234.0),
    ]
    results = http.post(COSTS, items, format="json").json()["results"]
    assert [r["status"] for r in results] == ["rejected", "created", "created"]
    assert results[0]["field"] == "electricity_rp" and "bulat" in results[0]["message"]
    assert not OperatingCost.objects.filter(month=OCT).exists()
    november = OperatingCost.objects.get(month=dt.date(2025, 11, 1))
    assert november.electricity_rp == 1234 and november.water_m3 == Decimal("1.5")
    assert OperatingCost.objects.get(month=dt.date(2025, 12, 1)).electricity_rp == 1234
