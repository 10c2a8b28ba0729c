"""events_ingest: each outcome per item, the day checks on crafted days, and its query bound."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from attendance.models import AttendanceEvent, EventStatus, WorkingHours
from attendance.services import MAX_BATCH, events_ingest
from tests.attendance.conftest import HOME, OFFICE, WFH_DAY, WFO_DAY
from tests.factories import make_employee, make_opd
from wfh.models import LocalDayOff

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 12, 3, 10, 0, tzinfo=WIB)


def item(employee, when: dt.datetime, **kw) -> dict:
    data = {
        "nip": employee.nip,
        "timestamp": when.isoformat(),
        "kind": "in",
        "mode": "WFO",
        "latitude": str(OFFICE[0]),
        "longitude": str(OFFICE[1]),
        "accuracy_m": 10,
        "device_id": "hp-1",
        "external_id": "",
    }
    data.update(kw)
    return data


def at(day: dt.date, h: int, m: int, tz=WIB) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=tz)


def ingest(*items, source="api", received_at=NOW):
    return events_ingest(items=list(items), source=source, received_at=received_at)


def test_a_check_in_at_the_office_on_a_wfo_day_is_accepted(days):
    [result] = ingest(item(days.staff, at(WFO_DAY, 7, 25)))
    assert result.status == "accepted" and result.flags == []
    event = AttendanceEvent.objects.get(pk=result.event_id)
    assert event.status == EventStatus.ACCEPTED
    assert event.day == WFO_DAY
    assert event.distance_m == pytest.approx(0, abs=1)


def test_the_timestamp_is_stored_in_utc_and_keeps_its_offset(days):
    sent = dt.datetime(2025, 12, 1, 8, 25, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    [result] = ingest(item(days.staff, sent))
    event = AttendanceEvent.objects.get(pk=result.event_id)
    assert event.timestamp == sent
    assert event.timestamp.utcoffset() == dt.timedelta(0)
    assert event.utc_offset_minutes == 480
    assert event.sent_timestamp.isoformat() == "2025-12-01T08:25:00+08:00"


def test_an_event_sent_twice_is_stored_once_and_the_second_answer_is_duplicate(days):
    first = item(days.staff, at(WFO_DAY, 7, 25), external_id="dev-42")
    [a] = ingest(first)
    [b] = ingest(first)
    assert a.status == "accepted" and b.status == "duplicate"
    assert b.event_id == a.event_id
    assert AttendanceEvent.objects.filter(external_id="dev-42").count() == 1


def test_a_duplicate_inside_one_batch_is_stored_once(days):
    one = item(days.staff, at(WFO_DAY, 7, 25), external_id="x-1")
    a, b = ingest(one, one)
    assert (a.status, b.status) == ("accepted", "duplicate")
    assert b.event_id == a.event_id
    assert AttendanceEvent.objects.count() == 1


def test_the_same_external_id_from_another_source_is_another_event(days):
    one = item(days.staff, at(WFO_DAY, 7, 25), external_id="x-1")
    ingest(one, source="api")
    [b] = ingest(one, source="device")
    assert b.status == "accepted"


def test_outside_the_office_on_a_wfo_day_is_kept_and_flagged(days):
    [result] = ingest(item(days.staff, at(WFO_DAY, 7, 25), latitude="-6.30", longitude="106.95"))
    assert result.status == "flagged" and result.flags == ["outside_geofence"]
    event = AttendanceEvent.objects.get(pk=result.event_id)
    assert event.status == EventStatus.FLAGGED
    assert event.distance_m > 5000
    assert "radius kantor" in event.flag_message


def test_a_flag_reason_reads_in_the_readers_language(days):
    [far] = ingest(item(days.staff, at(WFO_DAY, 7, 25), latitude="-6.30", longitude="106.95"))
    [weekend] = ingest(item(days.staff, at(dt.date(2025, 11, 29), 8, 0)))
    far_event = AttendanceEvent.objects.get(pk=far.event_id)
    weekend_event = AttendanceEvent.objects.get(pk=weekend.event_id)
    distance = far_event.flag_params["outside_geofence"]["distance"]
    assert far_event.reason_text == far_event.flag_message
    assert "akhir pekan" in weekend_event.reason_text
    with translation.override("en"):
        assert f"{distance} m" in far_event.reason_text
        assert "radius kantor" not in far_event.reason_text
        assert "weekend" in weekend_event.reason_text.lower()
    # an event stored before the values were kept shows the words it was stored with
    AttendanceEvent.objects.filter(pk=far.event_id).update(flag_params=None)
    far_event.refresh_from_db()
    with translation.override("en"):
        assert far_event.reason_text == far_event.flag_message


def test_accuracy_gives_a_borderline_fix_the_benefit_of_the_doubt(days):
    # about 200 m north of the office, radius 150 m
    lat = str(OFFICE[0] + Decimal("0.0018"))
    [tight] = ingest(item(days.staff, at(WFO_DAY, 7, 25), latitude=lat, accuracy_m=10))
    [loose] = ingest(item(days.staff, at(WFO_DAY, 7, 26), latitude=lat, accuracy_m=80))
    assert tight.flags == ["outside_geofence"]
    assert loose.status == "accepted"


def test_the_scheduled_mode_decides_the_check_not_the_claimed_one(days):
    # claimed WFH on a published WFO day: the office geofence still applies
    far = {"latitude": str(HOME[0]), "longitude": str(HOME[1]), "mode": "WFH"}
    [result] = ingest(item(days.staff, at(WFO_DAY, 7, 25), **far))
    assert result.flags == ["outside_geofence"]


def test_on_a_wfh_day_home_is_not_checked_unless_the_opd_requires_it(days):
    away = {"latitude": "-6.10", "longitude": "106.80", "mode": "WFH"}
    [free] = ingest(item(days.staff, at(WFH_DAY, 7, 25), **away))
    assert free.status == "accepted"
    WorkingHours.objects.create(opd=days.kominfo, require_home_radius=True)
    [strict] = ingest(item(days.staff, at(WFH_DAY, 7, 40), **away))
    assert strict.flags == ["outside_home"]
    home = {"latitude": str(HOME[0]), "longitude": str(HOME[1]), "mode": "WFH"}
    [ok] = ingest(item(days.staff, at(WFH_DAY, 11, 0), **home))
    assert ok.status == "accepted"


def test_required_home_radius_without_a_registered_home_is_flagged(days):
    WorkingHours.objects.filter(opd__isnull=True).update(require_home_radius=True)
    days.staff.home_latitude = days.staff.home_longitude = None
    days.staff.save()
    [result] = ingest(item(days.staff, at(WFH_DAY, 7, 25), mode="WFH"))
    assert result.flags == ["no_home"]


def test_a_web_check_in_without_location_on_a_wfo_day_is_flagged_but_an_api_one_is_not(days):
    bare = {"latitude": "", "longitude": "", "accuracy_m": ""}
    [web] = ingest(item(days.staff, at(WFO_DAY, 7, 25), **bare), source="web")
    [api] = ingest(item(days.staff, at(WFO_DAY, 7, 26), **bare), source="api")
    assert web.flags == ["no_location"]
    assert api.status == "accepted"


def test_a_check_in_on_christmas_is_flagged_day_off(days):
    christmas = dt.date(2025, 12, 25)
    [result] = ingest(item(days.staff, at(christmas, 7, 25)), received_at=at(christmas, 12, 0))
    assert result.flags == ["day_off"]
    assert "Natal" in result.message


def test_weekends_and_local_days_off_are_days_off(days):
    [saturday] = ingest(item(days.staff, at(dt.date(2025, 11, 29), 8, 0)))
    assert saturday.flags == ["day_off"]
    local = LocalDayOff.objects.create(date=dt.date(2025, 12, 3), name="HUT Kota")
    local.opds.add(days.dukcapil)
    [other_opd] = ingest(item(days.staff, at(dt.date(2025, 12, 3), 7, 25)))
    [this_opd] = ingest(
        item(days.clerk, at(dt.date(2025, 12, 3), 7, 25), latitude="", longitude="")
    )
    assert other_opd.status == "accepted"
    assert this_opd.flags == ["day_off"]


def test_future_and_too_old_timestamps_are_flagged(days):
    [soon] = ingest(item(days.staff, NOW + dt.timedelta(minutes=4)))
    [future] = ingest(item(days.staff, NOW + dt.timedelta(minutes=6)))
    [old] = ingest(item(days.staff, at(dt.date(2025, 10, 27), 7, 25)))
    assert soon.status == "accepted"
    assert future.flags == ["future"]
    assert old.flags == ["too_old"]


def test_impossible_travel_against_the_previous_event_of_the_day(days):
    [first] = ingest(item(days.staff, at(WFO_DAY, 7, 25)))
    jakarta = {"latitude": "-6.175392", "longitude": "106.827153", "kind": "out"}
    [jump] = ingest(item(days.staff, at(WFO_DAY, 7, 30), **jakarta))
    assert first.status == "accepted"
    assert "impossible_travel" in jump.flags


def test_impossible_travel_within_one_batch(days):
    jakarta = {"latitude": "-6.175392", "longitude": "106.827153", "kind": "out"}
    # sent out of order: the check follows the timestamps
    later, earlier = ingest(
        item(days.staff, at(WFO_DAY, 7, 30), **jakarta), item(days.staff, at(WFO_DAY, 7, 25))
    )
    assert earlier.status == "accepted"
    assert "impossible_travel" in later.flags


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("nip", "", "wajib"),
        ("nip", "199001012015011001", "tidak terdaftar"),
        ("timestamp", "2025-12-01T07:25:00", "zona waktu"),
        ("timestamp", "kemarin pagi", "ISO 8601"),
        ("kind", "masuk", "'in'"),
        ("mode", "WFA", "WFH"),
        ("latitude", "-91", "-90"),
        ("longitude", "181", "-180"),
        ("latitude", "utara", "bukan angka"),
        ("accuracy_m", "-5", "Akurasi"),
    ],
)
def test_a_rejected_item_names_its_field_and_is_not_stored(days, field, value, words):
    good = item(days.staff, at(WFO_DAY, 7, 25))
    bad = item(days.staff, at(WFO_DAY, 7, 26), **{field: value})
    a, b = ingest(good, bad)
    assert a.status == "accepted"
    assert b.status == "rejected" and b.field == field and words in b.message
    assert b.event_id is None
    assert AttendanceEvent.objects.count() == 1


def test_a_batch_above_the_limit_is_refused_whole(days):
    with pytest.raises(ValidationError):
        ingest(*[item(days.staff, at(WFO_DAY, 7, 25))] * (MAX_BATCH + 1))


def test_wita_day_boundaries(db):
    opd = make_opd("DISKOMINFO-MKS", time_zone="Asia/Makassar")
    employee = make_employee(opd)
    wita = zoneinfo.ZoneInfo("Asia/Makassar")
    evening = at(dt.date(2025, 12, 1), 23, 30, wita)
    after_midnight = at(dt.date(2025, 12, 2), 0, 30, wita)
    assert after_midnight.astimezone(dt.UTC).date() == dt.date(2025, 12, 1)
    # the same instant, sent by a WIB device: still the WITA OPD's day
    sent_in_wib = after_midnight.astimezone(WIB)
    results = ingest(
        item(employee, evening, latitude="", longitude=""),
        item(employee, after_midnight, latitude="", longitude=""),
        item(employee, sent_in_wib, latitude="", longitude=""),
    )
    days_ = [AttendanceEvent.objects.get(pk=r.event_id).day for r in results]
    assert days_ == [dt.date(2025, 12, 1), dt.date(2025, 12, 2), dt.date(2025, 12, 2)]


def test_wib_day_boundaries(days):
    evening = at(WFO_DAY, 23, 59)
    after_midnight = at(WFH_DAY, 0, 1)
    results = ingest(
        item(days.staff, evening, latitude="", longitude=""),
        item(days.staff, after_midnight, latitude="", longitude=""),
        source="device",
    )
    assert [AttendanceEvent.objects.get(pk=r.event_id).day for r in results] == [
        WFO_DAY,
        WFH_DAY,
    ]


def _batch(world, n: int, offset: int) -> list[dict]:
    people = [world.staff, world.head, world.other, world.clerk]
    return [
        item(
            people[i % len(people)],
            at(WFO_DAY if i % 2 else WFH_DAY, 7, 0) + dt.timedelta(seconds=i),
            external_id=f"q-{offset + i}",
            kind="in" if i % 3 else "out",
        )
        for i in range(n)
    ]


def test_the_number_of_queries_does_not_grow_with_the_batch(days):
    """Reads are a fixed set (with the one insert of the flagged events' notifications); the
    events' insert is one statement where the database allows it (SQLite caps the parameters of
    one statement, so Django splits it there)."""

    def run(n: int, offset: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            results = ingest(*_batch(days, n, offset))
        assert all(r.status in ("accepted", "flagged") for r in results)
        inserts = sum(
            1
            for q in ctx.captured_queries
            if q["sql"].startswith('INSERT INTO "attendance_attendanceevent"')
        )
        return len(ctx.captured_queries) - inserts, inserts

    small_reads, small_inserts = run(10, 0)
    large_reads, large_inserts = run(200, 1000)
    assert small_reads == large_reads <= 14  # 12, and the hours' tiers and periods for lateness
    assert small_inserts == 1
    fields = [f for f in AttendanceEvent._meta.concrete_fields if not f.primary_key]
    per_statement = connection.ops.bulk_batch_size(fields, [None] * 200)
    assert large_inserts == -(-200 // per_statement)


def test_ten_and_two_hundred_items_stay_within_one_query_bound(days, django_assert_max_num_queries):
    fields = [f for f in AttendanceEvent._meta.concrete_fields if not f.primary_key]
    inserts = -(-200 // connection.ops.bulk_batch_size(fields, [None] * 200))
    with django_assert_max_num_queries(14 + inserts):  # with the tiers and periods for lateness
        ingest(*_batch(days, 10, 0))
    with django_assert_max_num_queries(14 + inserts):  # with the tiers and periods for lateness
        ingest(*_batch(days, 200, 1000))
