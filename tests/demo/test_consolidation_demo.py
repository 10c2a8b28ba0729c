"""The buildings story of the demo (issue 16 point 5): after seeding, the Pemkot centre's floors
stand nearly empty on the WFH Thursdays, a plan for the coming Thursdays closes some of them with
a saving HR can accept, and the energy evaluation counts what the trial's accepted plan saved in
closed zones. Seeded once for this module."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import User
from buildings import forecast, plans
from buildings.models import Building, Meter, MeterReading
from buildings.models_plans import ConsolidationPlan, PlanStatus
from demo.buildings import buildings_seed
from demo.city import city_seed
from demo.seed import activity_seed
from evaluation import energy
from evaluation.views_energy import default_period
from tests.demo.conftest import built_once
from wfh.models import Phase

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 2)  # a Wednesday; the demo moves the 2026 WFH day to Monday 14 Dec
THURSDAY = 3


def seed_world():
    city_seed(employees=260, seed=7, password="demo12345")
    buildings_seed()
    now = timezone.make_aware(dt.datetime(2026, 12, 1, 20, 0))  # no morning of today's events
    return activity_seed(days=14, seed=7, today=TODAY, now=now)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, seed_world)


def _pemkot() -> Building:
    return Building.objects.get(code="PEMKOT")


def test_the_pemkot_floors_stand_nearly_empty_on_the_thursdays_only(demo, client):
    month = forecast.building_month(_pemkot(), year=2026, month=11)
    closable = [r for r in month.rows if not r.zone.always_on]
    assert closable
    by_day: dict[dt.date, int] = {}
    for i, day in enumerate(month.days):
        if day in month.published:
            by_day[day] = sum(
                forecast.is_nearly_empty(r.cells[i].onsite, r.cells[i].capacity) for r in closable
            )
    thursdays = [d for d in by_day if d.weekday() == THURSDAY]
    others = [d for d in by_day if d.weekday() in (0, 1, 2)]
    assert len(thursdays) >= 3 and others
    assert all(by_day[d] * 2 >= len(closable) for d in thursdays), by_day
    assert not any(by_day[d] for d in others), by_day
    assert set(thursdays) <= set(month.nearly_empty_days)
    # the ledger sees the same Thursdays as WFH days of the building
    work = [d for d in by_day if d.weekday() < 5]
    wfh = energy.wfh_days_by_building(
        buildings=[_pemkot()], start=min(work), end=max(work), work=work
    )
    assert set(thursdays) <= wfh[_pemkot().pk]
    client.force_login(User.objects.get(username="hr.demo"))
    assert client.get("/gedung/PEMKOT/okupansi/?bulan=2026-11").status_code == 200


def test_the_electricity_meters_estimate_an_office_day_from_their_readings(demo):
    meter = Meter.objects.get(building=_pemkot(), code="PLN-1")
    readings = dict(
        MeterReading.objects.filter(
            meter=meter, start__gte=dt.date(2026, 11, 2), end__lte=dt.date(2026, 11, 27)
        ).values_list("start", "value")
    )
    office = [v for d, v in readings.items() if d.weekday() in (0, 1, 2)]
    wfh = [v for d, v in readings.items() if d.weekday() == THURSDAY]
    assert office and wfh
    assert min(office) <= meter.daily_estimate <= max(office)
    assert meter.daily_estimate > max(wfh)


def test_a_plan_for_the_coming_thursdays_closes_floors_with_a_saving_and_hr_can_accept_it(demo):
    phase = Phase.objects.get(slug="jabar-2026-kamis")
    args = {"phase": phase, "buildings": [_pemkot()], "weekdays": [THURSDAY], "today": TODAY}
    proposal = plans.proposal_build(**args)
    # the plan stops before the demo's change of the weekday to Monday (14 December)
    assert (proposal.start, proposal.end) == (TODAY, dt.date(2026, 12, 13))
    [block] = proposal.blocks
    assert block.days == (dt.date(2026, 12, 3), dt.date(2026, 12, 10))
    assert block.closed >= 1
    assert proposal.plan.kwh > 0 and proposal.plan.rupiah > 0
    hr = User.objects.get(username="hr.demo")
    plan = plans.plan_accept(**args, user=hr, fingerprint=proposal.fingerprint)
    assert plan.status == PlanStatus.ACCEPTED and plan.rupiah == proposal.plan.rupiah.quantize(
        Decimal("0.01")
    )


def test_the_energy_evaluation_counts_what_the_trial_plan_saved_in_closed_zones(demo, client):
    plan = ConsolidationPlan.objects.get(phase__slug="jabar-2025-tahap-1")
    assert plan.status == PlanStatus.ACCEPTED and plan.zone_days > 0 and plan.kwh > 0
    assert plan.accepted_by.username == "hr.demo"
    period = default_period(TODAY)
    assert period["start"] <= plan.start and plan.end <= period["end"]
    report = energy.energy_report(buildings=[_pemkot()], **period)
    assert report.split.total > 0
    assert Decimal(0) < report.split.closed_zones < report.split.total
    client.force_login(User.objects.get(username="hr.demo"))
    page = client.get("/evaluasi/energi/").content.decode()
    assert 'data-figure="closed-kwh"' in page
    assert "Belum ada rencana penutupan zona yang tercatat" not in page
