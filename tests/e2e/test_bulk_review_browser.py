"""In a real Chromium on a phone (390 x 844): the OPD admin filters the flagged check-ins, ticks
them all with "pilih semua", accepts them in one step with one note, and the header's count
drops at once (htmx, out of band). Uses the browser fixtures of tests/e2e/conftest.py."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from playwright.sync_api import expect

from attendance.models import AttendanceEvent, EventStatus
from attendance.services import events_ingest
from tests.attendance.conftest import OFFICE, WFO_DAY
from tests.e2e.conftest import PHONE, login

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
FAR = ("-6.301234", "106.951234")  # about 7 km from the office


@pytest.fixture
def viewport() -> dict:
    return PHONE


def _flag(employee, minute: int) -> None:
    events_ingest(
        items=[
            {
                "nip": employee.nip,
                "timestamp": dt.datetime.combine(WFO_DAY, dt.time(7, minute), WIB).isoformat(),
                "kind": "in",
                "mode": "WFO",
                "latitude": FAR[0],
                "longitude": FAR[1],
                "accuracy_m": "10",
            }
        ],
        source="api",
        received_at=dt.datetime.combine(WFO_DAY, dt.time(8, 0), WIB),
    )


def test_the_opd_admin_accepts_all_ticked_check_ins_in_one_step_on_a_phone(
    page, live_server, live_world
):
    w = live_world
    w.kominfo.latitude, w.kominfo.longitude = OFFICE
    w.kominfo.radius_m = 150
    w.kominfo.save()
    for i, employee in enumerate([w.staff, w.head, w.other]):
        _flag(employee, minute=10 + i)
    assert AttendanceEvent.objects.filter(status=EventStatus.FLAGGED).count() == 3

    login(page, live_server, "admin.kominfo", w.password)
    page.goto(live_server.url + "/presensi/tinjau/")
    expect(page.locator("#review-count")).to_have_text("3 menunggu")
    page.get_by_label("Alasan").select_option("outside_geofence")
    page.get_by_role("button", name="Saring").click()
    expect(page.locator(".review-item")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_label("Pilih semua").check()
    boxes = page.locator("input[name=ids]")
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_checked()
    page.get_by_label("Satu catatan untuk semua").fill("Rapat di kantor wali kota")
    page.get_by_role("button", name="Terima yang dicentang").click()

    expect(page.locator("#review-queue .flash").first).to_contain_text("3 presensi diterima.")
    expect(page.locator("#review-count")).to_have_text("0 menunggu")
    expect(page.locator(".review-item")).to_have_count(0)
    assert "reason=outside_geofence" in page.url  # the page stayed, filters kept
    notes = set(AttendanceEvent.objects.values_list("status", "review_note"))
    assert notes == {(EventStatus.ACCEPTED_BY_REVIEW, "Rapat di kantor wali kota")}
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
