"""The one rewrite of days already published (wfh.rosters.published_days): the published row,
every ready version that is not superseded, and one change-log row per changed cell, agreeing.

Its three callers (the leave refresh, the regeneration around leave, the swap approval) are
tested through their own behaviour in test_leave_roster.py and tests/selfservice; these tests
pin the rule they share."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wfh.models import (
    Assignment,
    AssignmentChange,
    Mode,
    PatternKind,
    Phase,
    Programme,
    Roster,
    ScheduleDay,
    Source,
)
from wfh.rosters.published_days import DayRewrite, published_days_rewrite

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 11, 13)
READY, PUBLISHED = Roster.Status.READY, Roster.Workflow.PUBLISHED


def version(phase, opd, number, *, status=READY, workflow=Roster.Workflow.DRAFT) -> Roster:
    return Roster.objects.create(
        phase=phase, opd=opd, version=number, status=status, workflow=workflow
    )


def cell(roster, employee, mode) -> Assignment:
    return Assignment.objects.create(
        roster=roster, employee=employee, unit=employee.unit, day=DAY, mode=mode
    )


def published_row(roster, employee, mode) -> ScheduleDay:
    return ScheduleDay.objects.create(
        employee=employee,
        day=DAY,
        mode=mode,
        phase=roster.phase,
        opd=roster.opd,
        unit=employee.unit,
        roster=roster,
    )


@pytest.fixture
def versions(world):
    """DISKOMINFO's versions of one phase: v1 superseded, v2 published, v3 a draft waiting, v4
    failed; Sari WFO and Budi WFH in each, and in the published schedule."""
    programme = Programme.objects.create(slug="uji", name="Uji")
    phase = Phase.objects.create(
        programme=programme,
        slug="uji-1",
        name="Tahap uji",
        start=dt.date(2025, 11, 3),
        end=dt.date(2025, 11, 28),
        pattern=PatternKind.ROTATION,
        ratio=0.5,
        weekly_cap=2,
    )
    rosters = {
        "superseded": version(phase, world.kominfo, 1, workflow=Roster.Workflow.SUPERSEDED),
        "published": version(phase, world.kominfo, 2, workflow=PUBLISHED),
        "waiting": version(phase, world.kominfo, 3),
        "failed": version(phase, world.kominfo, 4, status=Roster.Status.FAILED),
    }
    Roster.objects.filter(pk=rosters["published"].pk).update(published_at=timezone.now())
    for roster in rosters.values():
        cell(roster, world.staff, Mode.WFO)
        cell(roster, world.head, Mode.WFH)
    published_row(rosters["published"], world.staff, Mode.WFO)
    published_row(rosters["published"], world.head, Mode.WFH)
    world.phase, world.rosters = phase, rosters
    return world


def modes(roster) -> dict[int, str]:
    return dict(
        Assignment.objects.filter(roster=roster, day=DAY).values_list("employee_id", "mode")
    )


def published() -> dict[int, str]:
    return dict(ScheduleDay.objects.filter(day=DAY).values_list("employee_id", "mode"))


def swap(world, **kw) -> list[DayRewrite]:
    return [
        DayRewrite(world.staff.pk, DAY, Mode.WFH, why="tukar", only_from=Mode.WFO, **kw),
        DayRewrite(world.head.pk, DAY, Mode.WFO, why="tukar", only_from=Mode.WFH, **kw),
    ]


def test_a_rewrite_reaches_the_published_day_and_every_ready_current_version_and_logs_each_cell(
    versions,
):
    w = versions
    done = published_days_rewrite(
        rewrites=[DayRewrite(w.staff.pk, DAY, Mode.LEAVE, why="Cuti", reason="leave")],
        user=w.hr,
    )
    assert published()[w.staff.pk] == Mode.LEAVE
    assert ScheduleDay.objects.get(employee=w.staff, day=DAY).source == Source.GENERATED
    for name in ("published", "waiting"):
        row = Assignment.objects.get(roster=w.rosters[name], employee=w.staff, day=DAY)
        assert (row.mode, row.source, row.reason) == (Mode.LEAVE, Source.GENERATED, "leave")
    for name in ("superseded", "failed"):  # history and a broken run stay as they were
        assert modes(w.rosters[name])[w.staff.pk] == Mode.WFO
    log = AssignmentChange.objects.all()
    assert {(c.roster_id, c.employee_id, c.old_mode, c.new_mode) for c in log} == {
        (w.rosters[name].pk, w.staff.pk, Mode.WFO, Mode.LEAVE) for name in ("published", "waiting")
    }
    assert all(c.reason == "Cuti" and c.changed_by == w.hr for c in log)
    assert (len(done.rows), len(done.cells)) == (1, 2)
    # a second time finds nothing to change and logs nothing
    again = published_days_rewrite(rewrites=[DayRewrite(w.staff.pk, DAY, Mode.LEAVE, why="Cuti")])
    assert (again.rows, again.cells) == ([], [])
    assert AssignmentChange.objects.count() == 2


def test_a_version_that_moved_away_from_the_mode_the_change_was_decided_on_keeps_its_cell(versions):
    w = versions
    Assignment.objects.filter(roster=w.rosters["waiting"], employee=w.staff).update(mode=Mode.WFH)
    published_days_rewrite(
        rewrites=[DayRewrite(w.staff.pk, DAY, Mode.LEAVE, why="x", only_from=Mode.WFO)]
    )
    assert modes(w.rosters["published"])[w.staff.pk] == Mode.LEAVE
    assert modes(w.rosters["waiting"])[w.staff.pk] == Mode.WFH
    assert not AssignmentChange.objects.filter(roster=w.rosters["waiting"]).exists()


def test_together_a_version_takes_both_sides_of_a_swap_or_neither(versions):
    w = versions
    # the waiting draft already has Budi in the office: swapping only Sari there would put both
    # at home
    Assignment.objects.filter(roster=w.rosters["waiting"], employee=w.head).update(mode=Mode.WFO)
    done = published_days_rewrite(
        rewrites=swap(w, source=Source.SWAP, reason="swap"), user=w.hr, together=True
    )
    assert published() == {w.staff.pk: Mode.WFH, w.head.pk: Mode.WFO}
    assert modes(w.rosters["published"]) == {w.staff.pk: Mode.WFH, w.head.pk: Mode.WFO}
    assert modes(w.rosters["waiting"]) == {w.staff.pk: Mode.WFO, w.head.pk: Mode.WFO}
    assert {c.roster_id for c in done.cells} == {w.rosters["published"].pk}
    assert set(ScheduleDay.objects.values_list("source", flat=True)) == {Source.SWAP}
    assert AssignmentChange.objects.filter(roster=w.rosters["published"]).count() == 2
    assert not AssignmentChange.objects.filter(roster=w.rosters["waiting"]).exists()


def test_a_rewrite_within_a_phase_and_opd_leaves_other_opds_alone(versions):
    w = versions
    elsewhere = version(w.phase, w.dukcapil, 1, workflow=PUBLISHED)
    cell(elsewhere, w.staff, Mode.WFO)  # Sari's placement there before a move, say
    published_days_rewrite(rewrites=swap(w), phase_id=w.phase.pk, opd_id=w.dukcapil.pk)
    assert published() == {w.staff.pk: Mode.WFO, w.head.pk: Mode.WFH}  # both rows are DISKOMINFO's
    assert modes(elsewhere) == {w.staff.pk: Mode.WFH}
    assert modes(w.rosters["published"]) == {w.staff.pk: Mode.WFO, w.head.pk: Mode.WFH}
