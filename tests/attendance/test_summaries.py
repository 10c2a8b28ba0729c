"""Daily records: each status and TL/PSW tier on crafted days, hours, time zones, leave, reports.

The world (tests/conftest.py): DISKOMINFO with Budi (head) and Sari (staff) in TIK and Dewi in
SEK; DISDUKCAPIL with Andi at the counter. Monday 1 December 2025 is a working day; the default
policy is 07:30-16:00 Monday to Thursday, 07:30-16:30 Friday, tiers 1-30, 31-60, 61-90, > 90.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from attendance import rules
from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    SpecialPeriod,
    SummaryRun,
    WorkingHours,
    WorkReport,
)
from attendance.selectors import working_hours_for
from attendance.summaries.pp94 import PP94_LEVELS, pp94_level
from attendance.summaries.runs import summaries_build
from leave.models import LeaveRecord
from opd.services import placements_sync
from tests.attendance.conftest import publish
from tests.factories import make_employee, make_opd, make_unit
from wfh.models import LocalDayOff, Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
MON = dt.date(2025, 12, 1)
TUE = dt.date(2025, 12, 2)
FRI = dt.date(2025, 12, 5)
RAMADAN_MON = dt.date(2026, 2, 23)


def at(day: dt.date, h: int, m: int, s: int = 0, tz=WIB) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(h, m, s), tzinfo=tz)


def event(employee, when: dt.datetime, kind: str = "in", mode: str = "WFO", status="accepted"):
    """An event stored as events_ingest stores it: its day and second in the OPD's time zone."""
    tz = employee.opd.time_zone
    return AttendanceEvent.objects.create(
        employee=employee,
        opd=employee.opd,
        timestamp=when.astimezone(dt.UTC),
        utc_offset_minutes=int(when.utcoffset().total_seconds() // 60),
        day=rules.local_day(when, tz),
        local_second=rules.local_second(when, tz),
        kind=kind,
        mode=mode,
        source="api",
        received_at=when,
        status=status,
    )


def day_of(employee, in_at=None, out_at=None, mode="WFO", day=MON):
    if in_at is not None:
        event(employee, at(day, *in_at), "in", mode)
    if out_at is not None:
        event(employee, at(day, *out_at), "out", mode)


def record(employee, day=MON) -> DailyRecord:
    return DailyRecord.objects.get(employee=employee, day=day)


def run(start=MON, end=None, **kw) -> SummaryRun:
    return summaries_build(start=start, end=end or start, **kw)


# -- statuses and tiers --------------------------------------------------------------------------


def test_on_time_in_and_out_at_the_office_is_hadir_wfo(world):
    day_of(world.staff, (7, 20), (16, 5))
    run()
    r = record(world.staff)
    assert (r.status, r.scheduled_mode, r.present_mode) == ("hadir_wfo", "WFO", "WFO")
    assert (r.late_minutes, r.late_tier, r.early_minutes, r.early_tier) == (0, "", 0, "")
    assert r.first_in == at(MON, 7, 20) and r.last_out == at(MON, 16, 5)
    assert r.opd_id == world.kominfo.pk and r.unit_id == world.it.pk
    assert not r.mismatch and r.report_state == ""


def test_at_home_on_a_wfh_day_is_hadir_wfh(world):
    publish(world.staff, MON, Mode.WFH)
    day_of(world.staff, (7, 0), (16, 0), mode="WFH")
    run()
    r = record(world.staff)
    assert (r.status, r.scheduled_mode, r.present_mode, r.mismatch) == (
        "hadir_wfh",
        "WFH",
        "WFH",
        False,
    )


@pytest.mark.parametrize(
    ("arrival", "minutes", "tier"),
    [
        ((7, 30, 0), 0, ""),
        ((7, 30, 1), 1, "TL1"),
        ((8, 0, 0), 30, "TL1"),
        ((8, 0, 1), 31, "TL2"),
        ((8, 30, 0), 60, "TL2"),
        ((8, 31, 0), 61, "TL3"),
        ((9, 0, 0), 90, "TL3"),
        ((9, 1, 0), 91, "TL4"),
        ((12, 0, 0), 270, "TL4"),
    ],
)
def test_each_tl_tier_on_a_crafted_day(world, arrival, minutes, tier):
    day_of(world.staff, arrival, (16, 0))
    run()
    r = record(world.staff)
    assert (r.late_minutes, r.late_tier) == (minutes, tier)
    assert r.status == ("terlambat" if minutes else "hadir_wfo")
    policy = working_hours_for(opd=world.kominfo)
    assert r.late_minutes == rules.late_minutes(policy, at(MON, *arrival), "Asia/Jakarta")


@pytest.mark.parametrize(
    ("leaving", "minutes", "tier"),
    [
        ((16, 0, 0), 0, ""),
        ((15, 59, 59), 1, "PSW1"),
        ((15, 30, 0), 30, "PSW1"),
        ((15, 29, 0), 31, "PSW2"),
        ((15, 0, 0), 60, "PSW2"),
        ((14, 30, 0), 90, "PSW3"),
        ((14, 29, 0), 91, "PSW4"),
    ],
)
def test_each_psw_tier_on_a_crafted_day(world, leaving, minutes, tier):
    day_of(world.staff, (7, 0), leaving)
    run()
    r = record(world.staff)
    assert (r.early_minutes, r.early_tier) == (minutes, tier)
    assert r.status == ("psw" if minutes else "hadir_wfo")
    policy = working_hours_for(opd=world.kominfo)
    assert r.early_minutes == rules.early_minutes(policy, at(MON, *leaving), "Asia/Jakarta")


def test_friday_ends_at_half_past_four(world):
    day_of(world.staff, (7, 0), (16, 0), day=FRI)
    run(FRI)
    assert (record(world.staff, FRI).early_minutes, record(world.staff, FRI).status) == (30, "psw")


def test_no_check_in_is_tidak_hadir_with_the_open_tl_tier_only(world):
    event(world.staff, at(MON, 16, 0), "out")  # an out alone is no attendance
    run()
    r = record(world.staff)
    assert (r.status, r.late_tier, r.early_tier, r.late_minutes) == ("tidak_hadir", "TL4", "", 0)
    assert r.present_mode == "" and r.first_in is None


def test_a_check_in_without_check_out_is_psw_with_the_open_psw_tier(world):
    day_of(world.staff, (7, 0))
    run()
    r = record(world.staff)
    assert (r.status, r.early_tier, r.early_minutes, r.late_tier) == ("psw", "PSW4", 0, "")


def test_late_and_no_check_out_is_terlambat_with_both_tiers(world):
    day_of(world.staff, (8, 10))
    run()
    r = record(world.staff)
    assert (r.status, r.late_tier, r.early_tier) == ("terlambat", "TL2", "PSW4")


def test_late_wins_over_early(world):
    day_of(world.staff, (7, 45), (15, 0))
    run()
    r = record(world.staff)
    assert (r.status, r.late_minutes, r.early_minutes) == ("terlambat", 15, 60)


def test_only_accepted_events_count_and_flagged_ones_wait_for_review(world):
    event(world.staff, at(MON, 7, 0), "in", status="rejected_by_review")
    event(world.staff, at(MON, 7, 10), "in", status="flagged")
    event(world.staff, at(MON, 7, 50), "in", status="accepted_by_review")
    event(world.staff, at(MON, 16, 30), "out", status="flagged")
    event(world.staff, at(MON, 16, 10), "out")
    run()
    r = record(world.staff)
    assert r.first_in == at(MON, 7, 50) and r.last_out == at(MON, 16, 10)
    assert (r.status, r.late_minutes, r.pending_review) == ("terlambat", 20, 2)


def test_first_in_and_last_out_and_the_mode_of_the_first_in(world):
    event(world.staff, at(MON, 9, 0), "in", mode="WFO")
    event(world.staff, at(MON, 7, 15), "in", mode="WFH")
    event(world.staff, at(MON, 12, 0), "out")
    event(world.staff, at(MON, 16, 20), "out")
    event(world.staff, at(MON, 7, 15), "in", mode="WFH")  # a duplicate from another device
    run()
    r = record(world.staff)
    assert (r.first_in, r.last_out, r.present_mode) == (at(MON, 7, 15), at(MON, 16, 20), "WFH")
    assert r.status == "hadir_wfh" and r.mismatch  # scheduled WFO by default


# -- grace, hours and time zones -----------------------------------------------------------------


def test_grace_minutes_forgive_small_lateness_but_count_from_the_start(world):
    WorkingHours.objects.filter(opd__isnull=True).update(grace_minutes=5)
    day_of(world.staff, (7, 35), (16, 0))
    day_of(world.head, (7, 35, 1), (16, 0))
    run()
    assert (record(world.staff).late_minutes, record(world.staff).status) == (0, "hadir_wfo")
    assert (record(world.head).late_minutes, record(world.head).late_tier) == (6, "TL1")


def test_an_opd_policy_with_its_own_hours_and_tiers_applies_to_that_opd_only(world):
    own = WorkingHours.objects.create(opd=world.dukcapil, mon_start=dt.time(8, 0))
    own.tiers.create(kind="TL", code="T-A", min_minutes=1, max_minutes=10, cut_percent=1)
    own.tiers.create(kind="TL", code="T-Z", min_minutes=11, max_minutes=None, cut_percent=3)
    day_of(world.clerk, (8, 15), (16, 0))
    day_of(world.staff, (8, 15), (16, 0))
    run()
    assert (record(world.clerk).late_minutes, record(world.clerk).late_tier) == (15, "T-Z")
    assert (record(world.staff).late_minutes, record(world.staff).late_tier) == (45, "TL2")
    # no PSW tiers in the OPD's policy: no record means no tier
    event(world.clerk, at(TUE, 7, 0))
    run(TUE)
    assert (record(world.clerk, TUE).status, record(world.clerk, TUE).early_tier) == ("psw", "")


def test_a_special_period_starts_at_eight(world):
    default = WorkingHours.objects.get(opd__isnull=True)
    SpecialPeriod.objects.create(
        policy=default,
        name="Ramadan 1447 H",
        start_date=dt.date(2026, 2, 18),
        end_date=dt.date(2026, 3, 19),
    )
    day_of(world.staff, (7, 55), (15, 0), day=RAMADAN_MON)
    day_of(world.head, (8, 20), (14, 50), day=RAMADAN_MON)
    run(RAMADAN_MON)
    staff, head = record(world.staff, RAMADAN_MON), record(world.head, RAMADAN_MON)
    assert (staff.status, staff.late_minutes, staff.early_minutes) == ("hadir_wfo", 0, 0)
    assert (head.late_minutes, head.early_minutes, head.status) == (20, 10, "terlambat")


def test_wita_day_boundary_an_event_at_2330_utc_is_the_next_local_day(db):
    opd = make_opd("KOMINFO-MKS", time_zone="Asia/Makassar")
    employee = make_employee(opd, make_unit(opd, "UMUM"))
    placements_sync(effective=dt.date(2025, 1, 1))
    # 23:30 UTC on Sunday 30 November is 07:30 WITA on Monday 1 December
    event(employee, dt.datetime(2025, 11, 30, 23, 30, tzinfo=dt.UTC), "in")
    # 08:00 UTC is 16:00 WITA: on time, though it is 15:00 in WIB
    event(employee, dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.UTC).astimezone(WIB), "out")
    run()
    r = record(employee)
    assert (r.status, r.late_minutes, r.early_minutes) == ("hadir_wfo", 0, 0)
    assert not DailyRecord.objects.filter(day=dt.date(2025, 11, 30)).exists()


