"""opd 0003 (eligibility records) applies to a database holding data: the placements written
before it keep their rows, the first of each employee stays "first" and every later one becomes
the move placements_sync wrote (a transfer between OPDs, a rotation inside one)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from opd.eligibility_records import employee_eligibility
from opd.models import Employee, Placement, PlacementKind

BEFORE = ("opd", "0002_importbatch")
AFTER = ("opd", "0003_eligibility_records")
D = dt.date


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_placements_written_before_the_migration_become_moves(world):
    executor = _executor()
    head = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([BEFORE])
        old_apps = _executor().loader.project_state([BEFORE], at_end=True).apps
        OldPlacement = old_apps.get_model("opd", "Placement")
        OldPlacement.objects.filter(employee_id=world.staff.pk).update(valid_to=D(2025, 5, 31))
        OldPlacement.objects.create(
            employee_id=world.staff.pk,
            opd_id=world.kominfo.pk,
            unit_id=world.sek.pk,
            valid_from=D(2025, 6, 1),
            valid_to=D(2025, 9, 30),
        )
        OldPlacement.objects.create(
            employee_id=world.staff.pk,
            opd_id=world.dukcapil.pk,
            unit_id=world.counter.pk,
            valid_from=D(2025, 10, 1),
        )
        rows_before = OldPlacement.objects.count()
        _executor().migrate([AFTER])
    finally:
        _executor().migrate(head)
    assert Placement.objects.count() == rows_before
    kinds = list(
        Placement.objects.filter(employee=world.staff)
        .order_by("valid_from")
        .values_list("kind", flat=True)
    )
    assert kinds == [PlacementKind.FIRST, PlacementKind.ROTATION, PlacementKind.TRANSFER]
    assert set(Placement.objects.exclude(employee=world.staff).values_list("kind", flat=True)) == {
        PlacementKind.FIRST
    }
    staff = Employee.objects.get(pk=world.staff.pk)
    assert staff.ineligible_note == ""
    answer = employee_eligibility(staff, D(2025, 12, 1))
    assert (answer.eligible, answer.cause, answer.until) == (False, "transfer", D(2026, 10, 1))
