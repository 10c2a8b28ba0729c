"""The "today" dashboard: numbers against a hand count, who sees which OPDs, bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance import dashboard
from attendance.models import AttendanceEvent, EventStatus, OpdDaySummary
from config.navigation import review_badge_queries
from opd.access import scope_for
from opd.models import Employee
from tests.factories import make_employee, make_opd, make_unit, make_user
from wfh.models import Mode, PatternKind, Phase, Programme, Roster, ScheduleDay

DAY = dt.date(2025, 11, 6)  # a Thursday, a working day


def _roster_for(opd, phase=None):
    if phase is None:
        programme, _ = Programme.objects.get_or_create(slug="uji", defaults={"name": "Uji"})
        phase, _ = Phase.objects.get_or_create(
            slug="uji-1",
            defaults={
                "programme": programme,
                "name": "Tahap uji",
                "start": dt.date(2025, 10, 1),
                "end": dt.date(2025, 12, 31),
                "pattern": PatternKind.WEEKDAY,
                "wfh_weekdays": [3],
            },
        )
    return Roster.objects.create(
        phase=phase,
        opd=opd,
        status=Roster.Status.READY,
        workflow=Roster.Workflow.PUBLISHED,
    )


def _schedule(roster, employee, mode, day=DAY):
    ScheduleDay.objects.create(
        employee=employee,
        day=day,
        mode=mode,
        phase=roster.phase,
        opd=roster.opd,
        unit=employee.unit,
        roster=roster,
    )


def _event(employee, *, hour, minute=0, mode=Mode.WFO, status=EventStatus.ACCEPTED, kind="in"):
    ts = dt.datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=dt.UTC) - dt.timedelta(
        hours=7
    )
    return AttendanceEvent.objects.create(
        employee=employee,
        opd=employee.opd,
        timestamp=ts,
        utc_offset_minutes=420,
        day=DAY,
        local_second=hour * 3600 + minute * 60,
        kind=kind,
        mode=mode,
        source="web",
        received_at=ts,
        status=status,
    )


@pytest.fixture
def day_world(world):
    """DISKOMINFO summarised for DAY; DISDUKCAPIL not, with check-ins to count live."""
    w = world
    kominfo_roster = _roster_for(w.kominfo)
    _schedule(kominfo_roster, w.head, Mode.WFO)  # TIK: 1 WFO, minimum 1 -> fine
    _schedule(kominfo_roster, w.staff, Mode.WFH)
    _schedule(kominfo_roster, w.other, Mode.WFH)  # SEK: 0 WFO, minimum 1 -> below
    OpdDaySummary.objects.create(
        opd=w.kominfo,
        day=DAY,
        headcount=3,
        scheduled_wfh=2,
        scheduled_wfo=1,
        present_wfh=1,
        present_wfo=1,
        absent=1,
        late=1,
        mismatches=0,
        computed_at=timezone.now(),
    )
    w.clerk2 = make_employee(w.dukcapil, w.counter, name="Rina Loket")
    w.clerk3 = make_employee(w.dukcapil, w.counter, name="Tono Loket")
    dukcapil_roster = _roster_for(w.dukcapil, kominfo_roster.phase)
    _schedule(dukcapil_roster, w.clerk, Mode.WFO)
    _schedule(dukcapil_roster, w.clerk2, Mode.LEAVE)
    _schedule(dukcapil_roster, w.clerk3, Mode.WFO)  # LOKET: 2 WFO, minimum 2 -> fine
    # clerk: claims WFH on a WFO day (mismatch), first check-in 09:00 (late), a second one later
    _event(w.clerk, hour=9, mode=Mode.WFH)
    _event(w.clerk, hour=9, minute=30, mode=Mode.WFH)
    _event(w.clerk, hour=16, minute=30, mode=Mode.WFH, kind="out")
    # clerk2 on leave checks in WFO at 07:00: not present (as in the nightly records), not late,
    # no mismatch (leave is no mode)
    _event(w.clerk2, hour=7, mode=Mode.WFO)
    # clerk3: one flagged check-in (not counted until accepted), then one rejected
    _event(w.clerk3, hour=7, status=EventStatus.FLAGGED)
    _event(w.clerk3, hour=7, minute=5, status=EventStatus.REJECTED_BY_REVIEW)
    # an accepted check-in of DISKOMINFO is ignored: its day is summarised
    _event(w.staff, hour=10, mode=Mode.WFH)
    return w


def _rows(day_world, today=DAY):
    from opd.models import Opd

    rows = dashboard.day_rows(Opd.objects.all(), DAY, today)
    return {r.opd.code: r for r in rows}


def test_numbers_equal_a_hand_count(day_world):
    rows = _rows(day_world)
    kominfo, dukcapil = rows["DISKOMINFO"], rows["DISDUKCAPIL"]

    assert kominfo.source == dashboard.SUMMARY
    assert (kominfo.staff, kominfo.wfh, kominfo.wfo, kominfo.leave) == (3, 2, 1, 0)
    assert (kominfo.present_wfh, kominfo.present_wfo, kominfo.present) == (1, 1, 2)
    assert (kominfo.absent, kominfo.late, kominfo.mismatches) == (1, 1, 0)
    assert [(u.code, u.onsite, u.minimum) for u in kominfo.below_units] == [("SEK", 0, 1)]

    assert dukcapil.source == dashboard.LIVE
    assert (dukcapil.staff, dukcapil.wfh, dukcapil.wfo, dukcapil.leave) == (3, 0, 2, 1)
    assert (dukcapil.present_wfh, dukcapil.present_wfo) == (1, 0)
    assert dukcapil.absent is None  # counted by the nightly summary
    assert dukcapil.not_yet == 1  # 2 scheduled, 1 checked in (clerk3's check-ins do not count)
    assert dukcapil.late == 1
    assert dukcapil.mismatches == 1
    assert dukcapil.below_units == []

    total = dashboard.totals(list(rows.values()))
    assert (total.opds, total.staff, total.wfh, total.wfo) == (2, 6, 2, 3)
    assert (total.present, total.absent, total.late, total.mismatches, total.below) == (
        3,
        1,
        2,
        1,
        1,
    )
    assert total.any_live


def test_unit_below_minimum_when_on_site_staff_fall_short(day_world):
    ScheduleDay.objects.filter(employee=day_world.clerk3).update(mode=Mode.WFH)
    rows = _rows(day_world)
    below = rows["DISDUKCAPIL"].below_units
    assert [(u.code, u.onsite, u.minimum) for u in below] == [("LOKET", 1, 2)]


def test_past_unsummarised_day_and_future_day(day_world):
    rows = _rows(day_world, today=DAY + dt.timedelta(days=3))
    assert rows["DISDUKCAPIL"].source == dashboard.UNSUMMARISED
    assert rows["DISDUKCAPIL"].late == 1
    rows = _rows(day_world, today=DAY - dt.timedelta(days=1))
    assert rows["DISDUKCAPIL"].source == dashboard.FUTURE
    assert rows["DISDUKCAPIL"].present is None
    assert rows["DISDUKCAPIL"].wfo == 2  # the schedule is known ahead


def test_grace_minutes_move_the_late_threshold(day_world):
    from attendance.models import WorkingHours

    WorkingHours.objects.update_or_create(opd=day_world.dukcapil, defaults={"grace_minutes": 120})
    assert _rows(day_world)["DISDUKCAPIL"].late == 0  # 09:00 is inside 07:30 + 2 h


def test_sorting_and_chart_series(day_world):
    from opd.models import Opd

    rows = list(_rows(day_world).values())
    ordered, sort = dashboard.sort_rows(rows, "-below")
    assert sort == "-below" and ordered[0].opd.code == "DISKOMINFO"
    ordered, _ = dashboard.sort_rows(rows, "present")
    assert [r.opd.code for r in ordered] == ["DISDUKCAPIL", "DISKOMINFO"] or ordered[0].present <= (
        ordered[1].present
    )
    ordered, sort = dashboard.sort_rows(rows, "nonsense")
    assert sort == "code" and [r.opd.code for r in ordered] == ["DISDUKCAPIL", "DISKOMINFO"]

    OpdDaySummary.objects.create(
        opd=day_world.dukcapil,
        day=DAY - dt.timedelta(days=1),
        scheduled_wfh=1,
        scheduled_wfo=2,
        present_wfo=2,
        absent=1,
        late=2,
        computed_at=timezone.now(),
    )
    OpdDaySummary.objects.create(  # outside the 30 days
        opd=day_world.dukcapil, day=DAY - dt.timedelta(days=30), computed_at=timezone.now()
    )
    series = dashboard.chart_series(Opd.objects.all(), DAY)
    assert series["days"] == [(DAY - dt.timedelta(days=1)).isoformat(), DAY.isoformat()]
    assert series["wfh"] == [1, 2]
    assert series["wfo"] == [2, 1]
    assert series["present"] == [2, 2]
    assert series["absent"] == [1, 1]
    assert series["late"] == [2, 1]
    only_kominfo = dashboard.chart_series(Opd.objects.filter(code="DISKOMINFO"), DAY)
    assert only_kominfo["days"] == [DAY.isoformat()]


def _get(client, user, **params):
    client.force_login(user)
    return client.get(reverse("dashboard:today"), params)


def test_hr_sees_every_opd(client, day_world):
    response = _get(client, day_world.hr, date=DAY.isoformat())
    assert response.status_code == 200
    codes = [r.opd.code for r in response.context["rows"]]
    assert codes == ["DISDUKCAPIL", "DISKOMINFO"]
    html = response.content.decode()
    assert "Kamis, 6 November 2025" in html
    assert reverse("attendance:opd_day", args=["DISKOMINFO"]) + "?date=2025-11-06" in html
    assert 'id="dashboard-chart-data"' in html
    assert "js/dashboard.js" in html


def test_opd_admin_sees_only_their_opd(client, day_world):
    response = _get(client, day_world.opd_admin, date=DAY.isoformat())
    assert response.status_code == 200
    assert [r.opd.code for r in response.context["rows"]] == ["DISKOMINFO"]
    assert "DISDUKCAPIL" not in response.content.decode()
    assert response.context["total"].staff == 3


def test_admin_of_another_opd_sees_only_that_one(client, day_world):
    other_admin = make_user("admin.dukcapil", "opd_admin")
    day_world.dukcapil.admins.add(other_admin)
    response = _get(client, other_admin, date=DAY.isoformat())
    assert [r.opd.code for r in response.context["rows"]] == ["DISDUKCAPIL"]
    assert "DISKOMINFO" not in response.content.decode()


@pytest.mark.parametrize("user_attr", ["atasan_user", "pegawai_user"])
def test_supervisor_and_employee_get_403(client, day_world, user_attr):
    assert _get(client, getattr(day_world, user_attr)).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("dashboard:today"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_bad_date_falls_back_to_today_with_a_message(client, day_world):
    response = _get(client, day_world.hr, date="6-11-2025")
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()
    assert "6-11-2025" in response.content.decode()


def test_empty_states(client, day_world):
    html = _get(client, day_world.hr, date="2025-11-08").content.decode()  # a Saturday
    assert "akhir pekan" in html
    html = _get(client, day_world.hr, date="2025-11-07").content.decode()  # no schedule
    assert "Belum ada jadwal terbit" in html
    html = _get(client, day_world.hr, date="2026-03-01").content.decode()
    assert "Belum ada rekap harian" in html


def _grow(n_opds: int) -> None:
    """Add OPDs with staff, schedule, summaries and check-ins so every query has rows."""
    phase = Phase.objects.get(slug="uji-1")
    for i in range(n_opds):
        opd = make_opd(f"OPD{i:03d}")
        unit = make_unit(opd, "U1", min_onsite=2)
        employees = [make_employee(opd, unit) for _ in range(3)]
        roster = _roster_for(opd, phase)
        for j, employee in enumerate(employees):
            _schedule(roster, employee, Mode.WFO if j else Mode.WFH)
        if i % 2:
            OpdDaySummary.objects.create(opd=opd, day=DAY, headcount=3, computed_at=timezone.now())
        else:
            _event(employees[1], hour=8)
        OpdDaySummary.objects.create(
            opd=opd, day=DAY - dt.timedelta(days=2), headcount=3, computed_at=timezone.now()
        )


@pytest.mark.parametrize("n_opds", [3, 30])
def test_queries_do_not_grow_with_opds(client, day_world, django_assert_max_num_queries, n_opds):
    _grow(n_opds)
    assert Employee.objects.count() > 3 * n_opds
    client.force_login(day_world.hr)
    url = reverse("dashboard:today")
    # 17, the header's unread-notification badge and the review entries' badges
    with django_assert_max_num_queries(18 + review_badge_queries(scope_for(day_world.hr))):
        response = client.get(url, {"date": DAY.isoformat(), "sort": "-late"})
    assert response.status_code == 200
    assert response.context["total"].opds == n_opds + 2


def test_someone_on_approved_leave_who_checks_in_is_not_counted_present(day_world):
    from leave.models import LeaveKind, LeaveRecord

    # clerk3 is scheduled WFO but has approved annual leave covering the day; an accepted
    # check-in does not make them present, as the nightly daily record would not
    LeaveRecord.objects.create(
        employee=day_world.clerk3, kind=LeaveKind.CUTI_TAHUNAN, start=DAY, end=DAY
    )
    _event(day_world.clerk3, hour=7, minute=10)
    row = _rows(day_world)["DISDUKCAPIL"]
    assert (row.present_wfh, row.present_wfo) == (1, 0)
