"""PostgreSQL drops the web server's connections (pg_terminate_backend, as a restart or a
failover does): the request after answers normally, with the same login. gunicorn keeps its
connection from request to request (CONN_MAX_AGE), so a dead one must be noticed before use."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.faults import procs as p
from tests.faults.world import programme_world

pytestmark = [pytest.mark.worker, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

APP = "wfh-fault-web"  # libpq's application_name for gunicorn's connections (PGAPPNAME)


def _terminate() -> int:
    """End every backend of the web server; answers how many."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s AND datname = current_database()",
            [APP],
        )
        return cursor.fetchone()[0]


def _backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [APP])
        return cursor.fetchone()[0]


def test_the_request_after_a_dropped_connection_succeeds(procs, redis, tmp_path, capsys):
    world = programme_world()
    client = Client()
    client.force_login(world.hr)
    env = p.child_env(redis.url, PGAPPNAME=APP, DB_CONN_MAX_AGE="600")
    web = procs(p.Web(tmp_path, env)).start()
    hr = p.Http(web.port, session=client.cookies["sessionid"].value)
    page = reverse("wfh:phase", args=[world.phase2.slug])
    assert hr.get(page).status == 200
    for _ in range(3):
        assert _backends() >= 1, "gunicorn keeps its connection between requests"
        assert _terminate() >= 1
        after = hr.get(page)
        assert after.status == 200, after
        assert hr.get("/healthz").status != 500


def test_connections_dropped_while_requests_run_leave_the_next_request_well(procs, redis, tmp_path):
    """Terminations while requests are in flight: one caught mid-query may fail, the next
    request (on a fresh connection) answers 200."""
    world = programme_world()
    client = Client()
    client.force_login(world.hr)
    env = p.child_env(redis.url, PGAPPNAME=APP, DB_CONN_MAX_AGE="600")
    web = procs(p.Web(tmp_path, env)).start()
    hr = p.Http(web.port, session=client.cookies["sessionid"].value)
    page = reverse("wfh:phase", args=[world.phase2.slug])
    stop = threading.Event()
    statuses: list[int] = []

    def load():
        while not stop.is_set():
            statuses.append(hr.get(page).status)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    try:
        p.wait_until("a first answer", 30, lambda: statuses)
        for _ in range(5):
            _terminate()
            before = len(statuses)
            p.wait_until("more answers", 30, lambda: len(statuses) > before + 1)  # noqa: B023
    finally:
        stop.set()
        thread.join(timeout=60)
    assert hr.get(page).status == 200
    assert statuses.count(200) >= len(statuses) - 5, statuses
