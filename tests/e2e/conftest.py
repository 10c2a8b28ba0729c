"""Browser tests: Playwright driving the system Chromium against pytest-django's live server.

Chromium comes from the OS (`apt-get install chromium` on Debian), never from `playwright install`.
Where /usr/bin/chromium is missing the tests are skipped with a message saying how to install it,
unless WFH_REQUIRE_BROWSER=1 (as in CI), where they fail instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.conftest import build_world

# Playwright's sync API keeps an event loop running in this thread; Django would otherwise refuse
# the ORM calls that tests make to build their data ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium` "
            "(Debian) to run the browser tests"
        )
        if os.environ.get("WFH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"WFH_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def viewport() -> dict:
    """The window size of `page`; a test overrides it with parametrize("viewport", [PHONE])."""
    return DESKTOP


@pytest.fixture
def page(browser, viewport):
    """A fresh browser context per test: no cookies or session carried over, Indonesian locale."""
    context = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def live_world(transactional_db) -> SimpleNamespace:
    """The shared test world, committed so that the live server's thread sees it."""
    return build_world()


def login(page, live_server, username: str, password: str) -> None:
    """Log in through the real login form, as a person would, and wait to leave it."""
    login_path = reverse("login")
    page.goto(live_server.url + login_path)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: login_path not in url)
