"""LeaveRecord moved from attendance to leave with its table (attendance 0007, leave 0001, both
state-only): a database at the migrations of before the move keeps every leave row, and the
leave app reads it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from leave.models import LeaveRecord, LeaveStatus

LAST_BEFORE_MOVE = ("attendance", "0006_event_flag_params")


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def _before_the_move(executor: MigrationExecutor) -> list[tuple[str, str | None]]:
    """The leaf nodes of the migrations before the move: every other app's leaf, attendance at
    0006, and no leave migration at all."""
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] not in {"attendance", "leave"}]
    return [*others, LAST_BEFORE_MOVE, ("leave", None)]


@pytest.mark.django_db(transaction=True)
def test_leave_rows_written_before_the_move_are_read_by_the_leave_app(world):
    executor = _executor()
    head = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(_before_the_move(executor))
        applied = MigrationRecorder(connection).applied_migrations()
        assert LAST_BEFORE_MOVE in applied and ("leave", "0001_initial") not in applied
        old_apps = _executor().loader.project_state([LAST_BEFORE_MOVE], at_end=True).apps
        OldLeave = old_apps.get_model("attendance", "LeaveRecord")
        decided = dt.datetime(2025, 11, 28, 9, 0, tzinfo=dt.UTC)
        old = OldLeave.objects.create(
            employee_id=world.staff.pk,
            kind="dinas_luar",
            start=dt.date(2025, 12, 8),
            end=dt.date(2025, 12, 10),
            status="approved",
            note="Bimtek di Bandung",
            created_by_id=world.opd_admin.pk,
            decided_by_id=world.hr.pk,
            decided_at=decided,
            decision_note="berangkat",
        )
        OldLeave.objects.create(
            employee_id=world.clerk.pk,
            kind="sakit",
            start=dt.date(2025, 12, 1),
            end=dt.date(2025, 12, 1),
            status="cancelled",
        )
    finally:
        _executor().migrate(head)

    assert LeaveRecord.objects.count() == 2
    moved = LeaveRecord.objects.select_related("employee", "decided_by").get(pk=old.pk)
    assert (moved.employee, moved.kind, moved.start, moved.end) == (
        world.staff,
        "dinas_luar",
        dt.date(2025, 12, 8),
        dt.date(2025, 12, 10),
    )
    assert (moved.status, moved.note, moved.decision_note) == (
        LeaveStatus.APPROVED,
        "Bimtek di Bandung",
        "berangkat",
    )
    assert (moved.created_by_id, moved.decided_by, moved.decided_at) == (
        world.opd_admin.pk,
        world.hr,
        decided,
    )
    assert list(world.clerk.leave.values_list("status", flat=True)) == [LeaveStatus.CANCELLED]
    # the moved model writes to the same table
    LeaveRecord.objects.create(
        employee=world.other,
        kind="cuti_tahunan",
        start=dt.date(2025, 12, 15),
        end=dt.date(2025, 12, 15),
    )
    assert LeaveRecord._meta.db_table == "attendance_leaverecord"
    assert LeaveRecord.objects.count() == 3
