"""Rosters on awkward organisations and histories: late imports, unit moves, lost workers,
regeneration over earlier versions, publishing what cannot change, exports of one version."""

import csv
import datetime as dt
import io
import re
from collections import Counter
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from opd.models import Employee, UnitRole
from opd.services import placements_sync
from tests.factories import make_employee
from wfh.models import (
    Assignment,
    Mode,
    PatternKind,
    Phase,
    Roster,
    ScheduleDay,
    Source,
)
from wfh.rosters import edits, generation, publication

D = dt.date
AFTER_THE_PHASES = D(2026, 11, 28)  # an import or a move long after the 2025 phases


@pytest.fixture
def jabar(world):
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    world.deputy = make_employee(
        world.kominfo, world.it, name="Wati Wakil", unit_role=UnitRole.DEPUTY
    )
    world.extra = [make_employee(world.kominfo, world.it, name=f"Staf TIK {i}") for i in range(6)]
    placements_sync(effective=D(2025, 1, 1))
    world.phase1 = Phase.objects.get(slug="jabar-2025-tahap-1")
    world.phase2 = Phase.objects.get(slug="jabar-2025-tahap-2")
    return world


def generate(phase, opd, **kw):
    with TestCase.captureOnCommitCallbacks(execute=True):
        (roster,) = generation.rosters_start(phase=phase, opds=[opd], **kw)
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error
    return roster


def cells(roster):
    return {
        (e, d): (m, s)
        for e, d, m, s in Assignment.objects.filter(roster=roster).values_list(
            "employee_id", "day", "mode", "source"
        )
    }


def move(employee, unit, on):
    Employee.objects.filter(pk=employee.pk).update(unit=unit, opd=unit.opd)
    placements_sync(employee_ids=[employee.pk], effective=on)


# -- who is in a roster ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_first_imported_after_a_phase_still_get_its_days(jabar):
    late = make_employee(jabar.kominfo, jabar.it, name="Diimpor Belakangan")
    placements_sync(employee_ids=[late.pk], effective=AFTER_THE_PHASES)
    roster = generate(jabar.phase2, jabar.kominfo)
    assert Assignment.objects.filter(roster=roster, employee=late).count() == 21


@pytest.mark.django_db
def test_a_new_hire_whose_active_from_is_after_the_phase_gets_no_days(jabar):
    hire = make_employee(jabar.kominfo, jabar.it, name="CPNS Baru", active_from=D(2026, 3, 1))
    placements_sync(employee_ids=[hire.pk], effective=AFTER_THE_PHASES)
    roster = generate(jabar.phase2, jabar.kominfo)
    assert not Assignment.objects.filter(roster=roster, employee=hire).exists()


@pytest.mark.django_db
def test_moving_to_another_opd_after_the_phase_leaves_the_phase_with_the_first_opd(jabar):
    move(jabar.extra[0], jabar.counter, AFTER_THE_PHASES)
    kominfo = generate(jabar.phase2, jabar.kominfo)
    dukcapil = generate(jabar.phase2, jabar.dukcapil)
    assert Assignment.objects.filter(roster=kominfo, employee=jabar.extra[0]).count() == 21
    assert not Assignment.objects.filter(roster=dukcapil, employee=jabar.extra[0]).exists()


@pytest.mark.django_db
def test_an_employee_who_changes_unit_mid_phase_counts_in_each_unit_in_turn(jabar):
    mover = jabar.extra[0]
    move(mover, jabar.sek, D(2025, 12, 17))  # a Wednesday
    roster = generate(jabar.phase2, jabar.kominfo)
    rows = list(
        Assignment.objects.filter(roster=roster, employee=mover).values_list("day", "unit_id")
    )
    assert len(rows) == 21
    assert {u for d, u in rows if d < D(2025, 12, 17)} == {jabar.it.pk}
    assert {u for d, u in rows if d >= D(2025, 12, 17)} == {jabar.sek.pk}
    assert all(int(e) > 0 for e in roster.stats["piket_by_employee"])


@pytest.mark.django_db
def test_the_weekly_cap_holds_for_someone_who_changes_unit_mid_week(jabar):
    phase = Phase.objects.create(
        programme=jabar.phase2.programme,
        slug="semua-wfh",
        name="Rotasi penuh",
        start=D(2025, 12, 1),
        end=D(2025, 12, 31),
        pattern=PatternKind.ROTATION,
        ratio=Decimal("1.00"),
        weekly_cap=1,
    )
    mover = jabar.extra[0]
    jabar.sek.min_onsite = 0
    jabar.sek.save()
    move(mover, jabar.sek, D(2025, 12, 17))
    roster = generate(phase, jabar.kominfo)
    weeks = Counter(
        d.isocalendar()[:2]
        for d in Assignment.objects.filter(
            roster=roster, employee=mover, mode=Mode.WFH
        ).values_list("day", flat=True)
    )
    assert weeks and max(weeks.values()) <= 1


