"""Writing the demo city: `city_seed(...)` writes a plan (demo/plan.py) into an empty registry in a
handful of bulk queries whatever the headcount and adds the five demo logins; `registry_reset()`
empties the registry first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from accounts.models import Role, User
from buildings.models import Building
from demo.data.dinas import DEMO_OPD
from demo.errors import DemoError
from demo.logins import (
    COLLEAGUE_USERNAME,
    EMPLOYEE_USERNAME,
    HR_USERNAME,
    OPD_ADMIN_USERNAME,
    SUPERVISOR_USERNAME,
    DemoAccount,
    logins_ensure,
)
from demo.plan import PlannedEmployee, build_plan, demo_colleague
from opd.models import AsnType, Employee, Opd, Placement, Unit
from opd.services import placements_sync

DEFAULT_EMPLOYEES = 3000
DEFAULT_SEED = 2025
BATCH = 5000
PLACEMENTS_FROM = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class DemoResult:
    seed: int
    password: str
    opds: int
    opds_by_kind: dict[str, int]
    units: int
    frontline_units: int
    employees: int
    pns: int
    pppk: int
    pppk_part_time: int
    placements: int
    accounts: tuple[DemoAccount, ...]


@transaction.atomic
def city_seed(*, employees: int, seed: int, password: str) -> DemoResult:
    """Write the demo city into an empty registry, with the five demo logins.

    A few dozen queries whatever the headcount: bulk inserts in batches of 5,000, supervisors
    inserted after the people they report to, one placements_sync at the end.
    """
    if Opd.objects.exists():
        raise DemoError("Registri sudah berisi OPD; kosongkan dulu (registry_reset).")
    plan = build_plan(employees=employees, seed=seed)
    users = logins_ensure(password=password)

    opd_ids: dict[str, int] = {}
    for with_parent in (False, True):  # parents first
        rows = [
            Opd(
                code=o.code,
                name=o.name,
                kind=o.kind,
                parent_id=opd_ids[o.parent] if o.parent else None,
                latitude=o.latitude,
                longitude=o.longitude,
                radius_m=o.radius_m,
                time_zone="Asia/Jakarta",
            )
            for o in plan.opds
            if bool(o.parent) == with_parent
        ]
        for row in Opd.objects.bulk_create(rows, batch_size=BATCH):
            opd_ids[row.code] = row.pk

    unit_rows = Unit.objects.bulk_create(
        [
            Unit(
                opd_id=opd_ids[u.opd],
                code=u.code,
                name=u.name,
                frontline=u.frontline,
                min_onsite=u.min_onsite,
            )
            for u in plan.units
        ],
        batch_size=BATCH,
    )
    unit_ids = {(u.opd, u.code): row.pk for u, row in zip(plan.units, unit_rows, strict=True)}

    colleague_index = demo_colleague(plan)
    user_of = {
        plan.supervisor_index: users[SUPERVISOR_USERNAME].pk,
        plan.employee_index: users[EMPLOYEE_USERNAME].pk,
        colleague_index: users[COLLEAGUE_USERNAME].pk,
    }
    ids: list[int | None] = [None] * len(plan.employees)
    for level in range(4):
        indexes = [i for i, p in enumerate(plan.employees) if p.level == level]
        # a level's rows name supervisors of the levels before it only, so it goes in at once
        rows = Employee.objects.bulk_create(
            [
                _employee_row(plan.employees[i], opd_ids, unit_ids, ids, user_of.get(i))
                for i in indexes
            ],
            batch_size=BATCH,
        )
        for i, row in zip(indexes, rows, strict=True):
            ids[i] = row.pk

    Opd.objects.get(pk=opd_ids[DEMO_OPD]).admins.add(users[OPD_ADMIN_USERNAME])
    placements = placements_sync(effective=PLACEMENTS_FROM)["opened"]

    types = Counter(p.asn_type for p in plan.employees)
    supervisor = plan.employees[plan.supervisor_index]
    employee = plan.employees[plan.employee_index]
    colleague = plan.employees[colleague_index]
    User.objects.filter(pk=users[COLLEAGUE_USERNAME].pk).update(
        first_name=colleague.name.split(",")[0][:150]
    )
    team = sum(1 for p in plan.employees if p.supervisor == plan.supervisor_index)
    return DemoResult(
        seed=seed,
        password=password,
        opds=len(plan.opds),
        opds_by_kind=dict(Counter(o.kind for o in plan.opds)),
        units=len(plan.units),
        frontline_units=sum(u.frontline for u in plan.units),
        employees=len(plan.employees),
        pns=types[AsnType.PNS],
        pppk=types[AsnType.PPPK],
        pppk_part_time=sum(p.part_time for p in plan.employees),
        placements=placements,
        accounts=(
            DemoAccount(HR_USERNAME, str(Role.HR.label), "BKPSDM: melihat semua OPD"),
            DemoAccount(OPD_ADMIN_USERNAME, str(Role.OPD_ADMIN.label), f"admin OPD {DEMO_OPD}"),
            DemoAccount(
                SUPERVISOR_USERNAME,
                str(Role.SUPERVISOR.label),
                f"{supervisor.name}, {supervisor.position} ({team} bawahan), NIP {supervisor.nip}",
            ),
            DemoAccount(
                EMPLOYEE_USERNAME,
                str(Role.EMPLOYEE.label),
                f"{employee.name}, {employee.position}, NIP {employee.nip}",
            ),
            DemoAccount(
                COLLEAGUE_USERNAME,
                str(Role.EMPLOYEE.label),
                f"rekan satu unit {EMPLOYEE_USERNAME} yang menyetujui atau menolak permintaan "
                "tukar jadwalnya",
            ),
        ),
    )


def _employee_row(p: PlannedEmployee, opd_ids, unit_ids, ids, user_id) -> Employee:
    return Employee(
        nip=p.nip,
        name=p.name,
        asn_type=p.asn_type,
        opd_id=opd_ids[p.opd],
        unit_id=unit_ids[(p.opd, p.unit)],
        position=p.position,
        unit_role=p.unit_role,
        supervisor_id=None if p.supervisor is None else ids[p.supervisor],
        wfh_eligible=p.wfh_eligible,
        ineligible_reason=p.ineligible_reason,
        new_in_post_since=p.new_in_post_since,
        email=p.email,
        phone=p.phone,
        active_from=p.active_from,
        user_id=user_id,
    )


@transaction.atomic
def registry_reset() -> dict[str, int]:
    """Delete the registry's placements, employees, units and OPDs and every non-superuser.

    Rows that hang off them (rosters, assignments, schedules) go with them by their cascades.
    Returns how many of each were deleted.
    """
    deleted = {"placements": Placement.objects.all().delete()[0]}
    # the buildings house the OPDs: their zones, seats and meters go with them
    deleted["buildings"] = Building.objects.all().delete()[1].get(Building._meta.label, 0)
    deleted["employees"] = Employee.objects.all().delete()[1].get(Employee._meta.label, 0)
    deleted["units"] = Unit.objects.all().delete()[1].get(Unit._meta.label, 0)
    deleted["opds"] = 0
    while Opd.objects.exists():  # children before parents: Opd.parent is protected
        leaves = Opd.objects.filter(children__isnull=True)
        removed = leaves.delete()[1].get(Opd._meta.label, 0)
        if not removed:  # parents that point at each other: cut the links, then delete
            Opd.objects.update(parent=None)
        deleted["opds"] += removed
    deleted["users"] = User.objects.filter(is_superuser=False).delete()[1].get(User._meta.label, 0)
    return deleted
