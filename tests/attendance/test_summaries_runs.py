"""Summary runs: OPD numbers against a hand count, idempotence, query bound, recorded runs, the
recompute of late and reviewed events, the nightly task, rows that are no longer valid."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attendance import tasks
from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    OpdDaySummary,
    SummaryRun,
    WorkReport,
)
from attendance.services import event_review, events_ingest
from attendance.summaries import runs as summaries
from leave.models import LeaveRecord
from opd.models import Employee
from opd.services import placements_sync
from tests.attendance.conftest import publish
from tests.attendance.test_summaries import MON, TUE, at, day_of, event, record
from tests.factories import make_employee
from wfh.models import LocalDayOff, Mode

SUMMARY_FIELDS = (
    "headcount",
    "scheduled_wfh",
    "scheduled_wfo",
    "present_wfh",
    "present_wfo",
    "absent",
    "late",
    "early",
    "on_leave",
    "mismatches",
    "reports_missing",
    "lowest_unit_id",
    "lowest_unit_onsite",
    "lowest_unit_minimum",
)


@pytest.fixture
def monday(world):
    """Monday in DISKOMINFO: Budi on time at the office, Sari scheduled WFH but 15 minutes late
    at the office with no report, Dewi absent, Rina sick, Tono at home on time with his report;
    in DISDUKCAPIL Andi checked in but never out."""
    w = world
    w.sick = make_employee(w.kominfo, w.sek, name="Rina Sakit")
    w.home = make_employee(w.kominfo, w.it, name="Tono Rumah")
    placements_sync(effective=dt.date(2025, 1, 1))
    publish(w.staff, MON, Mode.WFH)
    publish(w.home, MON, Mode.WFH)
    day_of(w.head, (7, 0), (16, 0))
    day_of(w.staff, (7, 45), (16, 0), mode="WFO")
    LeaveRecord.objects.create(employee=w.sick, kind="sakit", start=MON, end=MON)
    day_of(w.home, (7, 10), (16, 5), mode="WFH")
    WorkReport.objects.create(
        employee=w.home, day=MON, activities="a", outputs="b", submitted_at=at(MON, 16, 0)
    )
    day_of(w.clerk, (7, 0))
    return w


def summary(opd, day=MON) -> dict:
    row = OpdDaySummary.objects.filter(opd=opd, day=day).values(*SUMMARY_FIELDS).get()
    return row


def test_opd_summary_equals_a_hand_count(monday):
    w = monday
    run = summaries.summaries_build(start=MON, end=MON)
    assert (run.records, run.summaries, run.outcome) == (6, 2, "ok")
    assert {e.name: record(e).status for e in Employee.objects.all()} == {
        "Budi Kepala": "hadir_wfo",
        "Sari Staf": "terlambat",
        "Dewi Sekretariat": "tidak_hadir",
        "Rina Sakit": "sakit",
        "Tono Rumah": "hadir_wfh",
        "Andi Loket": "psw",
    }
    assert summary(w.kominfo) == {
        "headcount": 5,
        "scheduled_wfh": 2,  # Sari, Tono
        "scheduled_wfo": 3,  # Budi, Dewi, Rina (no published schedule: WFO)
        "present_wfh": 1,  # Tono
        "present_wfo": 2,  # Budi, Sari
        "absent": 1,  # Dewi
        "late": 1,  # Sari
        "early": 0,
        "on_leave": 1,  # Rina
        "mismatches": 1,  # Sari: WFH day, at the office
        "reports_missing": 1,  # Sari
        # SEK: nobody at the office against a minimum of 1; TIK: 2 against 1
        "lowest_unit_id": w.sek.pk,
        "lowest_unit_onsite": 0,
        "lowest_unit_minimum": 1,
    }
    assert summary(w.dukcapil) == {
        "headcount": 1,
        "scheduled_wfh": 0,
        "scheduled_wfo": 1,
        "present_wfh": 0,
        "present_wfo": 1,
        "absent": 0,
        "late": 0,
        "early": 1,  # no check-out
        "on_leave": 0,
        "mismatches": 0,
        "reports_missing": 0,
        "lowest_unit_id": w.counter.pk,
        "lowest_unit_onsite": 1,
        "lowest_unit_minimum": 2,
    }


def _snapshot() -> tuple[list, list]:
    records = list(
        DailyRecord.objects.order_by("employee_id", "day").values_list(
            *[
                f.attname
                for f in DailyRecord._meta.concrete_fields
                if f.attname not in ("id", "computed_at")
            ]
        )
    )
    days = list(
        OpdDaySummary.objects.order_by("opd_id", "day").values_list(
            "opd_id", "day", *SUMMARY_FIELDS
        )
    )
    return records, days


def test_a_second_run_gives_the_same_rows(monday):
    first = summaries.summaries_build(start=MON, end=TUE)
    before = _snapshot()
    second = summaries.summaries_build(start=MON, end=TUE)
    assert _snapshot() == before
    assert (first.records, first.summaries) == (second.records, second.summaries) == (12, 4)
    assert DailyRecord.objects.count() == 12 and OpdDaySummary.objects.count() == 4


def test_rows_no_longer_valid_are_removed(monday):
    summaries.summaries_build(start=MON, end=TUE)
    # Tuesday becomes a local day off for DISKOMINFO; Dewi leaves the service on Monday evening
    LocalDayOff.objects.create(date=TUE, name="HUT Kota").opds.add(monday.kominfo)
    Employee.objects.filter(pk=monday.other.pk).update(active_to=MON)
    summaries.summaries_build(start=MON, end=TUE, opd_ids=[monday.kominfo.pk])
    assert not DailyRecord.objects.filter(opd=monday.kominfo, day=TUE).exists()
    assert not OpdDaySummary.objects.filter(opd=monday.kominfo, day=TUE).exists()
    assert DailyRecord.objects.filter(opd=monday.dukcapil, day=TUE).count() == 1  # untouched
    assert record(monday.other, MON).status == "tidak_hadir"


def test_an_employee_who_moved_is_counted_in_the_new_opd_from_the_move(monday):
    summaries.summaries_build(start=MON, end=TUE)
    Employee.objects.filter(pk=monday.other.pk).update(opd=monday.dukcapil, unit=monday.counter)
    placements_sync(effective=TUE)
    summaries.summaries_build(start=TUE, end=TUE, opd_ids=[monday.dukcapil.pk])
    assert record(monday.other, MON).opd_id == monday.kominfo.pk
    assert record(monday.other, TUE).opd_id == monday.dukcapil.pk
    assert summary(monday.dukcapil, TUE)["headcount"] == 2
    summaries.summaries_build(start=TUE, end=TUE, opd_ids=[monday.kominfo.pk])
    assert summary(monday.kominfo, TUE)["headcount"] == 4


def _grow(world, n: int) -> None:
    for i in range(n):
        employee = make_employee(world.kominfo, world.it if i % 2 else world.sek)
        if i % 3:
            event(employee, at(MON, 7, i % 50), "in", mode="WFH" if i % 4 else "WFO")
            event(employee, at(MON, 15, 30 + i % 30), "out")
    placements_sync(effective=dt.date(2025, 1, 1))


def _queries(start=MON, end=TUE) -> int:
    with CaptureQueriesContext(connection) as ctx:
        summaries.summaries_build(start=start, end=end)
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_employees(
    monday, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        summaries.summaries_build(start=MON, end=TUE)
    small = _queries()
    _grow(monday, 60)
    with django_assert_max_num_queries(30):
        summaries.summaries_build(start=MON, end=TUE)
    assert _queries() == small
    assert DailyRecord.objects.filter(day=MON).count() == 66


def test_a_run_is_recorded_with_its_range_rows_and_outcome(monday):
    run = summaries.summaries_build(
        start=MON, end=TUE, opd_ids=[monday.dukcapil.pk], trigger="recompute"
    )
    stored = SummaryRun.objects.get(pk=run.pk)
    assert (stored.trigger, stored.start, stored.end, stored.opd_ids) == (
        "recompute",
        MON,
        TUE,
        [monday.dukcapil.pk],
    )
    assert (stored.records, stored.summaries, stored.outcome, stored.error) == (2, 2, "ok", "")
    assert stored.duration_s is not None and stored.duration_s >= 0


def test_a_failed_run_is_recorded_as_failed_and_writes_nothing(monday, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(summaries, "later_ytd_sql", broken)
    summaries.summaries_build(start=MON, end=MON)
    summaries.summaries_build(start=TUE, end=TUE)
    before = _snapshot()
    with pytest.raises(RuntimeError):
        # TUE's records exist: the later counts are brought along
        summaries.summaries_build(start=MON, end=MON)
    run = SummaryRun.objects.order_by("-id").first()
    assert (run.outcome, run.start) == ("failed", MON)
    assert "database went away" in run.error
    assert _snapshot() == before


# -- recompute hooks and tasks -------------------------------------------------------------------


def _item(employee, when, kind="in", **kw) -> dict:
    return {"nip": employee.nip, "timestamp": when.isoformat(), "kind": kind, "mode": "WFO", **kw}


def test_a_late_event_recomputes_its_day(monday, django_capture_on_commit_callbacks):
    summaries.summaries_build(start=MON, end=MON)
    assert record(monday.other).status == "tidak_hadir"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        results = events_ingest(
            items=[_item(monday.other, at(MON, 7, 5)), _item(monday.other, at(MON, 16, 1), "out")],
            source="api",
            received_at=at(TUE, 9, 0),
        )
    assert [r.status for r in results] == ["accepted", "accepted"]
    # one recompute for both events (its own callback then announces summary.ready)
    assert SummaryRun.objects.filter(trigger="recompute").count() == 1
    assert callbacks
    assert record(monday.other).status == "hadir_wfo"
    assert summary(monday.kominfo)["absent"] == 0
    run = SummaryRun.objects.order_by("-id").first()
    assert (run.trigger, run.start, run.end, run.opd_ids) == (
        "recompute",
        MON,
        MON,
        [monday.kominfo.pk],
    )


def test_an_event_of_today_waits_for_the_nightly_run(monday, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        events_ingest(
            items=[_item(monday.other, at(MON, 7, 5))], source="api", received_at=at(MON, 7, 6)
        )
    assert callbacks == []


def test_an_accepted_flagged_event_recomputes_its_day(monday, django_capture_on_commit_callbacks):
    flagged = event(monday.other, at(MON, 7, 0), "in", status="flagged")
    event(monday.other, at(MON, 16, 0), "out")
    summaries.summaries_build(start=MON, end=MON)
    assert (record(monday.other).status, record(monday.other).pending_review) == (
        "tidak_hadir",
        1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        event_review(event=flagged, user=monday.opd_admin, accept=True)
    r = record(monday.other)
    assert (r.status, r.pending_review, r.first_in) == ("hadir_wfo", 0, at(MON, 7, 0))


def test_a_rejected_flagged_event_recomputes_its_day_too(
    monday, django_capture_on_commit_callbacks
):
    flagged = event(monday.other, at(MON, 7, 0), "in", status="flagged")
    summaries.summaries_build(start=MON, end=MON)
    with django_capture_on_commit_callbacks(execute=True):
        event_review(event=flagged, user=monday.opd_admin, accept=False, note="Titik palsu")
    assert (record(monday.other).status, record(monday.other).pending_review) == (
        "tidak_hadir",
        0,
    )


def test_a_recompute_groups_contiguous_past_days_and_skips_today(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        tasks.summarize_days, "apply_async", lambda args, kwargs, **kw: sent.append(tuple(args))
    )
    today = timezone.now().astimezone(summaries.EASTERNMOST).date()  # no day is over anywhere yet
    days = [today - dt.timedelta(days=n) for n in (9, 8, 7, 5, 0)] + [today + dt.timedelta(days=1)]
    with django_capture_on_commit_callbacks(execute=True):
        summaries.summaries_recompute(days=days, opd_ids=[world.kominfo.pk])
        assert sent == []  # nothing before the commit
    iso = lambda n: (today - dt.timedelta(days=n)).isoformat()  # noqa: E731
    assert sent == [
        (iso(9), iso(7), [world.kominfo.pk], "recompute"),
        (iso(5), iso(5), [world.kominfo.pk], "recompute"),
    ]


def test_the_nightly_task_summarises_yesterday_in_jakarta(monday, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TUE)
    result = tasks.summarize_yesterday.delay().get()
    assert (result["start"], result["end"], result["outcome"]) == ("2025-12-01", "2025-12-01", "ok")
    assert result["records"] == 6
    assert SummaryRun.objects.get(pk=result["run"]).trigger == "nightly"
    assert OpdDaySummary.objects.filter(day=MON).count() == 2


def test_the_days_task_rebuilds_a_range_for_some_opds(monday):
    result = tasks.summarize_days.delay("2025-12-01", "2025-12-02", [monday.dukcapil.pk]).get()
    assert (result["records"], result["summaries"]) == (2, 2)
    assert set(DailyRecord.objects.values_list("opd_id", flat=True)) == {monday.dukcapil.pk}


def test_pending_review_counts_and_rejected_events_do_not(monday):
    AttendanceEvent.objects.filter(employee=monday.head).update(status="rejected_by_review")
    summaries.summaries_build(start=MON, end=MON)
    assert record(monday.head).status == "tidak_hadir"


def test_selectors_read_the_day_of_an_opd(monday):
    from attendance import selectors

    assert selectors.opd_day_summary(opd=monday.kominfo, day=MON) is None
    summaries.summaries_build(start=MON, end=TUE)
    assert selectors.opd_day_summary(opd=monday.kominfo, day=MON).headcount == 5

    def names(**kw):
        return [r.employee.name for r in selectors.daily_records(opd=monday.kominfo, day=MON, **kw)]

    assert names(filter_key="terlambat") == ["Sari Staf"]
    assert names(filter_key="mismatch") == ["Sari Staf"]
    assert names(filter_key="cuti") == ["Rina Sakit"]
    assert len(names()) == len(names(filter_key="unknown")) == 5
    assert names(team={monday.staff.pk}) == ["Sari Staf"]
