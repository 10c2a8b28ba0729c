"""Eligibility per date through the real roster generation: someone new in post is WFO with
reason "ineligible" until the period ends and follows the pattern after it; a sanction bars its
own dates only; the grid says why and until when."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from opd.models import DisciplinarySanction, Placement, PlacementKind
from opd.services import placements_sync
from tests.factories import make_employee
from wfh.models import Assignment, Mode, Phase, Roster
from wfh.rosters import generation

D = dt.date
THURSDAYS = [D(2025, 11, 6), D(2025, 11, 13), D(2025, 11, 20), D(2025, 11, 27)]


@pytest.fixture
def phase1(world):
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    world.it.min_onsite = 0
    world.it.save()
    for i in range(3):
        make_employee(world.kominfo, world.it, name=f"Staf TIK {i}")
    placements_sync(effective=D(2025, 1, 1))
    return Phase.objects.get(slug="jabar-2025-tahap-1")


def generate(phase, opd):
    with TestCase.captureOnCommitCallbacks(execute=True):
        (roster,) = generation.rosters_start(phase=phase, opds=[opd])
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error
    return roster


def thursdays_of(roster, employee):
    rows = Assignment.objects.filter(roster=roster, employee=employee, day__in=THURSDAYS)
    return {day: (mode, reason) for day, mode, reason in rows.values_list("day", "mode", "reason")}


def move(employee, day, kind=PlacementKind.ROTATION):
    """Record that `employee` started their post on `day` (as the org import does)."""
    Placement.objects.filter(employee=employee).update(
        valid_from=D(2020, 1, 1), valid_to=day - dt.timedelta(days=1)
    )
    Placement.objects.create(
        employee=employee,
        opd=employee.opd,
        unit=employee.unit,
        position=employee.position,
        unit_role=employee.unit_role,
        valid_from=day,
        kind=kind,
    )


@pytest.mark.django_db
def test_someone_new_in_post_becomes_eligible_when_the_period_ends(phase1, world, client):
    move(world.staff, D(2024, 11, 15))  # eligible again from 15 November 2025 (12 months)
    roster = generate(phase1, world.kominfo)
    cells = thursdays_of(roster, world.staff)
    assert cells == {
        D(2025, 11, 6): (Mode.WFO, "ineligible"),
        D(2025, 11, 13): (Mode.WFO, "ineligible"),
        D(2025, 11, 20): (Mode.WFH, "pattern"),
        D(2025, 11, 27): (Mode.WFH, "pattern"),
    }
    # one row in the grid, whatever the pieces the engine saw
    assert set(
        Assignment.objects.filter(roster=roster, employee=world.staff).values_list(
            "unit_id", flat=True
        )
    ) == {world.it.pk}
    assert Assignment.objects.filter(roster=roster, employee=world.staff).count() == 20
    # an employee moved two months before the phase: not eligible on any day of it
    move(world.other, D(2025, 9, 1), PlacementKind.TRANSFER)
    roster = generate(phase1, world.kominfo)
    assert {m for m, _r in thursdays_of(roster, world.other).values()} == {Mode.WFO}
    client.force_login(world.hr)
    body = client.get(reverse("wfh:roster", args=[roster.pk]) + "?bulan=2025-11").content.decode()
    assert "Baru menduduki jabatan (rotasi) sejak 15 November 2024" in body
    assert "memenuhi syarat mulai 15 November 2025" in body
    assert "memenuhi syarat mulai 1 September 2026" in body


@pytest.mark.django_db
def test_a_sanction_makes_someone_ineligible_for_its_dates_only(phase1, world):
    DisciplinarySanction.objects.create(
        employee=world.staff, kind="light", start=D(2025, 11, 10), end=D(2025, 11, 21)
    )
    roster = generate(phase1, world.kominfo)
    cells = thursdays_of(roster, world.staff)
    assert cells[D(2025, 11, 6)] == (Mode.WFH, "pattern")
    assert cells[D(2025, 11, 13)] == (Mode.WFO, "ineligible")
    assert cells[D(2025, 11, 20)] == (Mode.WFO, "ineligible")
    assert cells[D(2025, 11, 27)] == (Mode.WFH, "pattern")


@pytest.mark.django_db
def test_the_manual_override_wins_over_the_records_on_every_day(phase1, world):
    world.staff.wfh_eligible = False
    world.staff.ineligible_reason = "other"
    world.staff.ineligible_note = "tugas belajar"
    world.staff.save()
    roster = generate(phase1, world.kominfo)
    assert set(thursdays_of(roster, world.staff).values()) == {(Mode.WFO, "ineligible")}
