"""GET/POST /api/v1/phases/{slug}/changes/: a phase's history and a change from a date."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from wfh.models import PatternKind, Phase, PhaseVersion, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world):
    today = timezone.localdate()
    programme = Programme.objects.create(slug="uji", name="Uji WFH")
    return Phase.objects.create(
        programme=programme,
        slug="uji-kamis",
        name="Setiap Kamis",
        start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=60),
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )


def monday_ahead() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_the_depok_history_is_listed_oldest_first(
    make_client, world, django_assert_max_num_queries
):
    call_command("load_preset", "depok-2026", stdout=io.StringIO())
    http = make_client(["schedule:read"])
    with django_assert_max_num_queries(8):
        response = http.get("/api/v1/phases/depok-2026/changes/")
    assert response.status_code == 200
    (change,) = response.json()["results"]
    assert change["valid_from"] == "2026-02-17" and change["wfh_weekdays"] == [0]
    assert change["exempt_kinds"] == ["puskesmas", "rsud", "sekolah"]
    assert http.get("/api/v1/phases/tidak-ada/changes/").status_code == 404


def test_a_roster_client_changes_the_phase_and_hears_its_history(make_client, running):
    http = make_client(["roster:write"])
    day = monday_ahead()
    response = http.post(
        "/api/v1/phases/uji-kamis/changes/",
        {"valid_from": day.isoformat(), "wfh_weekdays": [0], "reference": "SE 800/1/BKPSDM"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["wfh_weekdays"] == [0] and body["weekly_cap"] == 2
    assert body["history"].startswith("Kamis s.d. ") and "Senin sejak " in body["history"]
    assert body["rosters_queued"] == 0
    assert PhaseVersion.objects.get(phase=running).reference == "SE 800/1/BKPSDM"


def test_a_bad_change_answers_400_naming_each_field(make_client, running):
    http = make_client(["roster:write"])
    response = http.post(
        "/api/v1/phases/uji-kamis/changes/",
        {"valid_from": "kemarin", "wfh_weekdays": ["minggu"], "ratio": True, "weekly_cap": 9},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"valid_from", "wfh_weekdays", "ratio", "weekly_cap", "reference"}
    response = http.post(
        "/api/v1/phases/uji-kamis/changes/",
        {"valid_from": monday_ahead().isoformat(), "ratio": 0.5, "reference": "X"},
        format="json",
    )
    assert response.status_code == 400 and "ratio" in response.json()["errors"]
    assert http.post("/api/v1/phases/uji-kamis/changes/", [], format="json").status_code == 400
    assert not PhaseVersion.objects.exists()


def test_only_hr_and_unrestricted_clients_change_a_phase(make_client, world, running):
    data = {"valid_from": monday_ahead().isoformat(), "wfh_weekdays": [0], "reference": "X"}
    restricted = make_client(["roster:write"], opds=[world.kominfo])
    assert (
        restricted.post("/api/v1/phases/uji-kamis/changes/", data, format="json").status_code == 403
    )
    session = APIClient()
    session.force_login(world.opd_admin)
    assert session.post("/api/v1/phases/uji-kamis/changes/", data, format="json").status_code == 403
    assert session.get("/api/v1/phases/uji-kamis/changes/").status_code == 200
    assert not PhaseVersion.objects.exists()
    session.force_login(world.hr)
    response = session.post("/api/v1/phases/uji-kamis/changes/", data, format="json")
    assert response.status_code == 201
    assert PhaseVersion.objects.get().created_by == world.hr