def test_wib_day_boundary_counts_in_jakarta_time(world):
    # 00:40 UTC is 07:40 WIB: ten minutes late in Jakarta (it would be 08:40 in Makassar)
    event(world.staff, dt.datetime(2025, 12, 1, 0, 40, tzinfo=dt.UTC), "in")
    event(world.staff, at(MON, 16, 0, tz=WITA), "out")  # 15:00 WIB: an hour early
    run()
    r = record(world.staff)
    assert (r.late_minutes, r.early_minutes, r.status) == (10, 60, "terlambat")


# -- leave, mismatch, reports --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("cuti_tahunan", "cuti"),
        ("cuti_besar", "cuti"),
        ("cuti_alasan_penting", "cuti"),
        ("cuti_sakit", "sakit"),
        ("sakit", "sakit"),
        ("dinas_luar", "dinas_luar"),
        ("tugas_belajar", "dinas_luar"),
    ],
)
def test_approved_leave_sets_its_status_and_is_neither_absent_nor_late(world, kind, status):
    LeaveRecord.objects.create(employee=world.staff, kind=kind, start=MON, end=TUE)
    publish(world.staff, MON, Mode.WFH)
    day_of(world.staff, (10, 0))
    run()
    r = record(world.staff)
    assert (r.status, r.leave_kind) == (status, kind)
    assert (r.late_minutes, r.late_tier, r.early_tier, r.present_mode) == (0, "", "", "")
    assert not r.mismatch and r.report_state == "" and r.unexcused_ytd == 0


