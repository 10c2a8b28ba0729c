"""The single-day edit of a roster cell: recorded with who, when and why, with or without
JavaScript, refused with the limit named, and only on an editable draft."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.wfh.page_helpers import HTMX, a_cell, generate, login
from wfh.dates import long_date
from wfh.models import Assignment, AssignmentChange, Mode
from wfh.rosters import publication

pytestmark = pytest.mark.django_db


def test_single_day_edit_records_who_when_and_why(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    cell = a_cell(roster, Mode.WFH, weekday=3)
    url = reverse("wfh:cell_edit", args=[roster.pk])
    login(client, w.opd_admin)
    form = client.get(
        url, {"employee": cell.employee_id, "day": cell.day.isoformat()}, **HTMX
    ).content.decode()
    assert "Alasan perubahan" in form and 'hx-post="' in form and "<html" not in form
    resp = client.post(
        url,
        {
            "employee": cell.employee_id,
            "day": cell.day.isoformat(),
            "mode": "WFO",
            "reason": "Rapat dengan DPRD",
        },
        **HTMX,
    )
    body = resp.content.decode()
    assert resp.status_code == 200
    assert f'id="c-{cell.employee_id}-{cell.day.isoformat()}"' in body
    assert 'hx-swap-oob="true"' in body
    # the message speaks a date as people write it, and the change log is swapped in at once
    assert (
        f"pada {long_date(cell.day)} kini WFO" in body
        and cell.day.isoformat() + " kini" not in body
    )
    log = body.split('id="changes-log"', 1)[1]
    assert log.startswith(' aria-labelledby="changes" hx-swap-oob="true"')
    assert "Rapat dengan DPRD" in log and "Belum ada perubahan manual" not in log
    change = AssignmentChange.objects.get(roster=roster)
    assert (change.changed_by, change.reason, change.old_mode, change.new_mode) == (
        w.opd_admin,
        "Rapat dengan DPRD",
        "WFH",
        "WFO",
    )
    assert change.changed_at is not None
    cell.refresh_from_db()
    assert (cell.mode, cell.source) == ("WFO", "manual")
    page = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert "Rapat dengan DPRD" in page and "Catatan perubahan" in page


def test_single_day_edit_works_without_javascript(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    cell = a_cell(roster, Mode.WFH, weekday=3)
    url = reverse("wfh:cell_edit", args=[roster.pk])
    login(client, w.hr)
    page = client.get(url, {"employee": cell.employee_id, "day": cell.day.isoformat()})
    assert "<html" in page.content.decode() and "Ubah jadwal satu hari" in page.content.decode()
    resp = client.post(
        url,
        {"employee": cell.employee_id, "day": cell.day.isoformat(), "mode": "WFO", "reason": "x"},
    )
    assert resp.status_code == 302 and resp["Location"].startswith(
        reverse("wfh:roster", args=[roster.pk])
    )
    assert AssignmentChange.objects.get().changed_by == w.hr


def test_an_edit_over_the_weekly_cap_names_the_limit_and_changes_nothing(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    thursday = dt.date(2025, 11, 6)
    home = Assignment.objects.filter(roster=roster, day=thursday, mode=Mode.WFH, unit=w.sek).first()
    url = reverse("wfh:cell_edit", args=[roster.pk])
    login(client, w.opd_admin)
    monday, tuesday = dt.date(2025, 11, 3), dt.date(2025, 11, 4)
    post = {"employee": home.employee_id, "mode": "WFH", "reason": "tugas di rumah"}
    client.post(url, {**post, "day": monday.isoformat()}, **HTMX)
    assert AssignmentChange.objects.count() == 1  # 2 WFH days that week: still inside the cap
    resp = client.post(url, {**post, "day": tuesday.isoformat()}, **HTMX)
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "Batas mingguan" in body and "maksimal 2" in body and 'role="alert"' in body
    assert AssignmentChange.objects.count() == 1
    cell = Assignment.objects.get(roster=roster, employee_id=home.employee_id, day=tuesday)
    assert (cell.mode, cell.source) == ("WFO", "generated")


def test_an_edit_below_the_unit_minimum_names_the_limit_and_changes_nothing(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    monday = dt.date(2025, 11, 3)
    on_site = Assignment.objects.filter(roster=roster, day=monday, unit=w.it, mode=Mode.WFO)
    w.it.min_onsite = on_site.count()  # the unit now needs everyone in on that Monday
    w.it.save()
    cell = on_site.first()
    resp = login(client, w.opd_admin).post(
        reverse("wfh:cell_edit", args=[roster.pk]),
        {"employee": cell.employee_id, "day": monday.isoformat(), "mode": "WFH", "reason": "x"},
        **HTMX,
    )
    body = resp.content.decode()
    assert "Batas minimal di kantor" in body and "Bidang TIK" in body
    assert not AssignmentChange.objects.exists()
    cell.refresh_from_db()
    assert cell.mode == Mode.WFO


def test_a_submitted_roster_cannot_be_edited(client, sched, django_capture_on_commit_callbacks):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    publication.roster_submit(roster=roster, user=w.opd_admin)
    cell = a_cell(roster, Mode.WFH)
    login(client, w.opd_admin)
    page = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert reverse("wfh:cell_edit", args=[roster.pk]) + "?" not in page
    resp = client.post(
        reverse("wfh:cell_edit", args=[roster.pk]),
        {"employee": cell.employee_id, "day": cell.day.isoformat(), "mode": "WFO", "reason": "x"},
        **HTMX,
    )
    assert "Hanya draf yang sudah siap" in resp.content.decode()
    assert not AssignmentChange.objects.exists()
