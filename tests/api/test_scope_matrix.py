"""Every API v1 endpoint against every scope: the scopes it names answer, every other scope gets
403; browser sessions by role; and the OpenAPI document names each endpoint's scopes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import yaml
from django.core.management import call_command
from django.urls import URLPattern
from rest_framework.test import APIClient

from api import urls as api_urls
from api.models import Scope
from wfh.models import Phase, Roster
from wfh.overrides.models import DeclaredDay, OverrideStatus, WfhOrder

ORG, SCHEDULE, ROSTER = Scope.ORG_READ, Scope.SCHEDULE_READ, Scope.ROSTER_WRITE
DAY = "2025-12-04"

# The public contract: route name -> method -> the scopes that may call it (any one of them).
CONTRACT: dict[str, dict[str, set[str]]] = {
    "opd-list": {"GET": {ORG}},
    "opd-detail": {"GET": {ORG}},
    "schedule": {"GET": {SCHEDULE}},
    "calendar": {"GET": {SCHEDULE, ORG}},
    "employee-list": {"GET": {ORG, SCHEDULE}},
    "employee-detail": {"GET": {ORG, SCHEDULE}},
    "employee-schedule": {"GET": {SCHEDULE}},
    "attendance-events": {"POST": {Scope.ATTENDANCE_WRITE}},
    "attendance-daily": {"GET": {Scope.ATTENDANCE_READ}},
    "summaries-opd": {"GET": {Scope.SUMMARY_READ}},
    "evaluation-costs": {"POST": {Scope.EVALUATION_WRITE}},
    "evaluation-service-output": {"POST": {Scope.EVALUATION_WRITE}},
    "meter-readings": {"POST": {Scope.METERS_WRITE}},
    "phase-list": {"GET": {SCHEDULE, ROSTER}},
    "phase-change-list": {"GET": {SCHEDULE, ROSTER}, "POST": {ROSTER}},
    "roster-list": {"GET": {ROSTER, SCHEDULE}, "POST": {ROSTER}},
    "roster-detail": {"GET": {ROSTER, SCHEDULE}},
    "roster-publish": {"POST": {ROSTER}},
    "declared-day-list": {"GET": {SCHEDULE, ROSTER}, "POST": {ROSTER}},
    "declared-day-detail": {"GET": {SCHEDULE, ROSTER}},
    "declared-day-revoke": {"POST": {ROSTER}},
    "wfh-order-list": {"GET": {SCHEDULE, ROSTER}, "POST": {ROSTER}},
    "wfh-order-revoke": {"POST": {ROSTER}},
    "occupancy": {"GET": {Scope.OCCUPANCY_READ}},
}
# writes the scope lets an OPD admin's session reach, which only HR may do
HR_ONLY = {"roster-publish", "declared-day-list", "declared-day-revoke", "phase-change-list"}
RESOURCE_VIEWS = {
    f"api.views_{name}"
    for name in (
        "org",
        "schedule",
        "attendance",
        "evaluation",
        "rosters",
        "overrides",
        "phase_changes",
        "meters",
        "occupancy",
    )
}
CASES = [(name, method) for name, methods in CONTRACT.items() for method in methods]


def api_views_routes() -> dict[str, type]:
    """Named routes served by the resource views api/views_<resource>.py (webhooks have their
    own tests)."""
    routes = {}
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        view = getattr(pattern.callback, "view_class", None)
        if view is not None and view.__module__ in RESOURCE_VIEWS:
            routes[pattern.name] = view
    return routes


@pytest.fixture
def data(world):
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    world.roster = Roster.objects.create(
        phase=Phase.objects.get(slug="jabar-2025-tahap-1"), opd=world.kominfo
    )
    day = dt.date(2025, 12, 4)
    world.declared = DeclaredDay.objects.create(
        start=day, end=day, reference="SE 1/2025", status=OverrideStatus.REVOKED
    )
    world.order = WfhOrder.objects.create(
        opd=world.kominfo,
        number="1",
        reason="banjir",
        start=day,
        end=day,
        status=OverrideStatus.REVOKED,
    )
    return world


def request(http, name: str, method: str, world):
    """A well-formed call where a GET answers 200 and a write stops at its input (400/409)."""
    nip, roster = world.staff.nip, world.roster.pk
    gets = {
        "opd-list": "/api/v1/opds/",
        "opd-detail": "/api/v1/opds/DISKOMINFO/",
        "schedule": f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO",
        "calendar": "/api/v1/calendar/?year=2026",
        "employee-list": "/api/v1/employees/",
        "employee-detail": f"/api/v1/employees/{nip}/",
        "employee-schedule": f"/api/v1/employees/{nip}/schedule/?from={DAY}&to={DAY}",
        "attendance-daily": f"/api/v1/attendance/daily/?date={DAY}",
        "summaries-opd": f"/api/v1/summaries/opd/?date={DAY}",
        "phase-list": "/api/v1/phases/",
        "phase-change-list": "/api/v1/phases/jabar-2025-tahap-1/changes/",
        "roster-list": "/api/v1/rosters/",
        "roster-detail": f"/api/v1/rosters/{roster}/",
        "declared-day-list": "/api/v1/declared-days/",
        "declared-day-detail": f"/api/v1/declared-days/{world.declared.pk}/",
        "wfh-order-list": "/api/v1/wfh-orders/",
        "occupancy": f"/api/v1/occupancy/?date={DAY}",
    }
    posts = {
        "attendance-events": "/api/v1/attendance/events/",
        "evaluation-costs": "/api/v1/evaluation/costs/",
        "evaluation-service-output": "/api/v1/evaluation/service-output/",
        "meter-readings": "/api/v1/meter-readings/",
        "roster-list": "/api/v1/rosters/",
        "phase-change-list": "/api/v1/phases/jabar-2025-tahap-1/changes/",
        "roster-publish": f"/api/v1/rosters/{roster}/publish/",
        "declared-day-list": "/api/v1/declared-days/",
        "declared-day-revoke": f"/api/v1/declared-days/{world.declared.pk}/revoke/",
        "wfh-order-list": "/api/v1/wfh-orders/",
        "wfh-order-revoke": f"/api/v1/wfh-orders/{world.order.pk}/revoke/",
    }
    if method == "GET":
        return http.get(gets[name])
    body = [] if name.startswith(("attendance", "evaluation", "meter")) else {}
    return http.post(posts[name], body, format="json")


ALLOWED_STATUS = {"POST": {400, 409}, "GET": {200}}


def test_the_contract_covers_every_route_of_the_api_views():
    routes = api_views_routes()
    assert set(routes) == set(CONTRACT)
    for name, view in routes.items():
        for method in CONTRACT[name]:
            assert hasattr(view, method.lower()), (name, method)


@pytest.mark.parametrize("name, method", CASES)
def test_each_endpoint_answers_its_scopes_and_refuses_every_other(data, make_client, name, method):
    allowed = CONTRACT[name][method]
    for scope in Scope.values:
        response = request(make_client([scope]), name, method, data)
        if scope in allowed:
            assert response.status_code in ALLOWED_STATUS[method], (scope, response.content)
        else:
            assert response.status_code == 403, (scope, response.content)
            body = response.json()
            assert body["code"] == "permission_denied"
            assert all(s in body["message"] for s in allowed), body["message"]
    anonymous = request(APIClient(), name, method, data)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"


# What each role may use through a browser session (api.auth._session_may): HR everything, OPD
# admins all but the evaluation inputs, supervisors and employees reading schedules only.
ROLE_SCOPES = {
    "hr": set(Scope.values),
    "admin.kominfo": set(Scope.values) - {Scope.EVALUATION_WRITE},
    "atasan": {SCHEDULE},
    "pegawai": {SCHEDULE},
}


@pytest.mark.parametrize("username", list(ROLE_SCOPES))
def test_browser_sessions_follow_the_role_rules_on_every_endpoint(data, username):
    http = APIClient()
    assert http.login(username=username, password=data.password)
    for name, method in CASES:
        response = request(http, name, method, data)
        if CONTRACT[name][method] & ROLE_SCOPES[username]:
            if name in HR_ONLY and method == "POST" and username != "hr":
                # the scope lets an OPD admin through; publishing itself is HR's only
                assert response.status_code == 403, (name, response.content)
            else:
                assert response.status_code != 403, (name, method, response.content)
        else:
            assert response.status_code == 403, (name, method, response.content)


def test_the_schema_names_the_scopes_and_errors_of_every_endpoint(db, tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    documented = {
        ("/api/v1/calendar/", "get"): ("200", "304"),
        ("/api/v1/employees/", "get"): ("200",),
        ("/api/v1/employees/{nip}/", "get"): ("200", "404"),
        ("/api/v1/phases/", "get"): ("200",),
        ("/api/v1/rosters/", "get"): ("200",),
        ("/api/v1/rosters/", "post"): ("202",),
        ("/api/v1/rosters/{id}/", "get"): ("200", "404"),
        ("/api/v1/rosters/{id}/publish/", "post"): ("200", "404", "409"),
        ("/api/v1/declared-days/", "get"): ("200",),
        ("/api/v1/declared-days/", "post"): ("201",),
        ("/api/v1/phases/{slug}/changes/", "get"): ("200", "404"),
        ("/api/v1/phases/{slug}/changes/", "post"): ("201", "404"),
        ("/api/v1/declared-days/{id}/revoke/", "post"): ("200", "404", "409"),
        ("/api/v1/wfh-orders/", "post"): ("201",),
        ("/api/v1/wfh-orders/{id}/revoke/", "post"): ("200", "404", "409"),
    }
    names = {
        "calendar": "/api/v1/calendar/",
        "employee-list": "/api/v1/employees/",
        "employee-detail": "/api/v1/employees/{nip}/",
        "phase-list": "/api/v1/phases/",
        "phase-change-list": "/api/v1/phases/{slug}/changes/",
        "roster-list": "/api/v1/rosters/",
        "roster-detail": "/api/v1/rosters/{id}/",
        "roster-publish": "/api/v1/rosters/{id}/publish/",
        "declared-day-list": "/api/v1/declared-days/",
        "declared-day-revoke": "/api/v1/declared-days/{id}/revoke/",
        "wfh-order-list": "/api/v1/wfh-orders/",
        "wfh-order-revoke": "/api/v1/wfh-orders/{id}/revoke/",
    }
    for (path, method), statuses in documented.items():
        operation = paths[path][method]
        for status in (*statuses, "400", "401", "403", "429"):
            assert status in operation["responses"], (path, method, status)
        name = next(n for n, p in names.items() if p == path)
        for scope in CONTRACT[name][method.upper()]:
            assert f"`{scope}`" in operation["description"], (path, scope)
        assert operation["responses"][statuses[0]]["content"]["application/json"]["examples"]
    # every GET of the API documents its 200 answer
    for path, operations in paths.items():
        if "get" in operations:
            assert "200" in operations["get"]["responses"], path
