"""The planner's pages: who may open them, the proposal with its reasons, accepting after the
confirmation, the list and a plan, withdrawing, bad input named, and the Presensi page's seat."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from unittest import mock

import pytest
from django.urls import reverse

from buildings.models_plans import ConsolidationPlan, PlanStatus
from config.navigation import review_badge_queries
from opd.access import scope_for
from tests.buildings.conftest import THURSDAY

pytestmark = pytest.mark.usefixtures("on_today")


def _query(campus, *buildings):
    return {
        "phase": campus.phase.pk,
        "buildings": [b.pk for b in buildings or [campus.pemkot]],
        "weekdays": [THURSDAY],
    }


def _preview(client, campus, *buildings):
    return client.get(reverse("buildings_plans:new"), _query(campus, *buildings))


@pytest.mark.parametrize("name", ["list", "new"])
def test_employees_and_supervisors_may_not_open_the_planner(client, campus, world, name):
    for user in (world.pegawai_user, world.atasan_user):
        client.force_login(user)
        assert client.get(reverse(f"buildings_plans:{name}")).status_code == 403


def test_the_empty_list_says_what_to_do(client, campus, world):
    client.force_login(world.hr)
    response = client.get(reverse("buildings_plans:list"))
    assert "Belum ada rencana yang diterima" in response.content.decode()


def test_the_proposal_shows_each_zone_with_its_reason_and_the_saving(
    client, campus, world, django_assert_max_num_queries
):
    client.force_login(world.hr)
    # the page's own, and the review entries' badges
    with django_assert_max_num_queries(20 + review_badge_queries(scope_for(world.hr))):
        response = _preview(client, campus)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tetap buka: unit layanan langsung Loket Pelayanan bekerja di sini." in page
    assert "Ditutup: 1 orang pindah ke Lantai 1, Zona A." in page
    assert "Ditutup: tidak ada yang dijadwalkan di kantor" in page
    n = len(campus.thursdays)
    assert f"{2 * n} zona-hari ditutup" in page
    assert "Senin, 4 Januari 2027" in page  # dates as people write them
    assert 'id="accept-plan"' in page


def test_accepting_asks_for_confirmation_then_records_the_plan(client, campus, world):
    client.force_login(world.hr)
    fingerprint = _preview(client, campus).context["proposal"].fingerprint
    data = {**_query(campus), "fingerprint": fingerprint}
    confirm = client.post(reverse("buildings_plans:accept"), data)
    assert "Terima rencana ini?" in confirm.content.decode()
    assert not ConsolidationPlan.objects.exists()
    done = client.post(reverse("buildings_plans:accept"), {**data, "confirm": "1"})
    plan = ConsolidationPlan.objects.get()
    assert done.status_code == 302 and done.url == reverse("buildings_plans:detail", args=[plan.pk])
    detail = client.get(done.url).content.decode()
    assert "Bidang TIK" in detail and "Lantai 1, Zona A" in detail
    listing = client.get(reverse("buildings_plans:list")).content.decode()
    assert "Kamis Januari 2027" in listing and "Diterima" in listing


def test_a_stale_fingerprint_is_refused_on_the_form(client, campus, world):
    client.force_login(world.hr)
    data = {**_query(campus), "fingerprint": "0" * 64, "confirm": "1"}
    response = client.post(reverse("buildings_plans:accept"), data)
    assert "berubah sejak pratinjau" in response.content.decode()
    assert not ConsolidationPlan.objects.exists()


def test_bad_input_is_named_not_a_500(client, campus, world):
    client.force_login(world.hr)
    response = client.get(reverse("buildings_plans:new"), {"phase": "x", "buildings": ["y"]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tahap yang dipilih tidak ada" in page
    response = client.get(reverse("buildings_plans:new"), {"phase": campus.phase.pk})
    assert "Pilih sedikitnya satu gedung." in response.content.decode()


def test_an_opd_admin_may_not_plan_another_opds_building(client, campus, world):
    client.force_login(world.opd_admin)
    page = client.get(reverse("buildings_plans:new")).content.decode()
    assert "Gedung Pemkot" in page and "Gedung Dinkes" not in page
    response = _preview(client, campus, campus.dinkes)
    assert "bukan gedung OPD Anda" in response.content.decode()
    assert response.context["proposal"] is None


def test_an_opd_admin_sees_only_plans_of_their_buildings(client, campus, world):
    client.force_login(world.hr)
    query = _query(campus, campus.pemkot, campus.dinkes)  # Dinkes's zone stays open
    fingerprint = client.get(reverse("buildings_plans:new"), query).context["proposal"].fingerprint
    client.post(
        reverse("buildings_plans:accept"), {**query, "fingerprint": fingerprint, "confirm": "1"}
    )
    plan = ConsolidationPlan.objects.get()
    client.force_login(world.opd_admin)
    assert client.get(reverse("buildings_plans:detail", args=[plan.pk])).status_code == 404
    assert "Belum ada rencana" in client.get(reverse("buildings_plans:list")).content.decode()


def test_withdrawing_after_confirmation(client, campus, world):
    client.force_login(world.hr)
    fingerprint = _preview(client, campus).context["proposal"].fingerprint
    client.post(
        reverse("buildings_plans:accept"),
        {**_query(campus), "fingerprint": fingerprint, "confirm": "1"},
    )
    plan = ConsolidationPlan.objects.get()
    url = reverse("buildings_plans:withdraw", args=[plan.pk])
    assert "Tarik rencana" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.WITHDRAWN


def test_the_menu_shows_the_planner_to_hr_and_opd_admins_only(client, campus, world):
    url = reverse("buildings_plans:list")
    for user, shown in ((world.hr, True), (world.opd_admin, True), (world.pegawai_user, False)):
        client.force_login(user)
        page = client.get(reverse("attendance:checkin")).content.decode()
        assert (f'href="{url}"' in page) is shown, user


def test_the_presensi_page_says_where_to_sit_on_a_moved_day(client, campus, world):
    client.force_login(world.hr)
    fingerprint = _preview(client, campus).context["proposal"].fingerprint
    client.post(
        reverse("buildings_plans:accept"),
        {**_query(campus), "fingerprint": fingerprint, "confirm": "1"},
    )
    thursday_morning = dt.datetime.combine(
        campus.thursdays[0], dt.time(7, 15), zoneinfo.ZoneInfo("Asia/Jakarta")
    )
    with mock.patch("django.utils.timezone.now", return_value=thursday_morning):
        client.force_login(world.atasan_user)  # Budi, head of TIK, on site on Thursdays
        page = client.get(reverse("attendance:checkin")).content.decode()
    assert "Hari ini Anda duduk di Lantai 1, Zona A (Gedung Pemkot)." in page
    assert "Zona B ditutup hari ini" in page
    friday_morning = thursday_morning + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=friday_morning):
        client.force_login(world.atasan_user)  # sessions idle out overnight
        page = client.get(reverse("attendance:checkin")).content.decode()
    assert "Hari ini Anda duduk di Lantai 2, Zona B (Gedung Pemkot)." in page


def test_the_proposal_reads_in_english(client, campus, world):
    from django.conf import settings

    client.force_login(world.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _preview(client, campus).content.decode()
    assert "Stays open: the frontline unit Loket Pelayanan works here." in page
    assert "Closed: the people on site (1) move to Floor 1, Zona A." in page
    assert "Monday, 4 January 2027" in page
