"""Token authentication, scopes, throttling and the one error body."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiClient
from api.services import api_client_revoke, api_client_rotate

OPDS = "/api/v1/opds/"


def assert_error_body(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "errors"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], dict)
    return body


def test_no_token_answers_401_with_the_error_body(world):
    response = APIClient().get(OPDS)
    assert_error_body(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_token_answers_401(world):
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION="Token wfh_not-a-real-token")
    assert_error_body(http.get(OPDS), 401, "authentication_failed")


def test_a_malformed_authorization_header_answers_401(world):
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION="Token two parts")
    assert_error_body(http.get(OPDS), 401, "authentication_failed")


def test_a_revoked_token_answers_401(world, make_client):
    http = make_client(["org:read"])
    assert http.get(OPDS).status_code == 200
    api_client_revoke(client=http.api_client)
    assert_error_body(http.get(OPDS), 401, "authentication_failed")


def test_a_rotated_token_replaces_the_old_one(world, make_client):
    http = make_client(["org:read"])
    old = http.token
    _client, new = api_client_rotate(client=http.api_client)
    http.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert http.get(OPDS).status_code == 401
    http.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert http.get(OPDS).status_code == 200


def test_a_missing_scope_answers_403_naming_it(world, make_client):
    http = make_client(["schedule:read"])
    body = assert_error_body(http.get(OPDS), 403, "permission_denied")
    assert "org:read" in body["message"]


def test_an_unknown_path_answers_404_with_the_error_body(world, make_client):
    http = make_client(["org:read"])
    assert_error_body(http.get("/api/v1/tidak-ada/"), 404, "not_found")


def test_a_wrong_method_answers_405_with_the_error_body(world, make_client):
    http = make_client(["org:read"])
    assert_error_body(http.delete(OPDS), 405, "method_not_allowed")


def test_a_missing_required_parameter_answers_400_naming_it(world, make_client):
    http = make_client(["schedule:read"])
    body = assert_error_body(http.get("/api/v1/schedule/?opd=DISKOMINFO"), 400, "validation_error")
    assert list(body["errors"]) == ["date"]


def test_a_bad_date_answers_400_naming_the_parameter(world, make_client):
    http = make_client(["summary:read"])
    body = assert_error_body(
        http.get("/api/v1/summaries/opd/?date=04-12-2025"), 400, "validation_error"
    )
    assert "YYYY-MM-DD" in body["errors"]["date"][0]


def test_malformed_json_answers_400_parse_error(world, make_client):
    http = make_client(["attendance:write"])
    response = http.generic(
        "POST", "/api/v1/attendance/events/", "{not json", content_type="application/json"
    )
    assert_error_body(response, 400, "parse_error")


def test_throttling_answers_429_with_retry_after(world, make_client, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    http = make_client(["org:read"])
    other = make_client(["org:read"])
    assert http.get(OPDS).status_code == 200
    assert http.get(OPDS).status_code == 200
    response = http.get(OPDS)
    assert_error_body(response, 429, "throttled")
    assert 1 <= int(response["Retry-After"]) <= 60
    # the bucket is per client: another client is not held back
    assert other.get(OPDS).status_code == 200


def test_last_used_is_recorded_at_most_once_a_minute(world, make_client, django_assert_num_queries):
    http = make_client(["org:read"])
    http.get(OPDS)
    first = ApiClient.objects.get(pk=http.api_client.pk).last_used_at
    assert first is not None
    http.get(OPDS)
    assert ApiClient.objects.get(pk=http.api_client.pk).last_used_at == first
    ApiClient.objects.filter(pk=http.api_client.pk).update(
        last_used_at=timezone.now() - dt.timedelta(minutes=2)
    )
    http.get(OPDS)
    assert ApiClient.objects.get(pk=http.api_client.pk).last_used_at > first


@pytest.mark.parametrize(
    "username, status", [("hr", 200), ("admin.kominfo", 200), ("pegawai", 403)]
)
def test_browser_sessions_follow_the_role_rules(world, username, status):
    http = APIClient()
    http.login(username=username, password=world.password)
    assert http.get(OPDS).status_code == status


def test_an_opd_admin_session_sees_only_their_opd(world):
    http = APIClient()
    http.login(username="admin.kominfo", password=world.password)
    codes = [o["code"] for o in http.get(OPDS).json()["results"]]
    assert codes == ["DISKOMINFO"]
