"""The check-in page on a phone: today's mode, posting a check-in, what each role sees; and the
OPD attendance day with its summary, records, filters and CSV."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Role
from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    DayStatus,
    EventStatus,
    OpdDaySummary,
    ReportState,
)
from leave.models import LeaveKind, LeaveRecord
from tests.attendance.conftest import HOME, OFFICE, publish
from tests.factories import make_employee, make_user
from wfh.models import LocalDayOff, Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NEAR_OFFICE = ("-6.238300", "106.975600")  # a few metres from the office point
FAR = ("-6.300000", "106.950000")  # about 7 km away


NOW = dt.datetime(2025, 12, 1, 7, 21, 30, tzinfo=WIB)  # a Monday, a working day


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The server's clock stands still on a working Monday morning (WIB)."""
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(dt.UTC))
    return NOW


def _today() -> dt.date:
    return NOW.date()


@pytest.fixture
def office(world):
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    return world


def _client(client, user):
    client.force_login(user)
    return client


def _post(client, kind="in", location=None, accuracy="10", token="a" * 32):
    data = {"kind": kind, "token": token}
    if location:
        data.update({"latitude": location[0], "longitude": location[1], "accuracy_m": accuracy})
    return client.post(reverse("attendance:checkin"), data, follow=True)


# -- check-in page ---------------------------------------------------------------------------------


