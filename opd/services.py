"""Write-side rules of the registry that more than one entry point needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Q

from opd.models import Employee, Placement


@transaction.atomic
def placements_sync(*, employee_ids: Iterable[int] | None = None, effective: dt.date) -> dict:
    """Make each employee's open Placement match their current OPD, unit, position and role.

    Set-based: closes the open placement of everyone whose OPD or unit changed (valid_to is the day
    before `effective`), and opens a new one from `effective` (or from active_from for someone with
    no history yet). Past days keep the old OPD and unit. Returns counts of opened and closed rows.
    """
    employees = Employee.objects.all()
    if employee_ids is not None:
        employees = employees.filter(id__in=list(employee_ids))
    open_rows = Placement.objects.filter(valid_to__isnull=True, employee__in=employees)

    moved = open_rows.exclude(opd_id=F("employee__opd_id")) | open_rows.filter(
        ~Q(unit_id=F("employee__unit_id"))
        | Q(unit_id__isnull=True, employee__unit_id__isnull=False)
        | Q(unit_id__isnull=False, employee__unit_id__isnull=True)
    )
    moved_ids = list(moved.values_list("id", flat=True))
    # A move on the very day a placement began replaces it instead of leaving a 0-day period.
    same_day = Placement.objects.filter(id__in=moved_ids, valid_from__gte=effective)
    same_day_count = same_day.count()
    same_day.delete()
    closed = Placement.objects.filter(id__in=moved_ids).update(
        valid_to=effective - dt.timedelta(days=1)
    )
    # Position and role changes inside the same unit update the open row in place.
    Placement.objects.filter(valid_to__isnull=True, employee__in=employees).exclude(
        position=F("employee__position"), unit_role=F("employee__unit_role")
    ).update(position=F("employee__position"), unit_role=F("employee__unit_role"))

    without_open = employees.exclude(placements__valid_to__isnull=True).values_list(
        "id", "opd_id", "unit_id", "position", "unit_role", "active_from"
    )
    history_ids = set(
        Placement.objects.filter(employee__in=employees).values_list("employee_id", flat=True)
    )
    new_rows = []
    for emp_id, opd_id, unit_id, position, unit_role, active_from in without_open.iterator(
        chunk_size=5000
    ):
        start = (
            effective
            if emp_id in history_ids or active_from is None
            else min(active_from, effective)
        )
        new_rows.append(
            Placement(
                employee_id=emp_id,
                opd_id=opd_id,
                unit_id=unit_id,
                position=position,
                unit_role=unit_role,
                valid_from=start,
            )
        )
    Placement.objects.bulk_create(new_rows, batch_size=5000)
    return {"opened": len(new_rows), "closed": closed, "replaced": same_day_count}
