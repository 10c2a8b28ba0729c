"""Reads that may be a little stale reach a real streaming replica, writes never do, the writer
reads their own writes, a lagging or vanished replica is not read (common/replica.py)."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.db import connections

from attendance.models import AttendanceEvent
from common import replica
from tests.api.conftest import recent_working_day
from tests.api.test_ingest import URL as INGEST
from tests.api.test_ingest import event
from tests.attendance.conftest import publish
from tests.replica.conftest import pg_ctl, replica_sql, wait_replayed
from wfh.models import Mode, ScheduleDay

if os.environ.get("DATABASE_REPLICA_URL"):
    pytestmark = [pytest.mark.django_db(transaction=True, databases=["default", "replica"])]
else:  # conftest's autouse fixture skips (or fails with WFH_REQUIRE_REPLICA=1)
    pytestmark = [pytest.mark.django_db]


def _schedule(http, day: dt.date) -> set[str]:
    response = http.get(f"/api/v1/schedule/?date={day.isoformat()}&opd=DISKOMINFO")
    assert response.status_code == 200, response.content
    rows = response.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    return {row["nip"] for row in rows}


def test_the_standby_is_a_standby():
    assert replica_sql("SELECT pg_is_in_recovery()")[0] is True


def test_schedule_reads_reach_the_replica_and_writes_never_do(world, make_client, replica_log):
    day = recent_working_day()
    publish(world.staff, day, Mode.WFH)
    wait_replayed()
    reader = make_client(["schedule:read", "attendance:write"])
    replica_log.mark()

    assert _schedule(reader, day) == {world.staff.nip}  # its first request also marks last_used
    ran = replica_log.since()
    assert "DISKOMINFO" in ran and "wfh_scheduleday" in ran  # the schedule's SQL ran there

    response = reader.post(INGEST, [event(world.staff, day, 8)], format="json")
    assert response.status_code in (200, 201, 202), response.content
    assert AttendanceEvent.objects.filter(employee=world.staff).exists()
    assert replica_log.writes() == []  # neither last_used, nor the event, nor anything else


def test_the_writer_reads_their_own_write_while_the_replica_lags(world, make_client, paused_replay):
    day = recent_working_day()
    writer = make_client(["schedule:read", "attendance:write"])
    stranger = make_client(["schedule:read"])
    assert _schedule(stranger, day) == set()  # from the replica

    publish(world.other, day, Mode.WFH)  # committed on the primary, not replayed
    response = writer.post(INGEST, [event(world.staff, day, 8)], format="json")
    assert response.status_code in (200, 201, 202), response.content

    assert _schedule(writer, day) == {world.other.nip}  # pinned to the primary after writing
    assert _schedule(stranger, day) == set()  # a little stale, within REPLICA_MAX_LAG_S


def test_a_replica_too_far_behind_is_not_read(world, make_client, paused_replay, settings):
    day = recent_working_day()
    reader = make_client(["schedule:read"])
    assert _schedule(reader, day) == set()
    publish(world.other, day, Mode.WFH)
    settings.REPLICA_MAX_LAG_S = 0
    time.sleep(1.5)
    assert _schedule(reader, day) == {world.other.nip}  # the primary answered
    assert replica.health.lag_s is not None and replica.health.lag_s > 0


def test_a_replica_that_goes_away_falls_back_to_the_primary(world, make_client, client):
    day = recent_working_day()
    publish(world.staff, day, Mode.WFO)
    wait_replayed()
    reader = make_client(["schedule:read"])
    assert _schedule(reader, day) == {world.staff.nip}
    client.force_login(world.hr)
    assert client.get("/dasbor/").status_code == 200

    connections["replica"].close()
    pg_ctl("-m", "fast", "-w", "stop")
    try:
        publish(world.other, day, Mode.WFO)
        assert _schedule(reader, day) == {world.staff.nip, world.other.nip}
        assert client.get("/dasbor/").status_code == 200
        assert replica.health.usable is False
    finally:
        data = os.environ["REPLICA_PGDATA"]
        pg_ctl("-l", f"{data}/server.log", "-w", "-t", "120", "start")
    replica.health.reset()
    wait_replayed()
    assert ScheduleDay.objects.using("replica").filter(employee=world.other).exists()
