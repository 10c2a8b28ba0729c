"""The phase editor: HR only, field errors, overlap and published-date rules, the preview."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import make_employee
from wfh.forms_phase import preview
from wfh.models import LocalDayOff, Mode, PatternKind, Phase, Programme, Roster, ScheduleDay


@pytest.fixture
def programme(db):
    return Programme.objects.create(slug="uji-wfh", name="Uji WFH")


def _data(programme, **overrides):
    data = {
        "programme": programme.pk,
        "name": "Tahap Desember",
        "slug": "",
        "order": 1,
        "start": "2025-12-01",
        "end": "2025-12-31",
        "pattern": PatternKind.WEEKDAY,
        "wfh_weekdays": ["3"],
        "optional_weekday": "",
        "ratio": "",
        "default_composition": "balanced",
        "weekly_cap": 2,
        "wfh_note": "Kamis kerja dari rumah",
        "action": "save",
    }
    data.update(overrides)
    return data


def _post(client, user, data, phase=None):
    client.force_login(user)
    url = reverse("wfh:phase_edit", args=[phase.slug]) if phase else reverse("wfh:phase_create")
    return client.post(url, data)


def test_hr_creates_a_phase_and_slug_comes_from_the_name(client, world, programme):
    response = _post(client, world.hr, _data(programme))
    assert response.status_code == 302
    phase = Phase.objects.get(programme=programme)
    assert phase.slug == "tahap-desember"
    assert response["Location"] == reverse("wfh:phase", args=[phase.slug])
    assert phase.wfh_weekdays == [3]
    assert phase.optional_weekday is None
    assert phase.wfh_note == "Kamis kerja dari rumah"


def test_rotation_phase_drops_weekdays(client, world, programme):
    data = _data(programme, pattern=PatternKind.ROTATION, ratio="0.5", wfh_weekdays=["1"])
    assert _post(client, world.hr, data).status_code == 302
    phase = Phase.objects.get(programme=programme)
    assert phase.wfh_weekdays == [] and float(phase.ratio) == 0.5


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"end": "2025-11-30"}, "end", "sebelum tanggal mulai"),
        ({"pattern": PatternKind.ROTATION, "ratio": "1.5"}, "ratio", ""),
        ({"pattern": PatternKind.ROTATION, "ratio": "-0.1"}, "ratio", ""),
        ({"pattern": PatternKind.ROTATION, "ratio": ""}, "ratio", "rasio"),
        ({"weekly_cap": 0}, "weekly_cap", ""),
        ({"weekly_cap": 6}, "weekly_cap", ""),
        ({"wfh_weekdays": ["5"]}, "wfh_weekdays", ""),
        ({"wfh_weekdays": []}, "wfh_weekdays", "sedikitnya satu hari"),
        ({"wfh_weekdays": ["0", "1", "2"], "weekly_cap": 2}, "wfh_weekdays", "melebihi batas"),
        ({"end": "2027-06-30"}, "end", "400 hari"),
    ],
)
def test_field_errors(client, world, programme, overrides, field, text):
    response = _post(client, world.hr, _data(programme, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert text in " ".join(errors[field])
    assert not Phase.objects.exists()
    assert 'class="field-error"' in response.content.decode()


def test_overlap_with_a_phase_of_the_same_programme_is_refused(client, world, programme):
    Phase.objects.create(
        programme=programme,
        slug="nov",
        name="November",
        start=dt.date(2025, 11, 1),
        end=dt.date(2025, 12, 5),
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )
    response = _post(client, world.hr, _data(programme))
    assert "bertumpuk dengan tahap November" in " ".join(response.context["form"].errors["start"])
    other = Programme.objects.create(slug="lain", name="Program lain")
    assert _post(client, world.hr, _data(other)).status_code == 302  # another programme: fine
    assert _post(client, world.hr, _data(programme, slug="nov")).context["form"].errors["slug"]


def _published_phase(world, programme):
    phase = Phase.objects.create(
        programme=programme,
        slug="des",
        name="Desember",
        start=dt.date(2025, 12, 1),
        end=dt.date(2025, 12, 31),
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )
    roster = Roster.objects.create(
        phase=phase, opd=world.kominfo, status="ready", workflow="published"
    )
    ScheduleDay.objects.create(
        employee=world.staff,
        day=dt.date(2025, 12, 4),
        mode=Mode.WFH,
        phase=phase,
        opd=world.kominfo,
        unit=world.it,
        roster=roster,
    )
    return phase


def test_published_phase_keeps_its_dates_but_other_fields_change(client, world, programme):
    phase = _published_phase(world, programme)
    data = _data(programme, name="Desember", slug="des", end="2026-01-15")
    response = _post(client, world.hr, data, phase)
    assert response.status_code == 200
    assert "sudah terbit" in " ".join(response.context["form"].errors["start"])
    phase.refresh_from_db()
    assert phase.end == dt.date(2025, 12, 31)

    data = _data(programme, name="Desember (diubah)", slug="des", wfh_note="Catatan baru")
    assert _post(client, world.hr, data, phase).status_code == 302
    phase.refresh_from_db()
    assert phase.name == "Desember (diubah)" and phase.wfh_note == "Catatan baru"


def test_edit_page_shows_the_saved_phase_preview(client, world, programme):
    phase = _published_phase(world, programme)
    client.force_login(world.hr)
    response = client.get(reverse("wfh:phase_edit", args=[phase.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jumat, 26 Desember 2025" in html  # cuti bersama Natal 2025
    assert response.context["published"]
    assert response.context["preview"].wfh_days[0] == dt.date(2025, 12, 4)


@pytest.mark.parametrize("user_attr", ["opd_admin", "atasan_user", "pegawai_user"])
def test_only_hr_may_create_edit_or_preview(client, world, programme, user_attr):
    user = getattr(world, user_attr)
    client.force_login(user)
    assert client.get(reverse("wfh:phase_create")).status_code == 403
    assert client.post(reverse("wfh:phase_preview"), _data(programme)).status_code == 403
    assert _post(client, user, _data(programme)).status_code == 403
    assert not Phase.objects.exists()


def test_preview_button_does_not_save(client, world, programme):
    response = _post(client, world.hr, _data(programme, action="preview"))
    assert response.status_code == 200
    assert not Phase.objects.exists()
    assert response.context["preview"] is not None


def test_htmx_preview_partial_marks_holidays_and_counts(client, world, programme):
    LocalDayOff.objects.create(date=dt.date(2025, 12, 10), name="Hari Jadi Kota")
    client.force_login(world.hr)
    response = client.post(
        reverse("wfh:phase_preview"), _data(programme), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment
    assert "Hari Jadi Kota" in html and "libur lokal" in html
    assert "Kamis, 25 Desember 2025" in html and "libur nasional" in html
    assert not Phase.objects.exists()


def test_preview_numbers_weekday_pattern(world):
    from opd.models import Opd

    result = preview(
        start=dt.date(2025, 12, 1),
        end=dt.date(2025, 12, 31),
        pattern=PatternKind.WEEKDAY,
        weekdays=[3],
        ratio=None,
        weekly_cap=2,
        opds=Opd.objects.all(),
    )
    # December 2025: 23 weekdays minus 25 Dec (Natal) and 26 Dec (cuti bersama)
    assert len(result.working) == 21
    assert {o["day"] for o in result.off} == {dt.date(2025, 12, 25), dt.date(2025, 12, 26)}
    # Thursdays 4, 11, 18 (25 is Christmas)
    assert result.wfh_days == [dt.date(2025, 12, d) for d in (4, 11, 18)]
    rows = {r.opd.code: r for r in result.rows}
    assert (rows["DISKOMINFO"].staff, rows["DISKOMINFO"].eligible) == (3, 3)
    assert rows["DISKOMINFO"].wfh_person_days == 9
    assert (rows["DISDUKCAPIL"].staff, rows["DISDUKCAPIL"].eligible) == (1, 0)  # frontline
    assert result.total_wfh_person_days == 9


def test_preview_numbers_rotation_excludes_frontline_and_ineligible(world):
    from opd.models import Opd

    make_employee(world.kominfo, world.sek, wfh_eligible=False, ineligible_reason="other")
    make_employee(world.kominfo, world.sek)
    result = preview(
        start=dt.date(2025, 12, 1),
        end=dt.date(2025, 12, 5),
        pattern=PatternKind.ROTATION,
        weekdays=[],
        ratio=0.5,
        weekly_cap=2,
        opds=Opd.objects.all(),
    )
    rows = {r.opd.code: r for r in result.rows}
    kominfo = rows["DISKOMINFO"]
    assert (kominfo.staff, kominfo.eligible) == (5, 4)
    assert (kominfo.wfh_per_day, kominfo.wfo_per_day) == (2, 3)
    assert kominfo.wfh_person_days == 10  # 2 a day over 5 working days
    assert rows["DISDUKCAPIL"].wfh_per_day == 0


def test_schedule_pages_show_the_buttons_to_hr_only(client, world, programme):
    phase = _published_phase(world, programme)
    client.force_login(world.hr)
    html = client.get(reverse("wfh:schedule")).content.decode()
    assert reverse("wfh:phase_create") in html and reverse("wfh:phase_edit", args=["des"]) in html
    html = client.get(reverse("wfh:phase", args=[phase.slug])).content.decode()
    assert reverse("wfh:phase_edit", args=["des"]) in html
    client.force_login(world.opd_admin)
    html = client.get(reverse("wfh:schedule")).content.decode()
    assert reverse("wfh:phase_create") not in html


def test_preview_reads_the_ratio_exactly_not_as_a_float(world):
    """0.29 x 100 is 29 at home a day; as floats it is 28.999999999999996, which floor made 28."""
    from opd.models import Opd

    for _ in range(97):  # DISKOMINFO's 3 eligible staff + 97 = 100
        make_employee(world.kominfo, world.sek)
    result = preview(
        start=dt.date(2025, 12, 1),
        end=dt.date(2025, 12, 5),
        pattern=PatternKind.ROTATION,
        weekdays=[],
        ratio=0.29,
        weekly_cap=2,
        opds=Opd.objects.filter(pk=world.kominfo.pk),
    )
    (row,) = result.rows
    assert row.eligible == 100
    assert row.wfh_per_day == 29


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pattern": PatternKind.ROTATION, "ratio": ""}, "Isi rasio WFH untuk pola rotasi"),
        ({"wfh_weekdays": []}, "Pilih sedikitnya satu hari WFH"),
    ],
)
def test_a_missing_ratio_or_weekday_is_named_once_on_its_field(
    client, world, programme, overrides, message
):
    response = _post(client, world.hr, _data(programme, **overrides))
    assert response.status_code == 200
    assert response.content.decode().count(message) == 1
    assert not Phase.objects.filter(programme=programme).exists()


def test_the_new_phase_form_speaks_indonesian_and_preselects_the_newest_programme(
    client, world, programme
):
    Programme.objects.create(slug="lama", name="Program lama")
    newest = Programme.objects.create(slug="baru", name="Program baru")
    client.force_login(world.hr)
    html = client.get(reverse("wfh:phase_create")).content.decode()
    assert 'for="id_programme">Program\n' in html
    assert "Programme" not in html and "---------" not in html
    assert f'<option value="{newest.pk}" selected>' in html
    assert "Urutan tahap dalam program" in html