def test_pending_or_rejected_leave_does_not_excuse(world):
    LeaveRecord.objects.create(
        employee=world.staff, kind="cuti_tahunan", start=MON, end=MON, status="pending"
    )
    LeaveRecord.objects.create(
        employee=world.head, kind="sakit", start=MON, end=MON, status="rejected"
    )
    run()
    assert record(world.staff).status == record(world.head).status == "tidak_hadir"


def test_a_scheduled_leave_without_a_record_is_cuti(world):
    publish(world.staff, MON, Mode.LEAVE)
    run()
    r = record(world.staff)
    assert (r.status, r.leave_kind, r.scheduled_mode, r.late_tier) == ("cuti", "", "LEAVE", "")


def test_mismatch_both_ways(world):
    publish(world.staff, MON, Mode.WFH)
    day_of(world.staff, (7, 0), (16, 0), mode="WFO")
    day_of(world.head, (7, 0), (16, 0), mode="WFH")  # scheduled WFO (no published schedule)
    day_of(world.other, (7, 0), (16, 0), mode="WFO")
    run()
    assert record(world.staff).mismatch and record(world.head).mismatch
    assert not record(world.other).mismatch
    assert record(world.head).status == "hadir_wfh"


@pytest.mark.parametrize("state", ["submitted", "approved", "returned", None])
def test_report_state_on_a_wfh_day(world, state):
    publish(world.staff, MON, Mode.WFH)
    day_of(world.staff, (7, 0), (16, 0), mode="WFH")
    if state:
        WorkReport.objects.create(
            employee=world.staff,
            day=MON,
            activities="Menyusun laporan",
            outputs="Draf",
            status=state,
            submitted_at=at(MON, 16, 0),
        )
    run()
    assert record(world.staff).report_state == (state or "missing")
    assert record(world.head).report_state == ""  # a WFO day needs no report


