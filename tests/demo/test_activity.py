"""The demo's recent month, seeded once for this module (about a minute on SQLite): published
schedules, attendance with its usual troubles, summaries, and a swap partner for pegawai.demo."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import User
from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    DayStatus,
    EventStatus,
    OpdDaySummary,
    WorkReport,
)
from demo.attendance import events_seed
from demo.city import city_seed
from demo.seed import activity_seed
from opd.models import Opd
from selfservice.services.swap_rules import swap_check
from tests.demo.conftest import built_once
from wfh.calendar import working_days
from wfh.models import Mode, ScheduleDay, Source
from wfh.overrides.models import DeclaredDay, WfhOrder

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)  # a Friday in the 2026 Thursday phase


def seed_month():
    city_seed(employees=260, seed=7, password="demo12345")
    return activity_seed(days=14, seed=7, today=TODAY)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One seeded month for every test here, rolled back when the module is done."""
    yield from built_once(django_db_blocker, seed_month)


def test_schedule_around_today_is_published_with_thursdays_at_home(demo):
    assert not demo.failed
    assert "jabar-2026-kamis" in demo.phases
    thursday, wednesday = dt.date(2026, 11, 26), dt.date(2026, 11, 25)
    # who keeps a unit's piket turn depends on database ids, so count rather than pick a person
    on_thursday = ScheduleDay.objects.filter(day=thursday)
    assert on_thursday.filter(mode=Mode.WFH).exists()
    assert not ScheduleDay.objects.filter(day=wednesday, mode=Mode.WFH).exists()
    pegawai = User.objects.get(username="pegawai.demo").employee
    assert ScheduleDay.objects.filter(employee=pegawai, day=thursday).exists()
    assert ScheduleDay.objects.filter(day=TODAY + dt.timedelta(days=6)).exists()


def test_every_working_day_before_today_is_summarised_for_every_opd_with_staff(demo):
    days = working_days(demo.start, demo.end)
    assert days and demo.end == TODAY - dt.timedelta(days=1)
    opds = Opd.objects.filter(employees__isnull=False).distinct().count()
    assert OpdDaySummary.objects.filter(day__in=days).count() == opds * len(days)
    assert demo.summaries == opds * len(days)


def test_the_month_has_late_absent_mismatched_and_leave_days(demo):
    statuses = set(DailyRecord.objects.values_list("status", flat=True))
    assert {DayStatus.TERLAMBAT, DayStatus.TIDAK_HADIR, DayStatus.HADIR_WFO} <= statuses
    assert statuses & {DayStatus.HADIR_WFH}
    assert statuses & {DayStatus.CUTI, DayStatus.SAKIT, DayStatus.DINAS_LUAR}
    assert DailyRecord.objects.filter(mismatch=True).exists()
    assert DailyRecord.objects.exclude(late_tier="").values("late_tier").distinct().count() >= 3


def test_recent_check_ins_outside_the_geofence_wait_for_review(demo):
    waiting = AttendanceEvent.objects.filter(status=EventStatus.FLAGGED)
    assert waiting.count() == demo.flagged_waiting > 0
    assert all((TODAY - e.day).days <= 3 for e in waiting)
    assert all(e.distance_m > e.opd.radius_m for e in waiting.select_related("opd"))
    assert waiting.filter(opd__code="DISKOMINFOSTANDI").exists()  # opd.demo's queue has work


def test_wfh_days_have_work_reports_and_some_are_missing(demo):
    assert WorkReport.objects.filter(status="approved").exists()
    assert DailyRecord.objects.filter(report_state="missing").exists()
    reported = WorkReport.objects.values_list("employee_id", "day")
    scheduled = {
        (e, d): m
        for e, d, m in ScheduleDay.objects.filter(day__lt=TODAY).values_list(
            "employee_id", "day", "mode"
        )
    }
    assert all(scheduled[key] == Mode.WFH for key in reported)


def test_rekan_demo_can_be_asked_to_swap_by_pegawai_demo(demo):
    """The README's swap journey needs a colleague with a login whose mode differs from
    pegawai.demo's on a coming day, and a swap that passes every rule on it."""
    pegawai = User.objects.get(username="pegawai.demo").employee
    rekan = User.objects.get(username="rekan.demo").employee
    assert rekan.name in demo.swap_partner and rekan.nip in demo.swap_partner
    assert (rekan.unit_id, rekan.supervisor_id) == (pegawai.unit_id, pegawai.supervisor_id)
    coming = ScheduleDay.objects.filter(employee__in=[pegawai, rekan], day__gt=TODAY)
    # a declared day or an ordered one is not swappable (wfh.overrides.precedence)
    coming = coming.exclude(source__in=[Source.DECLARED, Source.ORDER])
    modes = {(row.employee_id, row.day): row.mode for row in coming}
    days = [
        day
        for (employee_id, day), mode in modes.items()
        if employee_id == pegawai.pk and modes.get((rekan.pk, day), mode) != mode
    ]
    assert days
    # the first day that passes every rule (a week with the declared WFA days is at its cap)
    assert any(
        swap_check(requester=pegawai, colleague=rekan, day=day, today=TODAY).ok
        for day in sorted(days)
    )


