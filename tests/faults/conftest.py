"""The fault suite: real processes (redis-server, a Celery worker, gunicorn) started by the tests
against the test database, and faults made for real (SIGKILL, a stopped Redis, terminated
PostgreSQL backends).

It runs in `make test`'s second pass (marker `worker`, no xdist: the child processes read the one
test database) and needs PostgreSQL, which the children can reach (SQLite's test database lives in
this process's memory), and the redis-server program. Without them the tests skip saying why;
CI sets WFH_REQUIRE_FAULTS=1, and there they fail instead.
"""

from __future__ import annotations

import os
import shutil

import pytest
from django.db import connection

from tests.faults.procs import RedisServer


def _unavailable(reason: str) -> None:
    if os.environ.get("WFH_REQUIRE_FAULTS") == "1":
        pytest.fail(f"WFH_REQUIRE_FAULTS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fault_services(request):
    if connection.vendor != "postgresql":
        _unavailable(
            "the fault suite needs PostgreSQL (DATABASE_URL=postgres://...): its worker and web "
            "server are processes of their own, and SQLite's test database lives in this "
            "process's memory"
        )
    if shutil.which("redis-server") is None:
        _unavailable("the fault suite starts its own Redis and needs the redis-server program")


@pytest.fixture
def procs(tmp_path):
    """Every process a test starts, stopped (by PID) at its end; their logs on failure."""
    started = []

    def keep(proc):
        started.append(proc)
        return proc

    yield keep
    for proc in reversed(started):
        proc.stop()


@pytest.fixture
def redis(procs, tmp_path) -> RedisServer:
    return procs(RedisServer(tmp_path)).start()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, the last lines of each child's log (why did the worker not take it?)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        tmp = item.funcargs.get("tmp_path")
        if tmp is not None:
            for log in sorted(tmp.glob("*.log")):
                lines = log.read_text(errors="replace").splitlines()[-30:]
                report.sections.append((f"log {log.name}", "\n".join(lines)))
