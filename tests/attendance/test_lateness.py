"""Lateness has one definition (attendance.rules): the pure rule, its SQL in the daily records,
and the live dashboard's threshold agree on every edge (the grace minute, seconds, a fraction of
a second, special-period hours, a day on leave)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from attendance import dashboard, rules
from attendance.models import DailyRecord, OpdDaySummary, SpecialPeriod, WorkingHours
from attendance.selectors import working_hours_for
from attendance.summaries.runs import summaries_build
from leave.models import LeaveKind, LeaveRecord
from opd.models import Opd
from tests.attendance.test_summaries import MON, RAMADAN_MON, WIB, event

START = 7 * 3600 + 30 * 60  # 07:30


@given(
    in_second=st.integers(min_value=0, max_value=86_399),
    start=st.integers(min_value=0, max_value=86_399),
    grace=st.integers(min_value=0, max_value=120),
)
def test_late_exactly_after_the_last_on_time_second(in_second, start, grace):
    late = rules.minutes_late(in_second, start, grace)
    assert (late > 0) == (in_second > rules.last_on_time_second(start, grace))
    if late:
        assert late > grace and (late - 1) * 60 < in_second - start <= late * 60


EDGES = [
    START - 1,
    START,
    START + 1,
    START + 59,
    START + 60,
    START + 61,
    START + 5 * 60 - 1,
    START + 5 * 60,
    START + 5 * 60 + 1,
    START + 90 * 60 + 1,
]


@pytest.mark.django_db
@pytest.mark.parametrize("grace", [0, 5])
def test_the_sql_counts_the_same_minutes_as_the_rule(grace):
    late = ", ".join(rules.minutes_late_sql(str(s), str(START), str(grace)) for s in EDGES)
    early = ", ".join(rules.minutes_early_sql(str(s), str(START)) for s in EDGES)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {late}, {early}")  # noqa: S608 (integers only)
        row = list(cursor.fetchone())
    assert row[: len(EDGES)] == [rules.minutes_late(s, START, grace) for s in EDGES]
    assert row[len(EDGES) :] == [rules.minutes_early(s, START) for s in EDGES]


def _arrive(employee, day: dt.date, h: int, m: int, s: int = 0, us: int = 0):
    event(employee, dt.datetime.combine(day, dt.time(h, m, s, us), tzinfo=WIB), "in")


def _live_late(day: dt.date) -> int:
    (row,) = [
        r for r in dashboard.day_rows(Opd.objects.all(), day, day) if r.opd.code == "DISKOMINFO"
    ]
    assert row.source == dashboard.LIVE
    return row.late


def _summary_late(day: dt.date) -> int:
    summaries_build(start=day, end=day)
    return OpdDaySummary.objects.get(opd__code="DISKOMINFO", day=day).late


@pytest.mark.django_db
def test_a_check_in_a_fraction_of_a_second_into_the_grace_minute_is_on_time_everywhere(world):
    WorkingHours.objects.filter(opd__isnull=True).update(grace_minutes=5)
    arrival = dt.datetime(2025, 12, 1, 7, 35, 0, 500_000, tzinfo=WIB)  # a phone's milliseconds
    event(world.staff, arrival, "in")
    policy = working_hours_for(opd=world.kominfo)
    assert _live_late(MON) == 0
    assert _summary_late(MON) == 0
    assert DailyRecord.objects.get(employee=world.staff, day=MON).late_minutes == 0
    # the rule counts from the second the event is stored with, as the records do
    assert rules.late_minutes(policy, arrival, "Asia/Jakarta") == 0


@pytest.mark.django_db
def test_dashboard_and_summary_agree_on_the_grace_edges(world):
    WorkingHours.objects.filter(opd__isnull=True).update(grace_minutes=5)
    _arrive(world.staff, MON, 7, 35)  # the last second of the grace: on time
    _arrive(world.head, MON, 7, 35, 1)  # one second after it: 6 minutes late
    _arrive(world.other, MON, 7, 30, 59)
    assert _live_late(MON) == _summary_late(MON) == 1
    records = {r.employee_id: r.late_minutes for r in DailyRecord.objects.filter(day=MON)}
    assert records[world.head.pk] == 6 and records[world.staff.pk] == records[world.other.pk] == 0


@pytest.mark.django_db
def test_dashboard_and_summary_agree_in_a_special_period(world):
    SpecialPeriod.objects.create(
        policy=WorkingHours.objects.get(opd__isnull=True),
        name="Ramadan 1447 H",
        start_date=dt.date(2026, 2, 18),
        end_date=dt.date(2026, 3, 19),
    )
    _arrive(world.staff, RAMADAN_MON, 8, 0)  # the period starts at 08:00
    _arrive(world.head, RAMADAN_MON, 8, 0, 1)
    _arrive(world.other, RAMADAN_MON, 7, 45)  # late by the usual hours, not by Ramadan's
    assert _live_late(RAMADAN_MON) == _summary_late(RAMADAN_MON) == 1


@pytest.mark.django_db
def test_nobody_on_approved_leave_is_counted_late_live_or_summarised(world):
    LeaveRecord.objects.create(employee=world.staff, kind=LeaveKind.DINAS_LUAR, start=MON, end=MON)
    _arrive(world.staff, MON, 9, 0)  # checks in on a duty day: not late, as the records say
    _arrive(world.head, MON, 9, 0)
    assert _live_late(MON) == _summary_late(MON) == 1
