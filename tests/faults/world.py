"""Data of the fault suite: the shared world, the jabar-2025 programme and, for the worker test,
one OPD big enough that its generation takes a while (bulk-inserted, a few seconds)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from opd.models import AsnType, Employee, Unit, UnitRole
from opd.services import placements_sync
from tests.conftest import build_world
from tests.factories import make_nip
from wfh.models import Phase


def programme_world():
    world = build_world()
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    world.phase2 = Phase.objects.get(slug="jabar-2025-tahap-2")
    return world


def grow(world, employees: int, units: int = 20) -> None:
    """Add `employees` staff to DISKOMINFO in `units` new units (a unit minimum of 1)."""
    made = [
        Unit.objects.create(opd=world.kominfo, code=f"U{n:02d}", name=f"Bidang {n}", min_onsite=1)
        for n in range(units)
    ]
    Employee.objects.bulk_create(
        [
            Employee(
                opd=world.kominfo,
                unit=made[n % units],
                nip=make_nip(),
                name=f"Pegawai Uji {n}",
                asn_type=AsnType.PNS,
                unit_role=UnitRole.STAFF,
            )
            for n in range(employees)
        ],
        batch_size=2000,
    )
    placements_sync(effective=dt.date(2025, 1, 1))
