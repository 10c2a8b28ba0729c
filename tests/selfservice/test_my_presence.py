"""My attendance (/saya/presensi/): the month's days with times, TL/PSW tiers, the TPP cut from
the tiers as data, the year's unexcused absences against PP 94/2021, month navigation, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import DailyRecord, DayStatus, WorkingHours
from attendance.summaries.pp94 import PP94_LEVELS, pp94_level
from selfservice import my_attendance

pytestmark = pytest.mark.django_db

URL = reverse("selfservice:my_presence")
WIB = dt.timezone(dt.timedelta(hours=7))


def _record(employee, day, status, **kw):
    return DailyRecord.objects.create(
        employee=employee,
        day=day,
        opd=employee.opd,
        unit=employee.unit,
        scheduled_mode=kw.pop("mode", "WFO"),
        status=status,
        computed_at=timezone.now(),
        **kw,
    )


@pytest.fixture
def month(world):
    s = world.staff
    _record(
        s,
        dt.date(2025, 11, 3),
        DayStatus.TERLAMBAT,
        first_in=dt.datetime(2025, 11, 3, 8, 5, tzinfo=WIB),
        last_out=dt.datetime(2025, 11, 3, 16, 2, tzinfo=WIB),
        late_minutes=35,
        late_tier="TL2",
    )
    _record(
        s,
        dt.date(2025, 11, 4),
        DayStatus.PSW,
        first_in=dt.datetime(2025, 11, 4, 7, 20, tzinfo=WIB),
        last_out=dt.datetime(2025, 11, 4, 15, 40, tzinfo=WIB),
        early_minutes=20,
        early_tier="PSW1",
    )
    _record(
        s, dt.date(2025, 11, 5), DayStatus.TIDAK_HADIR, unexcused_ytd=3, pp94_level=pp94_level(3)
    )
    return world


def _cuts():
    policy = WorkingHours().as_policy_without_rows()
    row = WorkingHours.objects.filter(opd__isnull=True).first()
    if row is not None:
        policy = row.as_policy()
    return {t.code: t.cut_percent for t in (*policy.tl_tiers, *policy.psw_tiers)}


def test_month_sums_the_tiers_cuts_and_counts_unexcused_days(month):
    m = my_attendance.my_attendance_month(
        employee=month.staff, first=dt.date(2025, 11, 1), today=dt.date(2025, 11, 20)
    )
    cuts = _cuts()
    assert [d.day.day for d in m.days] == [3, 4, 5]
    assert m.days[0].check_in == "08:05" and m.days[1].check_out == "15:40"
    assert m.cut_percent == pytest.approx(cuts["TL2"] + cuts["PSW1"])
    assert m.unexcused_ytd == 3
    assert m.level == "teguran lisan"
    assert (m.next_threshold, m.next_level) == (PP94_LEVELS[1][0], "teguran tertulis")


def test_a_changed_tier_cut_changes_the_estimate(month):
    row = WorkingHours.objects.filter(opd__isnull=True).first()
    if row is None:
        pytest.skip("no default working hours row")
    row.tiers.filter(code="TL2").update(cut_percent=3)
    m = my_attendance.my_attendance_month(
        employee=month.staff, first=dt.date(2025, 11, 1), today=dt.date(2025, 11, 20)
    )
    assert m.days[0].cut_percent == pytest.approx(3.0)


def test_page_shows_days_as_people_write_them_and_navigates(client, month):
    client.force_login(month.pegawai_user)
    body = client.get(URL, {"bulan": "2025-11"}).content.decode()
    assert "Senin, 3 November 2025" in body
    assert "Terlambat 35 menit (TL2)" in body
    assert "08:05" in body and "15:40" in body
    assert "bulan=2025-10" in body and "bulan=2025-12" in body
    assert 'id="pp94"' in body and "teguran lisan" in body


def test_an_empty_month_says_what_to_do(client, month):
    client.force_login(month.pegawai_user)
    body = client.get(URL, {"bulan": "2025-09"}).content.decode()
    assert "Belum ada rekap presensi bulan ini" in body


def test_a_bad_month_is_named_not_a_500(client, month):
    client.force_login(month.pegawai_user)
    resp = client.get(URL, {"bulan": "november"})
    assert resp.status_code == 200
    assert "november" in resp.content.decode()


def test_csv_of_the_month_both_ways(client, month):
    client.force_login(month.pegawai_user)
    for resp in (
        client.get(URL, {"bulan": "2025-11", "format": "csv"}),
        client.get(reverse("selfservice:my_presence_csv"), {"bulan": "2025-11"}),
    ):
        assert resp["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(resp.content.decode())))
        assert rows[0] == my_attendance.CSV_HEADER
        assert rows[1][0] == "2025-11-03" and rows[1][5] == "35" and rows[1][6] == "TL2"
        assert len(rows) == 4


def test_each_sees_only_their_own_days(client, month):
    client.force_login(month.atasan_user)  # the supervisor's own page: their own (no) records
    body = client.get(URL, {"bulan": "2025-11"}).content.decode()
    assert "Terlambat 35 menit" not in body
    client.force_login(month.hr)  # HR without an employee record: says what to do
    assert client.get(URL).status_code == 200


def test_query_count_is_bounded(client, month, django_assert_max_num_queries):
    client.force_login(month.pegawai_user)
    client.get(URL, {"bulan": "2025-11"})
    with django_assert_max_num_queries(14):
        client.get(URL, {"bulan": "2025-11"})
    for day in range(6, 28):
        _record(month.staff, dt.date(2025, 11, day), DayStatus.HADIR_WFO)
    with django_assert_max_num_queries(14):
        client.get(URL, {"bulan": "2025-11"})
