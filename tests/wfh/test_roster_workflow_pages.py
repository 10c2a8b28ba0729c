"""A roster's way from draft to published through the pages, and its downloads."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.wfh.page_helpers import generate, login
from wfh.models import Assignment, Roster, ScheduleDay
from wfh.rosters import publication

pytestmark = pytest.mark.django_db


def test_submit_return_with_comment_resubmit_and_publish(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    login(client, w.opd_admin)
    client.post(reverse("wfh:roster_submit", args=[roster.pk]))
    roster.refresh_from_db()
    assert (roster.workflow, roster.submitted_by) == (Roster.Workflow.SUBMITTED, w.opd_admin)

    login(client, w.hr)
    resp = client.post(reverse("wfh:roster_return", args=[roster.pk]), {"comment": ""})
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.SUBMITTED  # a return needs a comment
    client.post(reverse("wfh:roster_return", args=[roster.pk]), {"comment": "Piket Kamis kurang."})
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.RETURNED

    login(client, w.opd_admin)
    body = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert "Piket Kamis kurang." in body and "Dikembalikan oleh BKPSDM" in body
    client.post(reverse("wfh:roster_submit", args=[roster.pk]))

    login(client, w.hr)
    resp = client.post(reverse("wfh:roster_publish", args=[roster.pk]), {"from_date": ""})
    assert resp.status_code == 302
    roster.refresh_from_db()
    assert (roster.workflow, roster.published_by) == (Roster.Workflow.PUBLISHED, w.hr)
    assert (
        ScheduleDay.objects.filter(roster=roster).count()
        == Assignment.objects.filter(roster=roster).count()
        > 0
    )


def test_published_roster_downloads_as_csv_and_xlsx(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    publication.roster_publish(roster=roster, user=w.hr)
    login(client, w.opd_admin)
    resp = client.get(reverse("wfh:roster_download", args=[roster.pk, "csv"]))
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    assert "attachment" in resp["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode())))
    assert rows[0] == ["nip", "name", "opd_code", "unit_code", "date", "mode", "source"]
    assert len(rows) - 1 == ScheduleDay.objects.filter(opd=w.kominfo).count()
    assert {r[2] for r in rows[1:]} == {"DISKOMINFO"}
    resp = client.get(reverse("wfh:roster_download", args=[roster.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(resp.content), read_only=True)
    assert next(book["jadwal"].iter_rows(values_only=True))[:3] == ("nip", "name", "opd_code")
    # the staff x days sheet: one row per person, one column per working day, modes in the cells
    grid = list(book["per_hari"].iter_rows(values_only=True))
    published = ScheduleDay.objects.filter(opd=w.kominfo)
    days = sorted(set(published.values_list("day", flat=True)))
    assert grid[0][:3] == ("nip", "name", "unit_code")
    assert [d.date() for d in grid[0][3:]] == days
    assert len(grid) - 1 == published.values("employee").distinct().count()
    staff_row = next(r for r in grid[1:] if r[0] == w.staff.nip)
    for day, mode in published.filter(employee=w.staff).values_list("day", "mode"):
        assert staff_row[3 + days.index(day)] == mode
    assert client.get(reverse("wfh:roster_download", args=[roster.pk, "pdf"])).status_code == 404


def test_a_name_that_looks_like_a_formula_is_text_in_both_downloads(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    w.staff.name = '=HYPERLINK("http://evil.example/","klik")'
    w.staff.save()
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    login(client, w.opd_admin)
    resp = client.get(reverse("wfh:roster_download", args=[roster.pk, "csv"]))
    names = {r[1] for r in csv.reader(io.StringIO(resp.content.decode()))}
    assert "'" + w.staff.name in names and w.staff.name not in names
    resp = client.get(reverse("wfh:roster_download", args=[roster.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(resp.content))["jadwal"]
    cells = [row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == w.staff.nip]
    assert cells and {(c.data_type, c.value) for c in cells} == {("s", "'" + w.staff.name)}
