"""The replica tests: against a real PostgreSQL streaming replica (.ci/replica start).

They run in a pass of their own (see .ci/run), with DATABASE_URL naming a migrated database on
the primary and DATABASE_REPLICA_URL the same database on the standby: a test database made by
pytest-django in the primary would reach the standby too, but the standby cannot take the
CREATE DATABASE of the replica alias, so this pass uses the existing database (each test commits
for real, so that its rows replicate, and pytest-django empties the primary after it).
REPLICA_LOG names the standby's statement log; REPLICA_PGDATA its data directory (to stop and
start it). Without DATABASE_REPLICA_URL they skip, or fail with WFH_REQUIRE_REPLICA=1.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.api.conftest import make_client  # noqa: F401  (the API clients' fixture)

REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL")


@pytest.fixture(autouse=True)
def _needs_a_replica():
    if not REPLICA_URL:
        reason = "no replica: set DATABASE_REPLICA_URL (and see .ci/replica)"
        if os.environ.get("WFH_REQUIRE_REPLICA") == "1":
            pytest.fail(f"WFH_REQUIRE_REPLICA=1 but {reason}", pytrace=False)
        pytest.skip(reason)


if REPLICA_URL:

    @pytest.fixture(scope="session")
    def django_db_setup():
        """The databases exist (migrated on the primary, streamed to the standby)."""


@pytest.fixture(autouse=True)
def _router(settings):
    from django.core.cache import cache

    from common import replica

    settings.REPLICA_CHECK_S = 0  # look at the replica's lag on every read
    settings.REPLICA_MAX_LAG_S = 3600
    replica.health.reset()
    cache.clear()
    yield
    replica.health.reset()


class StatementLog:
    """The standby's log (log_statement = 'all'): what it ran since a mark."""

    WRITE = re.compile(r"statement: (INSERT|UPDATE|DELETE|TRUNCATE)\b", re.I)

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def since(self) -> str:
        time.sleep(0.2)  # the log is written by another process
        with self.path.open("rb") as fh:
            fh.seek(self.offset)
            return fh.read().decode(errors="replace")

    def writes(self) -> list[str]:
        return [line for line in self.since().splitlines() if self.WRITE.search(line)]


@pytest.fixture
def replica_log() -> StatementLog:
    path = Path(os.environ.get("REPLICA_LOG", ""))
    if not path.is_file():
        pytest.fail(f"REPLICA_LOG={path} is not the standby's log file", pytrace=False)
    log = StatementLog(path)
    log.mark()
    return log


def replica_sql(sql: str):
    from django.db import connections

    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def wait_replayed(timeout_s: float = 30) -> None:
    """Until the standby has replayed everything the primary had written when this was called."""
    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if replica_sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0]:
            return
        time.sleep(0.1)
    raise AssertionError(f"the standby did not replay up to {target} in {timeout_s}s")


@pytest.fixture
def paused_replay():
    """Replay on the standby paused (the replica lags as much as the test needs), then resumed.

    What the test's other fixtures wrote (the world) is replayed first."""
    wait_replayed()
    replica_sql("SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + 10
    while replica_sql("SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
        assert time.monotonic() < deadline, "the standby did not pause its replay"
        time.sleep(0.05)
    yield
    replica_sql("SELECT pg_wal_replay_resume()")


def pg_ctl(*args: str) -> None:
    data = os.environ.get("REPLICA_PGDATA")
    if not data:
        pytest.fail("REPLICA_PGDATA (the standby's data directory) is not set", pytrace=False)
    pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
    command = [str(pg_ctl), "-D", data, *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603
