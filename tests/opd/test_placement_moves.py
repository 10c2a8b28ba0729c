"""The org import writes the placement history: a unit change in the same OPD is a rotation,
another OPD a transfer, and either makes the employee new in post from that day."""

from __future__ import annotations

import datetime as dt

import pytest

from opd.eligibility_records import describe, employee_eligibility
from opd.models import Placement, PlacementKind
from tests.opd.import_files import TODAY, emp, employees, run

pytestmark = pytest.mark.django_db


def test_a_move_by_the_import_is_a_rotation_or_a_transfer(world):
    result = run(
        employees=employees(
            emp(world.other.nip, name=world.other.name, unit_code="TIK"),
            emp(world.staff.nip, name=world.staff.name, opd_code="DISDUKCAPIL", unit_code=""),
        )
    )
    assert result.ok, [str(e) for e in result.errors]
    other = Placement.objects.get(employee=world.other, valid_to__isnull=True)
    staff = Placement.objects.get(employee=world.staff, valid_to__isnull=True)
    assert (other.kind, other.valid_from) == (PlacementKind.ROTATION, TODAY)
    assert (staff.kind, staff.valid_from) == (PlacementKind.TRANSFER, TODAY)
    assert Placement.objects.get(employee=world.other, valid_to__isnull=False).kind == (
        PlacementKind.FIRST
    )
    world.other.refresh_from_db()
    answer = employee_eligibility(world.other, TODAY + dt.timedelta(days=60))
    assert not answer.eligible
    assert describe(answer) == (
        "Baru menduduki jabatan (rotasi) sejak 3 November 2025: memenuhi syarat mulai "
        "3 November 2026"
    )
    # the first placement of someone recorded for the first time is no move
    assert employee_eligibility(world.head, TODAY).eligible
