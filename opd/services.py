"""Write-side rules of the registry that more than one entry point needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from opd.models import Employee, Placement, PlacementKind

BATCH = 5000


@transaction.atomic
def placements_sync(*, employee_ids: Iterable[int] | None = None, effective: dt.date) -> dict:
    """Make each employee's open Placement match their current OPD, unit, position and role.

    Someone whose OPD or unit changed gets their open placement closed on the day before
    `effective` and a new one from `effective`, so past days stay with the old OPD and unit. A
    position or role change in the same unit updates the open row. Someone with no history gets a
    placement from their active_from (or `effective`). A handful of queries whatever the headcount.
    """
    employees = Employee.objects.all()
    open_rows = Placement.objects.filter(valid_to__isnull=True)
    if employee_ids is not None:
        ids = list(employee_ids)
        employees = employees.filter(id__in=ids)
        open_rows = open_rows.filter(employee_id__in=ids)
    current = {
        row[0]: row[1:]
        for row in employees.values_list(
            "id", "opd_id", "unit_id", "position", "unit_role", "active_from"
        ).iterator(chunk_size=BATCH)
    }
    open_by_employee = {
        p.employee_id: p
        for p in open_rows.only(
            "id", "employee_id", "opd_id", "unit_id", "position", "unit_role", "valid_from"
        ).iterator(chunk_size=BATCH)
    }

    to_close, to_delete, to_update, to_open = [], [], [], []
    for emp_id, (opd_id, unit_id, position, unit_role, active_from) in current.items():
        placement = open_by_employee.get(emp_id)
        if placement is None:
            start = effective if active_from is None else min(active_from, effective)
            to_open.append(
                (emp_id, opd_id, unit_id, position, unit_role, start, PlacementKind.FIRST)
            )
        elif (placement.opd_id, placement.unit_id) != (opd_id, unit_id):
            if placement.valid_from >= effective:
                to_delete.append(placement.id)  # moved again on its first day: no 0-day period
            else:
                to_close.append(placement.id)
            kind = PlacementKind.ROTATION if placement.opd_id == opd_id else PlacementKind.TRANSFER
            to_open.append((emp_id, opd_id, unit_id, position, unit_role, effective, kind))
        elif (placement.position, placement.unit_role) != (position, unit_role):
            placement.position, placement.unit_role = position, unit_role
            to_update.append(placement)

    for start in range(0, len(to_delete), BATCH):
        Placement.objects.filter(id__in=to_delete[start : start + BATCH]).delete()
    for start in range(0, len(to_close), BATCH):
        Placement.objects.filter(id__in=to_close[start : start + BATCH]).update(
            valid_to=effective - dt.timedelta(days=1)
        )
    Placement.objects.bulk_update(to_update, ["position", "unit_role"], batch_size=BATCH)
    Placement.objects.bulk_create(
        [
            Placement(
                employee_id=emp_id,
                opd_id=opd_id,
                unit_id=unit_id,
                position=position,
                unit_role=unit_role,
                valid_from=start,
                kind=kind,
            )
            for emp_id, opd_id, unit_id, position, unit_role, start, kind in to_open
        ],
        batch_size=BATCH,
    )
    return {
        "opened": len(to_open),
        "closed": len(to_close),
        "replaced": len(to_delete),
        "updated": len(to_update),
    }