def test_the_page_says_today_is_wfh_from_the_published_schedule(client, office):
    publish(office.staff, _today(), Mode.WFH)
    resp = _client(client, office.pegawai_user).get(reverse("attendance:checkin"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Hari ini: WFH" in html
    assert "Presensi masuk" in html and "Presensi pulang" in html
    assert 'name="viewport"' in html  # phone first


def test_a_published_leave_day_shows_cuti_and_upcoming_days_show_dates(client, office):
    today = _today()
    publish(office.staff, today, Mode.LEAVE)
    tomorrow = today + dt.timedelta(days=1)
    resp = _client(client, office.pegawai_user).get(reverse("attendance:checkin"))
    html = resp.content.decode()
    assert "Hari ini: Cuti" in html
    # the next seven days are listed with their Indonesian date, e.g. "Kamis, 6 November 2025"
    days = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    months = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
        "September", "Oktober", "November", "Desember",
    ]  # fmt: skip
    label = f"{days[tomorrow.weekday()]}, {tomorrow.day} {months[tomorrow.month - 1]}"
    assert label in html


def test_approved_leave_shows_cuti_even_without_a_published_row(client, office):
    today = _today()
    LeaveRecord.objects.create(
        employee=office.staff, kind=LeaveKind.CUTI_TAHUNAN, start=today, end=today
    )
    resp = _client(client, office.pegawai_user).get(reverse("attendance:checkin"))
    assert "Hari ini: Cuti" in resp.content.decode()


def test_a_local_day_off_without_a_row_shows_libur(client, office):
    today = _today()
    off = LocalDayOff.objects.create(date=today, name="Hari Jadi Kota")
    off.opds.add(office.kominfo)
    resp = _client(client, office.pegawai_user).get(reverse("attendance:checkin"))
    assert "Hari ini: Libur" in resp.content.decode()


def test_a_working_day_without_a_published_row_is_wfo(client, office, monkeypatch):
    monday = dt.datetime(2025, 11, 3, 9, 0, tzinfo=WIB)  # no holiday that week
    monkeypatch.setattr(timezone, "now", lambda: monday.astimezone(dt.UTC))
    resp = _client(client, office.pegawai_user).get(reverse("attendance:checkin"))
    html = resp.content.decode()
    assert "Hari ini: WFO" in html
    assert "Sabtu, 8 November 2025" in html and "Libur" in html


def test_a_check_in_inside_the_geofence_is_accepted_with_local_time(client, office):
    publish(office.staff, _today(), Mode.WFO)
    resp = _post(_client(client, office.pegawai_user), "in", NEAR_OFFICE)
    html = resp.content.decode()
    assert "Presensi masuk tercatat" in html and "WIB" in html
    event = AttendanceEvent.objects.get()
    assert event.status == EventStatus.ACCEPTED
    assert event.source == "web" and event.device_id == "web" and event.mode == "WFO"
    # the server's clock, not the phone's
    assert abs((event.timestamp - event.received_at).total_seconds()) < 1
    assert event.utc_offset_minutes == 7 * 60
    assert event.timestamp == NOW and event.day == NOW.date()
    assert "Presensi masuk tercatat 07:21 WIB." in html
    assert "Presensi hari ini" in html and "diterima" in html


def test_a_check_in_far_from_the_office_is_flagged_with_its_distance(client, office):
    publish(office.staff, _today(), Mode.WFO)
    resp = _post(_client(client, office.pegawai_user), "in", FAR)
    html = resp.content.decode()
    event = AttendanceEvent.objects.get()
    assert event.status == EventStatus.FLAGGED and "outside_geofence" in event.flags
    assert "Presensi masuk tercatat 07:21 WIB, ditandai: Di luar radius kantor" in html
    assert "menunggu tinjauan admin OPD" in html
    assert f"{round(event.distance_m)} m" in html
    assert "menunggu tinjauan" in html  # the list of today's events says so too


def test_a_check_in_without_location_on_a_wfo_day_is_flagged(client, office):
    publish(office.staff, _today(), Mode.WFO)
    _post(_client(client, office.pegawai_user), "in")
    event = AttendanceEvent.objects.get()
    assert event.kind == "in"
    assert event.flags == ["no_location"] and event.status == EventStatus.FLAGGED


@pytest.mark.parametrize(("mode", "claimed"), [(Mode.WFH, "WFH"), (Mode.LEAVE, "WFO")])
def test_the_check_in_claims_the_days_scheduled_mode(client, office, mode, claimed):
    publish(office.staff, _today(), mode)
    _post(_client(client, office.pegawai_user), "in", FAR)
    event = AttendanceEvent.objects.get()
    assert event.mode == claimed
    assert event.status == EventStatus.ACCEPTED  # no home radius required, and no office check


def test_a_check_in_on_a_day_off_claims_wfo_and_is_flagged(client, office, clock, monkeypatch):
    saturday = dt.datetime(2025, 12, 6, 9, 0, tzinfo=WIB)
    monkeypatch.setattr(timezone, "now", lambda: saturday.astimezone(dt.UTC))
    _post(_client(client, office.pegawai_user), "in", NEAR_OFFICE)
    event = AttendanceEvent.objects.get()
    assert event.mode == "WFO" and event.flags == ["day_off"]


def test_a_resent_form_is_stored_once(client, office):
    publish(office.staff, _today(), Mode.WFH)
    c = _client(client, office.pegawai_user)
    _post(c, "in", FAR, token="c" * 32)
    resp = _post(c, "in", FAR, token="c" * 32)
    assert AttendanceEvent.objects.count() == 1
    assert "sudah tercatat" in resp.content.decode()
    _post(c, "out", FAR, token="d" * 32)  # a new page load: a new event
    assert AttendanceEvent.objects.count() == 2


def test_the_page_gives_each_load_a_new_token(client, office):
    c = _client(client, office.pegawai_user)
    first = c.get(reverse("attendance:checkin")).context["token"]
    second = c.get(reverse("attendance:checkin")).context["token"]
    assert first != second and len(first) == 32


def test_a_bad_coordinate_is_rejected_naming_the_field(client, office):
    publish(office.staff, _today(), Mode.WFO)
    resp = _post(_client(client, office.pegawai_user), "in", ("95", "106.9"))
    html = resp.content.decode()
    assert AttendanceEvent.objects.count() == 0
    assert "Presensi tidak dicatat" in html and "Lintang" in html


def test_an_unknown_kind_is_refused(client, office):
    resp = _post(_client(client, office.pegawai_user), "lunch", NEAR_OFFICE)
    assert AttendanceEvent.objects.count() == 0
    assert "Pilih presensi masuk atau presensi pulang" in resp.content.decode()


def test_a_user_without_an_employee_gets_an_explanation_not_an_error(client, world):
    resp = _client(client, world.hr).get(reverse("attendance:checkin"))
    assert resp.status_code == 200
    assert "tidak terhubung dengan data pegawai" in resp.content.decode()
    resp = client.post(reverse("attendance:checkin"), {"kind": "in"})
    assert resp.status_code == 200 and AttendanceEvent.objects.count() == 0


def test_the_check_in_page_needs_a_login(client, world):
    resp = client.get(reverse("attendance:checkin"))
    assert resp.status_code == 302 and reverse("login") in resp["Location"]


def test_an_employee_lands_on_the_check_in_page_and_others_do_not(client, world):
    resp = _client(client, world.pegawai_user).get(reverse("home"))
    assert resp["Location"] == reverse("attendance:checkin")
    resp = _client(client, world.atasan_user).get(reverse("home"))
    assert resp["Location"] != reverse("attendance:checkin")
    resp = _client(client, world.opd_admin).get(reverse("home"))
    assert resp["Location"] != reverse("attendance:checkin")


def test_the_csrf_token_is_required(world):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(world.pegawai_user)
    resp = c.post(reverse("attendance:checkin"), {"kind": "in"})
    assert resp.status_code == 403
    assert AttendanceEvent.objects.count() == 0


# -- OPD attendance day ----------------------------------------------------------------------------

DAY = dt.date(2025, 12, 1)  # a Monday


def _record(world, employee, **kw) -> DailyRecord:
    defaults = {
        "day": DAY,
        "opd": employee.opd,
        "unit": employee.unit,
        "scheduled_mode": "WFO",
        "status": DayStatus.HADIR_WFO,
        "present_mode": "WFO",
        "computed_at": timezone.now(),
    }
    defaults.update(kw)
    return DailyRecord.objects.create(employee=employee, **defaults)


@pytest.fixture
def summarised(world):
    at = lambda h, m: dt.datetime.combine(DAY, dt.time(h, m), WIB)  # noqa: E731
    _record(
        world,
        world.head,
        status=DayStatus.TERLAMBAT,
        first_in=at(8, 15),
        last_out=at(16, 5),
        late_minutes=45,
        late_tier="TL2",
    )
    _record(
        world,
        world.staff,
        scheduled_mode="WFH",
        status=DayStatus.HADIR_WFO,
        present_mode="WFO",
        mismatch=True,
        first_in=at(7, 20),
        last_out=at(16, 1),
        report_state=ReportState.MISSING,
    )
    _record(
        world,
        world.other,
        status=DayStatus.TIDAK_HADIR,
        present_mode="",
        late_tier="TL4",
        unexcused_ytd=3,
        pp94_level="teguran lisan",
    )
    _record(world, world.clerk)  # another OPD
    OpdDaySummary.objects.create(
        opd=world.kominfo,
        day=DAY,
        headcount=3,
        scheduled_wfh=1,
        scheduled_wfo=2,
        present_wfh=0,
        present_wfo=2,
        absent=1,
        late=1,
        on_leave=0,
        mismatches=1,
        reports_missing=1,
        lowest_unit=world.sek,
        lowest_unit_onsite=0,
        lowest_unit_minimum=1,
        computed_at=timezone.now(),
    )
    return world


def _day_url(code="DISKOMINFO", **params):
    params.setdefault("date", DAY.isoformat())
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('attendance:opd_day', args=[code])}?{query}"


