"""The Content Security Policy holds in a real browser: the key pages (the HR dashboard with its
Chart.js charts, the roster grid with htmx editing and progress polling, the phone check-in page,
the API docs) run without one violation, and the behaviour moved out of inline handlers
(static/js/app.js: confirm dialogs, the cell editor's Cancel) still works.

Each violation is caught twice: the page's own `securitypolicyviolation` events (collected by an
init script, which the policy does not govern) and Chromium's console messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import OpdDaySummary
from tests.attendance.conftest import publish
from tests.e2e.conftest import PHONE, TIMEOUT_MS, login
from tests.e2e.test_checkin_browser import AT_HOME, OFFICE, clock  # noqa: F401 - a fixture
from tests.e2e.test_roster_browser import _generate_kominfo
from wfh.models import Mode

COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile
    + ":" + e.lineNumber);
});
"""


class Watch:
    """A browser context whose pages report every CSP violation and console error."""

    def __init__(self, browser, **options):
        self.console: list[str] = []
        self.context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", **options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.add_init_script(COLLECT)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.on("response", self._response)
        self.unguarded: list[str] = []  # pages served without a policy

    def _response(self, response):
        document = response.request.resource_type == "document" and response.ok
        if document and "content-security-policy" not in response.headers:
            self.unguarded.append(response.url)

    def _console(self, message):
        if message.location.get("url", "").endswith("/favicon.ico"):
            return  # the site has no icon: Chromium's own request for one answers 404
        if message.type == "error" or "Content Security Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__csp") + [
            text for text in self.console if "Content Security Policy" in text or "Refused" in text
        ]

    def assert_clean(self, where: str):
        assert self.unguarded == [], f"{where}: pages without a Content-Security-Policy"
        assert self.violations() == [], where
        assert self.console == [], where


@pytest.fixture
def watch(browser):
    watches = []

    def make(**options) -> Watch:
        watches.append(Watch(browser, **options))
        return watches[-1]

    yield make
    for w in watches:
        w.context.close()


def test_the_dashboard_draws_its_charts_under_the_policy(watch, live_server, live_world):
    today = timezone.localdate()
    for back in range(1, 6):
        OpdDaySummary.objects.create(
            opd=live_world.kominfo,
            day=today - dt.timedelta(days=back),
            headcount=3,
            scheduled_wfh=1,
            scheduled_wfo=2,
            present_wfo=2,
            absent=1,
            late=back % 2,
            computed_at=timezone.now(),
        )
    live_world.hr.is_staff = live_world.hr.is_superuser = True  # for the admin below
    live_world.hr.save()
    w = watch(viewport={"width": 1280, "height": 900})
    login(w.page, live_server, live_world.hr.username, live_world.password)
    w.page.goto(live_server.url + reverse("dashboard:today"))
    canvas = w.page.locator("#chart-schedule")
    expect(canvas).to_be_visible()
    w.page.wait_for_function("Chart.getChart(document.getElementById('chart-late'))")
    drawn = w.page.evaluate("Chart.getChart(document.getElementById('chart-schedule')).data")
    assert drawn["datasets"][0]["data"] == [1, 1, 1, 1, 1]
    w.assert_clean("dashboard")
    # the watch sees what the policy refuses: an inline handler added to the page now
    w.page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<img src=data:, onload=\"window.x=1\">')"
    )
    w.page.wait_for_function("window.__csp.length > 0")
    assert w.page.evaluate("window.x") is None
    w.page.evaluate("window.__csp = []")
    w.console.clear()
    # the API docs (Swagger UI from the vendored sidecar) too
    w.page.goto(live_server.url + reverse("api-docs"))
    expect(w.page.locator(".swagger-ui .info")).to_be_visible()
    w.assert_clean("api docs")
    # and the admin, where HR fixes a record by hand
    w.page.goto(live_server.url + "/admin/opd/employee/")
    w.page.goto(live_server.url + f"/admin/opd/employee/{live_world.staff.pk}/change/")
    expect(w.page.locator("#content h1, #content h2").first).to_be_visible()
    w.assert_clean("admin")


def test_the_roster_grid_edits_cells_with_htmx_under_the_policy(watch, live_server, live_world):
    w = watch(viewport={"width": 1280, "height": 900})
    roster = _generate_kominfo(w.page, live_server, live_world)  # polls its progress with htmx
    w.assert_clean("phase and progress")
    w.page.goto(live_server.url + reverse("wfh:roster", args=[roster.pk]) + "?bulan=2025-11")
    cell_id = f"c-{live_world.staff.pk}-2025-11-05"  # the IT unit: its head stays on site
    wednesday = w.page.locator(f"td[id='{cell_id}'] a")
    wednesday.click()
    editor = w.page.locator("#cell-editor")
    expect(editor.locator("form")).to_be_visible()
    assert "?bulan=" in w.page.url  # htmx swapped the editor in: the page did not navigate
    editor.get_by_role("button", name="Batal").click()  # static/js/app.js clears the editor
    expect(editor.locator("form")).to_have_count(0)

    wednesday.click()
    editor.locator(f"input[name=mode][value={Mode.WFH}]").check()
    editor.locator("input[name=reason]").fill("rapat daring")
    editor.get_by_role("button", name="Simpan").click()
    expect(w.page.locator(f"td[id='{cell_id}'].m-wfh")).to_have_count(1)
    expect(editor.locator(".flash-success")).to_be_visible()

    # a destructive action still asks first; dismissing keeps the roster as it is
    w.page.get_by_text("Buat ulang", exact=True).first.click()
    asked = []
    w.page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    w.page.locator("form[action$='/buat-ulang/'] button[type=submit]").click()
    w.page.wait_for_timeout(300)  # a dismissed confirm sends nothing
    assert asked and "Buat ulang jadwal ini?" in asked[0]
    w.assert_clean("roster grid")


def test_the_check_in_page_works_under_the_policy(watch, live_server, live_world, clock):  # noqa: F811
    live_world.kominfo.latitude, live_world.kominfo.longitude = OFFICE
    live_world.kominfo.radius_m = 150
    live_world.kominfo.save()
    publish(live_world.staff, clock.date(), Mode.WFH)
    w = watch(viewport=PHONE, geolocation=AT_HOME, permissions=["geolocation"])
    login(w.page, live_server, live_world.staff.nip, live_world.password)
    expect(w.page.locator("h1")).to_have_text("Hari ini: WFH")
    w.page.get_by_role("button", name="Presensi masuk").click()
    expect(w.page.locator(".flash-success")).to_contain_text("Presensi masuk tercatat")
    w.assert_clean("check-in")
