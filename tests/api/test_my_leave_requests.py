"""/api/v1/me/leave-requests/: the logged-in employee reads and files their own requests; token
clients and accounts without an employee get 403, anonymous callers 401."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from api.models import Scope
from leave.models import LeaveKind, LeaveRecord, LeaveStatus

URL = "/api/v1/me/leave-requests/"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("opd.models.today_in", lambda tz_name: dt.date(2025, 11, 3))


def session(world, username):
    http = APIClient()
    assert http.login(username=username, password=world.password)
    return http


@pytest.mark.django_db
def test_the_employee_files_a_request_and_reads_only_their_own(world):
    LeaveRecord.objects.create(
        employee=world.other,
        kind=LeaveKind.DINAS_LUAR,
        start=dt.date(2025, 11, 5),
        end=dt.date(2025, 11, 5),
    )
    http = session(world, "pegawai")
    body = {"kind": "cuti_tahunan", "start": "2025-11-13", "end": "2025-11-14", "note": "Keluarga"}
    created = http.post(URL, body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["status"] == LeaveStatus.PENDING
    assert created.json()["kind_label"] == "Cuti tahunan"
    listed = http.get(URL).json()
    assert [r["id"] for r in listed["results"]] == [created.json()["id"]]


@pytest.mark.django_db
def test_a_wrong_request_names_the_field_and_stores_nothing(world):
    http = session(world, "pegawai")
    response = http.post(URL, {"kind": "libur", "start": "2025-11-13", "end": "x"}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "kind" in errors and "end" in errors
    response = http.post(
        URL, {"kind": "sakit", "start": "2025-11-13", "end": "2025-11-12"}, format="json"
    )
    assert response.status_code == 400 and "end" in response.json()["errors"]
    response = http.post(
        URL, {"kind": "sakit", "start": "2025-11-13", "end": "2025-11-15"}, format="json"
    )
    assert response.status_code == 400 and "attachment" in response.json()["errors"]
    assert not LeaveRecord.objects.exists()


@pytest.mark.django_db
def test_a_token_client_and_an_account_without_an_employee_get_403(world, make_client):
    token = make_client(list(Scope.values))
    assert token.get(URL).status_code == 403
    assert token.post(URL, {}, format="json").status_code == 403
    hr = session(world, "hr")
    assert hr.get(URL).status_code == 403
    assert hr.get(URL).json()["code"] == "permission_denied"


@pytest.mark.django_db
def test_anonymous_gets_401(world):
    assert APIClient().get(URL).status_code == 401


@pytest.mark.django_db
def test_the_schema_documents_both_operations(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for method, success in (("get", "200"), ("post", "201")):
        responses = paths[URL][method]["responses"]
        assert {success, "400", "401", "403"} <= set(responses)
