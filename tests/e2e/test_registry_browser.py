"""The registry in a real browser: log in, find an OPD and a person, roles, language, phone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, login


def test_hr_finds_an_opd_its_units_and_staff_and_opens_an_employee(page, live_server, live_world):
    login(page, live_server, live_world.hr.username, live_world.password)

    # HR lands on the dashboard; the OPD list shows every OPD.
    expect(page).to_have_url(re.compile(r"/dasbor/"))
    page.get_by_role("link", name="OPD", exact=True).click()
    expect(page.locator("h1")).to_have_text("Daftar OPD")
    expect(page.get_by_role("link", name="DISDUKCAPIL")).to_be_visible()
    page.get_by_role("link", name="DISKOMINFO").click()

    expect(page.locator("h1")).to_contain_text("Dinas Komunikasi dan Informatika")
    units = page.locator("table").first
    expect(units).to_contain_text("Sekretariat")
    expect(units).to_contain_text("Bidang TIK")
    for name in ("Budi Kepala", "Sari Staf", "Dewi Sekretariat"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("link", name="Andi Loket")).to_have_count(0)  # another OPD's clerk

    page.get_by_role("searchbox", name="Cari NIP atau nama").fill("sari")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("link", name="Sari Staf")).to_be_visible()
    expect(page.get_by_role("link", name="Budi Kepala")).to_have_count(0)

    page.get_by_role("link", name="Sari Staf").click()
    expect(page.locator("h1")).to_have_text("Sari Staf")
    expect(page.locator("main")).to_contain_text(live_world.staff.nip)
    expect(page.locator("main")).to_contain_text("Budi Kepala")  # the supervisor


def test_opd_admin_is_refused_another_opds_page(page, live_server, live_world):
    login(page, live_server, live_world.opd_admin.username, live_world.password)
    page.get_by_role("link", name="OPD", exact=True).click()  # from the dashboard to the OPD list
    expect(page.get_by_role("link", name="DISKOMINFO")).to_be_visible()
    expect(page.get_by_role("link", name="DISDUKCAPIL")).to_have_count(0)

    response = page.goto(live_server.url + reverse("opd:detail", args=["DISDUKCAPIL"]))
    assert response.status == 403
    response = page.goto(live_server.url + reverse("opd:employee", args=[live_world.clerk.nip]))
    assert response.status == 403
    response = page.goto(live_server.url + reverse("opd:detail", args=["DISKOMINFO"]))
    assert response.status == 200


def test_the_language_button_switches_the_page_to_english_and_back(page, live_server, live_world):
    login(page, live_server, live_world.hr.username, live_world.password)
    page.get_by_role("link", name="OPD", exact=True).click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "id")

    page.get_by_role("button", name="English").click()
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="DISKOMINFO")).to_be_visible()  # same page, same data

    page.reload()  # the choice is remembered
    expect(html).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(html).to_have_attribute("lang", "id")


@pytest.mark.parametrize("viewport", [PHONE], ids=["390x844"])
def test_an_employee_on_a_phone_logs_in_with_their_nip_and_sees_their_profile(
    page, live_server, live_world
):
    login(page, live_server, live_world.staff.nip, live_world.password)
    # an employee lands on the check-in page; on a phone the menu is behind its button
    page.locator(".menu-toggle").click()
    page.get_by_role("link", name="Profil saya").click()

    expect(page.locator("h1")).to_have_text("Sari Staf")
    assert live_world.staff.nip in page.url
    expect(page.locator("main")).to_contain_text("Bidang TIK")
    expect(page.get_by_role("link", name="OPD", exact=True)).to_have_count(0)  # no registry
    # Readable on the phone: nothing forces the page wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
