"""HR's page to create and change the plan of the kajian: field errors, HR only, links."""

from __future__ import annotations

import datetime as dt

import pytest

from evaluation.models import EvaluationPlan
from wfh.models import Phase, Programme
from wfh.presets import preset_load

NEW = "/evaluasi/rencana/"


def login(client, world, username):
    assert client.login(username=username, password=world.password)


@pytest.fixture
def phases(world):
    preset_load(name="jabar-2025")
    return list(Phase.objects.filter(slug__startswith="jabar-2025-tahap").order_by("start"))


def form_data(phases, **overrides):
    data = {
        "programme": phases[0].programme_id,
        "baseline_label": "Oktober 2025",
        "baseline_start": "2025-10-01",
        "baseline_end": "2025-10-31",
        "phases": [p.pk for p in phases],
        "next_period": "Tahun 2026",
    }
    data.update(overrides)
    return data


def test_hr_creates_a_plan_and_is_sent_to_the_report(client, world, phases):
    login(client, world, "hr")
    page = client.get("/evaluasi/")
    assert NEW in page.content.decode()  # the empty report links to the new plan page
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, form_data(phases))
    assert response.status_code == 302 and response["Location"] == "/evaluasi/"
    plan = EvaluationPlan.objects.get()
    assert plan.programme_id == phases[0].programme_id
    assert (plan.baseline_start, plan.baseline_end) == (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert set(plan.phases.all()) == set(phases)
    assert plan.next_period == "Tahun 2026"
    body = client.get("/evaluasi/").content.decode()
    assert f"/evaluasi/rencana/{plan.pk}/ubah/" in body


def test_hr_changes_the_plan(client, world, phases, plan):
    login(client, world, "hr")
    url = f"/evaluasi/rencana/{plan.pk}/ubah/"
    page = client.get(url).content.decode()
    assert 'value="Oktober 2025"' in page and 'value="2025-10-01"' in page
    response = client.post(
        url,
        form_data(
            phases[:1],
            baseline_label="September 2025",
            baseline_start="2025-09-01",
            baseline_end="2025-09-30",
        ),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.baseline_label == "September 2025"
    assert plan.baseline_end == dt.date(2025, 9, 30)
    assert list(plan.phases.all()) == phases[:1]
    assert EvaluationPlan.objects.count() == 1


def errors_of(response):
    assert response.status_code == 200
    return response.context["form"].errors


def test_baseline_ending_before_it_starts_is_a_field_error(client, world, phases):
    login(client, world, "hr")
    errors = errors_of(client.post(NEW, form_data(phases, baseline_end="2025-09-30")))
    assert "baseline_end" in errors
    assert "sebelum awalnya" in errors["baseline_end"][0]
    assert not EvaluationPlan.objects.exists()


def test_at_least_one_phase(client, world, phases):
    login(client, world, "hr")
    data = form_data(phases)
    del data["phases"]
    errors = errors_of(client.post(NEW, data))
    assert errors["phases"] == ["Pilih paling sedikit satu tahap."]
    assert not EvaluationPlan.objects.exists()


def test_a_phase_overlapping_the_baseline_is_refused_naming_it(client, world, phases):
    login(client, world, "hr")
    first = phases[0]
    data = form_data(
        phases,
        baseline_start=(first.start - dt.timedelta(days=3)).isoformat(),
        baseline_end=first.start.isoformat(),
    )
    response = client.post(NEW, data)
    errors = errors_of(response)
    assert len(errors["phases"]) == 1 and first.name in errors["phases"][0]
    assert "beririsan" in response.content.decode()
    assert not EvaluationPlan.objects.exists()


def test_a_phase_of_another_programme_is_refused(client, world, phases):
    other = Programme.objects.create(slug="lain", name="Program lain")
    login(client, world, "hr")
    errors = errors_of(client.post(NEW, form_data(phases, programme=other.pk)))
    assert "phases" in errors and "Program lain" in errors["phases"][0]


def test_one_plan_per_programme(client, world, phases, plan):
    login(client, world, "hr")
    errors = errors_of(client.post(NEW, form_data(phases)))
    assert "programme" in errors
    assert EvaluationPlan.objects.count() == 1


@pytest.mark.parametrize("username", ["admin.kominfo", "atasan", "pegawai"])
def test_only_hr_may_open_or_post_the_plan_pages(client, world, plan, phases, username):
    login(client, world, username)
    edit = f"/evaluasi/rencana/{plan.pk}/ubah/"
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data(phases)).status_code == 403
    assert client.get(edit).status_code == 403
    assert client.post(edit, form_data(phases, baseline_label="X")).status_code == 403
    plan.refresh_from_db()
    assert plan.baseline_label == "Oktober 2025"


def test_an_opd_admin_sees_no_plan_link_on_the_report(client, world, plan):
    login(client, world, "admin.kominfo")
    body = client.get("/evaluasi/").content.decode()
    assert "/evaluasi/rencana/" not in body
