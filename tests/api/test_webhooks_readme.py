"""The README's receiver, taken from README.md as written, verifies a real delivery made by our
code to a local HTTP server, and refuses a tampered body, a wrong secret and an old timestamp."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from api import webhooks
from api.models import WebhookDelivery
from tests.api.test_webhooks_support import receiver  # noqa: F401  (fixture)

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_verify():
    text = README.read_text()
    section = text.split("## Webhooks", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    (code,) = [b for b in blocks if "def verify(" in b]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102  (our own README)
    return namespace["verify"]


@pytest.fixture
def delivered(make_client, receiver):  # noqa: F811
    """A real ping delivery, through the API, to the local receiver."""
    http = make_client(["schedule:read"])
    made = http.post(
        "/api/v1/webhooks/", {"url": receiver.url, "events": ["roster.published"]}, format="json"
    )
    assert made.status_code == 201, made.json()
    answer = http.post(f"/api/v1/webhooks/{made.json()['id']}/ping/")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["status"] == WebhookDelivery.Status.DELIVERED
    (got,) = receiver.received
    return made.json()["secret"], got


def test_the_readme_receiver_accepts_a_real_delivery(delivered):
    secret, got = delivered
    verify = readme_verify()
    assert verify(secret, got.headers, got.body) is True
    assert got.header("X-WFH-Event") == "ping"
    assert got.header("X-WFH-Delivery") in got.body.decode()


def test_the_readme_receiver_refuses_a_tampered_body_or_a_wrong_secret(delivered):
    secret, got = delivered
    verify = readme_verify()
    tampered = got.body.replace(b'"event":"ping"', b'"event":"pong"')
    assert tampered != got.body
    assert verify(secret, got.headers, tampered) is False
    assert verify(secret + "x", got.headers, got.body) is False
    unsigned = {k: v for k, v in got.headers.items() if k.lower() != "x-wfh-signature"}
    assert verify(secret, unsigned, got.body) is False


def test_the_readme_receiver_refuses_a_correctly_signed_old_timestamp(delivered):
    secret, got = delivered
    verify = readme_verify()
    old = int(time.time()) - 301
    headers = {
        **{k: v for k, v in got.headers.items() if not k.lower().startswith("x-wfh-")},
        "X-WFH-Timestamp": str(old),
        "X-WFH-Signature": webhooks.sign(secret, old, got.body),
    }
    assert verify(secret, headers, got.body) is False
    recent = int(time.time()) - 60
    headers["X-WFH-Timestamp"] = str(recent)
    headers["X-WFH-Signature"] = webhooks.sign(secret, recent, got.body)
    assert verify(secret, headers, got.body) is True
