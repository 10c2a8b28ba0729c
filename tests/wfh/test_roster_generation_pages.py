"""Generating and regenerating a roster from the phase and roster pages, and its progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.wfh.page_helpers import HTMX, a_cell, generate, login
from wfh.models import Assignment, Mode, PhaseOpdOption, Roster
from wfh.rosters import edits

pytestmark = pytest.mark.django_db


def test_generate_button_queues_a_roster_that_becomes_ready_and_keeps_the_composition(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    login(client, w.opd_admin)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("wfh:phase_generate", args=[sched.phase2.slug]),
            {"opd": w.kominfo.pk, "composition": "alternating_days", "seed": "7"},
        )
    roster = Roster.objects.get(phase=sched.phase2, opd=w.kominfo)
    assert resp.status_code == 302 and resp["Location"] == reverse("wfh:roster", args=[roster.pk])
    assert roster.status == Roster.Status.READY
    assert (roster.composition, roster.seed, roster.created_by) == (
        "alternating_days",
        7,
        w.opd_admin,
    )
    assert roster.progress_done == roster.progress_total > 0
    option = PhaseOpdOption.objects.get(phase=sched.phase2, opd=w.kominfo)
    assert option.composition == "alternating_days"
    body = client.get(resp["Location"]).content.decode()
    assert "Staf TIK 0" in body and "Bidang TIK" in body and "Di kantor (min. 1)" in body


def test_opd_admin_cannot_generate_for_another_opd(client, sched):
    w = sched.world
    resp = login(client, w.opd_admin).post(
        reverse("wfh:phase_generate", args=[sched.phase1.slug]), {"opd": w.dukcapil.pk}
    )
    assert resp.status_code == 302
    assert not Roster.objects.filter(opd=w.dukcapil).exists()


def test_hr_generates_every_covered_opd_when_none_is_chosen(
    client, sched, django_capture_on_commit_callbacks
):
    login(client, sched.world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wfh:phase_generate", args=[sched.phase1.slug]), {})
    states = set(Roster.objects.filter(phase=sched.phase1).values_list("opd__code", "status"))
    assert states == {("DISKOMINFO", "ready"), ("DISDUKCAPIL", "ready")}


def test_progress_fragment_reports_done_of_total_and_polls_only_while_running(
    client, sched, django_capture_on_commit_callbacks
):
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, sched.world.kominfo)
    Roster.objects.filter(pk=roster.pk).update(
        status=Roster.Status.RUNNING, progress_done=3, progress_total=10
    )
    url = reverse("wfh:roster_progress", args=[roster.pk])
    body = login(client, sched.world.opd_admin).get(url, **HTMX).content.decode()
    assert 'value="3"' in body and 'max="10"' in body and "3 dari 10 pegawai" in body
    assert 'hx-trigger="every 2s"' in body
    Roster.objects.filter(pk=roster.pk).update(status=Roster.Status.READY, progress_done=10)
    resp = client.get(url + "?reload=1", **HTMX)
    assert "hx-trigger" not in resp.content.decode() and 'value="10"' in resp.content.decode()
    assert resp["HX-Refresh"] == "true"


def test_regenerate_from_a_date_keeps_earlier_days_and_manual_changes(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    cell = a_cell(roster, Mode.WFH, weekday=3)
    edits.assignment_change(
        roster=roster,
        employee_id=cell.employee_id,
        day=cell.day,
        mode=Mode.WFO,
        user=w.opd_admin,
        reason="rapat tatap muka",
    )
    earlier = set(
        Assignment.objects.filter(roster=roster, day__lt=dt.date(2025, 11, 17)).values_list(
            "employee_id", "day", "mode"
        )
    )
    login(client, w.opd_admin)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("wfh:roster_regenerate", args=[roster.pk]),
            {"seed": "99", "regenerate_from": "2025-11-17"},
        )
    roster.refresh_from_db()
    assert resp["Location"] == reverse("wfh:roster", args=[roster.pk])
    assert (roster.status, roster.seed) == (Roster.Status.READY, 99)
    kept = Assignment.objects.get(roster=roster, employee_id=cell.employee_id, day=cell.day)
    assert (kept.mode, kept.source) == (Mode.WFO, "manual")
    assert earlier <= set(
        Assignment.objects.filter(roster=roster).values_list("employee_id", "day", "mode")
    )


def test_regenerate_from_a_date_outside_the_phase_is_refused(
    client, sched, django_capture_on_commit_callbacks
):
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, sched.world.kominfo)
    resp = login(client, sched.world.opd_admin).post(
        reverse("wfh:roster_regenerate", args=[roster.pk]), {"regenerate_from": "2025-12-15"}
    )
    body = client.get(resp["Location"]).content.decode()
    assert "Tanggal harus di dalam tahap" in body
