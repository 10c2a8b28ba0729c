"""Webhooks cannot be pointed at the instance's own network: private receivers are off by default
(also with DEBUG=1), the address is checked again when connecting (DNS rebinding), and a ping tells
only delivered or not, never a status code, an error or a timing (no port scanner)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from api.models import WebhookDelivery
from tests.api.test_webhooks_support import receiver, start_receiver  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "93.184.216.34"


def register(http, url):
    return http.post(
        "/api/v1/webhooks/", {"url": url, "events": ["roster.published"]}, format="json"
    )


def test_private_receivers_are_off_by_default_even_with_debug():
    env = {k: v for k, v in os.environ.items() if k != "WEBHOOK_ALLOW_PRIVATE_HOSTS"}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings")
    code = "from django.conf import settings; print(settings.WEBHOOK_ALLOW_PRIVATE_HOSTS)"
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:6379/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_without_opting_in_a_token_cannot_register_the_instances_own_network(
    make_client, settings, url
):
    settings.DEBUG = True
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    answer = register(make_client(["schedule:read"]), url)
    assert answer.status_code == 400 and list(answer.json()["errors"]) == ["url"]


def test_a_name_that_turns_private_after_the_check_is_not_posted_to(
    make_client, settings, monkeypatch
):
    """DNS rebinding: public when registered and when checked, 127.0.0.1 when connecting."""
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    monkeypatch.setattr("api.webhooks._pause", lambda seconds: None)
    state, server = start_receiver()
    port = server.server_port
    real = socket.getaddrinfo
    calls = []

    def rebinding(host, *args, **kwargs):
        if host != "hook.tpp.example":
            return real(host, *args, **kwargs)
        calls.append(host)
        address = PUBLIC if len(calls) <= 2 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        http = make_client(["schedule:read"])
        made = register(http, f"http://hook.tpp.example:{port}/hooks")
        assert made.status_code == 201, made.json()
        answer = http.post(f"/api/v1/webhooks/{made.json()['id']}/ping/").json()
    finally:
        server.shutdown()
        server.server_close()
    assert answer["status"] == "failed"
    assert state.received == []  # nothing reached 127.0.0.1
    assert "privat" in WebhookDelivery.objects.get(pk=answer["id"]).last_error  # HR's log says why


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_ping_tells_only_delivered_or_not(make_client, settings, receiver):  # noqa: F811
    settings.WEBHOOK_TIMEOUT_S = 5
    http = make_client(["schedule:read"])
    answers = {}
    receiver.answers = [500]
    for name, url in [
        ("500", receiver.url),
        ("closed", f"http://127.0.0.1:{_closed_port()}/"),
        ("200", receiver.url + "/ok"),
    ]:
        made = register(http, url).json()
        answers[name] = http.post(f"/api/v1/webhooks/{made['id']}/ping/").json()
    shape = {key for key in answers["200"] if key not in ("id", "event_id", "created_at", "data")}
    for name in ("500", "closed"):
        body = answers[name]
        assert "last_status_code" not in body and "last_error" not in body
        assert {k: body[k] for k in shape} == {
            "event": "ping",
            "status": "failed",
            "attempts": 1,
            "next_attempt_at": None,
            "delivered_at": None,
        }
    assert answers["200"]["status"] == "delivered"
    # each failed ping waits out the rest of the timeout: a refused port answers as late as a 500
    assert len(receiver.pauses) == 2 and all(0 < p <= 5 for p in receiver.pauses)
    log = http.get(f"/api/v1/webhooks/{made['id']}/deliveries/").json()["results"]
    assert "last_status_code" not in log[0] and "last_error" not in log[0]
