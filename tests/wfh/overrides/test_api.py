"""The API of the overrides: /api/v1/declared-days/ and /api/v1/wfh-orders/."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import TestCase
from rest_framework.test import APIClient

from api.services import api_client_create
from tests.wfh.overrides.conftest import D
from wfh.models import ScheduleDay, Source
from wfh.overrides.models import DeclaredDay, OverrideStatus, WfhOrder

TWO_DAYS = {
    "start": "2025-11-10",
    "end": "2025-11-11",
    "reference": "SE MenPANRB 2/2026",
    "exempt_opds": ["DISHUB"],
    "exempt_kinds": ["puskesmas"],
}


@pytest.fixture(autouse=True)
def _setup():
    cache.clear()
    with mock.patch("opd.models.Opd.local_today", return_value=D(2025, 11, 1)):
        yield
    cache.clear()


def token(scopes, opds=None):
    _client, key = api_client_create(
        name=f"c-{len(scopes)}-{bool(opds)}", scopes=scopes, opds=opds or []
    )
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return http


@pytest.mark.django_db
def test_a_client_previews_declares_lists_and_revokes_a_two_day_wfa(city):
    http = token(["roster:write"])
    preview = http.post("/api/v1/declared-days/", {**TWO_DAYS, "dry_run": True}, format="json")
    assert preview.status_code == 200 and preview.json()["employees"] > 0
    assert not DeclaredDay.objects.exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        created = http.post("/api/v1/declared-days/", TWO_DAYS, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["exempt_opds"] == ["DISHUB"] and body["exempt_kinds"] == ["puskesmas"]
    assert body["affected_employees"] == preview.json()["employees"]
    assert ScheduleDay.objects.filter(source=Source.DECLARED).exists()
    listing = http.get("/api/v1/declared-days/").json()
    assert [r["id"] for r in listing["results"]] == [body["id"]]
    with TestCase.captureOnCommitCallbacks(execute=True):
        revoked = http.post(f"/api/v1/declared-days/{body['id']}/revoke/", format="json")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert not ScheduleDay.objects.filter(source=Source.DECLARED).exists()
    again = http.post(f"/api/v1/declared-days/{body['id']}/revoke/", format="json")
    assert again.status_code == 409


@pytest.mark.django_db
def test_bad_fields_are_named_in_the_error_body(city):
    http = token(["roster:write"])
    response = http.post(
        "/api/v1/declared-days/",
        {**TWO_DAYS, "share": "separuh", "exempt_opds": ["DISHUBB"], "colour": "red"},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"share", "exempt_opds", "non_field_errors"} <= set(errors)
    assert "DISHUBB" in errors["exempt_opds"][0]
    assert not DeclaredDay.objects.exists()


@pytest.mark.django_db
def test_a_client_restricted_to_an_opd_may_not_declare(city):
    http = token(["roster:write"], opds=[city.w.kominfo])
    response = http.post("/api/v1/declared-days/", TWO_DAYS, format="json")
    assert response.status_code == 403
    assert not DeclaredDay.objects.exists()


@pytest.mark.django_db
def test_an_order_over_the_cap_is_refused_without_a_reason_and_kept_with_one(city):
    w = city.w
    http = APIClient()
    http.force_login(w.opd_admin)
    order = {
        "opd": "DISKOMINFO",
        "nips": [w.staff.nip],
        "start": "2025-11-10",
        "end": "2025-11-12",
        "number": "800/12/DISKOMINFO/2025",
        "reason": "banjir",
    }
    refused = http.post("/api/v1/wfh-orders/", order, format="json")
    assert refused.status_code == 400
    assert "Batas mingguan" in refused.json()["errors"]["departure_reason"][0]
    assert not WfhOrder.objects.exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = http.post(
            "/api/v1/wfh-orders/", {**order, "departure_reason": "Banjir"}, format="json"
        )
    assert done.status_code == 201, done.json()
    assert done.json()["departures"] and done.json()["departure_reason"] == "Banjir"
    other = http.post("/api/v1/wfh-orders/", {**order, "opd": "DISDUKCAPIL"}, format="json")
    assert other.status_code == 400 and "opd" in other.json()["errors"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        revoked = http.post(f"/api/v1/wfh-orders/{done.json()['id']}/revoke/", format="json")
    assert revoked.status_code == 200
    assert WfhOrder.objects.get().status == OverrideStatus.REVOKED
