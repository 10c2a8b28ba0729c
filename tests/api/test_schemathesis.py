"""Schemathesis over the published OpenAPI document, against a live server.

Every operation in /api/schema/ is called with generated requests (valid and invalid ones) by a
client holding every scope, over a small realistic dataset: two OPDs with units and staff, a
published schedule for a few days, daily records and OPD summaries. The run fails on any server
error and on any response whose status code, content type or body the schema does not describe.

The number of examples per operation is bounded (SCHEMATHESIS_MAX_EXAMPLES, default 25) and the
seed fixed (SCHEMATHESIS_SEED) so that CI is repeatable; set another seed to explore further.
The operations are run in three shards (by path), so pytest-xdist spreads the run over the cores;
a test checks that the shards cover every operation of the schema exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from api.models import Scope
from api.services import api_client_create
from attendance.models import DailyRecord, DayStatus, OpdDaySummary
from opd.models import Employee
from tests.attendance.conftest import publish
from tests.conftest import build_world
from tests.factories import make_employee
from wfh.models import Mode

DAYS = [dt.date(2025, 12, 1) + dt.timedelta(days=i) for i in range(5)]  # Mon 1 to Fri 5 Dec
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    ]
)
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
SEED = os.environ.get("SCHEMATHESIS_SEED", "20251201")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
SHARDS = {
    "registry": r"^/api/v1/(opds|employees|calendar|phases|declared-days|wfh-orders)/",
    "schedules": r"^/api/v1/(schedule|rosters|summaries|attendance|occupancy)/",
    "inputs-and-webhooks": r"^/api/v1/(evaluation|webhooks|me|meter-readings)/",
}


def seed_dataset():
    """Two OPDs, five more staff, a published week, daily records and OPD day summaries."""
    world = build_world()
    extra = [make_employee(world.kominfo, world.sek) for _ in range(3)]
    extra += [make_employee(world.dukcapil, world.counter) for _ in range(2)]
    staff = [world.head, world.staff, world.other, world.clerk, *extra]
    now = timezone.now()
    for i, day in enumerate(DAYS):
        for j, employee in enumerate(staff):
            mode = Mode.WFH if (i + j) % 2 else Mode.WFO
            publish(employee, day, mode)
            DailyRecord.objects.create(
                employee=employee,
                day=day,
                opd=employee.opd,
                unit=employee.unit,
                scheduled_mode=mode,
                status=DayStatus.HADIR_WFH if mode == Mode.WFH else DayStatus.HADIR_WFO,
                computed_at=now,
            )
        for opd in (world.kominfo, world.dukcapil):
            OpdDaySummary.objects.create(
                opd=opd, day=day, headcount=sum(e.opd_id == opd.pk for e in staff), computed_at=now
            )
    return world


def config_toml(world) -> str:
    """Dictionaries of real values: most generated requests name an existing OPD, unit, NIP or
    a day of the published week (and so reach the serializers), the rest stay random."""
    staff = Employee.objects.filter(opd__in=[world.kominfo, world.dukcapil])
    values = {
        "opd": [world.kominfo.code, world.dukcapil.code],
        "unit": [world.sek.code, world.it.code, world.counter.code],
        "nip": sorted(staff.values_list("nip", flat=True)),
        "day": [d.isoformat() for d in DAYS],
    }
    bindings = {
        "path.code": "opd",
        "query.opd": "opd",
        "query.parent": "opd",
        "query.unit": "unit",
        "path.nip": "nip",
        "query.nip": "nip",
        "query.date": "day",
        "query.from": "day",
        "query.to": "day",
    }
    lines = ["[dictionaries]"]
    lines += [f"{name} = {{ values = {json.dumps(v)} }}" for name, v in values.items()]
    lines += ["", "[parameters]"]
    lines += [
        f'"{key}" = {{ dictionary = "{name}", probability = 0.8 }}'
        for key, name in bindings.items()
    ]
    # the coverage phase walks every boundary of every parameter, which is not bounded by
    # --max-examples; its valid requests are kept, invalid ones are left to the fuzzing phase
    lines += ["", "[phases.coverage.generation]", 'mode = "positive"']
    return "\n".join(lines) + "\n"


@pytest.fixture
def api_token(live_server, settings, tmp_path):
    settings.API_THROTTLE_RATE = "100000/minute"  # generated requests must not meet 429
    world = seed_dataset()
    (tmp_path / "schemathesis.toml").write_text(config_toml(world))
    _, token = api_client_create(name="schemathesis", scopes=list(Scope.values), opds=[])
    return token


def test_the_shards_cover_every_operation_exactly_once(db, client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path in paths:
        matched = [name for name, pattern in SHARDS.items() if re.match(pattern, path)]
        assert len(matched) == 1, (path, matched)


@pytest.mark.parametrize("shard", list(SHARDS))
def test_schemathesis_finds_no_server_error_and_no_schema_mismatch(
    live_server, api_token, tmp_path, shard
):
    assert SCHEMATHESIS.exists(), (
        "schemathesis is not installed: pip install -r requirements-dev.txt"
    )
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{live_server.url}/api/schema/",
        "--include-path-regex",
        SHARDS[shard],
        "--url",
        live_server.url,
        "--header",
        f"Authorization: Token {api_token}",
        "--checks",
        CHECKS,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        SEED,
        "--phases",
        "examples,coverage,fuzzing",
        "--workers",
        "1",  # SQLite and the threaded live server: one request at a time
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--no-color",
        "--output-sanitize",
        "true",
    ]
    result = subprocess.run(  # noqa: S603 (our own venv's schemathesis, arguments built here)
        command,
        cwd=tmp_path,  # reads the schemathesis.toml above; leaves no report in the tree
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "No issues found" in output or "passed" in output, output


# -- what earlier runs found, kept as plain tests ------------------------------------------------


@pytest.mark.parametrize("page", ["0", "2", "x"])
def test_a_page_that_does_not_exist_answers_400_naming_page(world, make_client, page):
    response = make_client(["org:read"]).get(f"/api/v1/opds/?page={page}&page_size=5")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert list(body["errors"]) == ["page"]


def test_every_paginated_operation_documents_the_400(db, client):
    schema = client.get("/api/schema/?format=json").json()
    paginated = [
        (path, method)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if any(p["name"] == "page" for p in operation.get("parameters", []))
    ]
    assert ("/api/v1/opds/", "get") in paginated
    for path, method in paginated:
        assert "400" in schema["paths"][path][method]["responses"], (path, method)


def test_an_api_path_holding_a_newline_answers_the_json_404(db, make_client):
    response = make_client(["org:read"]).get("/api/v1/opds/a%0Ab/units/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("url", "scope", "body"),
    [
        (
            "/api/v1/evaluation/costs/",
            "evaluation:write",
            '{"items": [{"opd": "DISKOMINFO\\u0000", "month": "2025-10"}]}',
        ),
        (
            "/api/v1/attendance/events/",
            "attendance:write",
            '[{"nip": "\\ud800", "timestamp": "2025-12-01T07:00:00+07:00", "kind": "in", '
            '"mode": "WFO"}]',
        ),
        ("/api/v1/attendance/events/", "attendance:write", '[{"\\u0000": 1}]'),
    ],
)
def test_text_no_column_can_hold_is_refused_as_a_parse_error(world, make_client, url, scope, body):
    """NUL and lone surrogates reached PostgreSQL's driver (a 500 there, found by schemathesis)."""
    response = make_client([scope]).post(url, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