# -- regeneration ---------------------------------------------------------------------------------


def _override(roster, user):
    """Turn one WFH cell of 22 Dec into WFO by hand; returns its key."""
    day = D(2025, 12, 22)
    cell = Assignment.objects.filter(roster=roster, day=day, mode=Mode.WFH).first()
    edits.assignment_change(
        roster=roster,
        employee_id=cell.employee_id,
        day=day,
        mode=Mode.WFO,
        user=user,
        reason="rapat tatap muka",
    )
    return cell.employee_id, day


@pytest.mark.django_db
def test_a_plain_rerun_does_not_mark_regenerated_cells_as_manual(jabar):
    roster = generate(jabar.phase2, jabar.kominfo, seed=1)
    _override(roster, jabar.hr)
    again = generate(jabar.phase2, jabar.kominfo, seed=1)
    assert again.pk == roster.pk
    assert not Assignment.objects.filter(roster=again).exclude(source=Source.GENERATED).exists()


@pytest.mark.django_db
def test_a_new_version_from_a_date_keeps_the_submitted_versions_days_and_changes(jabar):
    first = generate(jabar.phase2, jabar.kominfo, seed=1)
    key = _override(first, jabar.hr)
    before = cells(first)
    publication.roster_submit(roster=first, user=jabar.opd_admin)
    cut = D(2025, 12, 15)
    second = generate(jabar.phase2, jabar.kominfo, seed=2, regenerate_from=cut)
    assert second.version == 2
    after = cells(second)
    assert {k: v for k, v in after.items() if k[1] < cut} == {
        k: v for k, v in before.items() if k[1] < cut
    }
    assert after[key] == (Mode.WFO, Source.MANUAL)


@pytest.mark.django_db
def test_a_new_version_over_a_published_one_keeps_manual_changes_as_manual(jabar):
    first = generate(jabar.phase2, jabar.kominfo, seed=1)
    key = _override(first, jabar.hr)
    publication.roster_publish(roster=first, user=jabar.hr)
    second = generate(jabar.phase2, jabar.kominfo, seed=2, regenerate_from=D(2025, 12, 15))
    assert second.version == 2
    assert cells(second)[key] == (Mode.WFO, Source.MANUAL)


@pytest.mark.django_db
def test_a_regeneration_date_outside_the_phase_is_refused(jabar):
    with pytest.raises(ValidationError, match="di luar tahap"):
        generation.rosters_start(
            phase=jabar.phase2, opds=[jabar.kominfo], regenerate_from=D(2026, 3, 1)
        )
    with pytest.raises(CommandError, match="di luar tahap"):
        call_command(
            "generate_roster",
            "--phase",
            "jabar-2025-tahap-2",
            "--opd",
            "DISKOMINFO",
            "--from",
            "2025-11-03",
            stdout=io.StringIO(),
        )
    assert not Roster.objects.exists()


@pytest.mark.django_db
def test_a_roster_whose_worker_died_can_be_generated_again(jabar, settings):
    roster = generate(jabar.phase1, jabar.kominfo)
    # no heartbeat for longer than the lease (wfh.rosters.lease): its worker is gone
    long_ago = timezone.now() - dt.timedelta(seconds=settings.ROSTER_LEASE_S + 5)
    Roster.objects.filter(pk=roster.pk).update(
        status=Roster.Status.RUNNING, started_at=long_ago, heartbeat_at=long_ago
    )
    again = generate(jabar.phase1, jabar.kominfo)
    assert again.pk == roster.pk and again.status == Roster.Status.READY


