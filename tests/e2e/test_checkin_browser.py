"""Check-in from a phone-sized browser with a (mocked) location, and the OPD admin's review.

The server's clock is held on a working Monday morning so that "today" has a published mode
whatever day the tests run; the phone's position comes from Playwright's geolocation override.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import AttendanceEvent, EventStatus
from tests.attendance.conftest import publish
from tests.e2e.conftest import DESKTOP, PHONE, TIMEOUT_MS, login
from tests.factories import make_user
from wfh.models import Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 12, 1, 7, 21, 30, tzinfo=WIB)  # Monday, a working day
OFFICE = (Decimal("-6.238270"), Decimal("106.975571"))
AT_HOME = {"latitude": -6.300000, "longitude": 106.950000, "accuracy": 15}
FAR_FROM_OFFICE = {"latitude": -6.260000, "longitude": 107.010000, "accuracy": 12}


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(dt.UTC))
    return NOW


@pytest.fixture
def world(live_world, clock):
    live_world.kominfo.latitude, live_world.kominfo.longitude = OFFICE
    live_world.kominfo.radius_m = 150
    live_world.kominfo.save()
    publish(live_world.staff, NOW.date(), Mode.WFH)
    publish(live_world.other, NOW.date(), Mode.WFO)
    live_world.other.user = make_user("dewi", password=live_world.password)
    live_world.other.save()
    return live_world


def _context(browser, viewport, position=None):
    options = {"viewport": viewport, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}
    if position:
        options.update(geolocation=position, permissions=["geolocation"])
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


def test_an_employee_on_a_wfh_day_checks_in_from_home_on_a_phone(browser, live_server, world):
    context = _context(browser, PHONE, AT_HOME)
    try:
        page = context.new_page()
        login(page, live_server, world.staff.nip, world.password)
        # an employee lands on the check-in page
        expect(page.locator("h1")).to_have_text("Hari ini: WFH")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.get_by_role("button", name="Presensi masuk").click()
        expect(page.locator(".flash-success")).to_have_text("Presensi masuk tercatat 07:21 WIB.")
        expect(page.locator(".presence-events")).to_contain_text("07:21 WIB")
        event = AttendanceEvent.objects.get(employee=world.staff)
        assert event.status == EventStatus.ACCEPTED and event.mode == "WFH"
        assert float(event.latitude) == AT_HOME["latitude"]  # the phone's position was sent
        assert event.accuracy_m == AT_HOME["accuracy"]
    finally:
        context.close()


def test_a_check_in_far_from_the_office_lands_in_the_admins_review_queue(
    browser, live_server, world
):
    phone = _context(browser, PHONE, FAR_FROM_OFFICE)
    try:
        page = phone.new_page()
        login(page, live_server, "dewi", world.password)
        expect(page.locator("h1")).to_have_text("Hari ini: WFO")
        page.get_by_role("button", name="Presensi masuk").click()
        flagged = page.locator(".flash-warning")
        expect(flagged).to_contain_text("Presensi masuk tercatat 07:21 WIB, ditandai:")
        expect(flagged).to_contain_text("Di luar radius kantor")
        expect(flagged).to_contain_text("menunggu tinjauan admin OPD")
    finally:
        phone.close()
    event = AttendanceEvent.objects.get(employee=world.other)
    assert event.status == EventStatus.FLAGGED
    distance = f"{round(event.distance_m)} m dari titik acuan"

    desktop = _context(browser, DESKTOP)
    try:
        page = desktop.new_page()
        login(page, live_server, world.opd_admin.username, world.password)
        page.get_by_role("link", name="Tinjau presensi").click()
        expect(page.locator("h1")).to_contain_text("1 menunggu")
        item = page.locator(f"#event-{event.pk}")
        expect(item).to_contain_text("Dewi Sekretariat")
        expect(item).to_contain_text(distance)
        expect(item).to_contain_text("Senin, 1 Desember 2025, 07:21 WIB")
        assert "107.01" not in page.content() and "-6.26" not in page.content()
        item.get_by_label("Catatan (wajib bila ditolak)").fill("Rapat di kantor wali kota")
        item.get_by_role("button", name="Terima").click()
        expect(page.locator(f"#event-{event.pk}")).to_contain_text("diterima setelah ditinjau")
        assert page.url.endswith(reverse("attendance:review"))  # replaced inline, no reload
    finally:
        desktop.close()
    event.refresh_from_db()
    assert event.status == EventStatus.ACCEPTED_BY_REVIEW
    assert event.review_note == "Rapat di kantor wali kota"
