"""Requests that used to end in a 500: JSON nested thousands deep, a body over the limit, and a
NUL (%00) in a query parameter (PostgreSQL's text cannot hold it). Each answers 400 or 413 with a
message that names the limit or the parameter, on pages and in the API."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from api.services import api_client_create

pytestmark = pytest.mark.django_db
DEEP = "[" * 3000 + "]" * 3000
HUGE = 60 * 1024 * 1024


@pytest.fixture
def token_client(world):
    _, token = api_client_create(
        name="limits",
        scopes=[
            "attendance:write",
            "evaluation:write",
            "org:read",
            "schedule:read",
            "summary:read",
        ],
    )
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


@pytest.fixture
def hr_client(world, client):
    client.force_login(world.hr)
    return client


@pytest.mark.parametrize("path", ["/api/v1/attendance/events/", "/api/v1/evaluation/costs/"])
@pytest.mark.parametrize("body", [DEEP, '{"events": ' + DEEP + "}"])
def test_json_nested_thousands_deep_answers_400(token_client, path, body):
    answer = token_client.post(path, body, content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["code"] == "parse_error"
    assert "bersarang" in answer.json()["message"]


class Untouchable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize(
    ("path", "who"), [("/api/v1/attendance/events/", "token_client"), ("/impor/", "hr_client")]
)
def test_a_body_over_the_limit_answers_413_before_it_is_read(request, path, who):
    http = request.getfixturevalue(who)
    answer = http.post(
        path,
        content_type="application/json",
        CONTENT_LENGTH=str(HUGE),
        **{"wsgi.input": Untouchable()},
    )
    assert answer.status_code == 413
    text = answer.content.decode()
    assert "60 MB" in text and "paling besar 50 MB" in text
    if path.startswith("/api/"):
        assert answer.json()["code"] == "request_too_large"


PAGES = [
    ("/pegawai/", "q"),
    ("/pegawai/", "unit"),
    ("/pegawai/", "opd"),
    ("/opd/", "q"),
    ("/cuti/", "q"),
    ("/cuti/", "opd"),
    ("/opd/DISKOMINFO/", "q"),
    ("/opd/DISKOMINFO/", "unit"),
    ("/presensi/opd/DISKOMINFO/", "unit"),
    ("/presensi/opd/DISKOMINFO/", "q"),
    ("/presensi/tinjau/", "opd"),
    ("/presensi/tinjau/", "q"),
]


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_a_nul_in_a_page_filter_answers_400_naming_the_parameter(hr_client, path, name):
    answer = hr_client.get(f"{path}?{name}=ab%00cd")
    assert answer.status_code == 400
    assert f"Parameter {name} memuat karakter yang tidak sah" in answer.content.decode()


def test_a_nul_in_the_path_answers_400(hr_client):
    assert hr_client.get("/opd/DISK%00/").status_code == 400


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/employees/", "q"),
        ("/api/v1/employees/", "opd"),
        ("/api/v1/employees/", "unit"),
        ("/api/v1/opds/", "q"),
        ("/api/v1/schedule/", "opd"),
        ("/api/v1/summaries/opd/", "opd"),
    ],
)
def test_a_nul_in_an_api_parameter_answers_400_naming_it(token_client, path, name):
    answer = token_client.get(f"{path}?{name}=%00")
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "validation_error" and list(body["errors"]) == [name]


def test_the_english_message_is_available(hr_client):
    hr_client.cookies["django_language"] = "en"
    answer = hr_client.get("/pegawai/?q=%00")
    assert "Parameter q contains" in answer.content.decode()


def test_the_schema_documents_the_new_error_answers(client):
    schema = json.loads(client.get("/api/schema/?format=json").content)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if any(p.get("in") == "query" for p in operation.get("parameters", [])):
                assert "400" in operation["responses"], (method, path)
            if "requestBody" in operation:
                assert "413" in operation["responses"], (method, path)
