"""Redis (the test's own redis-server) stopped under a real gunicorn: pages, "Buat jadwal",
check-in, a review decision, API reads and ingest answer without a 5xx; the work they queued waits
in the outbox and runs once Redis is back, and `generate_roster --wait` then finishes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest
from django.test import Client
from django.urls import reverse

from api.services import api_client_create
from attendance.models import AttendanceEvent, EventStatus, SummaryRun
from common.models import QueuedTask
from tests.api.conftest import WIB, recent_working_day
from tests.attendance.conftest import OFFICE
from tests.faults import procs as p
from tests.faults.world import programme_world
from wfh.models import Roster

pytestmark = [pytest.mark.worker, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

FAR = (-6.301234, 106.951234)  # about 7 km from the office: flagged for review


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _event(employee, day, minute, where, key) -> dict:
    return {
        "nip": employee.nip,
        "timestamp": dt.datetime.combine(day, dt.time(7, minute), tzinfo=WIB).isoformat(),
        "kind": "in",
        "mode": "WFO",
        "latitude": float(where[0]),
        "longitude": float(where[1]),
        "accuracy_m": 10,
        "device_id": "mesin-1",
        "external_id": key,
    }


def test_with_redis_down_nothing_answers_5xx_and_the_queued_work_runs_once_it_is_back(
    procs, redis, tmp_path, capsys
):
    world = programme_world()
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    _, token = api_client_create(
        name="mesin", scopes=["schedule:read", "attendance:write"], opds=[]
    )
    env = p.child_env(redis.url)
    web = procs(p.Web(tmp_path, env)).start()
    hr = p.Http(web.port, session=_session(world.hr))
    staff = p.Http(web.port, session=_session(world.pegawai_user))
    api = p.Http(web.port, token=token)
    day = recent_working_day()

    redis.stop()
    assert not redis.ping()

    answers = {}
    answers["Buat jadwal"] = generate = hr.post_form(
        reverse("wfh:phase_generate", args=[world.phase2.slug]), {"opd": world.kominfo.pk}
    )
    assert generate.status == 302, generate
    roster = Roster.objects.get(phase=world.phase2, opd=world.kominfo)
    assert roster.status == Roster.Status.QUEUED
    answers["roster page"] = hr.get(reverse("wfh:roster", args=[roster.pk]))
    for name, path in [
        ("home", reverse("home")),
        ("phase page", reverse("wfh:phase", args=[world.phase2.slug])),
        ("review queue", reverse("attendance:review")),
        ("check-in page", reverse("attendance:checkin")),
    ]:
        answers[name] = hr.get(path) if name != "check-in page" else staff.get(path)
    answers["check-in"] = staff.post_form(
        reverse("attendance:checkin"),
        {"kind": "in", "token": "f" * 32, "latitude": OFFICE[0], "longitude": OFFICE[1]}
        | {"accuracy_m": "10"},
    )
    answers["API schedule"] = api.get(f"/api/v1/schedule/?date={day}&opd=DISKOMINFO")
    answers["API ingest"] = ingest = api.post_json(
        "/api/v1/attendance/events/",
        [
            _event(world.staff, day, 25, OFFICE, "k-1"),
            _event(world.other, day, 26, FAR, "k-2"),
        ],
    )
    flagged = AttendanceEvent.objects.get(external_id="k-2")
    assert flagged.status == EventStatus.FLAGGED
    answers["review accept"] = hr.post_form(
        reverse("attendance:review_decide", args=[flagged.pk]),
        {"action": "accept", "note": "Rapat di Bappeda"},
    )
    health = hr.get("/healthz")

    failed = {name: a for name, a in answers.items() if a.status >= 500}
    assert not failed, failed
    assert answers["API schedule"].status == 200 and ingest.status == 200, ingest
    assert [r["status"] for r in ingest.json()["results"]] == ["accepted", "flagged"]
    flagged.refresh_from_db()
    assert flagged.status == EventStatus.ACCEPTED_BY_REVIEW
    assert health.status == 503 and health.json()["down"] == ["broker", "worker"]
    waiting = set(QueuedTask.objects.values_list("name", flat=True))
    assert {"wfh.generate_roster", "attendance.summarize_days"} <= waiting, waiting
    assert not SummaryRun.objects.exists()

    redis.start()  # the same port, empty: what was queued lives in the database
    back_at = time.monotonic()
    command = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "generate_roster", "--phase", world.phase2.slug]
        + ["--opd", "DISKOMINFO", "--wait", "--timeout", "120"],
        cwd=p.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    procs(p.worker(tmp_path, env, "after", beat=True)).start()
    out, _ = command.communicate(timeout=180)
    ready_s = time.monotonic() - back_at
    assert command.returncode == 0, out
    assert "0 jadwal diantrekan" in out and "Semua jadwal siap." in out, out
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error
    p.wait_until(
        "the recompute queued during the outage runs",
        60,
        lambda: SummaryRun.objects.filter(trigger=SummaryRun.Trigger.RECOMPUTE).exists(),
    )
    p.wait_until("the outbox empties", 30, lambda: not QueuedTask.objects.exists())
    with capsys.disabled():
        timings = ", ".join(f"{n} {a.status} in {a.seconds:.2f} s" for n, a in answers.items())
        print(f"\n[faults] Redis down: {timings}; /healthz {health.status} {health.json()}")
        print(f"[faults] Redis back: roster ready, generate_roster --wait done in {ready_s:.1f} s")
