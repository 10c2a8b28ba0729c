"""Phone first, and offline (issue 15), in Chromium at 360 x 740:

- no main page of any role scrolls sideways (document.scrollWidth <= 360), the menu folds behind
  its button and the employee has the bottom bar;
- a check-in made without a connection is kept in the phone and sent when it is back: exactly
  one event, with the phone's time (taken) and the server's (arrived), marked sent late;
- after a first visit the service worker opens the next days without a connection.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance import services
from attendance.models import AttendanceEvent, EventStatus, ReportStatus, WorkReport
from config.navigation import menu_for
from opd.access import scope_for
from selfservice.models import SwapRequest
from tests.attendance.conftest import publish
from tests.e2e.conftest import TIMEOUT_MS, login
from wfh.models import Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 12, 1, 7, 40, tzinfo=WIB)  # Monday, a working day
TAKEN = NOW - dt.timedelta(minutes=25)  # the phone's clock when the button was pressed
SMALL = {"width": 360, "height": 740}
OFFICE = (Decimal("-6.238270"), Decimal("106.975571"))
AT_OFFICE = {"latitude": -6.238300, "longitude": 106.975600, "accuracy": 12}


@pytest.fixture
def world(live_world, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(dt.UTC))
    w = live_world
    w.kominfo.latitude, w.kominfo.longitude = OFFICE
    w.kominfo.radius_m = 150
    w.kominfo.save()
    for i in range(15):
        day = NOW.date() + dt.timedelta(days=i)
        if day.weekday() < 5:
            publish(w.staff, day, Mode.WFH if day.weekday() == 3 else Mode.WFO)
            publish(w.other, day, Mode.WFO if day.weekday() == 3 else Mode.WFH)
    return w


def _phone(browser, **extra):
    context = browser.new_context(
        viewport=SMALL, locale="id-ID", timezone_id="Asia/Jakarta", **extra
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def _with_work_waiting(w):
    """Rows on the pages that list them: a flagged check-in, a report, a swap, a returned one."""
    for day in (dt.date(2025, 11, 24), dt.date(2025, 11, 25)):
        WorkReport.objects.create(
            employee=w.staff,
            day=day,
            activities="Menyusun laporan pengadaan barang dan jasa triwulan keempat " * 3,
            outputs="Dokumen_rekapitulasi_pengadaan_triwulan_IV_tahun_anggaran_2025.xlsx",
            status=ReportStatus.SUBMITTED if day.day == 24 else ReportStatus.RETURNED,
            submitted_at=NOW - dt.timedelta(days=7),
        )
    SwapRequest.objects.create(
        requester=w.other,
        colleague=w.staff,
        day=dt.date(2025, 12, 4),
        requester_mode_before=Mode.WFH,
        colleague_mode_before=Mode.WFO,
    )
    services.events_ingest(
        items=[
            {
                "nip": w.other.nip,
                "timestamp": (NOW - dt.timedelta(hours=1)).isoformat(),
                "kind": "in",
                "mode": "WFO",
                "latitude": "-6.300000",
                "longitude": "106.950000",
                "accuracy_m": "10",
            }
        ],
        source="api",
        sender="client:1",
    )


def _main_pages(user) -> list[str]:
    return [item.url for item in menu_for(scope_for(user))]


@pytest.mark.parametrize("role", ["hr", "opd_admin", "atasan_user", "pegawai_user"])
def test_no_main_page_of_a_role_scrolls_sideways_at_360_px(browser, live_server, world, role):
    _with_work_waiting(world)
    user = getattr(world, role)
    pages = _main_pages(user)
    assert len(pages) >= 3
    context = _phone(browser)
    try:
        page = context.new_page()
        username = world.staff.nip if role == "pegawai_user" else user.username
        login(page, live_server, username, world.password)
        wide = {}
        for path in pages:
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > SMALL["width"]:
                wide[path] = width
        assert wide == {}, f"wider than 360 px: {wide}"
        # the menu is behind its button, and opens
        menu = page.locator("#site-menu")
        expect(menu).to_be_hidden()
        page.locator(".menu-toggle").click()
        expect(menu).to_be_visible()
        expect(page.locator(".menu-toggle")).to_have_attribute("aria-expanded", "true")
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]
        bar = page.locator(".bottom-bar")
        if scope_for(user).employee_id:  # the employee, and the supervisor who is one too
            expect(bar).to_be_visible()
            expect(bar.locator(".bottom-label")).to_have_text(
                ["Hari ini", "Kalender", "Tukar", "Laporan", "Profil"]
            )
        else:
            expect(bar).to_have_count(0)
        if role == "pegawai_user":
            expect(bar.locator(".bottom-swap .menu-badge")).to_have_text("1")
            expect(bar.locator(".bottom-report .menu-badge")).to_have_text("1")
    finally:
        context.close()


def test_the_report_review_queue_shows_its_rows_as_cards_on_a_phone(browser, live_server, world):
    _with_work_waiting(world)
    context = _phone(browser)
    try:
        page = context.new_page()
        login(page, live_server, world.atasan_user.username, world.password)
        page.goto(live_server.url + "/laporan/tinjau/?status=all")
        cell = page.locator("table.cards tbody td").first
        expect(cell).to_have_attribute("data-label", "Pegawai")
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]
    finally:
        context.close()


def test_a_check_in_made_offline_is_sent_once_when_the_connection_returns(
    browser, live_server, world
):
    context = _phone(browser, geolocation=AT_OFFICE, permissions=["geolocation"])
    try:
        page = context.new_page()
        page.clock.set_fixed_time(TAKEN)
        login(page, live_server, world.staff.nip, world.password)
        expect(page.locator("h1")).to_have_text("Hari ini: WFO")
        context.set_offline(True)
        page.get_by_role("button", name="Presensi masuk").click()
        expect(page.locator("#checkin-status")).to_contain_text("disimpan di ponsel")
        expect(page.locator("#offline-queue")).to_contain_text("Presensi masuk · 07:15")
        assert not AttendanceEvent.objects.exists()
        context.set_offline(False)
        expect(page.locator("#checkin-status")).to_contain_text("sudah terkirim")
        expect(page.locator("#offline-queue")).to_be_hidden()
        # a reload tries nothing again: the phone's queue is empty
        page.reload()
        expect(page.locator(".presence-events")).to_contain_text("07:15 WIB")
        expect(page.locator(".presence-events")).to_contain_text("dikirim terlambat")
    finally:
        context.close()
    event = AttendanceEvent.objects.get()
    assert event.employee == world.staff and event.kind == "in"
    assert event.timestamp == TAKEN  # taken, by the phone's clock
    assert event.received_at == NOW  # arrived, by the server's
    assert event.sent_late is True and event.status == EventStatus.ACCEPTED
    assert float(event.latitude) == AT_OFFICE["latitude"]


def test_after_a_first_visit_the_next_days_open_without_a_connection(browser, live_server, world):
    context = _phone(browser)
    try:
        page = context.new_page()
        login(page, live_server, world.staff.nip, world.password)
        # the service worker installs and keeps the shell and the employee's pages
        page.wait_for_function(
            "navigator.serviceWorker && navigator.serviceWorker.controller !== null"
            " || navigator.serviceWorker.ready.then(() => false)",
        )
        page.evaluate("navigator.serviceWorker.ready")
        page.wait_for_function(
            "caches.open('wfh-pages').then(c => c.match('/presensi/hari-depan/')).then(r => !!r)"
        )
        context.set_offline(True)
        page.goto(live_server.url + "/presensi/hari-depan/")
        expect(page.locator("h1")).to_have_text("Jadwal hari-hari ke depan")
        thursday = page.locator('li[data-day="2025-12-04"]')
        expect(thursday).to_contain_text("Kamis, 4 Desember 2025")
        expect(thursday).to_contain_text("WFH")
        # the shell came from the cache too: the stylesheet applies (the bottom bar is fixed)
        position = page.evaluate("getComputedStyle(document.querySelector('.bottom-bar')).position")
        assert position == "fixed"
        # a page never kept offline answers with the next days as well
        page.goto(live_server.url + "/saya/kalender/")
        expect(page.locator("h1")).to_have_text("Jadwal hari-hari ke depan")
    finally:
        context.close()
