"""Declared days: a WFA range overrides the phase and its revoke restores it; a Lebaran rotation
(share 0.5) keeps every unit minimum and the fairness rules; exemptions; lived days; bad input."""

from __future__ import annotations

import io
import math
from collections import defaultdict

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from opd.models import Employee
from tests.wfh.overrides.conftest import D, schedule
from wfh.models import AssignmentChange, Mode, Roster, ScheduleDay, Source
from wfh.overrides.declared import declared_days_declare
from wfh.overrides.inputs import declaration_parse
from wfh.overrides.models import DeclaredDay, OverrideStatus
from wfh.overrides.revoking import declared_day_revoke
from wfh.rosters import generation, publication

MON, TUE = D(2025, 11, 10), D(2025, 11, 11)


def declare(city, user=None, **data):
    data.setdefault("reference", "SE MenPANRB 2/2026")
    spec = declaration_parse(data)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return declared_days_declare(spec=spec, user=user, today=city.today)


def revoke(city, declared, user=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return declared_day_revoke(declared=declared, user=user, today=city.today)


@pytest.mark.django_db
def test_a_wfa_range_overrides_the_phase_and_revoking_restores_it(city):
    w = city.w
    before = schedule(day__gte=MON, day__lte=TUE)
    assert {m for m, _s in before.values()} == {Mode.WFO}  # phase I: only Thursdays at home

    declared, plan = declare(
        city, start="2025-11-10", end="2025-11-11", exempt_opds="DISHUB", exempt_kinds="puskesmas"
    )

    after = schedule(day__gte=MON, day__lte=TUE)
    eligible_home = {
        (e, d) for (e, d), (m, s) in after.items() if m == Mode.WFH and s == Source.DECLARED
    }
    kominfo_ids = set(Employee.objects.filter(opd=w.kominfo).values_list("id", flat=True))
    # every unit keeps its minimum on site (piket), the rest of DISKOMINFO and DISPERKIM is home
    for unit in (w.it, w.sek, w.perkim_unit):
        for day in (MON, TUE):
            rows = ScheduleDay.objects.filter(unit=unit, day=day)
            assert rows.filter(mode=Mode.WFO).count() == unit.min_onsite
            assert rows.filter(mode=Mode.WFH).count() == rows.count() - unit.min_onsite
    assert {e for e, _d in eligible_home} & kominfo_ids
    # exempt: DISHUB (named), the puskesmas (kind), the frontline counter (always)
    for opd in (w.dishub, w.pkm, w.dukcapil):
        assert schedule(opd=opd, day__gte=MON, day__lte=TUE) == {
            k: v for k, v in before.items() if k in schedule(opd=opd, day__gte=MON, day__lte=TUE)
        }
        assert not ScheduleDay.objects.filter(opd=opd, source=Source.DECLARED).exists()
    # the draft and the published version carry the same cells, each change logged
    assert AssignmentChange.objects.filter(reason__contains="SE MenPANRB 2/2026").exists()
    # the other days of the phase are untouched
    assert schedule(day=D(2025, 11, 13)) == {
        k: v for k, v in schedule(day=D(2025, 11, 13)).items() if v[1] == Source.GENERATED
    }
    assert declared.stats["employees"] == plan.totals["employees"] > 0

    revoke(city, declared)

    assert schedule(day__gte=MON, day__lte=TUE) == before
    declared.refresh_from_db()
    assert declared.status == OverrideStatus.REVOKED


@pytest.mark.django_db
def test_a_lebaran_rotation_with_exempt_opds_keeps_every_minimum_and_the_fairness_rules(city):
    w = city.w
    start, end = D(2025, 11, 17), D(2025, 11, 21)  # a whole week, Thursday included
    before_exempt = schedule(opd=w.dishub) | schedule(opd=w.pkm)
    declare(
        city,
        start=start.isoformat(),
        end=end.isoformat(),
        share="0,5",
        exempt_opds=["DISHUB"],
        exempt_kinds=["puskesmas"],
        reference="SE 800.1.5/1446/BKPSDM.PKA",
    )
    rows = list(
        ScheduleDay.objects.filter(day__gte=start, day__lte=end, opd__in=[w.kominfo, w.perkim])
        .select_related("employee", "unit")
        .order_by("day")
    )
    by_unit_day = defaultdict(list)
    wfh_days = defaultdict(int)
    available = defaultdict(int)
    for row in rows:
        by_unit_day[row.unit, row.day].append(row)
        if row.employee.wfh_eligible and row.mode != Mode.LEAVE:
            available[row.employee_id] += 1
        if row.mode == Mode.WFH:
            wfh_days[row.employee_id] += 1
    for (unit, _day), cells in by_unit_day.items():
        present = [c for c in cells if c.mode != Mode.LEAVE and c.employee.wfh_eligible]
        home = [c for c in cells if c.mode == Mode.WFH]
        onsite = [c for c in cells if c.mode == Mode.WFO]
        assert len(home) <= math.ceil(0.5 * len(present))  # the ratio cap
        assert len(onsite) >= unit.min_onsite  # the unit minimum
        roles = {c.employee.unit_role for c in home}
        assert not {"head", "deputy"} <= roles  # head and deputy never both at home
    assert any(wfh_days.values())
    for emp, avail in available.items():
        target = min(0.5 * avail, 2)  # the weekly cap (2) lowers the target of a 5-day week
        assert abs(wfh_days[emp] - target) <= 1, (emp, wfh_days[emp], target)
        assert wfh_days[emp] <= 2  # the weekly cap
    assert schedule(opd=w.dishub) | schedule(opd=w.pkm) == before_exempt


@pytest.mark.django_db
def test_days_already_lived_are_never_rewritten(city):
    city.today = D(2025, 11, 11)
    before = schedule(day=MON)
    declare(city, start="2025-11-10", end="2025-11-11")
    assert schedule(day=MON) == before
    assert ScheduleDay.objects.filter(day=TUE, source=Source.DECLARED).exists()


@pytest.mark.django_db
def test_a_declared_day_survives_a_new_version_published_later(city):
    w = city.w
    declare(city, start="2025-11-10", end="2025-11-10", opds="DISKOMINFO")
    declared_cells = schedule(opd=w.kominfo, day=MON)
    with TestCase.captureOnCommitCallbacks(execute=True):
        (roster,) = generation.rosters_start(
            phase=w.phase1, opds=[w.kominfo], regenerate_from=D(2025, 11, 3)
        )
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY
    with TestCase.captureOnCommitCallbacks(execute=True):
        publication.roster_publish(roster=roster)
    assert schedule(opd=w.kominfo, day=MON) == declared_cells


@pytest.mark.django_db
def test_affected_employees_are_mailed_with_the_reference_and_their_days(city):
    declare(city, start="2025-11-10", end="2025-11-11", opds="DISKOMINFO")
    to = {m.to[0]: m for m in mail.outbox}
    assert "sari@example.go.id" in to
    message = to["sari@example.go.id"]
    assert "SE MenPANRB 2/2026" in message.subject
    assert "Senin, 10 November 2025" in message.body
    assert len(message.to) == 1  # one message each: no one sees the others' addresses


@pytest.mark.django_db
def test_only_hr_declares_and_revokes(city):
    with pytest.raises(PermissionDenied):
        declare(city, user=city.w.opd_admin, start="2025-11-10", end="2025-11-10")
    declared, _plan = declare(city, user=city.w.hr, start="2025-11-10", end="2025-11-10")
    with pytest.raises(PermissionDenied):
        revoke(city, declared, user=city.w.opd_admin)
    revoke(city, declared, user=city.w.hr)
    with pytest.raises(ValidationError):
        revoke(city, declared, user=city.w.hr)  # twice: refused, nothing changes


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start": "2025-13-01", "end": "2025-11-10"}, "start"),
        ({"start": "2025-11-10", "end": "2025-11-01"}, "end"),
        ({"start": "2025-11-10", "end": "2025-11-10", "share": "separuh"}, "share"),
        ({"start": "2025-11-10", "end": "2025-11-10", "share": "1.5"}, "share"),
        ({"start": "2025-11-10", "end": "2025-11-10", "opds": "NOPE"}, "opds"),
        ({"start": "2025-11-10", "end": "2025-11-10", "exempt_kinds": "pasar"}, "exempt_kinds"),
        ({"start": "2025-11-10", "end": "2025-11-10", "exempt_units": "LOKET"}, "exempt_units"),
        ({"start": "2025-11-10", "end": "2025-11-10", "mode": "WFX"}, "mode"),
    ],
)
@pytest.mark.django_db
def test_bad_input_names_the_field_and_writes_nothing(city, data, field):
    data = {"reference": "SE 1/2025", **data}
    with pytest.raises(ValidationError) as caught:
        declaration_parse(data)
    assert field in caught.value.message_dict
    assert not DeclaredDay.objects.exists()


