"""The phase page's history and its 'change from a date' form (HR only), and exempt OPD kinds
in the phase editor."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.wfh.page_helpers import generate, login
from wfh.models import PatternKind, Phase, PhaseVersion, Programme, Roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world):
    """A Thursday phase that started a month ago and runs two more months."""
    today = timezone.localdate()
    programme = Programme.objects.create(slug="uji", name="Uji WFH")
    return Phase.objects.create(
        programme=programme,
        slug="uji-kamis",
        name="Setiap Kamis",
        start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=60),
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )


def next_monday(after: dt.date) -> dt.date:
    return after + dt.timedelta(days=7 - after.weekday())


def test_the_depok_phase_page_shows_its_history_in_words(
    client, world, django_assert_max_num_queries
):
    call_command("load_preset", "depok-2026", stdout=io.StringIO())
    login(client, world.hr)
    url = reverse("wfh:phase", args=["depok-2026"])
    client.get(url)
    with django_assert_max_num_queries(30):
        body = client.get(url).content.decode()
    assert "Kamis s.d. 16 Februari 2026, Senin sejak 17 Februari 2026" in body
    assert "perubahan hari WFH (Februari 2026)" in body  # the circular of the change
    assert "Puskesmas, RSUD, Sekolah" in body


def test_a_phase_never_changed_says_how_to_record_a_change(client, world, running):
    body = login(client, world.hr).get(reverse("wfh:phase", args=[running.slug])).content.decode()
    assert "Tahap ini belum pernah diubah" in body
    assert reverse("wfh:phase_change", args=[running.slug]) in body


def test_hr_adds_a_change_from_the_phase_page_and_the_rosters_are_regenerated(
    client, world, running, django_capture_on_commit_callbacks
):
    first = generate(django_capture_on_commit_callbacks, running, world.kominfo)
    day = next_monday(timezone.localdate())
    login(client, world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wfh:phase_change", args=[running.slug]),
            {
                "valid_from": day.isoformat(),
                "wfh_weekdays": ["0"],
                "weekly_cap": "2",
                "reference": "SE 800/12/BKPSDM",
            },
        )
    assert response.status_code == 302
    version = PhaseVersion.objects.get(phase=running)
    assert version.valid_from == day and version.wfh_weekdays == [0]
    assert version.created_by == world.hr
    roster = Roster.objects.get(pk=first.pk)  # its draft, regenerated from the day
    assert roster.regenerate_from == day and roster.status == Roster.Status.READY
    body = client.get(response.url).content.decode()
    assert "Senin sejak" in body and "Kamis s.d." in body and "SE 800/12/BKPSDM" in body
    assert "disusun ulang sebagai draf" in body


def test_a_bad_change_is_refused_naming_the_field(client, world, running):
    login(client, world.hr)
    url = reverse("wfh:phase_change", args=[running.slug])
    past = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(
        url,
        {
            "valid_from": past.isoformat(),
            "wfh_weekdays": ["0"],
            "weekly_cap": "2",
            "reference": "X",
        },
        follow=True,
    )
    assert "Berlaku mulai: Tanggal berlaku" in response.content.decode()
    response = client.post(url, {"valid_from": "", "weekly_cap": "2"}, follow=True)
    body = response.content.decode()
    assert "Berlaku mulai:" in body and "Nomor surat edaran perubahan:" in body
    same = next_monday(timezone.localdate())
    response = client.post(
        url,
        {
            "valid_from": same.isoformat(),
            "wfh_weekdays": ["3"],
            "weekly_cap": "2",
            "reference": "X",
        },
        follow=True,
    )
    assert "Tidak ada yang berubah" in response.content.decode()
    assert not PhaseVersion.objects.exists()


def test_only_hr_sees_and_sends_the_change_form(client, world, running):
    login(client, world.opd_admin)
    running.opds.add(world.kominfo)
    body = client.get(reverse("wfh:phase", args=[running.slug])).content.decode()
    assert reverse("wfh:phase_change", args=[running.slug]) not in body
    day = next_monday(timezone.localdate())
    response = client.post(
        reverse("wfh:phase_change", args=[running.slug]),
        {"valid_from": day.isoformat(), "wfh_weekdays": ["0"], "weekly_cap": "2", "reference": "X"},
    )
    assert response.status_code == 403
    login(client, world.pegawai_user)
    assert client.post(reverse("wfh:phase_change", args=[running.slug]), {}).status_code == 403
    assert not PhaseVersion.objects.exists()


def test_the_phase_editor_sets_exempt_opd_kinds(client, world, running):
    login(client, world.hr)
    data = {
        "programme": running.programme_id,
        "name": running.name,
        "slug": running.slug,
        "order": 1,
        "start": running.start.isoformat(),
        "end": running.end.isoformat(),
        "pattern": PatternKind.WEEKDAY,
        "wfh_weekdays": ["3"],
        "optional_weekday": "",
        "ratio": "",
        "default_composition": "balanced",
        "weekly_cap": 2,
        "exempt_kinds": ["rsud", "puskesmas"],
        "wfh_note": "",
        "action": "save",
    }
    response = client.post(reverse("wfh:phase_edit", args=[running.slug]), data)
    assert response.status_code == 302, response.context["form"].errors
    running.refresh_from_db()
    assert sorted(running.exempt_kinds) == ["puskesmas", "rsud"]
    body = client.get(reverse("wfh:phase_edit", args=[running.slug])).content.decode()
    assert re.search(r'name="exempt_kinds" value="rsud"[^>]*checked', body)
    assert not re.search(r'name="exempt_kinds" value="dinas"[^>]*checked', body)
    response = client.post(
        reverse("wfh:phase_edit", args=[running.slug]), {**data, "exempt_kinds": ["kantin"]}
    )
    assert "exempt_kinds" in response.context["form"].errors
