"""GET /healthz: 200 with every check when all is up, 503 naming what is down; the details of the
checks only for HR or an API token."""

from __future__ import annotations

import pytest
from celery import Celery
from django.db import OperationalError
from django.urls import reverse

from accounts.models import Role
from api.services import api_client_create
from config import health
from tests.factories import make_user

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"  # port 1: nothing listens, the connect is refused


def get_health(client, **headers):
    resp = client.get(reverse("healthz"), headers=headers)
    assert resp["Content-Type"] == "application/json"
    return resp, resp.json()


@pytest.fixture
def hr_client(client):
    """HR sees the details of each check."""
    client.force_login(make_user("hr.health", Role.HR))
    return client


def test_the_public_answer_names_only_the_status_and_what_is_down(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(
        health, "celery_app", Celery("wfh-down", broker=UNREACHABLE_BROKER, set_as_current=False)
    )
    resp, body = get_health(client)
    assert resp.status_code == 503
    assert body == {"status": "down", "down": ["broker", "worker"]}  # no hosts, no errors


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.OPD_ADMIN, Role.SUPERVISOR])
def test_staff_other_than_hr_get_the_public_answer(client, settings, role):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(make_user(f"u.{role}", role))
    _, body = get_health(client)
    assert body == {"status": "ok", "down": []}


def test_an_api_token_gets_the_details_and_an_unknown_one_does_not(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _, token = api_client_create(name="monitor", scopes=["schedule:read"], opds=[])
    _, body = get_health(client, Authorization=f"Token {token}")
    assert set(body["checks"]) == {"database", "broker", "worker"}
    _, body = get_health(client, Authorization="Token not-a-token")
    assert "checks" not in body


def test_healthz_is_200_in_eager_mode_without_a_broker(hr_client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    resp, body = get_health(hr_client)
    assert resp.status_code == 200
    assert body["status"] == "ok" and body["down"] == []
    assert set(body["checks"]) == {"database", "broker", "worker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "eager" in body["checks"]["worker"]["mode"]


def test_healthz_needs_no_login_and_is_never_cached(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    resp, _ = get_health(client)
    assert resp.status_code == 200  # not a redirect to the login page
    assert "no-cache" in resp["Cache-Control"]


@pytest.mark.worker
def test_healthz_is_200_and_names_the_worker_when_a_real_worker_answers(hr_client, live_worker):
    resp, body = get_health(hr_client)
    assert resp.status_code == 200, body
    assert body["checks"]["broker"]["transport"] == "redis"
    assert set(live_worker) & set(body["checks"]["worker"]["workers"])


def test_healthz_is_503_naming_the_database_when_it_fails(hr_client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    class BrokenConnection:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    resp, body = get_health(hr_client)
    assert resp.status_code == 503
    assert body["status"] == "down"
    assert body["down"] == ["database"]
    assert "Connection refused" in body["checks"]["database"]["error"]


def test_healthz_is_503_naming_broker_and_worker_when_the_broker_is_unreachable(
    hr_client, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(
        health, "celery_app", Celery("wfh-down", broker=UNREACHABLE_BROKER, set_as_current=False)
    )
    resp, body = get_health(hr_client)
    assert resp.status_code == 503
    assert body["down"] == ["broker", "worker"]
    assert body["checks"]["database"]["ok"]
    assert "127.0.0.1:1" in body["checks"]["broker"]["error"]


def test_healthz_is_503_naming_the_worker_when_no_worker_answers_the_ping(
    hr_client, settings, monkeypatch
):
    # The broker is the configured one: Redis when REDIS_URL is set, else Celery's in-memory one.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    pings = []

    def silent_ping(**kwargs):
        pings.append(kwargs)
        return []

    monkeypatch.setattr(health.celery_app.control, "ping", silent_ping)
    resp, body = get_health(hr_client)
    assert resp.status_code == 503
    assert body["down"] == ["worker"]
    assert body["checks"]["broker"]["ok"]
    assert pings and pings[0]["timeout"] <= 2, "the ping must not hang a health check"


def test_healthz_is_503_naming_the_worker_when_the_ping_itself_fails(
    hr_client, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def failing_ping(**kwargs):
        raise ConnectionResetError("connection reset by peer")

    monkeypatch.setattr(health.celery_app.control, "ping", failing_ping)
    resp, body = get_health(hr_client)
    assert resp.status_code == 503
    assert body["down"] == ["worker"]
    assert "ConnectionResetError" in body["checks"]["worker"]["error"]


def test_healthz_answers_head_requests_for_load_balancers(client, db):
    assert client.head("/healthz").status_code == 200
