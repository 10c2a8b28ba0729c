"""In a real Chromium on a phone: an employee asks for leave, the supervisor finds it through the
inbox badge, approves it, the published day becomes LEAVE, and the employee's badge and inbox
tell them. Uses the browser fixtures of tests/e2e/conftest.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from leave.models import LeaveRecord, LeaveStatus
from tests.e2e.conftest import PHONE, login
from tests.selfservice.conftest import THU, TODAY, mode_of, publish_month
from wfh.models import Composition, Mode, Roster

# the inbox's badge (a reviewer also has the queues' badges: "N menunggu Anda")
INBOX_BADGE = "header .menu-badge[aria-label$='belum dibaca']"


@pytest.fixture
def viewport() -> dict:
    return PHONE


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, tmp_path, settings):
    """Every OPD's "today" is 3 November 2025, for the server thread too."""
    monkeypatch.setattr("opd.models.today_in", lambda tz_name: TODAY)
    monkeypatch.setattr("selfservice.services.swap_rules.local_today", lambda opd: TODAY)
    settings.LEAVE_ATTACHMENT_ROOT = str(tmp_path / "private")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_leave_request_to_its_approval_moves_the_roster_and_the_badges_tell(
    page, live_server, live_world
):
    sched = publish_month(live_world)
    # a generated version names its composition; the regeneration around the leave needs it
    Roster.objects.filter(phase=sched.phase).update(composition=Composition.BALANCED)
    assert mode_of(sched.sari, THU) == Mode.WFO

    login(page, live_server, "pegawai", live_world.password)
    page.goto(live_server.url + "/saya/cuti/")
    expect(page.locator("h1")).to_have_text("Cuti & dinas saya")
    page.get_by_label("Jenis").select_option("cuti_tahunan")
    page.get_by_label("Tanggal mulai").fill(THU.isoformat())
    page.get_by_label("Tanggal selesai").fill(THU.isoformat())
    page.get_by_label("Keterangan", exact=True).fill("Acara keluarga")
    page.get_by_role("button", name="Ajukan").click()
    expect(page.locator(".flash")).to_contain_text("Pengajuan Cuti tahunan terkirim")
    item = page.locator(".leave-list li").first
    expect(item).to_contain_text("Kamis, 13 November 2025")
    expect(item).to_contain_text("diajukan")
    assert fits(page)
    assert LeaveRecord.objects.get().status == LeaveStatus.PENDING

    # the supervisor sees the badge, opens the notification and lands on the queue
    page.context.clear_cookies()
    login(page, live_server, "atasan", live_world.password)
    badge = page.locator(INBOX_BADGE)
    expect(badge).to_have_text("1")
    page.locator(".menu-toggle").click()  # on a phone the menu is behind its button
    page.locator("header").get_by_role("link", name="Notifikasi").click()
    expect(page.locator(".inbox-list")).to_contain_text("Sari Staf mengajukan Cuti tahunan")
    assert fits(page)
    page.get_by_role("button", name="Buka").click()
    expect(page.locator("h1")).to_contain_text("Persetujuan cuti & dinas")
    expect(page.locator(INBOX_BADGE)).to_have_count(0)
    assert fits(page)
    page.get_by_role("button", name="Setujui", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("disetujui")
    expect(page.locator(".leave-list")).to_have_count(0)
    assert LeaveRecord.objects.get().status == LeaveStatus.APPROVED
    assert mode_of(sched.sari, THU) == Mode.LEAVE

    # the employee's badge counts the decision; the inbox and their list say it
    page.context.clear_cookies()
    login(page, live_server, "pegawai", live_world.password)
    expect(page.locator(INBOX_BADGE)).to_have_text("1")
    page.goto(live_server.url + "/notifikasi/")
    expect(page.locator(".inbox-list")).to_contain_text("disetujui; jadwal Anda sudah diubah")
    page.get_by_role("button", name="Buka").click()
    expect(page.locator(".leave-list li").first).to_contain_text("disetujui")
    expect(page.locator(INBOX_BADGE)).to_have_count(0)
    assert fits(page)