# -- unexcused absence and PP 94/2021 ------------------------------------------------------------


def test_pp94_levels_are_data_with_their_thresholds():
    assert [pp94_level(n) for n in (0, 2, 3, 4, 6, 7, 10, 11, 14, 17, 21, 25, 27, 28, 40)] == [
        "",
        "",
        "teguran lisan",
        "teguran tertulis",
        "teguran tertulis",
        "pernyataan tidak puas",
        "pernyataan tidak puas",
        "potong TPP 25% 6 bulan",
        "potong TPP 25% 9 bulan",
        "potong TPP 25% 12 bulan",
        "penurunan jabatan",
        "pembebasan dari jabatan",
        "pembebasan dari jabatan",
        "pemberhentian",
        "pemberhentian",
    ]
    assert [t for t, _label in PP94_LEVELS] == sorted(t for t, _label in PP94_LEVELS)


def test_unexcused_absences_accumulate_across_runs_and_reach_the_first_level_at_three(world):
    day_of(world.head, (7, 0), (16, 0), day=MON)
    run(MON)
    run(TUE)
    assert (record(world.staff, MON).unexcused_ytd, record(world.staff, TUE).unexcused_ytd) == (
        1,
        2,
    )
    assert record(world.staff, TUE).pp94_level == ""
    run(dt.date(2025, 12, 3))
    third = record(world.staff, dt.date(2025, 12, 3))
    assert (third.unexcused_ytd, third.pp94_level) == (3, "teguran lisan")
    assert record(world.head, dt.date(2025, 12, 3)).unexcused_ytd == 2


