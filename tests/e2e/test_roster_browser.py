"""Rosters in a real browser: HR loads the Jawa Barat 2025 preset, generates one OPD's roster,
watches its progress to the end, sees Thursdays as WFH on the grid and publishes it; an OPD admin
is refused another OPD's roster and the HR-only phase editor."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import login
from wfh.models import Mode, Roster, ScheduleDay

THURSDAY = dt.date(2025, 11, 6)
WEDNESDAY = dt.date(2025, 11, 5)


def _generate_kominfo(page, live_server, live_world) -> Roster:
    login(page, live_server, live_world.hr.username, live_world.password)
    page.goto(live_server.url + reverse("wfh:schedule"))
    page.locator("form", has_text="jabar-2025").get_by_role("button", name="Muat").click()
    expect(page.locator(".flash-success")).to_contain_text("WFH ASN")

    page.get_by_role("link", name="Tahap I — setiap Kamis", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Tahap I")
    expect(page.locator("main")).to_contain_text("20 hari kerja")  # November 2025, no holiday
    picker = page.locator(".opd-picker")  # a filterable checkbox list, usable on a phone
    picker.get_by_placeholder("Ketik untuk menyaring OPD…").fill("kominfo")
    picker.get_by_label(str(live_world.kominfo)).check()
    expect(picker.locator(".opd-picker-count")).to_have_text("1 OPD dipilih")
    page.get_by_role("button", name="Buat jadwal").click()

    # one OPD: straight to its roster page, whose progress bar polls until the roster is ready
    expect(page.locator("h1")).to_contain_text("DISKOMINFO")
    progress = page.locator(".progress-cell").first
    expect(progress.locator(".badge")).to_have_text("siap")
    expect(progress.locator("progress")).to_have_attribute("value", "3")
    return Roster.objects.get(opd=live_world.kominfo, phase__slug="jabar-2025-tahap-1")


def test_hr_generates_watches_progress_sees_thursdays_and_publishes(page, live_server, live_world):
    roster = _generate_kominfo(page, live_server, live_world)
    page.goto(live_server.url + reverse("wfh:roster", args=[roster.pk]) + "?bulan=2025-11")
    # Thursday is WFH except the unit's piket turn; Wednesday nobody is at home
    expect(page.locator(f"td[id$='-{WEDNESDAY.isoformat()}'].m-wfh")).to_have_count(0)
    expect(page.locator(f"td[id$='-{WEDNESDAY.isoformat()}'].m-wfo")).not_to_have_count(0)
    thursdays = page.locator(f"td[id^='c-'][id$='-{THURSDAY.isoformat()}'].m-wfh")
    expect(thursdays).not_to_have_count(0)

    page.get_by_text("Terbitkan", exact=True).first.click()  # open the <details>
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[action$='/terbitkan/'] button[type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("diterbitkan")
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.PUBLISHED
    published = ScheduleDay.objects.filter(roster=roster)
    assert published.filter(day=THURSDAY, mode=Mode.WFH).exists()
    assert not published.filter(day=WEDNESDAY).exclude(mode=Mode.WFO).exists()


def test_opd_admin_gets_403_on_another_opds_roster(page, live_server, live_world):
    other = Roster.objects.create(
        phase=_phase(), opd=live_world.dukcapil, status="ready", stats={"shortfalls": []}
    )
    mine = Roster.objects.create(
        phase=other.phase, opd=live_world.kominfo, status="ready", stats={"shortfalls": []}
    )
    login(page, live_server, live_world.opd_admin.username, live_world.password)
    response = page.goto(live_server.url + reverse("wfh:roster", args=[other.pk]))
    assert response.status == 403
    response = page.goto(live_server.url + reverse("wfh:roster", args=[mine.pk]))
    assert response.status == 200
    response = page.goto(live_server.url + reverse("wfh:phase_create"))
    assert response.status == 403
    response = page.goto(live_server.url + reverse("dashboard:today"))
    assert response.status == 200
    expect(page.locator("main")).not_to_contain_text("DISDUKCAPIL")


def _phase():
    from wfh.presets import preset_load

    preset_load(name="jabar-2025")
    from wfh.models import Phase

    return Phase.objects.get(slug="jabar-2025-tahap-1")