def test_the_demo_declares_a_two_day_wfa_with_dishub_and_the_puskesmas_exempt(demo, client):
    declared = DeclaredDay.objects.get()
    assert (declared.start, declared.end) == (dt.date(2026, 11, 30), dt.date(2026, 12, 1))
    assert list(declared.exempt_opds.values_list("code", flat=True)) == ["DISHUB"]
    assert declared.exempt_kinds == ["puskesmas"]
    rows = ScheduleDay.objects.filter(day__in=[declared.start, declared.end])
    assert rows.filter(source=Source.DECLARED, mode=Mode.WFH).count() == declared.stats["wfh"]
    assert not rows.filter(source=Source.DECLARED, opd__code="DISHUB").exists()
    assert not rows.filter(source=Source.DECLARED, opd__kind="puskesmas").exists()
    assert WfhOrder.objects.filter(opd__code="DISKOMINFOSTANDI").count() == 1
    # pegawai.demo's month on the phone marks the declared days with the circular's number
    client.force_login(User.objects.get(username="pegawai.demo"))
    page = client.get("/saya/kalender/?bulan=2026-11").content.decode()
    assert "SE MenPANRB 2/2026" in page and "Senin, 30 November 2026" in page


def test_the_demo_moves_the_2026_weekday_to_monday_from_a_date_and_shows_the_history(demo, client):
    from wfh.models import Phase, PhaseVersion

    phase = Phase.objects.get(slug="jabar-2026-kamis")
    version = PhaseVersion.objects.get(phase=phase)
    assert version.valid_from == dt.date(2026, 12, 7) and version.wfh_weekdays == [0]
    assert demo.phase_change == version.reference
    published = ScheduleDay.objects.filter(phase=phase, mode=Mode.WFH, source=Source.GENERATED)
    assert published.filter(day=dt.date(2026, 11, 26)).exists()  # Thursdays before it stay
    assert published.filter(day=dt.date(2026, 12, 7)).exists()  # Mondays from it on
    assert not published.filter(day=dt.date(2026, 12, 10)).exists()
    client.force_login(User.objects.get(username="hr.demo"))
    page = client.get("/jadwal/tahap/jabar-2026-kamis/").content.decode()
    assert "Kamis s.d. 6 Desember 2026, Senin sejak 7 Desember 2026" in page


def test_the_demo_has_sanctions_and_recent_moves_that_bar_wfh_with_a_reason(demo, client):
    from opd.models import DisciplinarySanction, Employee, Placement

    sanctioned = list(DisciplinarySanction.objects.values_list("employee_id", flat=True))
    moved = list(
        Placement.objects.filter(
            kind="rotation", valid_from__gte=TODAY - dt.timedelta(days=80)
        ).values_list("employee_id", flat=True)
    )
    assert len(sanctioned) == 3 and len(moved) == 2
    thursday = dt.date(2026, 11, 26)
    barred = ScheduleDay.objects.filter(employee_id__in=sanctioned + moved, day=thursday)
    assert barred.count() == 5 and not barred.filter(mode=Mode.WFH).exists()
    client.force_login(User.objects.get(username="hr.demo"))
    employee = Employee.objects.get(pk=moved[0])
    page = client.get(f"/pegawai/{employee.nip}/").content.decode()
    assert "memenuhi syarat mulai" in page


def test_todays_morning_is_seeded_up_to_the_moment_of_seeding(demo):
    """Seeded at 09:46 WIB on a working day: check-ins of the morning, none after 09:46, no
    check-out of a day not over, and no work report for it yet."""
    wib = dt.timezone(dt.timedelta(hours=7))
    monday = dt.date(2026, 11, 30)  # after the seeded days: nothing there yet
    assert not AttendanceEvent.objects.filter(day=monday).exists()
    until = dt.datetime.combine(monday, dt.time(9, 46), wib)
    result = events_seed(start=monday, end=monday, today=monday, seed=9, until=until)
    morning = AttendanceEvent.objects.filter(day=monday)
    assert result.events == morning.count() > 100
    assert max(morning.values_list("timestamp", flat=True)) <= until
    assert not morning.filter(kind="out").exists()
    assert not WorkReport.objects.filter(day=monday).exists()


def test_the_walkthrough_phase_starts_next_monday_without_a_roster_and_dishub_days_free(demo):
    from demo.walkthrough import PHASE
    from wfh.models import Phase, Roster

    phase = Phase.objects.get(slug=PHASE)
    assert (phase.start, phase.end) == (dt.date(2026, 11, 30), dt.date(2026, 12, 27))
    assert list(phase.opds.values_list("code", flat=True)) == ["DISHUB"]
    assert not Roster.objects.filter(phase=phase).exists()
    assert PHASE not in demo.phases and "30 November 2026" in demo.walkthrough
    dishub = ScheduleDay.objects.filter(opd__code="DISHUB")
    assert not dishub.filter(day__gte=phase.start, day__lte=phase.end).exists()
    assert dishub.filter(day=dt.date(2026, 11, 26)).exists()  # the days before it stay
    assert dishub.filter(day=dt.date(2026, 12, 28)).exists()  # and after it