def test_recomputing_an_earlier_day_updates_the_later_counts(world):
    run(MON, dt.date(2025, 12, 3))
    assert record(world.staff, dt.date(2025, 12, 3)).unexcused_ytd == 3
    day_of(world.staff, (7, 0), (16, 0), day=TUE)
    run(TUE)
    assert [record(world.staff, d).unexcused_ytd for d in (MON, TUE, dt.date(2025, 12, 3))] == [
        1,
        1,
        2,
    ]
    assert record(world.staff, dt.date(2025, 12, 3)).pp94_level == ""


def test_the_count_carries_over_a_local_day_off_of_one_opd(world):
    # Tuesday is off for DISDUKCAPIL only: on Wednesday its people's latest earlier record is
    # Monday's, while DISKOMINFO's is Tuesday's
    off = LocalDayOff.objects.create(date=TUE, name="HUT Kota")
    off.opds.add(world.dukcapil)
    wed = dt.date(2025, 12, 3)
    for day in (MON, TUE, wed):
        run(day)
    assert [
        DailyRecord.objects.filter(employee=world.clerk, day=d)
        .values_list("unexcused_ytd", flat=True)
        .first()
        for d in (MON, TUE, wed)
    ] == [1, None, 2]
    assert [record(world.staff, d).unexcused_ytd for d in (MON, TUE, wed)] == [1, 2, 3]
    run(MON, wed)  # the same counts from one run of the range
    assert record(world.clerk, wed).unexcused_ytd == 2
    assert record(world.staff, wed).unexcused_ytd == 3


def test_the_count_starts_again_on_the_first_of_january(world):
    run(dt.date(2025, 12, 29), dt.date(2026, 1, 2))
    counts = dict(
        DailyRecord.objects.filter(employee=world.staff).values_list("day", "unexcused_ytd")
    )
    # New Year's Day is a national holiday: no record
    assert counts == {
        dt.date(2025, 12, 29): 1,
        dt.date(2025, 12, 30): 2,
        dt.date(2025, 12, 31): 3,
        dt.date(2026, 1, 2): 1,
    }


def test_days_off_have_no_records_and_a_local_day_off_only_for_its_opds(world):
    off = LocalDayOff.objects.create(date=TUE, name="HUT Kota")
    off.opds.add(world.dukcapil)
    run(dt.date(2025, 12, 24), dt.date(2025, 12, 28))  # Natal, cuti bersama, a weekend
    assert set(DailyRecord.objects.values_list("day", flat=True)) == {dt.date(2025, 12, 24)}
    run(TUE)
    assert set(DailyRecord.objects.filter(day=TUE).values_list("opd__code", flat=True)) == {
        "DISKOMINFO"
    }
