"""In a real Chromium on a phone: a swap goes from request to the colleague's consent to approval
to both schedules changed, and my month shows it. Uses the browser fixtures of
tests/e2e/conftest.py (one Playwright per process: importing them into another module would start
a second one).

WFH_SHOTS=<folder> saves screenshots of the pages there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from selfservice.models import SwapRequest, SwapStatus
from tests.e2e.conftest import PHONE, login
from tests.selfservice.conftest import THU, TODAY, mode_of, publish_month
from wfh.models import Mode


@pytest.fixture
def viewport() -> dict:
    return PHONE


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The selfservice tests' "today" (before the published month), for the server thread too."""
    monkeypatch.setattr("selfservice.services.swap_rules.local_today", lambda opd: TODAY)


def test_swap_from_request_to_consent_to_approval_on_a_phone(page, live_server, live_world):
    sched = publish_month(live_world)
    login(page, live_server, "pegawai", live_world.password)
    page.goto(live_server.url + "/saya/tukar/")
    page.get_by_label("Tanggal").select_option(THU.isoformat())
    colleague = page.get_by_label("Rekan", exact=True)
    expect(colleague).to_contain_text("Rudi Rekan")
    expect(colleague).not_to_contain_text("Dewi")
    # the page as it stands for that day and colleague (what the htmx preview swaps in)
    page.goto(f"{live_server.url}/saya/tukar/?day={THU.isoformat()}&colleague={sched.rudi.pk}")
    expect(page.locator(".swap-check")).to_contain_text("memenuhi semua batas")
    shot("swap_new", page)
    page.get_by_label("Alasan (untuk atasan dan rekan)").fill("Ada urusan keluarga")
    page.get_by_role("button", name="Ajukan tukar jadwal").click()
    expect(page.locator("h1")).to_have_text("Permintaan tukar saya")
    expect(page.locator(".flash")).to_contain_text("dikirim ke Rudi Rekan")
    expect(page.locator("main")).to_contain_text("menunggu persetujuan rekan")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert SwapRequest.objects.get().status == SwapStatus.COLLEAGUE

    # the supervisor sees it waiting for the colleague, with nothing to approve yet
    page.context.clear_cookies()
    login(page, live_server, "atasan", live_world.password)
    page.goto(live_server.url + "/saya/tukar/persetujuan/")
    expect(page.locator(".waiting-colleague")).to_contain_text("Sari Staf")
    expect(page.get_by_role("button", name="Setujui", exact=True)).to_have_count(0)

    # the colleague is told on their month and agrees on their requests page
    page.context.clear_cookies()
    login(page, live_server, "rekan", live_world.password)
    page.goto(live_server.url + "/saya/kalender/?bulan=2025-11")
    page.get_by_role("link", name="Jawab sekarang").click()
    asked = page.locator("section.asked-of-me")
    expect(asked).to_contain_text("Permintaan tukar untuk Anda")
    expect(asked).to_contain_text("Sari Staf (WFO) meminta bertukar dengan Anda (WFH)")
    expect(asked).to_contain_text("Ada urusan keluarga")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot("swap_asked_of_me", page)
    asked.get_by_role("button", name="Setuju", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Anda menyetujui tukar jadwal")
    expect(page.locator("section.asked-of-me")).to_have_count(0)
    assert SwapRequest.objects.get().status == SwapStatus.PENDING
    assert mode_of(sched.rudi, THU) == Mode.WFH  # nothing changes before the supervisor

    page.context.clear_cookies()
    login(page, live_server, "atasan", live_world.password)
    page.goto(live_server.url + "/saya/tukar/persetujuan/")
    expect(page.locator("main")).to_contain_text("Disetujui rekan (Rudi Rekan)")
    shot("swap_queue", page)
    page.get_by_role("button", name="Setujui", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("disetujui")
    assert SwapRequest.objects.get().status == SwapStatus.APPROVED
    assert mode_of(sched.sari, THU) == Mode.WFH
    assert mode_of(sched.rudi, THU) == Mode.WFO

    page.context.clear_cookies()
    login(page, live_server, "pegawai", live_world.password)
    page.goto(live_server.url + "/saya/kalender/?bulan=2025-11")
    thursday = page.locator("td", has_text="Kamis, 13 November 2025")
    expect(thursday).to_contain_text("WFH")
    expect(thursday).to_contain_text("(tukar)")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot("my_month", page)


def shot(name: str, tab) -> None:
    folder = os.environ.get("WFH_SHOTS")
    if folder:
        tab.screenshot(path=str(Path(folder) / f"selfservice_{name}.png"), full_page=True)
