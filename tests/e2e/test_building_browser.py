"""A building's occupancy month in a real browser, on a phone and on a laptop: the zones x days
grid scrolls inside its frame (the page itself never wider than the screen), nearly empty days
are coloured and named, and the month can be changed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.buildings.conftest import seed_building
from tests.e2e.conftest import PHONE, login

LAPTOP = {"width": 1366, "height": 800}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_hr_reads_the_month_grid_of_a_building(page, live_server, live_world, viewport):
    seed_building(live_world)
    login(page, live_server, live_world.hr.username, live_world.password)
    page.goto(live_server.url + "/gedung/")
    page.get_by_role("link", name="PEMKOT").click()
    expect(page.locator("h1")).to_have_text("Kantor Pemkot")
    page.goto(live_server.url + "/gedung/PEMKOT/okupansi/?bulan=2025-12")
    expect(page.locator("h1")).to_contain_text("Desember 2025")
    grid = page.get_by_test_id("occupancy-grid")
    expect(grid).to_be_visible()
    expect(grid.locator("tbody tr")).to_have_count(2)
    first = grid.locator("tbody tr").first.locator("td.occ")
    expect(first.nth(0)).to_have_text("3")  # Monday 1 December: three of four seats
    expect(first.nth(3)).to_have_class("num occ occ-low")  # Thursday: one of four
    expect(page.locator("main")).to_contain_text("Kamis, 4 Desember 2025")
    # the page fits the screen: the grid scrolls inside its own frame
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], width
    frame = page.locator(".occupancy-wrap")
    box = frame.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
    # the next month: not yet published, said so
    page.get_by_role("link", name="Bulan berikutnya ›").click()
    expect(page.locator("h1")).to_contain_text("Januari 2026")
    expect(page.locator("main")).to_contain_text("belum terbit")
