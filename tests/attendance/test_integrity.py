"""Fake-GPS signs kept with each event (issue 14, point 7): the same spot as another employee
that day (and the earlier event flagged when a later one joins it), the same spot on many days,
an accuracy of exactly 0 or none from a phone that always gave one; read set-wise."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attendance import integrity
from attendance.models import AttendanceEvent, DailyRecord, EventStatus
from attendance.services import event_review, events_ingest
from common.tasks import task
from tests.attendance.conftest import WFH_DAY
from tests.attendance.test_ingest import NOW, at, item
from tests.factories import make_employee

SPOT = {"latitude": "-6.241111", "longitude": "106.981111"}  # ~700 m from the office
SPOT_6TH = {"latitude": "-6.241114", "longitude": "106.981108"}  # the same to 5 decimals
ELSEWHERE = {"latitude": "-6.250000", "longitude": "106.990000"}


def ingest(*items, received_at=NOW):
    return events_ingest(items=list(items), source="api", received_at=received_at)


def stored(result) -> AttendanceEvent:
    return AttendanceEvent.objects.get(pk=result.event_id)


def test_the_same_spot_as_another_employee_that_day_flags_both(days):
    [first] = ingest(item(days.staff, at(WFH_DAY, 7, 20), mode="WFH", **SPOT))
    assert first.status == "accepted"  # alone at the spot so far
    [second] = ingest(item(days.other, at(WFH_DAY, 7, 40), mode="WFH", **SPOT_6TH))
    assert "shared_position" in second.flags
    earlier = stored(first)
    assert earlier.status == EventStatus.FLAGGED and earlier.flags == ["shared_position"]
    assert "pegawai lain" in earlier.reason_text


def test_two_employees_at_one_spot_in_one_batch_are_both_flagged(days):
    a, b, c = ingest(
        item(days.staff, at(WFH_DAY, 7, 20), mode="WFH", **SPOT),
        item(days.other, at(WFH_DAY, 7, 21), mode="WFH", **SPOT),
        item(days.head, at(WFH_DAY, 7, 22), mode="WFH", **ELSEWHERE),
    )
    assert "shared_position" in a.flags and "shared_position" in b.flags
    assert "shared_position" not in c.flags


def test_the_same_spot_on_another_day_or_by_the_same_employee_is_not_shared(days):
    [a] = ingest(item(days.staff, at(WFH_DAY, 7, 20), mode="WFH", **SPOT))
    [b] = ingest(item(days.staff, at(WFH_DAY, 16, 20), kind="out", mode="WFH", **SPOT))
    wednesday = WFH_DAY + dt.timedelta(days=1)
    [c] = ingest(item(days.other, at(wednesday, 7, 20), mode="WFH", **SPOT))
    assert "shared_position" not in a.flags + b.flags + c.flags
    assert stored(a).status == EventStatus.ACCEPTED


def test_a_decided_event_stays_as_the_reviewer_left_it(days):
    [first] = ingest(item(days.staff, at(WFH_DAY, 7, 20), mode="WFH", accuracy_m=0, **SPOT))
    event_review(event=stored(first), user=days.hr, accept=True)
    ingest(item(days.other, at(WFH_DAY, 7, 40), mode="WFH", **SPOT))
    again = stored(first)
    assert again.status == EventStatus.ACCEPTED_BY_REVIEW
    assert "shared_position" not in again.flags


def test_the_same_spot_on_many_days_is_flagged_from_the_setting_on(days, settings):
    settings.ATTENDANCE_SAME_POSITION_DAYS = 3
    monday = dt.date(2025, 11, 24)
    results = [
        ingest(item(days.staff, at(monday + dt.timedelta(days=i), 7, 20), mode="WFH", **SPOT))[0]
        for i in range(4)
    ]
    assert ["same_position_days" in r.flags for r in results] == [False, False, True, True]
    assert stored(results[2]).flag_params["same_position_days"] == {"days": 3}


def test_an_accuracy_of_zero_is_flagged(days):
    [result] = ingest(item(days.staff, at(WFH_DAY, 7, 20), mode="WFH", accuracy_m=0, **SPOT))
    assert result.flags == ["zero_accuracy"]


def test_no_accuracy_is_flagged_only_when_the_employees_phone_gave_one_before(days):
    [device] = ingest(item(days.head, at(WFH_DAY, 7, 20), mode="WFH", accuracy_m="", **SPOT))
    ingest(item(days.staff, at(WFH_DAY, 7, 0), mode="WFH", accuracy_m=8, **ELSEWHERE))
    [phone] = ingest(item(days.staff, at(WFH_DAY, 12, 0), mode="WFH", accuracy_m=None, **ELSEWHERE))
    assert "missing_accuracy" not in device.flags
    assert phone.flags == ["missing_accuracy"]


def test_within_a_batch_an_earlier_accuracy_counts(days):
    with_one, without = ingest(
        item(days.staff, at(WFH_DAY, 7, 0), mode="WFH", accuracy_m=8, **ELSEWHERE),
        item(days.staff, at(WFH_DAY, 12, 0), mode="WFH", accuracy_m=None, **ELSEWHERE),
    )
    assert with_one.status == "accepted" and without.flags == ["missing_accuracy"]


def test_an_earlier_event_of_a_past_day_flagged_later_rebuilds_that_days_record(
    days, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [first] = ingest(item(days.staff, at(WFH_DAY, 7, 20), mode="WFH", **SPOT))
    assert DailyRecord.objects.get(employee=days.staff, day=WFH_DAY).pending_review == 0
    with django_capture_on_commit_callbacks(execute=True):
        ingest(item(days.other, at(WFH_DAY, 7, 30), mode="WFH", **SPOT))
    assert stored(first).status == EventStatus.FLAGGED
    assert DailyRecord.objects.get(employee=days.staff, day=WFH_DAY).pending_review == 1


def test_the_position_key_is_stored_with_the_event(days):
    [result] = ingest(item(days.staff, at(WFH_DAY, 7, 20), mode="WFH", **SPOT_6TH))
    [none] = ingest(item(days.staff, at(WFH_DAY, 7, 21), latitude="", longitude=""))
    assert stored(result).position_key == "-6.24111,106.98111"
    assert stored(none).position_key == ""


def _crowd(world, n: int, offset: int) -> list[dict]:
    people = [make_employee(world.kominfo, world.it) for _ in range(4)]
    base = Decimal("-6.24")
    return [
        item(
            people[i % 4],
            at(WFH_DAY, 7, 0) + dt.timedelta(seconds=offset + i),
            mode="WFH",
            accuracy_m=None if i % 5 == 0 else 9,
            latitude=str(base - Decimal(i % 7) / 1000),
            longitude=SPOT["longitude"],
            external_id=f"crowd-{offset + i}",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [10, 300])
def test_the_integrity_reads_are_a_fixed_number_of_queries(days, n):
    """Whatever the batch: one read per index (day and spot, employee and spot), one for the
    accuracy history, and the earlier events a cluster gained written in one statement."""
    ingest(*_crowd(days, 20, 10_000))  # stored events at the same spots
    with CaptureQueriesContext(connection) as ctx:
        results = ingest(*_crowd(days, n, 0))
    assert all(r.status in ("accepted", "flagged") for r in results)
    sql = [q["sql"] for q in ctx.captured_queries]
    assert sum('"position_key" IN' in q and '"day" IN' in q for q in sql) == 1
    assert sum('"position_key" IN' in q and '"employee_id" IN' in q for q in sql) == 1
    assert sum("EXISTS" in q for q in sql) == 1
    assert sum(q.startswith("UPDATE") for q in sql) <= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time")
@pytest.mark.django_db(transaction=True)
def test_two_batches_bringing_two_employees_to_a_spot_at_once_do_not_miss_each_other(
    world, monkeypatch
):
    """Both read "who is at the spot" at the same moment: the spot's lock makes the second wait
    for the first to commit, so it sees it (and flags it too)."""
    barrier = threading.Barrier(2, timeout=10)
    lock = integrity._lock_spots

    def together(pairs):
        barrier.wait()
        lock(pairs)

    monkeypatch.setattr(integrity, "_lock_spots", together)
    task("attendance.summarize_days")  # the registry filled before the threads race to fill it
    answers = {}

    def send(employee):
        try:
            [answers[employee.pk]] = ingest(item(employee, at(WFH_DAY, 7, 20), mode="WFH", **SPOT))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(e,)) for e in (world.staff, world.other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 2
    events = AttendanceEvent.objects.filter(position_key__startswith="-6.24111")
    assert sorted(e.flags for e in events) == [["shared_position"], ["shared_position"]]
