"""The daily check-in reminder: only before the day's start on a WFH/WFO working day, only to
those who have not checked in and have not switched it off; never on a day off; once a day."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Notification, NotificationKind, Role
from accounts.notifications import text_of
from attendance.reminders import checkin_reminders_send
from attendance.services import events_ingest
from tests.attendance.conftest import OFFICE, WFH_DAY, WFO_DAY, publish
from tests.factories import make_employee, make_opd, make_user
from wfh.models import LocalDayOff, Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NATAL = dt.date(2025, 12, 25)


def at(day, h, m, tz=WIB):
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=tz)


@pytest.fixture
def reminded(days, settings):
    settings.SITE_URL = "https://wfh.example.go.id"
    settings.CHECKIN_REMINDER_LEAD_MIN = 30
    days.staff.email = "sari@example.id"
    days.staff.save(update_fields=["email"])
    return days


def reminders_for(user):
    return Notification.objects.filter(user=user, kind=NotificationKind.CHECKIN_REMINDER)


@pytest.mark.django_db
def test_before_the_start_of_a_wfo_day_the_employee_is_reminded_with_a_link(reminded, mailoutbox):
    assert checkin_reminders_send(now=at(WFO_DAY, 7, 10)) == 1
    [note] = reminders_for(reminded.pegawai_user)
    assert "WFO" in text_of(note) and "07:30" in text_of(note)
    assert note.url == "/presensi/"
    [mail] = mailoutbox
    assert mail.to == ["sari@example.id"]
    assert "https://wfh.example.go.id" in mail.body and "Profil saya" in mail.body


@pytest.mark.django_db
def test_a_wfh_day_is_reminded_too(reminded):
    assert checkin_reminders_send(now=at(WFH_DAY, 7, 5)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("hm", [(6, 30), (7, 30), (9, 0)])
def test_no_reminder_too_early_or_once_the_day_has_started(reminded, hm):
    assert checkin_reminders_send(now=at(WFO_DAY, *hm)) == 0
    assert not reminders_for(reminded.pegawai_user).exists()


@pytest.mark.django_db
def test_a_rerun_the_same_morning_sends_nothing_twice(reminded, mailoutbox):
    checkin_reminders_send(now=at(WFO_DAY, 7, 5))
    assert checkin_reminders_send(now=at(WFO_DAY, 7, 15)) == 0
    assert reminders_for(reminded.pegawai_user).count() == 1 and len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_switch_on_the_profile_stops_it(reminded, mailoutbox):
    reminded.pegawai_user.checkin_reminder = False
    reminded.pegawai_user.save(update_fields=["checkin_reminder"])
    assert checkin_reminders_send(now=at(WFO_DAY, 7, 10)) == 0
    assert not mailoutbox


@pytest.mark.django_db
def test_someone_already_checked_in_is_not_reminded(reminded):
    [result] = events_ingest(
        items=[
            {
                "nip": reminded.staff.nip,
                "timestamp": at(WFO_DAY, 6, 55).isoformat(),
                "kind": "in",
                "mode": "WFO",
                "latitude": str(OFFICE[0]),
                "longitude": str(OFFICE[1]),
                "accuracy_m": 10,
            }
        ],
        source="api",
        received_at=at(WFO_DAY, 6, 56),
    )
    assert result.status == "accepted"
    assert checkin_reminders_send(now=at(WFO_DAY, 7, 10)) == 0


@pytest.mark.django_db
def test_a_national_holiday_gets_no_reminder_even_with_a_schedule_row(reminded):
    publish(reminded.staff, NATAL, Mode.WFO)  # a stale row: the holiday wins
    assert checkin_reminders_send(now=at(NATAL, 7, 10)) == 0


@pytest.mark.django_db
def test_a_local_day_off_of_the_opd_gets_no_reminder(reminded):
    day = LocalDayOff.objects.create(date=WFO_DAY, name="HUT Kota")
    day.opds.add(reminded.kominfo)
    assert checkin_reminders_send(now=at(WFO_DAY, 7, 10)) == 0


@pytest.mark.django_db
def test_a_leave_day_gets_no_reminder(reminded):
    publish(reminded.staff, dt.date(2025, 12, 3), Mode.LEAVE)
    assert checkin_reminders_send(now=at(dt.date(2025, 12, 3), 7, 10)) == 0


@pytest.mark.django_db
def test_an_opd_in_wita_is_reminded_before_its_own_start(reminded):
    reminded.kominfo.time_zone = "Asia/Makassar"
    reminded.kominfo.save(update_fields=["time_zone"])
    wita = zoneinfo.ZoneInfo("Asia/Makassar")
    assert checkin_reminders_send(now=at(WFO_DAY, 7, 10)) == 0  # 08:10 WITA: started
    assert checkin_reminders_send(now=at(WFO_DAY, 7, 10, tz=wita)) == 1


@pytest.mark.django_db
def test_the_reminder_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["checkin-reminders"]
    assert entry["task"] == "attendance.checkin_reminders"


@pytest.mark.django_db
def test_the_reminder_run_costs_the_same_queries_for_one_or_many_opds_and_people(reminded):
    with CaptureQueriesContext(connection) as ctx:
        checkin_reminders_send(now=at(WFO_DAY, 7, 10))
    one = len(ctx.captured_queries)
    Notification.objects.all().delete()
    for n in range(4):
        opd = make_opd(f"OPD{n}")
        for i in range(3):
            user = make_user(f"u{n}-{i}", Role.EMPLOYEE, email=f"u{n}{i}@example.id")
            publish(make_employee(opd, name=f"Staf {n}-{i}", user=user), WFO_DAY, Mode.WFO)
    with CaptureQueriesContext(connection) as ctx:
        assert checkin_reminders_send(now=at(WFO_DAY, 7, 10)) == 13
    assert len(ctx.captured_queries) == one
