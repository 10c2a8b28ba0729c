"""The engineering-base refactor moved models between apps (LeaveRecord from attendance to leave)
with state-only migrations: a database at the migrations of before it (every app's leaf as it was
then) migrates to today's head with every row of every table still there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.attendance.conftest import publish
from wfh.models import LocalDayOff, Mode

# the leaf migration of every project app before the refactor (commit 1a8e0bb); leave did not exist
BEFORE_REFACTOR = [
    ("accounts", "0001_initial"),
    ("opd", "0002_importbatch"),
    ("wfh", "0002_lean_indexes"),
    ("attendance", "0006_event_flag_params"),
    ("selfservice", "0002_swap_colleague_consent"),
    ("evaluation", "0001_initial"),
    ("api", "0002_webhooks"),
    ("leave", None),
]


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = [
            t for t in connection.introspection.table_names(cursor) if t != "django_migrations"
        ]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from the database)
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_refactor_keeps_every_row_at_the_new_head(world):
    for offset, mode in enumerate([Mode.WFH, Mode.WFO, Mode.LEAVE]):
        publish(world.staff, dt.date(2025, 12, 1) + dt.timedelta(days=offset), mode)
    LocalDayOff.objects.create(date=dt.date(2025, 12, 24), name="Hari jadi kota")
    head = _executor().loader.graph.leaf_nodes()
    before = _row_counts()
    try:
        _executor().migrate(BEFORE_REFACTOR)
        at_old_state = _row_counts()
        nodes = [node for node in BEFORE_REFACTOR if node[1] is not None]
        old_apps = _executor().loader.project_state(nodes, at_end=True).apps
        old_apps.get_model("attendance", "LeaveRecord").objects.create(
            employee_id=world.staff.pk,
            kind="cuti_tahunan",
            start=dt.date(2025, 12, 8),
            end=dt.date(2025, 12, 9),
            status="approved",
        )
    finally:
        _executor().migrate(head)
    after = _row_counts()

    # going back drops nothing: the moves are state-only; tables created after the refactor
    # (e.g. opd_disciplinarysanction) are empty here and absent at the old state
    added = before.keys() - at_old_state.keys()
    assert all(before[t] == 0 for t in added)
    assert at_old_state == {t: n for t, n in before.items() if t not in added}
    expected = {**before, "attendance_leaverecord": before["attendance_leaverecord"] + 1}
    assert after == expected
    assert {t for t, n in after.items() if n} >= {
        "opd_opd",
        "opd_unit",
        "opd_employee",
        "accounts_user",
        "wfh_scheduleday",
        "wfh_localdayoff",
        "attendance_leaverecord",
    }
