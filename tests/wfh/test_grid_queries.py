"""Query bounds on the two heaviest everyday pages: the roster grid of a 500-person OPD over a
month, and the employee's home (the check-in page) in that OPD. The roster is generated and
published by calling wfh.rosters directly (no worker), then each page is fetched under
django_assert_max_num_queries."""

from __future__ import annotations

from calendar import monthrange

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from opd.models import AsnType, Employee, UnitRole
from opd.services import placements_sync
from tests.factories import make_nip, make_opd, make_unit, make_user
from wfh.calendar import working_days
from wfh.models import Mode, PatternKind, Phase, Programme, Roster, ScheduleDay
from wfh.rosters import generation, publication

SIZE = 500
GRID_BOUND = 25  # the grid's own test (test_roster_grid) holds it to the same bound
HOME_BOUND = 20


@pytest.fixture
def big_opd(db):
    """A 500-person OPD in 5 units, a one-month Thursday phase covering today, published."""
    today = timezone.localdate()
    start = today.replace(day=1)
    end = today.replace(day=monthrange(today.year, today.month)[1])
    opd = make_opd("DINASBESAR", name="Dinas Besar")
    units = [make_unit(opd, f"U{i}", min_onsite=10) for i in range(5)]
    Employee.objects.bulk_create(
        Employee(
            opd=opd,
            unit=units[n % 5],
            nip=make_nip(AsnType.PNS),
            name=f"Pegawai Besar {n:03d}",
            asn_type=AsnType.PNS,
            unit_role=UnitRole.HEAD if n < 5 else UnitRole.STAFF,
        )
        for n in range(SIZE)
    )
    placements_sync(effective=start)
    programme = Programme.objects.create(slug="besar", name="Program besar")
    phase = Phase.objects.create(
        programme=programme,
        slug="besar-1",
        name="Bulan ini",
        start=start,
        end=end,
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )
    hr = make_user("hr.besar", Role.HR)
    [roster] = generation.rosters_start(phase=phase, opds=[opd], user=hr, seed=7)
    assert generation.roster_claim(roster_id=roster.pk)
    roster = generation.roster_build(roster_id=roster.pk)
    assert roster.status == Roster.Status.READY, roster.error
    publication.roster_publish(roster=roster, user=hr)
    employee = Employee.objects.filter(opd=opd).order_by("pk")[10]
    employee.user = make_user("pegawai.besar", Role.EMPLOYEE)
    employee.save(update_fields=["user"])
    return {"opd": opd, "phase": phase, "roster": roster, "hr": hr, "employee": employee}


def test_roster_grid_of_500_people_over_a_month(client, big_opd, django_assert_max_num_queries):
    roster, phase = big_opd["roster"], big_opd["phase"]
    days = working_days(phase.start, phase.end, opd_id=big_opd["opd"].pk)
    assert roster.assignments.count() == SIZE * len(days)
    client.force_login(big_opd["hr"])
    url = reverse("wfh:roster", args=[roster.pk])
    with django_assert_max_num_queries(GRID_BOUND):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="cell m-') == 100 * len(days)  # the first page of 100 people
    with django_assert_max_num_queries(GRID_BOUND):
        response = client.get(url, {"page": 5, "unit": big_opd["opd"].units.first().pk})
    assert response.status_code == 200


def test_employee_home_in_a_500_person_opd(client, big_opd, django_assert_max_num_queries):
    employee = big_opd["employee"]
    today = timezone.localdate()
    assert ScheduleDay.objects.filter(opd=big_opd["opd"]).count() > SIZE
    client.force_login(employee.user)
    with django_assert_max_num_queries(HOME_BOUND):
        response = client.get(reverse("attendance:checkin"))
    assert response.status_code == 200
    plans = [response.context["today"], *response.context["upcoming"]]
    published = dict(
        ScheduleDay.objects.filter(employee=employee, day__gte=today).values_list("day", "mode")
    )
    # each published day of the coming two weeks shows its mode (WFH only on Thursdays)
    for plan in plans:
        if plan.day in published and published[plan.day] != Mode.LEAVE:
            assert plan.claimed_mode == published[plan.day], plan
            if published[plan.day] == Mode.WFH:
                assert plan.day.weekday() == 3
