"""Rosters through the API: queue a generation, follow its progress, publish it.

Celery runs eagerly here (the root conftest's autouse fixture); the task is sent when the
request's transaction commits, which pytest-django's test transaction never does, so the POST runs
inside django_capture_on_commit_callbacks(execute=True) when the generation should happen.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from wfh.models import Phase, Roster, ScheduleDay

ROSTERS = "/api/v1/rosters/"
PHASE1 = "jabar-2025-tahap-1"


@pytest.fixture
def jabar(world):
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    for unit in (world.it, world.sek):
        unit.min_onsite = 0  # a weekday pattern with no minimum: every Thursday WFH
        unit.save()
    world.phase1 = Phase.objects.get(slug=PHASE1)
    return world


def session(username, world) -> APIClient:
    http = APIClient()
    assert http.login(username=username, password=world.password)
    return http


def start(http, phase=PHASE1, opd="DISKOMINFO", capture=None):
    if capture is None:
        return http.post(ROSTERS, {"phase": phase, "opd": opd}, format="json")
    with capture(execute=True):
        return http.post(ROSTERS, {"phase": phase, "opd": opd}, format="json")


def test_post_get_publish_end_to_end(jabar, make_client, django_capture_on_commit_callbacks):
    http = make_client(["roster:write", "schedule:read"])
    queued = start(http, capture=django_capture_on_commit_callbacks)
    assert queued.status_code == 202, queued.content
    body = queued.json()
    assert body["status"] == "queued" and body["workflow"] == "draft"
    assert body["phase"] == PHASE1 and body["opd"] == "DISKOMINFO" and body["version"] == 1
    assert body["url"].endswith(f"/api/v1/rosters/{body['id']}/")
    assert queued["Location"] == body["url"]

    # the task ran when the request committed (eager Celery)
    ready = http.get(body["url"]).json()
    assert ready["status"] == "ready", ready["error"]
    progress = ready["progress"]
    assert progress["done"] == progress["total"] > 0 and progress["percent"] == 100.0
    assert ready["stats"] and ready["finished_at"] and ready["started_at"]

    published = http.generic("POST", f"{ROSTERS}{body['id']}/publish/")  # no body at all
    assert published.status_code == 200, published.content
    result = published.json()
    assert result["workflow"] == "published"
    assert result["published_from"] == "2025-11-01"  # first publication: the phase's first day
    rows = ScheduleDay.objects.filter(roster_id=body["id"])
    assert result["published_rows"] == rows.count() == 3 * 20  # three people, 20 working days
    schedule = http.get("/api/v1/schedule/?date=2025-11-06&opd=DISKOMINFO").json()
    assert {r["mode"] for r in schedule["results"]} == {"WFH"}  # a Thursday

    again = http.post(f"{ROSTERS}{body['id']}/publish/", format="json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    assert "tidak dapat diterbitkan" in again.json()["message"]


def test_publishing_from_a_date(jabar, make_client, django_capture_on_commit_callbacks):
    http = make_client(["roster:write"])
    roster = start(http, capture=django_capture_on_commit_callbacks).json()
    outside = http.post(f"{ROSTERS}{roster['id']}/publish/", {"from": "2026-01-05"}, format="json")
    assert outside.status_code == 400 and list(outside.json()["errors"]) == ["from"]
    bad = http.post(f"{ROSTERS}{roster['id']}/publish/", {"from": "17-11-2025"}, format="json")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["from"]
    answer = http.post(f"{ROSTERS}{roster['id']}/publish/", {"from": "2025-11-17"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["published_from"] == "2025-11-17"
    days = ScheduleDay.objects.filter(roster_id=roster["id"]).values_list("day", flat=True)
    assert min(days) == dt.date(2025, 11, 17)


def test_a_queued_roster_is_answered_again_and_cannot_be_published(jabar, make_client):
    http = make_client(["roster:write"])
    first = start(http)  # not committed: stays queued
    second = start(http)
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]
    assert Roster.objects.count() == 1
    not_ready = http.post(f"{ROSTERS}{first.json()['id']}/publish/", format="json")
    assert not_ready.status_code == 409
    assert not_ready.json()["message"] == "Jadwal belum siap diterbitkan."


@pytest.mark.parametrize(
    "body, field",
    [
        ({"phase": "tidak-ada", "opd": "DISKOMINFO"}, "phase"),
        ({"phase": PHASE1, "opd": "TIDAKADA"}, "opd"),
        ({"opd": "DISKOMINFO"}, "phase"),
        ({"phase": PHASE1}, "opd"),
    ],
)
def test_starting_with_an_unknown_phase_or_opd_names_the_field(jabar, make_client, body, field):
    response = make_client(["roster:write"]).post(ROSTERS, body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Roster.objects.exists()


def test_a_phase_that_does_not_cover_the_opd_is_refused(jabar, make_client):
    jabar.phase1.opds.add(jabar.dukcapil)  # now it covers DUKCAPIL only
    response = start(make_client(["roster:write"]))
    assert response.status_code == 400
    assert "tidak mencakup OPD DISKOMINFO" in response.json()["errors"]["opd"][0]
    assert not Roster.objects.exists()


def test_an_opd_restricted_client_starts_and_sees_only_its_opd(
    jabar, make_client, django_capture_on_commit_callbacks
):
    everyone = make_client(["roster:write"])
    other = start(everyone, opd="DISDUKCAPIL").json()
    http = make_client(["roster:write", "schedule:read"], opds=[jabar.kominfo])
    outside = start(http, opd="DISDUKCAPIL")
    assert outside.status_code == 400 and "DISDUKCAPIL" in outside.json()["errors"]["opd"][0]
    own = start(http, capture=django_capture_on_commit_callbacks).json()
    assert http.get(f"{ROSTERS}{other['id']}/").status_code == 404
    assert http.post(f"{ROSTERS}{other['id']}/publish/", format="json").status_code == 404
    assert [r["id"] for r in http.get(ROSTERS).json()["results"]] == [own["id"]]
    assert http.get(f"{ROSTERS}?opd=DISDUKCAPIL").status_code == 400
    listed = everyone.get(f"{ROSTERS}?phase={PHASE1}").json()["results"]
    assert [r["opd"] for r in listed] == ["DISDUKCAPIL", "DISKOMINFO"]
    assert everyone.get(f"{ROSTERS}?status=ready").json()["count"] == 1


def test_session_roles_start_and_publish(jabar, django_capture_on_commit_callbacks):
    admin = session("admin.kominfo", jabar)
    queued = start(admin, capture=django_capture_on_commit_callbacks)
    assert queued.status_code == 202, queued.content
    assert Roster.objects.get(pk=queued.json()["id"]).created_by == jabar.opd_admin
    assert start(admin, opd="DISDUKCAPIL").status_code == 400  # not their OPD
    refused = admin.post(f"{ROSTERS}{queued.json()['id']}/publish/", format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert "HR" in refused.json()["message"]
    hr = session("hr", jabar)
    published = hr.post(f"{ROSTERS}{queued.json()['id']}/publish/", format="json")
    assert published.status_code == 200, published.content
    assert Roster.objects.get(pk=queued.json()["id"]).published_by == jabar.hr
    employee = session("pegawai", jabar)
    assert start(employee).status_code == 403
    assert employee.get(f"{ROSTERS}{queued.json()['id']}/").status_code == 404


def test_a_failed_generation_reports_its_error(jabar, make_client):
    roster = Roster.objects.create(
        phase=jabar.phase1,
        opd=jabar.kominfo,
        status=Roster.Status.FAILED,
        error="Unit TIK: minimal hadir tidak dapat dipenuhi.",
        progress_done=3,
        progress_total=12,
    )
    body = make_client(["schedule:read"]).get(f"{ROSTERS}{roster.pk}/").json()
    assert body["status"] == "failed" and body["error"].startswith("Unit TIK")
    assert body["progress"] == {"done": 3, "total": 12, "percent": 25.0}


def test_the_roster_list_takes_a_bounded_number_of_queries(
    jabar, make_client, django_assert_max_num_queries
):
    for opd in (jabar.kominfo, jabar.dukcapil):
        for version in (1, 2, 3):
            Roster.objects.create(phase=jabar.phase1, opd=opd, version=version)
    http = make_client(["roster:write"])
    http.get(ROSTERS)
    with django_assert_max_num_queries(5):
        assert http.get(ROSTERS).json()["count"] == 6