def test_hr_sees_the_opd_day_summary_and_records_in_local_time(client, summarised):
    resp = _client(client, summarised.hr).get(_day_url())
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Senin, 1 Desember 2025" in html
    for name in ("Budi Kepala", "Sari Staf", "Dewi Sekretariat"):
        assert name in html
    assert "Andi Loket" not in html
    assert "08:15 / 16:05" in html  # WIB, not UTC
    assert "TL2" in html and "teguran lisan" in html and "tidak sesuai" in html
    assert "SEK: 0 hadir, minimal 1" in html
    assert summarised.staff.nip in html  # a link to the employee page


def test_the_opd_admin_sees_their_opd_but_not_another(client, summarised):
    c = _client(client, summarised.opd_admin)
    assert c.get(_day_url()).status_code == 200
    assert c.get(_day_url("DISDUKCAPIL")).status_code == 403


def test_an_admin_of_another_opd_is_refused(client, summarised):
    stranger = make_user("admin.dukcapil", Role.OPD_ADMIN)
    summarised.dukcapil.admins.add(stranger)
    c = _client(client, stranger)
    assert c.get(_day_url()).status_code == 403
    assert c.get(_day_url("DISDUKCAPIL")).status_code == 200


def test_a_supervisor_sees_only_their_team_without_nips_or_the_opd_summary(client, summarised):
    resp = _client(client, summarised.atasan_user).get(_day_url())
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Budi Kepala" in html and "Sari Staf" in html
    assert "Dewi Sekretariat" not in html
    assert summarised.staff.nip not in html
    assert "SEK: 0 hadir" not in html
    assert _client(client, summarised.atasan_user).get(_day_url("DISDUKCAPIL")).status_code == 403


