"""My month: the logged-in employee's own published days, in Indonesian, on a phone-sized page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from config.navigation import EMPLOYEE_BADGE_QUERIES
from tests.factories import make_employee
from wfh.models import ScheduleDay

pytestmark = pytest.mark.django_db

URL = "/saya/kalender/"
# 12, the header's unread-notification badge and the employee's other badges (swaps, reports)
MONTH_QUERY_BOUND = 13 + EMPLOYEE_BADGE_QUERIES


def cell(html: str, label: str) -> str:
    """The <td> whose screen-reader label starts with `label` ("Kamis, 13 November 2025")."""
    match = re.search(
        r"<td[^>]*>(?:(?!</td>).)*?" + re.escape(label) + r":(?:(?!</td>).)*</td>", html, re.S
    )
    assert match, f"no cell labelled {label}"
    return match.group(0)


def test_url_is_the_named_route():
    assert reverse("selfservice:my_month") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def test_employee_sees_each_day_of_her_month_with_its_mode(client, sched):
    client.force_login(sched.world.pegawai_user)
    response = client.get(URL, {"bulan": "2025-11"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "November 2025" in html
    assert ">WFH<" in cell(html, "Selasa, 4 November 2025")
    assert ">WFO<" in cell(html, "Rabu, 5 November 2025")
    assert ">WFH<" in cell(html, "Selasa, 11 November 2025")
    sat = cell(html, "Sabtu, 8 November 2025")
    assert "WFH" not in sat and "WFO" not in sat
    # 4 WFH days in November; working days from 3 Nov to 28 Nov are published, 1 Nov is a Saturday
    assert "4 hari WFH" in html
    last = cell(html, "Jumat, 28 November 2025")
    assert ">WFO<" in last and "belum ada jadwal terbit" not in last


def test_days_without_a_published_schedule_and_holidays_show_distinctly(client, sched):
    client.force_login(sched.world.pegawai_user)
    html = client.get(URL, {"bulan": "2025-12"}).content.decode()
    natal = cell(html, "Kamis, 25 Desember 2025")
    assert "Libur" in natal and "Natal" in natal
    monday = cell(html, "Senin, 1 Desember 2025")
    assert "k-UNPUBLISHED" in monday and "belum ada jadwal terbit" in monday and ">WFO<" in monday


def test_leave_shows_as_cuti(client, sched):
    client.force_login(sched.world.pegawai_user)
    ScheduleDay.objects.filter(employee=sched.sari, day=dt.date(2025, 11, 24)).update(mode="LEAVE")
    html = client.get(URL, {"bulan": "2025-11"}).content.decode()
    assert ">Cuti<" in cell(html, "Senin, 24 November 2025")


def test_month_navigation_and_default_month(client, sched):
    client.force_login(sched.world.pegawai_user)
    html = client.get(URL).content.decode()  # today is 3 November 2025
    assert "November 2025" in html
    assert "bulan=2025-10" in html and "bulan=2025-12" in html
    html = client.get(URL, {"bulan": "2026-01"}).content.decode()
    assert "bulan=2025-12" in html and "bulan=2026-02" in html


def test_a_bad_month_says_so_and_shows_this_month(client, sched):
    client.force_login(sched.world.pegawai_user)
    html = client.get(URL, {"bulan": "2025-13"}).content.decode()
    assert "tidak dikenal" in html and "2025-13" in html
    assert "November 2025" in html


def test_only_my_own_days_are_shown(client, sched):
    """Rudi is WFH on the 13th, Sari WFO: Sari's page shows her own mode."""
    client.force_login(sched.world.pegawai_user)
    html = client.get(URL, {"bulan": "2025-11"}).content.decode()
    assert ">WFO<" in cell(html, "Kamis, 13 November 2025")
    assert "Rudi" not in html


def test_hr_without_an_employee_record_is_told_what_to_do(client, sched):
    client.force_login(sched.world.hr)
    response = client.get(URL)
    assert response.status_code == 200
    assert "tidak terhubung dengan data pegawai" in response.content.decode()


def test_supervisor_sees_his_own_month(client, sched):
    client.force_login(sched.world.atasan_user)
    html = client.get(URL, {"bulan": "2025-11"}).content.decode()
    assert ">WFH<" in cell(html, "Jumat, 7 November 2025")


def test_my_month_queries_are_bounded(client, sched, django_assert_max_num_queries):
    for n in range(30):
        make_employee(sched.world.kominfo, sched.world.it, name=f"Lain {n}")
    client.force_login(sched.world.pegawai_user)
    with django_assert_max_num_queries(MONTH_QUERY_BOUND):
        response = client.get(URL, {"bulan": "2025-11"})
    assert response.status_code == 200
