"""Who may open the schedule pages and act on a roster: supervisors and employees never, an OPD
admin only on their own OPD's rosters and never to publish or return them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.wfh.page_helpers import a_cell, generate, login
from wfh.models import AssignmentChange, Mode, Roster, ScheduleDay

pytestmark = pytest.mark.django_db


def test_supervisors_and_employees_get_403_on_every_schedule_page(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    urls = [
        reverse("wfh:schedule"),
        reverse("wfh:calendar"),
        reverse("wfh:phase", args=[sched.phase1.slug]),
        reverse("wfh:roster", args=[roster.pk]),
        reverse("wfh:roster_progress", args=[roster.pk]),
        reverse("wfh:roster_download", args=[roster.pk, "csv"]),
    ]
    for user in (w.atasan_user, w.pegawai_user):
        login(client, user)
        for url in urls:
            assert client.get(url).status_code == 403, (user.username, url)
        assert client.post(reverse("wfh:roster_submit", args=[roster.pk])).status_code == 403


def test_opd_admin_gets_403_on_another_opds_roster(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    other = generate(django_capture_on_commit_callbacks, sched.phase1, w.dukcapil)
    login(client, w.opd_admin)
    assert client.get(reverse("wfh:roster", args=[other.pk])).status_code == 403
    assert client.get(reverse("wfh:roster_download", args=[other.pk, "csv"])).status_code == 403
    assert client.post(reverse("wfh:roster_submit", args=[other.pk])).status_code == 403
    cell = a_cell(other, Mode.WFO)
    resp = client.post(
        reverse("wfh:cell_edit", args=[other.pk]),
        {"employee": cell.employee_id, "day": cell.day.isoformat(), "mode": "WFH", "reason": "x"},
    )
    assert resp.status_code == 403
    other.refresh_from_db()
    assert other.workflow == Roster.Workflow.DRAFT
    assert not AssignmentChange.objects.exists()


def test_opd_admin_can_neither_publish_nor_return_their_own_roster(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    login(client, w.opd_admin)
    assert client.post(reverse("wfh:roster_publish", args=[roster.pk])).status_code == 403
    client.post(reverse("wfh:roster_submit", args=[roster.pk]))
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.SUBMITTED
    resp = client.post(reverse("wfh:roster_return", args=[roster.pk]), {"comment": "ulang"})
    assert resp.status_code == 403
    assert client.post(reverse("wfh:roster_publish", args=[roster.pk])).status_code == 403
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.SUBMITTED
    assert not ScheduleDay.objects.exists()
    body = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert reverse("wfh:roster_publish", args=[roster.pk]) not in body
