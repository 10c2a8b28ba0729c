"""A worker killed with SIGKILL mid-generation: no half roster; its lease runs out, the sweep
queues the roster again within seconds (ROSTER_LEASE_S=4 here, 45 by default) and the rerun
completes on another worker."""

from __future__ import annotations

import time

import pytest

from opd.models import Employee
from tests.faults import procs as p
from tests.faults.world import grow, programme_world
from wfh.models import Assignment, Roster
from wfh.rosters import generation

pytestmark = [pytest.mark.worker, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

EMPLOYEES = 6000


def _roster(pk: int) -> Roster:
    return Roster.objects.get(pk=pk)


def test_a_roster_whose_worker_is_killed_mid_generation_is_queued_again_and_completes(
    procs, redis, tmp_path, broker, capsys
):
    world = programme_world()
    grow(world, EMPLOYEES)
    broker.down()  # this process sends nothing: the outbox row waits for the worker's drain
    (roster,) = generation.rosters_start(phase=world.phase2, opds=[world.kominfo])
    env = p.child_env(redis.url)

    first = procs(p.worker(tmp_path, env, "first", beat=False)).start()  # drains at start
    p.wait_until(
        "the first worker claims the roster and the engine runs",
        120,
        lambda: (
            (r := _roster(roster.pk)).status == Roster.Status.RUNNING
            and r.progress_done * 4 >= r.progress_total > 0
        ),
        every=0.05,
    )
    first.kill()
    killed_at = time.monotonic()
    after_kill = _roster(roster.pk)
    assert after_kill.status == Roster.Status.RUNNING and after_kill.attempts == 1
    assert not Assignment.objects.filter(roster_id=roster.pk).exists(), "no half roster"

    procs(p.worker(tmp_path, env, "second", beat=True)).start()
    p.wait_until(
        "the sweep notices the lost worker and queues the roster again",
        90,
        lambda: (
            _roster(roster.pk).attempts >= 2 or _roster(roster.pk).status == Roster.Status.FAILED
        ),
    )
    noticed_s = time.monotonic() - killed_at
    p.wait_until(
        "the rerun completes",
        240,
        lambda: _roster(roster.pk).status in (Roster.Status.READY, Roster.Status.FAILED),
        every=0.5,
    )
    done = _roster(roster.pk)
    ready_s = time.monotonic() - killed_at
    assert done.status == Roster.Status.READY, done.error
    assert done.attempts == 2
    total = Employee.objects.filter(opd=world.kominfo).count()
    assert done.progress_total == total
    assert Assignment.objects.filter(roster=done).values("employee_id").distinct().count() == total
    with capsys.disabled():
        print(
            f"\n[faults] worker SIGKILLed at {after_kill.progress_done}/"
            f"{after_kill.progress_total}: "
            f"noticed and re-queued after {noticed_s:.1f} s, ready after {ready_s:.1f} s"
        )
