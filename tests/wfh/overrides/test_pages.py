"""The HR page of declared days (preview, confirm, revoke with confirmation) and the OPD's page
of individual orders, through the test client."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import TestCase

from tests.wfh.overrides.conftest import D
from wfh.models import ScheduleDay, Source
from wfh.overrides.models import DeclaredDay, OverrideStatus, WfhOrder

URL = "/jadwal/ditetapkan/"


def _form(**extra):
    data = {
        "start": "2025-11-10",
        "end": "2025-11-11",
        "mode": "WFA",
        "reference": "SE MenPANRB 2/2026",
        "exempt_opds": ["DISHUB"],
        "exempt_kinds": ["puskesmas"],
    }
    data.update(extra)
    return data


@pytest.fixture
def before_phase():
    """The pages read each OPD's today: put it before jabar-2025's phases."""
    with mock.patch("opd.models.Opd.local_today", return_value=D(2025, 11, 1)):
        yield


@pytest.mark.django_db
def test_hr_previews_then_confirms_then_revokes_a_declaration(client, city, before_phase):
    w = city.w
    client.force_login(w.hr)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Belum ada hari yang ditetapkan" in page.content.decode()
    assert "data-opd-picker" in page.content.decode()

    preview = client.post(URL, _form(action="preview"))
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Pratinjau" in body and "Ya, tetapkan" in body
    assert not DeclaredDay.objects.exists()

    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(URL, _form(action="confirm"))
    assert done.status_code == 302
    declared = DeclaredDay.objects.get()
    assert list(declared.exempt_opds.values_list("code", flat=True)) == ["DISHUB"]
    listing = client.get(URL).content.decode()
    assert "SE MenPANRB 2/2026" in listing and "Senin, 10 November 2025" in listing
    assert ScheduleDay.objects.filter(source=Source.DECLARED).exists()

    confirm = client.get(f"{URL}{declared.pk}/cabut/")
    assert "Ya, cabut penetapan ini" in confirm.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"{URL}{declared.pk}/cabut/")
    declared.refresh_from_db()
    assert declared.status == OverrideStatus.REVOKED
    assert not ScheduleDay.objects.filter(source=Source.DECLARED).exists()


@pytest.mark.django_db
def test_a_bad_share_on_the_form_is_shown_by_its_field_and_nothing_is_saved(client, city):
    client.force_login(city.w.hr)
    response = client.post(URL, _form(action="confirm", share="separuh"))
    assert response.status_code == 400
    assert 'id="id_share_error"' in response.content.decode()
    assert not DeclaredDay.objects.exists()


@pytest.mark.django_db
def test_only_hr_opens_the_declared_days_page(client, city):
    client.force_login(city.w.opd_admin)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form(action="confirm")).status_code == 403


@pytest.mark.django_db
def test_an_opd_admin_issues_an_order_over_the_cap_only_with_a_reason(client, city, settings):
    w = city.w
    client.force_login(w.opd_admin)
    # phase I: Thursday 13 November is WFH already; Mon-Tue make three days in the week (cap 2)
    data = {
        "opd": "DISKOMINFO",
        "nips": w.staff.nip,
        "start": "2025-11-10",
        "end": "2025-11-11",
        "number": "800/12/DISKOMINFO/2025",
        "reason": "banjir",
    }
    with mock.patch("opd.models.Opd.local_today", return_value=D(2025, 11, 1)):
        refused = client.post("/jadwal/perintah-wfh/", data)
        assert refused.status_code == 400
        body = refused.content.decode()
        assert "Batas mingguan" in body and 'id="id_departure_reason_error"' in body
        assert not WfhOrder.objects.exists()
        with TestCase.captureOnCommitCallbacks(execute=True):
            done = client.post(
                "/jadwal/perintah-wfh/", {**data, "departure_reason": "Rumah terendam banjir"}
            )
    assert done.status_code == 302
    order = WfhOrder.objects.get()
    assert order.departures and order.departure_reason == "Rumah terendam banjir"
    assert ScheduleDay.objects.get(employee=w.staff, day=D(2025, 11, 10)).source == Source.ORDER
    listing = client.get("/jadwal/perintah-wfh/").content.decode()
    assert "Rumah terendam banjir" in listing and "Batas mingguan" in listing


@pytest.mark.django_db
def test_an_opd_admin_cannot_order_staff_of_another_opd(client, city):
    client.force_login(city.w.opd_admin)
    response = client.post(
        "/jadwal/perintah-wfh/",
        {
            "opd": "DISDUKCAPIL",
            "nips": city.w.clerk.nip,
            "start": "2030-11-10",
            "end": "2030-11-10",
            "number": "1",
            "reason": "banjir",
        },
    )
    assert response.status_code == 400  # DISDUKCAPIL is not among the OPDs they may pick
    assert not WfhOrder.objects.exists()
