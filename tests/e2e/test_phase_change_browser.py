"""A phase change in a real browser: HR opens a running Thursday phase, records that the WFH day
moves to Monday from a date with the new circular's number, and sees the phase's history; the
OPD's roster is regenerated from that date as a draft. On a phone the form fits the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, login
from tests.factories import make_employee
from wfh.models import PatternKind, Phase, PhaseVersion, Programme, Roster


def _running_phase(world) -> Phase:
    today = timezone.localdate()
    programme = Programme.objects.create(slug="uji", name="Uji WFH")
    phase = Phase.objects.create(
        programme=programme,
        slug="uji-kamis",
        name="Setiap Kamis",
        start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=60),
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )
    Roster.objects.create(phase=phase, opd=world.kominfo, status=Roster.Status.READY)
    return phase


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_hr_moves_the_wfh_day_from_a_date_and_sees_the_history(
    page, live_server, live_world, viewport
):
    make_employee(live_world.kominfo, live_world.it, name="Staf TIK")
    phase = _running_phase(live_world)
    today = timezone.localdate()
    day = today + dt.timedelta(days=7 - today.weekday())  # next Monday
    login(page, live_server, live_world.hr.username, live_world.password)
    page.goto(live_server.url + reverse("wfh:phase", args=[phase.slug]))
    expect(page.locator("#riwayat")).to_contain_text("belum pernah diubah")

    form = page.locator("form[action$='/perubahan/']")
    form.get_by_label("Berlaku mulai").fill(day.isoformat())
    form.get_by_label("Kamis").uncheck()
    form.get_by_label("Senin").check()
    form.get_by_label("Nomor surat edaran perubahan").fill("SE 800/45/BKPSDM")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], width  # no sideways scrolling, a phone included
    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="Catat perubahan").click()

    expect(page.locator(".flash-success")).to_contain_text("disusun ulang sebagai draf")
    history = page.locator("#riwayat .phase-history")
    expect(history).to_contain_text("Kamis s.d. ")
    expect(history).to_contain_text(f"Senin sejak {day.day} ")
    expect(page.locator("#riwayat")).to_contain_text("SE 800/45/BKPSDM")
    version = PhaseVersion.objects.get(phase=phase)
    assert version.valid_from == day and version.wfh_weekdays == [0]
    # the OPD's draft is regenerated from that day (a draft is rebuilt in place, as a version)
    roster = Roster.objects.get(phase=phase, opd=live_world.kominfo)
    assert roster.regenerate_from == day


def test_a_change_from_a_past_date_is_refused_on_the_page(page, live_server, live_world):
    phase = _running_phase(live_world)
    login(page, live_server, live_world.hr.username, live_world.password)
    page.goto(live_server.url + reverse("wfh:phase", args=[phase.slug]))
    form = page.locator("form[action$='/perubahan/']")
    past = timezone.localdate() - dt.timedelta(days=2)
    form.get_by_label("Berlaku mulai").fill(past.isoformat())
    form.get_by_label("Senin").check()
    form.get_by_label("Nomor surat edaran perubahan").fill("SE 1")
    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="Catat perubahan").click()
    expect(page.locator(".flash-error")).to_contain_text("sudah lewat")
    assert not PhaseVersion.objects.exists()