def test_an_employee_is_refused_the_opd_day(client, summarised):
    assert _client(client, summarised.pegawai_user).get(_day_url()).status_code == 403


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("tidak_hadir", "Dewi Sekretariat", "Budi Kepala"),
        ("terlambat", "Budi Kepala", "Sari Staf"),
        ("mismatch", "Sari Staf", "Budi Kepala"),
        ("laporan", "Sari Staf", "Dewi Sekretariat"),
        ("pp94", "Dewi Sekretariat", "Sari Staf"),
    ],
)
def test_records_filter_by_status(client, summarised, status, shown, hidden):
    html = _client(client, summarised.hr).get(_day_url(status=status)).content.decode()
    table = html.split("Rekap per pegawai", 1)[1]
    assert shown in table and hidden not in table


def test_records_filter_by_unit(client, summarised):
    html = _client(client, summarised.hr).get(_day_url(unit="SEK")).content.decode()
    table = html.split("Rekap per pegawai", 1)[1]
    assert "Dewi Sekretariat" in table and "Budi Kepala" not in table


def test_the_csv_holds_the_filtered_records(client, summarised):
    resp = _client(client, summarised.hr).get(_day_url(status="terlambat", format="csv"))
    assert resp["Content-Type"].startswith("text/csv")
    lines = resp.content.decode().strip().splitlines()
    assert lines[0].startswith("nip,tanggal,nama")
    assert len(lines) == 2 and "Budi Kepala" in lines[1] and "08:15" in lines[1]


def test_a_supervisors_csv_has_no_nips(client, summarised):
    resp = _client(client, summarised.atasan_user).get(_day_url(format="csv"))
    body = resp.content.decode()
    assert not body.startswith("nip,") and summarised.staff.nip not in body
    assert "Dewi Sekretariat" not in body


def test_a_day_without_a_summary_says_how_to_build_it(client, world):
    resp = _client(client, world.hr).get(_day_url(date="2025-12-02"))
    html = resp.content.decode()
    assert "Belum ada rekap" in html
    assert "summarize_attendance --date 2025-12-02" in html


def test_a_bad_date_is_named_and_yesterday_shown(client, world):
    resp = _client(client, world.hr).get(_day_url(date="2025-13-40"))
    assert resp.status_code == 200
    assert "2025-13-40" in resp.content.decode()
    assert resp.context["day"] == _today() - dt.timedelta(days=1)


def test_the_default_day_is_yesterday_with_prev_and_next_links(client, world):
    resp = _client(client, world.hr).get(reverse("attendance:opd_day", args=["DISKOMINFO"]))
    yesterday = _today() - dt.timedelta(days=1)
    assert resp.context["day"] == yesterday
    html = resp.content.decode()
    assert f"?date={(yesterday - dt.timedelta(days=1)).isoformat()}" in html
    assert f"?date={_today().isoformat()}" in html


def _bulk_records(world, n: int) -> None:
    unit = world.it
    for i in range(n):
        employee = make_employee(world.kominfo, unit, name=f"Massal {i:03d}")
        _record(world, employee, status=DayStatus.TERLAMBAT, late_minutes=i + 1)


@pytest.mark.parametrize("extra", [3, 60])
def test_the_opd_day_page_runs_a_bounded_number_of_queries(
    client, summarised, extra, django_assert_max_num_queries
):
    _bulk_records(summarised, extra)
    c = _client(client, summarised.hr)
    with django_assert_max_num_queries(14):
        resp = c.get(_day_url())
    assert resp.status_code == 200
    with django_assert_max_num_queries(10):
        resp = c.get(_day_url(format="csv"))
    assert resp.content.decode().count("\n") == extra + 4


# -- the index of OPDs for a day -----------------------------------------------------------------


