"""/presensi/hari-depan/: the employee's next 14 days (mode, piket, leave), the page the service
worker keeps so that the phone answers "am I WFH tomorrow?" without a connection."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from leave.models import LeaveKind, LeaveRecord
from tests.attendance.conftest import publish
from wfh.models import Assignment, Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 12, 1, 6, 30, tzinfo=WIB)  # Monday
URL = "/presensi/hari-depan/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(dt.UTC))


def days_of(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('data-day="')[1:]]


def test_the_next_days_say_each_mode_with_the_long_date(client, world):
    publish(world.staff, dt.date(2025, 12, 1), Mode.WFO)
    publish(world.staff, dt.date(2025, 12, 4), Mode.WFH)
    client.force_login(world.pegawai_user)
    resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert days_of(html) == [
        (dt.date(2025, 12, 1) + dt.timedelta(days=i)).isoformat() for i in range(15)
    ]
    thursday = html.split('data-day="2025-12-04"')[1].split("</li>")[0]
    assert "Kamis, 4 Desember 2025" in thursday and "mode-wfh" in thursday
    saturday = html.split('data-day="2025-12-06"')[1].split("</li>")[0]
    assert "Libur" in saturday
    assert (
        "2025-12-04"
        not in html.split('data-day="2025-12-04"')[1].split("</li>")[0].split(">", 1)[1]
    )
    assert reverse("attendance:upcoming") == URL


def test_a_piket_day_and_a_leave_day_are_marked(client, world):
    row = publish(world.staff, dt.date(2025, 12, 4), Mode.WFO)
    Assignment.objects.create(
        roster=row.roster, employee=world.staff, day=row.day, mode=Mode.WFO, reason="piket"
    )
    LeaveRecord.objects.create(
        employee=world.staff,
        kind=LeaveKind.CUTI_TAHUNAN,
        start=dt.date(2025, 12, 8),
        end=dt.date(2025, 12, 8),
    )
    client.force_login(world.pegawai_user)
    html = client.get(URL).content.decode()
    thursday = html.split('data-day="2025-12-04"')[1].split("</li>")[0]
    assert "piket" in thursday
    monday = html.split('data-day="2025-12-08"')[1].split("</li>")[0]
    assert "Cuti" in monday
    assert html.count(">piket<") == 1


def test_a_piket_row_of_an_unpublished_roster_does_not_count(client, world):
    row = publish(world.staff, dt.date(2025, 12, 4), Mode.WFO)
    other = type(row.roster).objects.create(
        phase=row.phase, opd=row.opd, version=2, status=row.roster.status
    )
    Assignment.objects.create(
        roster=other, employee=world.staff, day=row.day, mode=Mode.WFO, reason="piket"
    )
    client.force_login(world.pegawai_user)
    assert ">piket<" not in client.get(URL).content.decode()


def test_an_account_without_an_employee_is_told_what_to_do(client, world):
    client.force_login(world.hr)
    html = client.get(URL).content.decode()
    assert "Minta admin OPD" in html


def test_the_page_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(10):
        publish(world.staff, dt.date(2025, 12, 1) + dt.timedelta(days=i), Mode.WFH)
    client.force_login(world.pegawai_user)
    client.get(URL)
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
