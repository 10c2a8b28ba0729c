"""A phase changed from a date (wfh.phase_versions): the Depok case end to end through the
services, the preset, the command and the workflow that re-publishes and tells the staff."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase

from accounts.models import Notification, NotificationKind
from opd.services import placements_sync
from tests.factories import make_employee, make_opd, make_unit
from wfh.models import Assignment, Mode, Phase, PhaseVersion, Roster, ScheduleDay
from wfh.phase_versions.changes import change_parse, phase_change
from wfh.rosters import generation, publication

D = dt.date
CHANGE = D(2026, 2, 17)


def generate(phase, opd, **kw):
    with TestCase.captureOnCommitCallbacks(execute=True):
        (roster,) = generation.rosters_start(phase=phase, opds=[opd], **kw)
    roster.refresh_from_db()
    return roster


@pytest.fixture
def depok(world):
    """The depok-2026 preset without its February change (the test makes it), a puskesmas."""
    call_command("load_preset", "depok-2026", stdout=io.StringIO())
    phase = Phase.objects.get(slug="depok-2026")
    PhaseVersion.objects.filter(phase=phase).delete()
    world.it.min_onsite = 0
    world.it.save()
    world.sek.min_onsite = 0
    world.sek.save()
    puskesmas = make_opd("PKM-SUKMAJAYA", name="Puskesmas Sukmajaya", kind="puskesmas")
    world.nurse = make_employee(puskesmas, make_unit(puskesmas, "UMUM"), name="Nia Perawat")
    world.puskesmas = puskesmas
    placements_sync(effective=D(2025, 1, 1))
    world.phase = phase
    return world


def wfh_days(roster, employee, start, end):
    return sorted(
        Assignment.objects.filter(
            roster=roster, employee=employee, mode=Mode.WFH, day__range=(start, end)
        ).values_list("day", flat=True)
    )


def published_wfh(employee, start, end):
    return sorted(
        ScheduleDay.objects.filter(
            employee=employee, mode=Mode.WFH, day__range=(start, end)
        ).values_list("day", flat=True)
    )


@pytest.mark.django_db
def test_the_depok_change_keeps_january_february_and_moves_later_days_to_monday(depok):
    first = generate(depok.phase, depok.kominfo)
    assert first.status == Roster.Status.READY, first.error
    publication.roster_publish(roster=first, user=depok.hr)
    lived = list(
        ScheduleDay.objects.filter(opd=depok.kominfo, day__lt=CHANGE)
        .order_by("employee_id", "day")
        .values_list("employee_id", "day", "mode", "roster_id")
    )
    assert published_wfh(depok.staff, D(2026, 1, 29), D(2026, 2, 16)) == [
        D(2026, 1, 29),
        D(2026, 2, 5),
        D(2026, 2, 12),
    ]

    spec = change_parse(
        {"valid_from": "2026-02-17", "wfh_weekdays": ["senin"], "reference": "SE Depok 2/2026"}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = phase_change(phase=depok.phase, spec=spec, user=depok.hr, today=D(2026, 2, 10))
    assert result.version.wfh_weekdays == [0]
    assert result.before.wfh_weekdays == (3,)
    (queued,) = result.rosters
    draft = Roster.objects.get(pk=queued.pk)
    assert draft.status == Roster.Status.READY, draft.error
    assert draft.workflow == Roster.Workflow.DRAFT and draft.version == 2
    # the draft's days before the change are the lived ones; later WFH days are Mondays
    assert wfh_days(draft, depok.staff, D(2026, 1, 29), D(2026, 2, 16)) == [
        D(2026, 1, 29),
        D(2026, 2, 5),
        D(2026, 2, 12),
    ]
    later = wfh_days(draft, depok.staff, CHANGE, D(2026, 3, 31))
    assert later and {d.weekday() for d in later} == {0}
    assert D(2026, 2, 23) in later and D(2026, 3, 2) in later
    assert draft.stats["spans"][1]["reference"] == "SE Depok 2/2026"

    # published only after the usual workflow: submitted by the OPD, published by HR
    assert published_wfh(depok.staff, CHANGE, D(2026, 3, 31))[0].weekday() == 3
    publication.roster_submit(roster=draft, user=depok.opd_admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        publication.roster_publish(roster=draft, user=depok.hr)
    assert (
        list(
            ScheduleDay.objects.filter(opd=depok.kominfo, day__lt=CHANGE)
            .order_by("employee_id", "day")
            .values_list("employee_id", "day", "mode", "roster_id")
        )
        == lived
    )
    assert {d.weekday() for d in published_wfh(depok.staff, CHANGE, D(2026, 12, 31))} == {0}
    told = Notification.objects.filter(
        user=depok.pegawai_user, kind=NotificationKind.ROSTER_PUBLISHED, key=f"roster-{draft.pk}"
    )
    assert told.count() == 1


@pytest.mark.django_db
def test_the_preset_exempts_puskesmas_staff_and_moves_thursday_to_monday(depok):
    call_command("load_preset", "depok-2026", stdout=io.StringIO())  # brings the change back
    assert PhaseVersion.objects.filter(phase=depok.phase, valid_from=CHANGE).exists()
    roster = generate(depok.phase, depok.kominfo)
    assert wfh_days(roster, depok.staff, D(2026, 1, 29), D(2026, 2, 16)) == [
        D(2026, 1, 29),
        D(2026, 2, 5),
        D(2026, 2, 12),
    ]
    assert {d.weekday() for d in wfh_days(roster, depok.staff, CHANGE, D(2026, 6, 30))} == {0}
    nurse = generate(depok.phase, depok.puskesmas)
    assert nurse.status == Roster.Status.READY, nurse.error
    cells = Assignment.objects.filter(roster=nurse, employee=depok.nurse)
    assert cells.exists() and not cells.filter(mode=Mode.WFH).exists()
    assert set(cells.values_list("reason", flat=True)) == {"frontline"}


@pytest.mark.django_db
def test_loading_the_depok_preset_twice_changes_nothing(db):
    call_command("load_preset", "depok-2026", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_preset", "depok-2026", stdout=out)
    assert "0 dibuat, 0 diperbarui, 3 tidak berubah" in out.getvalue()


@pytest.mark.django_db
def test_a_mid_week_change_keeps_the_weekly_cap_across_the_change(depok):
    # Thursday and Friday from Wednesday 4 March: the week of 2 March already had its Monday
    depok.phase.wfh_weekdays = [0]
    depok.phase.weekly_cap = 2
    depok.phase.save()
    generate(depok.phase, depok.kominfo)
    spec = change_parse(
        {"valid_from": "2026-03-04", "wfh_weekdays": "kamis jumat", "reference": "SE 3/2026"}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = phase_change(phase=depok.phase, spec=spec, user=None, today=D(2026, 3, 1))
    roster = Roster.objects.get(pk=result.rosters[0].pk)
    week = wfh_days(roster, depok.staff, D(2026, 3, 2), D(2026, 3, 6))
    assert week[0] == D(2026, 3, 2) and len(week) == 2  # Monday lived, one of Thu/Fri: cap 2
    assert wfh_days(roster, depok.staff, D(2026, 3, 9), D(2026, 3, 13)) == [
        D(2026, 3, 12),
        D(2026, 3, 13),
    ]


@pytest.mark.django_db
def test_a_change_is_refused_with_the_field_named(depok):
    def refused(data, today=None, user=None):
        with pytest.raises(ValidationError) as caught:
            phase_change(
                phase=depok.phase,
                spec=change_parse(data),
                user=user,
                today=today or D(2026, 2, 10),
            )
        return caught.value.message_dict

    base = {"valid_from": "2026-02-17", "reference": "SE 2/2026"}
    assert "valid_from" in refused({**base, "wfh_weekdays": "senin"}, today=D(2026, 3, 1))
    assert "valid_from" in refused({**base, "valid_from": "2026-01-29", "wfh_weekdays": "0"})
    assert "valid_from" in refused({**base, "valid_from": "2027-01-04", "wfh_weekdays": "0"})
    assert "ratio" in refused({**base, "ratio": "0,5"})
    assert "non_field_errors" in refused({**base, "wfh_weekdays": "kamis"})
    with pytest.raises(ValidationError) as caught:
        change_parse({"valid_from": "17-02-2026", "wfh_weekdays": "minggu", "weekly_cap": "9"})
    assert set(caught.value.message_dict) == {
        "valid_from",
        "wfh_weekdays",
        "weekly_cap",
        "reference",
    }
    with pytest.raises(PermissionDenied):
        phase_change(
            phase=depok.phase,
            spec=change_parse({**base, "wfh_weekdays": "senin"}),
            user=depok.opd_admin,
            today=D(2026, 2, 10),
        )
    assert not PhaseVersion.objects.exists()


@pytest.mark.django_db
def test_a_second_change_must_come_after_the_first(depok):
    phase_change(
        phase=depok.phase,
        spec=change_parse({"valid_from": "2026-03-02", "weekly_cap": 1, "reference": "SE 1"}),
        today=D(2026, 2, 1),
    )
    with pytest.raises(ValidationError) as caught:
        phase_change(
            phase=depok.phase,
            spec=change_parse({"valid_from": "2026-02-23", "wfh_weekdays": "0", "reference": "X"}),
            today=D(2026, 2, 1),
        )
    assert "valid_from" in caught.value.message_dict


@pytest.mark.django_db
def test_change_phase_command_records_the_change_and_queues_the_rosters(depok):
    generate(depok.phase, depok.kominfo)
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(
            "change_phase",
            "depok-2026",
            "--from",
            "2026-02-17",
            "--weekday",
            "senin",
            "--reference",
            "SE Depok 2/2026",
            "--today",
            "2026-02-10",
            stdout=out,
        )
    version = PhaseVersion.objects.get(phase=depok.phase)
    assert version.wfh_weekdays == [0] and version.reference == "SE Depok 2/2026"
    assert "Senin sejak 17 Februari 2026" in out.getvalue()
    assert "DISKOMINFO v1: dibuat ulang" in out.getvalue()  # its draft, regenerated
    with pytest.raises(CommandError, match="--weekday"):
        call_command(
            "change_phase",
            "depok-2026",
            "--from",
            "2026-03-02",
            "--weekday",
            "minggu",
            "--reference",
            "X",
            "--today",
            "2026-02-10",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("change_phase", "nope", "--from", "2026-03-02", stdout=io.StringIO())