def test_hr_sees_every_opd_with_its_numbers_on_the_index(client, summarised):
    url = f"{reverse('attendance:index')}?date={DAY.isoformat()}"
    html = _client(client, summarised.hr).get(url).content.decode()
    assert "DISKOMINFO" in html and "DISDUKCAPIL" in html
    assert "belum ada rekap" in html  # DISDUKCAPIL has no summary
    assert reverse("attendance:opd_day", args=["DISKOMINFO"]) in html


def test_the_opd_admin_sees_only_their_opd_on_the_index(client, summarised):
    url = f"{reverse('attendance:index')}?date={DAY.isoformat()}"
    html = _client(client, summarised.opd_admin).get(url).content.decode()
    assert "DISKOMINFO" in html and "DISDUKCAPIL" not in html


def test_a_supervisor_is_sent_to_their_opd_day_and_an_employee_refused(client, world):
    resp = _client(client, world.atasan_user).get(reverse("attendance:index"))
    assert resp.status_code == 302
    assert resp["Location"] == reverse("attendance:opd_day", args=["DISKOMINFO"])
    assert _client(client, world.pegawai_user).get(reverse("attendance:index")).status_code == 403


def test_coordinates_of_the_home_are_never_on_the_check_in_page(client, office):
    office.staff.home_latitude, office.staff.home_longitude = HOME
    office.staff.save()
    html = _client(client, office.pegawai_user).get(reverse("attendance:checkin")).content.decode()
    assert str(HOME[0]) not in html and str(OFFICE[0]) not in html


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("pegawai_user", ["Presensi", "Laporan saya"], ["Tinjau presensi", "Cuti & dinas"]),
        ("atasan_user", ["Presensi tim", "Laporan kinerja"], ["Tinjau presensi"]),
        ("opd_admin", ["Rekap presensi", "Tinjau presensi", "Cuti & dinas"], ["Laporan saya"]),
        ("hr", ["Rekap presensi", "Tinjau presensi", "Laporan kinerja"], ["Laporan saya"]),
    ],
)
def test_the_navigation_links_follow_the_role(client, world, who, shown, hidden):
    client.force_login(getattr(world, who))
    html = client.get(reverse("attendance:checkin")).content.decode()
    nav = html.split('<main id="main"', 1)[0]
    for label in shown:
        assert f">{escape(label)}</a>" in nav
    for label in hidden:
        assert f">{escape(label)}</a>" not in nav


def test_a_wfh_day_home_page_takes_the_work_report_and_lists_two_weeks(client, office):
    publish(office.staff, _today(), Mode.WFH)
    c = _client(client, office.pegawai_user)
    html = c.get(reverse("attendance:checkin")).content.decode()
    assert "Laporan kinerja hari ini" in html
    assert "14 hari ke depan" in html
    action = reverse("attendance:report_form", args=[_today().isoformat()])
    assert f'action="{action}"' in html
    c.post(action, {"activities": "Menyusun laporan", "outputs": "Draf 5 halaman"})
    html = c.get(reverse("attendance:checkin")).content.decode()
    assert "Menyusun laporan" in html and "Kirim ulang" in html  # the report, open to change


def test_a_wfo_day_home_page_has_no_work_report_form(client, office):
    publish(office.staff, _today(), Mode.WFO)
    html = _client(client, office.pegawai_user).get(reverse("attendance:checkin")).content.decode()
    assert "Laporan kinerja hari ini" not in html


def test_a_name_that_looks_like_a_formula_is_text_in_the_csv(client, summarised):
    summarised.head.name = "@SUM(1+1)*cmd|'/C calc'!A0"
    summarised.head.save()
    body = _client(client, summarised.hr).get(_day_url(format="csv")).content.decode()
    assert ",'@SUM(1+1)" in body and ",@SUM" not in body


def test_a_check_in_647_km_away_claiming_a_huge_accuracy_is_flagged(client, office):
    """The accuracy credit is capped (issue 14): 999,999 m of claimed error buys 100 m."""
    publish(office.staff, _today(), Mode.WFO)
    surabaya = ("-7.257472", "112.752088")  # Tugu Pahlawan
    resp = _post(_client(client, office.pegawai_user), "in", surabaya, accuracy="999999")
    event = AttendanceEvent.objects.get()
    assert 640_000 < event.distance_m < 655_000
    assert event.status == EventStatus.FLAGGED
    assert {"outside_geofence", "low_accuracy"} <= set(event.flags)
    assert "menunggu tinjauan admin OPD" in resp.content.decode()
