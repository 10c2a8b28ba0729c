"""The programme list and the phase page: what HR and an OPD admin see, and the optional WFH
weekday an OPD applies for and HR decides."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.wfh.page_helpers import generate, login
from wfh import selectors
from wfh.calendar import working_days
from wfh.models import Phase, PhaseOpdOption

pytestmark = pytest.mark.django_db


def test_schedule_index_says_how_to_load_a_programme_when_there_is_none(client, world):
    body = login(client, world.hr).get(reverse("wfh:schedule")).content.decode()
    assert "python manage.py load_preset jabar-2025" in body


def test_schedule_index_lists_programmes_phases_and_only_the_admins_rosters(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    generate(django_capture_on_commit_callbacks, sched.phase1, w.dukcapil)
    mine = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    body = login(client, w.opd_admin).get(reverse("wfh:schedule")).content.decode()
    assert "Tahap I — setiap Kamis" in body and "Tahap II — rotasi 50:50" in body
    assert reverse("wfh:roster", args=[mine.pk]) in body
    assert "DISDUKCAPIL" not in body
    body = login(client, w.hr).get(reverse("wfh:schedule")).content.decode()
    assert "draf: 2" in body


def test_hr_phase_page_shows_the_departure_working_days_holidays_and_every_opd(client, sched):
    body = (
        login(client, sched.world.hr)
        .get(reverse("wfh:phase", args=[sched.phase2.slug]))
        .content.decode()
    )
    assert "menyimpang dari aturan nasional" in body
    assert "Batas 3 hari WFH per minggu melebihi ketentuan nasional" in body
    assert len(working_days(sched.phase2.start, sched.phase2.end)) == 21
    assert "21 hari kerja" in body
    assert "Kamis, 25 Desember 2025" in body and "Hari Raya Natal" in body
    assert "Cuti Bersama Hari Raya Natal" in body
    assert "DISKOMINFO" in body and "DISDUKCAPIL" in body
    assert 'name="opds"' in body and 'name="composition"' in body


def test_opd_admin_phase_page_shows_only_their_opd(client, sched):
    body = (
        login(client, sched.world.opd_admin)
        .get(reverse("wfh:phase", args=[sched.phase1.slug]))
        .content.decode()
    )
    assert "DISKOMINFO" in body
    assert "DISDUKCAPIL" not in body
    assert "menyimpang dari aturan nasional" not in body
    assert 'name="composition"' not in body  # a weekday phase has no composition


def test_opd_applies_for_the_optional_friday_and_hr_approves_it(client, world):
    call_command("load_preset", "jabar-2026", stdout=io.StringIO())
    phase = Phase.objects.get(slug="jabar-2026-kamis")
    apply_url = reverse("wfh:weekday_apply", args=[phase.slug, "DISKOMINFO"])
    decide_url = reverse("wfh:weekday_decide", args=[phase.slug, "DISKOMINFO"])
    login(client, world.opd_admin)
    body = client.get(reverse("wfh:phase", args=[phase.slug])).content.decode()
    assert apply_url in body
    client.post(apply_url)
    option = PhaseOpdOption.objects.get(phase=phase, opd=world.kominfo)
    assert option.optional_weekday == PhaseOpdOption.Application.APPLIED
    assert client.post(decide_url, {"decision": "approve"}).status_code == 403
    assert (
        client.post(reverse("wfh:weekday_apply", args=[phase.slug, "DISDUKCAPIL"])).status_code
        == 403
    )
    login(client, world.hr)
    body = client.get(reverse("wfh:phase", args=[phase.slug])).content.decode()
    assert "Pengajuan hari WFH tambahan" in body and decide_url in body
    client.post(decide_url, {"decision": "approve"})
    option.refresh_from_db()
    assert option.optional_weekday == PhaseOpdOption.Application.APPROVED
    assert selectors.effective_weekdays(phase, world.kominfo) == [3, 4]
    assert selectors.effective_weekdays(phase, world.dukcapil) == [3]
