"""In a real Chromium on a phone (390 x 844): the supervisor's team calendar (a week, then the
month, then back to a day's week) and the employee's own attendance month with its CSV link,
both fitting the screen without sideways scrolling of the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import DailyRecord, DayStatus
from tests.e2e.conftest import PHONE, login
from tests.selfservice.conftest import THU, publish_month

WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def viewport() -> dict:
    return PHONE


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_supervisor_reads_who_is_in_the_office_on_a_phone(page, live_server, live_world):
    publish_month(live_world)
    login(page, live_server, "atasan", live_world.password)
    page.goto(f"{live_server.url}/kalender-tim/?tanggal={THU.isoformat()}")
    expect(page.locator("h1")).to_contain_text("Kalender tim")
    expect(page.get_by_role("heading", name="Kamis, 13 November 2025")).to_be_visible()
    expect(page.locator("table.team-week")).to_contain_text("Sari Staf")
    _fits(page)
    page.get_by_role("link", name="Lihat sebulan").click()
    expect(page.locator(".team-range")).to_contain_text("November 2025")
    _fits(page)
    page.get_by_role("link", name="Bulan berikutnya").click()
    expect(page.locator(".team-range")).to_contain_text("Desember 2025")


def test_employee_reads_their_attendance_month_on_a_phone(page, live_server, live_world):
    DailyRecord.objects.create(
        employee=live_world.staff,
        day=dt.date(2025, 11, 3),
        opd=live_world.kominfo,
        unit=live_world.it,
        scheduled_mode="WFO",
        status=DayStatus.TERLAMBAT,
        first_in=dt.datetime(2025, 11, 3, 8, 5, tzinfo=WIB),
        last_out=dt.datetime(2025, 11, 3, 16, 1, tzinfo=WIB),
        late_minutes=35,
        late_tier="TL2",
        computed_at=timezone.now(),
    )
    login(page, live_server, "pegawai", live_world.password)
    page.goto(f"{live_server.url}/saya/presensi/?bulan=2025-11")
    day = page.locator(".presence-day").first
    expect(day).to_contain_text("Senin, 3 November 2025")
    expect(day).to_contain_text("Terlambat 35 menit (TL2)")
    expect(page.locator("#presence-summary")).to_contain_text("Perkiraan potongan TPP")
    expect(page.get_by_role("link", name="Unduh bulan ini (CSV)")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="Bulan sebelumnya").click()
    expect(page.locator("h1")).to_contain_text("Oktober 2025")
    expect(page.get_by_text("Belum ada rekap presensi bulan ini")).to_be_visible()
