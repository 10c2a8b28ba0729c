"""In a real Chromium on a phone: HR asks which zones of Gedung Pemkot can close on Thursdays,
reads the proposal's reasons and saving, accepts it after the confirmation, and finds it in the
list; the campus is tests/buildings/conftest.py's."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from buildings.models_plans import ConsolidationPlan, UnitMove
from tests.buildings.conftest import TODAY, build_campus
from tests.e2e.conftest import PHONE, login


@pytest.fixture
def viewport() -> dict:
    return PHONE


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The planner's "today" (before the phase's first Thursday), for the server thread too."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def test_hr_accepts_a_plan_that_closes_two_floors_on_thursdays(page, live_server, live_world):
    campus = build_campus(live_world)
    login(page, live_server, "hr", live_world.password)
    page.goto(live_server.url + "/")
    page.locator(".menu-toggle").click()  # on a phone the menu is behind its button
    page.get_by_role("link", name="Rencana gedung").first.click()
    expect(page.locator("main")).to_contain_text("Belum ada rencana yang diterima")
    page.get_by_role("button", name="Buat rencana").click()

    page.get_by_label("Tahap").select_option(str(campus.phase.pk))
    page.get_by_role("checkbox", name="Gedung Pemkot").check()
    page.get_by_role("checkbox", name="Kamis").check()
    page.get_by_role("button", name="Tampilkan usulan").click()
    proposal = page.locator("#proposal")
    expect(proposal).to_contain_text("Ditutup: 1 orang pindah ke Lantai 1, Zona A.")
    expect(proposal).to_contain_text("unit layanan langsung Loket Pelayanan")
    expect(proposal).to_contain_text(f"{2 * len(campus.thursdays)} zona-hari ditutup")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.locator("#accept-plan").click()
    expect(page.locator("h1")).to_have_text("Terima rencana ini?")
    assert not ConsolidationPlan.objects.exists()
    page.locator("#confirm-plan").click()
    expect(page.locator(".flash")).to_contain_text("Rencana diterima")
    expect(page.locator("#plan-status")).to_have_text("Diterima")
    expect(page.locator("main")).to_contain_text("Bidang TIK")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    plan = ConsolidationPlan.objects.get()
    assert plan.zone_days == 2 * len(campus.thursdays)
    assert UnitMove.objects.get().to_zone == campus.zone_a
    page.locator(".menu-toggle").click()  # on a phone the menu is behind its button
    page.get_by_role("link", name="Rencana gedung").first.click()
    expect(page.locator("main table")).to_contain_text("Kamis Januari 2027")
