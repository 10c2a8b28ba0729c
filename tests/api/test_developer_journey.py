"""The issue's "done when", as one developer of another system would do it: given only a token
from `create_api_client`, and reading only the API docs, register a webhook, generate and publish
an OPD's roster, receive the signed roster.published, read tomorrow's schedule for the OPD and push
a day of check-ins (once more: every item answers duplicate)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.api.conftest import WIB, recent_working_day
from tests.api.test_webhooks_readme import readme_verify
from tests.api.test_webhooks_support import receiver  # noqa: F401  (fixture)
from tests.attendance.conftest import OFFICE
from wfh.calendar import working_days
from wfh.models import Phase, Programme

SCOPES = "org:read,schedule:read,roster:write,attendance:write"


@pytest.fixture
def programme(world):
    """A 50:50 rotation for DISKOMINFO from a recent working day to six weeks ahead."""
    for unit in (world.it, world.sek):
        unit.min_onsite = 0
        unit.save()
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    start = recent_working_day()
    phase = Phase.objects.create(
        programme=Programme.objects.create(slug="uji-rotasi", name="Uji rotasi"),
        slug="uji-rotasi-tahap-1",
        name="Rotasi 50:50",
        start=start,
        end=start + dt.timedelta(days=42),
        pattern="rotation",
        ratio="0.50",
    )
    phase.opds.add(world.kominfo)
    world.phase = phase
    return world


def token_from_the_command() -> str:
    out = StringIO()
    call_command("create_api_client", "sistem-tpp", "--scopes", SCOPES, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_a_developer_with_only_a_token_and_the_docs(
    programme,
    receiver,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    docs = APIClient().get("/api/docs/")
    assert docs.status_code == 200
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = json.loads(schema.content)["paths"]
    for used in (
        "/api/v1/webhooks/",
        "/api/v1/phases/",
        "/api/v1/rosters/",
        "/api/v1/rosters/{id}/",
        "/api/v1/rosters/{id}/publish/",
        "/api/v1/schedule/",
        "/api/v1/attendance/events/",
    ):
        assert used in paths, used

    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Token {token_from_the_command()}")

    hook = http.post(
        "/api/v1/webhooks/", {"url": receiver.url, "events": ["roster.published"]}, format="json"
    )
    assert hook.status_code == 201, hook.content
    secret = hook.json()["secret"]

    phases = http.get("/api/v1/phases/").json()["results"]
    (phase,) = [p for p in phases if "DISKOMINFO" in p["opds"]]
    with django_capture_on_commit_callbacks(execute=True):
        queued = http.post(
            "/api/v1/rosters/", {"phase": phase["slug"], "opd": "DISKOMINFO"}, format="json"
        )
    assert queued.status_code == 202, queued.content
    roster = http.get(queued.json()["url"]).json()
    assert roster["status"] == "ready", roster["error"]
    with django_capture_on_commit_callbacks(execute=True):
        published = http.post(f"{queued.json()['url']}publish/")
    assert published.status_code == 200, published.content

    # the webhook arrived, signed, and the README's receiver accepts it
    (got,) = [r for r in receiver.received if r.header("X-WFH-Event") == "roster.published"]
    verify = readme_verify()
    assert verify(secret, got.headers, got.body)
    data = json.loads(got.body)["data"]
    assert data["opd"] == "DISKOMINFO" and data["roster"] == roster["id"]

    # tomorrow's schedule: the next working day after today
    today = programme.kominfo.local_today()
    tomorrow = next(iter(working_days(today + dt.timedelta(days=1), programme.phase.end)))
    day = http.get("/api/v1/schedule/", {"date": tomorrow.isoformat(), "opd": "DISKOMINFO"})
    assert day.status_code == 200, day.content
    rows = day.json()["results"]
    assert {r["nip"] for r in rows} == {
        programme.head.nip,
        programme.staff.nip,
        programme.other.nip,
    }
    assert {r["mode"] for r in rows} <= {"WFH", "WFO", "LEAVE"}

    # a day of check-ins and check-outs, pushed at once, then pushed again
    lived = programme.phase.start
    modes = {
        r["nip"]: r["mode"]
        for r in http.get(
            "/api/v1/schedule/", {"date": lived.isoformat(), "opd": "DISKOMINFO"}
        ).json()["results"]
    }
    events = []
    for nip, mode in sorted(modes.items()):
        for kind, at in (("in", dt.time(7, 20)), ("out", dt.time(16, 5))):
            item = {
                "nip": nip,
                "timestamp": dt.datetime.combine(lived, at, tzinfo=WIB).isoformat(),
                "kind": kind,
                "mode": mode,
                "device_id": "mesin-1",
                "external_id": f"mesin-1:{nip}:{lived.isoformat()}:{kind}",
            }
            if mode == "WFO":
                item.update(latitude=float(OFFICE[0]), longitude=float(OFFICE[1]), accuracy_m=10)
            events.append(item)
    first = http.post("/api/v1/attendance/events/", events, format="json")
    assert first.status_code == 200, first.content
    statuses = [r["status"] for r in first.json()["results"]]
    assert len(statuses) == len(events) == 6
    assert set(statuses) <= {"accepted", "flagged"}, first.json()
    again = http.post("/api/v1/attendance/events/", events, format="json").json()["results"]
    assert [r["status"] for r in again] == ["duplicate"] * 6