@pytest.mark.django_db
def test_a_roster_still_running_within_the_time_limit_is_not_queued_twice(jabar):
    roster = generate(jabar.phase1, jabar.kominfo)
    Roster.objects.filter(pk=roster.pk).update(
        status=Roster.Status.RUNNING, started_at=timezone.now()
    )
    with (
        mock.patch("wfh.tasks.generate_roster.delay") as delay,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        generation.rosters_start(phase=jabar.phase1, opds=[jabar.kominfo])
    delay.assert_not_called()


@pytest.mark.django_db
def test_two_starts_making_the_same_new_version_at_once_do_not_fail(jabar):
    first = generate(jabar.phase1, jabar.kominfo)
    publication.roster_submit(roster=first, user=jabar.opd_admin)
    # the other start has just made the version this one is about to make
    with mock.patch("wfh.selectors.next_version", return_value=first.version):
        started = generation.rosters_start(phase=jabar.phase1, opds=[jabar.kominfo])
    assert [r.pk for r in started] == [first.pk]
    assert Roster.objects.count() == 1


# -- publishing -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_plain_republication_after_the_phase_changes_nothing_and_is_refused(jabar):
    first = generate(jabar.phase2, jabar.kominfo, seed=1)
    publication.roster_publish(roster=first, user=jabar.hr)
    second = generate(jabar.phase2, jabar.kominfo, seed=2)
    with (
        mock.patch("django.utils.timezone.localdate", return_value=AFTER_THE_PHASES),
        pytest.raises(ValidationError, match="Tidak ada hari yang dapat diterbitkan"),
    ):
        publication.roster_publish(roster=second, user=jabar.hr)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.workflow == Roster.Workflow.PUBLISHED
    assert second.workflow == Roster.Workflow.DRAFT
    assert set(ScheduleDay.objects.values_list("roster_id", flat=True)) == {first.pk}


@pytest.mark.django_db
def test_an_explicit_publication_date_is_honoured_after_the_phase_too(jabar):
    first = generate(jabar.phase2, jabar.kominfo, seed=1)
    publication.roster_publish(roster=first, user=jabar.hr)
    second = generate(jabar.phase2, jabar.kominfo, seed=2)
    cut = D(2025, 12, 15)
    with mock.patch("django.utils.timezone.localdate", return_value=AFTER_THE_PHASES):
        publication.roster_publish(roster=second, user=jabar.hr, from_date=cut)
    rows = ScheduleDay.objects.filter(opd=jabar.kominfo)
    assert set(rows.filter(day__lt=cut).values_list("roster_id", flat=True)) == {first.pk}
    assert set(rows.filter(day__gte=cut).values_list("roster_id", flat=True)) == {second.pk}


@pytest.mark.django_db
def test_a_version_regenerated_from_a_date_is_published_from_that_date(jabar):
    first = generate(jabar.phase2, jabar.kominfo, seed=1)
    publication.roster_publish(roster=first, user=jabar.hr)
    cut = D(2025, 12, 10)
    second = generate(jabar.phase2, jabar.kominfo, seed=2, regenerate_from=cut)
    with mock.patch("django.utils.timezone.localdate", return_value=AFTER_THE_PHASES):
        publication.roster_publish(roster=second, user=jabar.hr)
    rows = ScheduleDay.objects.filter(opd=jabar.kominfo)
    assert set(rows.filter(day__lt=cut).values_list("roster_id", flat=True)) == {first.pk}
    assert set(rows.filter(day__gte=cut).values_list("roster_id", flat=True)) == {second.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("new_opd_first", [True, False])
def test_someone_who_moved_opd_is_published_with_the_new_opd_from_the_move(jabar, new_opd_first):
    mover, moved_on = jabar.extra[0], D(2025, 12, 15)
    with mock.patch("django.utils.timezone.localdate", return_value=D(2025, 11, 28)):
        first = generate(jabar.phase2, jabar.kominfo, seed=1)
        publication.roster_publish(roster=first, user=jabar.hr)
    move(mover, jabar.counter, moved_on)
    kominfo = generate(jabar.phase2, jabar.kominfo, seed=1, regenerate_from=moved_on)
    dukcapil = generate(jabar.phase2, jabar.dukcapil, seed=1)
    order = [dukcapil, kominfo] if new_opd_first else [kominfo, dukcapil]
    with mock.patch("django.utils.timezone.localdate", return_value=D(2025, 12, 10)):
        for roster in order:
            publication.roster_publish(roster=roster, user=jabar.hr, from_date=moved_on)
    published = dict(ScheduleDay.objects.filter(employee=mover).values_list("day", "opd__code"))
    assert len(published) == 21
    assert {c for d, c in published.items() if d < moved_on} == {"DISKOMINFO"}
    assert {c for d, c in published.items() if d >= moved_on} == {"DISDUKCAPIL"}


@pytest.mark.django_db
def test_publishing_from_a_date_outside_the_phase_is_refused(jabar):
    roster = generate(jabar.phase2, jabar.kominfo)
    with pytest.raises(ValidationError, match="di luar tahap"):
        publication.roster_publish(roster=roster, user=jabar.hr, from_date=D(2026, 1, 5))
    assert not ScheduleDay.objects.exists()


# -- exports --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_downloading_an_older_version_gives_that_versions_rows(jabar, client):
    first = generate(jabar.phase2, jabar.kominfo, seed=1)
    publication.roster_submit(roster=first, user=jabar.opd_admin)
    second = generate(jabar.phase2, jabar.kominfo, seed=2)
    assert second.version == 2 and cells(first) != cells(second)
    client.force_login(jabar.hr)
    body = client.get(f"/jadwal/{first.pk}/unduh.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    nips = dict(Employee.objects.values_list("nip", "id"))
    assert {(nips[r["nip"]], D.fromisoformat(r["date"])): r["mode"] for r in rows} == {
        k: m for k, (m, _s) in cells(first).items()
    }


@pytest.mark.django_db
def test_export_schedule_writes_csv_to_the_commands_output(jabar):
    roster = generate(jabar.phase1, jabar.kominfo)
    out = io.StringIO()
    call_command("export_schedule", "--phase", "jabar-2025-tahap-1", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["nip", "name", "opd_code", "unit_code", "date", "mode", "source"]
    assert len(rows) - 1 == Assignment.objects.filter(roster=roster).count()


@pytest.mark.django_db
def test_export_to_a_file_that_cannot_be_written_says_so(jabar, tmp_path):
    generate(jabar.phase1, jabar.kominfo)
    with pytest.raises(CommandError, match="tidak bisa ditulis"):
        call_command(
            "export_schedule",
            "--phase",
            "jabar-2025-tahap-1",
            "--output",
            str(tmp_path / "no" / "such" / "dir.csv"),
            stdout=io.StringIO(),
        )


@pytest.mark.django_db
def test_the_grid_shows_someone_who_changed_unit_in_each_unit_only_on_its_days(jabar, client):
    mover = jabar.extra[0]
    move(mover, jabar.sek, D(2025, 12, 17))
    roster = generate(jabar.phase2, jabar.kominfo)
    client.force_login(jabar.hr)
    html = client.get(f"/jadwal/{roster.pk}/?bulan=2025-12").content.decode()
    rows = [r for r in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S) if mover.name in r]
    shown = [
        {
            d
            for d, mode in re.findall(r'id="c-\d+-([\d-]+)" class="cell m-(\w+)', r)
            if mode != "none"
        }
        for r in rows
    ]
    days = {
        d.isoformat()
        for d in Assignment.objects.filter(roster=roster).values_list("day", flat=True)
    }
    assert sorted(map(len, shown)) == [9, 12]  # SEK from 17 Dec, TIK before
    assert set.union(*shown) == days and not set.intersection(*shown)


@pytest.mark.django_db
def test_the_page_of_an_ended_phase_offers_its_first_day_to_publish_from_and_no_flag(client, jabar):
    from django.urls import reverse

    first = generate(jabar.phase2, jabar.kominfo, seed=1)
    publication.roster_publish(roster=first, user=jabar.hr)
    second = generate(jabar.phase2, jabar.kominfo, seed=2)
    client.force_login(jabar.hr)
    with mock.patch("django.utils.timezone.localdate", return_value=AFTER_THE_PHASES):
        phase_page = client.get(reverse("wfh:phase", args=[jabar.phase2.slug])).content.decode()
        page = client.get(reverse("wfh:roster", args=[second.pk])).content.decode()
        refused = client.post(reverse("wfh:roster_publish", args=[second.pk]), follow=True)
    assert "Tahap ini sudah berakhir pada Rabu, 31 Desember 2025" in phase_page
    form = page.split('id="publish-title"', 1)[1].split("</form>", 1)[0]
    assert 'name="from_date" value="2025-12-01"' in form
    assert 'min="2025-12-01"' in form and 'max="2025-12-31"' in form
    assert "Senin, 1 Desember 2025 s.d. Rabu, 31 Desember 2025" in form
    assert "<details>" not in page.split('id="publish-title"', 1)[0].rsplit("</details>", 1)[-1]
    body = refused.content.decode()
    assert "Tidak ada hari yang dapat diterbitkan" in body and "--from" not in body
    assert "di dalam tahap (Senin, 1 Desember 2025 s.d. Rabu, 31 Desember 2025)" in body