@pytest.mark.django_db
def test_a_missing_reference_is_refused():
    with pytest.raises(ValidationError) as caught:
        declaration_parse({"start": "2025-11-10", "end": "2025-11-10"})
    assert "reference" in caught.value.message_dict


@pytest.mark.django_db
def test_the_command_declares_previews_lists_and_revokes(city):
    out = io.StringIO()
    call_command(
        "declare_days",
        "--from",
        "2030-03-16",
        "--to",
        "2030-03-17",
        "--exempt-opd",
        "DISHUB",
        "--exempt-kind",
        "puskesmas",
        "--reference",
        "SE MenPANRB 2/2026",
        "--dry-run",
        stdout=out,
    )
    assert "Pratinjau" in out.getvalue()
    assert not DeclaredDay.objects.exists()
    call_command(
        "declare_days",
        "--from",
        "2030-03-16",
        "--to",
        "2030-03-17",
        "--reference",
        "SE X",
        stdout=out,
    )
    declared = DeclaredDay.objects.get()
    call_command("declare_days", "--list", stdout=out)
    assert f"#{declared.pk} 2030-03-16..2030-03-17 WFA SE X" in out.getvalue()
    call_command("declare_days", "--revoke", str(declared.pk), stdout=out)
    declared.refresh_from_db()
    assert declared.status == OverrideStatus.REVOKED


@pytest.mark.django_db
def test_the_command_names_the_flag_of_a_bad_value(city):
    with pytest.raises(CommandError, match="--share"):
        call_command(
            "declare_days",
            "--from",
            "2030-03-16",
            "--to",
            "2030-03-17",
            "--share",
            "x",
            "--reference",
            "SE X",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="--exempt-opd: OPD tidak dikenal: NOPE"):
        call_command(
            "declare_days",
            "--from",
            "2030-03-16",
            "--to",
            "2030-03-17",
            "--exempt-opd",
            "NOPE",
            "--reference",
            "SE X",
            stdout=io.StringIO(),
        )
