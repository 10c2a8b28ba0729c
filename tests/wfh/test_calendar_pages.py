"""The work calendar page: holidays and cuti bersama named, HR's local days off added and
deleted, each OPD seeing only its own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.wfh.page_helpers import generate, login
from wfh.models import LocalDayOff, Roster

pytestmark = pytest.mark.django_db


def test_calendar_names_holidays_and_cuti_bersama(client, world):
    login(client, world.hr)
    body = client.get(reverse("wfh:calendar"), {"year": 2025, "month": 12}).content.decode()
    assert "Desember 2025" in body
    assert "Hari Raya Natal" in body and "Cuti Bersama Hari Raya Natal" in body
    assert "Jumat, 26 Desember 2025" in body
    assert "21 hari kerja bulan ini" in body
    assert "?year=2025&amp;month=11" in body and "?year=2026&amp;month=1" in body


def test_hr_adds_and_deletes_a_local_day_off_and_the_month_view_lists_it(client, world):
    login(client, world.hr)
    resp = client.post(
        reverse("wfh:day_off_add"),
        {"day": "2025-11-17", "name": "Hari Jadi Kota", "opds": [world.kominfo.pk]},
    )
    assert resp.status_code == 302
    off = LocalDayOff.objects.get()
    assert (off.name, off.created_by, list(off.opds.all())) == (
        "Hari Jadi Kota",
        world.hr,
        [world.kominfo],
    )
    body = client.get(resp["Location"] + "&opd=DISKOMINFO").content.decode()
    assert "Hari Jadi Kota" in body and "Senin, 17 November 2025" in body
    assert "19 hari kerja bulan ini" in body  # 20 weekdays in November 2025, one off

    login(client, world.opd_admin)
    body = client.get(reverse("wfh:calendar"), {"year": 2025, "month": 11}).content.decode()
    assert "Hari Jadi Kota" in body
    assert reverse("wfh:day_off_delete", args=[off.pk]) not in body
    assert client.post(reverse("wfh:day_off_delete", args=[off.pk])).status_code == 403
    assert (
        client.post(reverse("wfh:day_off_add"), {"day": "2025-11-18", "name": "x"}).status_code
        == 403
    )
    assert LocalDayOff.objects.count() == 1

    login(client, world.hr)
    client.post(reverse("wfh:day_off_delete", args=[off.pk]))
    assert not LocalDayOff.objects.exists()


def test_a_local_day_off_for_one_opd_is_not_shown_to_another_opds_admin(client, world):
    LocalDayOff.objects.create(date=dt.date(2025, 11, 20), name="Libur Loket").opds.add(
        world.dukcapil
    )
    login(client, world.opd_admin)
    url = reverse("wfh:calendar")
    assert "Libur Loket" not in client.get(url, {"year": 2025, "month": 11}).content.decode()
    resp = client.get(url, {"year": 2025, "month": 11, "opd": "DISDUKCAPIL"})
    assert resp.status_code == 403


def test_adding_a_day_off_inside_a_generated_roster_warns_to_regenerate(
    client, sched, django_capture_on_commit_callbacks
):
    generate(django_capture_on_commit_callbacks, sched.phase1, sched.world.kominfo)
    login(client, sched.world.hr)
    resp = client.post(
        reverse("wfh:day_off_add"), {"day": "2025-11-18", "name": "FWA"}, follow=True
    )
    assert "1 jadwal sudah memuat tanggal ini" in resp.content.decode()
    roster = Roster.objects.get()
    page = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert "Selasa, 18 November 2025" in page and "kini libur" in page


def test_a_weekend_day_off_is_refused_with_a_message(client, world):
    login(client, world.hr)
    resp = client.post(
        reverse("wfh:day_off_add"), {"day": "2025-11-15", "name": "Sabtu"}, follow=True
    )
    assert "akhir pekan" in resp.content.decode()
    assert not LocalDayOff.objects.exists()
