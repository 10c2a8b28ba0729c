"""The API's schedule reads for browser sessions follow the team calendar's rule
(opd.access.schedule_employees): a supervisor reads their team's days, future ones too, and no
one else's; an employee their own; an OPD admin their OPDs'; HR everything. API token clients
keep their OPD-scoped answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.attendance.conftest import publish
from tests.factories import make_employee
from wfh.models import Mode

DAY = dt.date(2025, 12, 4)


def future_weekday() -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=30)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def data(world):
    world.future = future_weekday()
    for day in (DAY, world.future):
        for employee, mode in [
            (world.head, Mode.WFO),
            (world.staff, Mode.WFH),
            (world.other, Mode.WFO),
            (world.clerk, Mode.WFO),
        ]:
            publish(employee, day, mode)
    return world


def session(username, world) -> APIClient:
    http = APIClient()
    assert http.login(username=username, password=world.password)
    return http


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [r["name"] for r in response.json()["results"]]


def test_a_supervisor_reads_their_teams_day_in_their_opd_and_no_other_staff(data):
    http = session("atasan", data)
    for day in (DAY, data.future):
        rows = names(http.get(f"/api/v1/schedule/?date={day}&opd=DISKOMINFO"))
        # the team (themself and Sari), not Dewi of the same OPD, not Andi of another
        assert rows == ["Budi Kepala", "Sari Staf"], day


def test_a_supervisor_asking_an_opd_outside_their_team_gets_the_clear_400(data):
    response = session("atasan", data).get(f"/api/v1/schedule/?date={DAY}&opd=DISDUKCAPIL")
    assert response.status_code == 400
    assert "DISDUKCAPIL" in response.json()["errors"]["opd"][0]


def test_a_supervisor_reads_a_team_members_future_days_but_not_other_staffs(data):
    http = session("atasan", data)
    start, end = timezone.localdate(), data.future
    url = f"/api/v1/employees/{data.staff.nip}/schedule/?from={start}&to={end}"
    body = http.get(url).json()
    assert [(r["date"], r["mode"]) for r in body["results"]] == [(end.isoformat(), "WFH")]
    for outsider in (data.other, data.clerk):
        url = f"/api/v1/employees/{outsider.nip}/schedule/?from={start}&to={end}"
        assert http.get(url).status_code == 404, outsider.name


def test_a_supervisors_team_below_two_levels_is_in_their_day(data):
    junior = make_employee(data.kominfo, data.it, name="Citra Junior", supervisor=data.staff)
    publish(junior, data.future, Mode.WFH)
    rows = names(
        session("atasan", data).get(f"/api/v1/schedule/?date={data.future}&opd=DISKOMINFO")
    )
    assert rows == ["Budi Kepala", "Citra Junior", "Sari Staf"]


def test_an_employee_reads_only_their_own_days(data):
    http = session("pegawai", data)
    assert names(http.get(f"/api/v1/schedule/?date={data.future}&opd=DISKOMINFO")) == ["Sari Staf"]
    start = timezone.localdate()
    own = http.get(f"/api/v1/employees/{data.staff.nip}/schedule/?from={start}&to={data.future}")
    assert own.json()["count"] == 1
    # their supervisor's and their unit colleagues' days are not theirs to read through the API
    boss = f"/api/v1/employees/{data.head.nip}/schedule/?from={start}&to={data.future}"
    assert http.get(boss).status_code == 404


def test_an_opd_admin_reads_their_opds_whole_day_and_hr_every_opd(data):
    admin = session("admin.kominfo", data)
    assert names(admin.get(f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO")) == [
        "Dewi Sekretariat",
        "Budi Kepala",
        "Sari Staf",
    ]
    assert admin.get(f"/api/v1/schedule/?date={DAY}&opd=DISDUKCAPIL").status_code == 400
    hr = session("hr", data)
    assert names(hr.get(f"/api/v1/schedule/?date={DAY}&opd=DISDUKCAPIL")) == ["Andi Loket"]


def test_a_token_client_keeps_its_opd_scoped_answers(data, make_client):
    scoped = make_client(["schedule:read"], opds=[data.kominfo])
    assert len(names(scoped.get(f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO"))) == 3
    assert scoped.get(f"/api/v1/schedule/?date={DAY}&opd=DISDUKCAPIL").status_code == 400
    clerk = f"/api/v1/employees/{data.clerk.nip}/schedule/?from={DAY}&to={DAY}"
    assert scoped.get(clerk).status_code == 404
    unrestricted = make_client(["schedule:read"])
    assert names(unrestricted.get(f"/api/v1/schedule/?date={DAY}&opd=DISDUKCAPIL")) == [
        "Andi Loket"
    ]


def test_a_supervisors_schedule_answers_304_to_its_etag(data):
    http = session("atasan", data)
    url = f"/api/v1/schedule/?date={data.future}&opd=DISKOMINFO"
    first = http.get(url)
    again = http.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    # another caller's answer (the whole OPD) is another body, so another tag
    admin = session("admin.kominfo", data).get(url)
    assert admin["ETag"] != first["ETag"]


def test_a_supervisor_reads_the_calendar_of_their_teams_opd_only(data):
    http = session("atasan", data)
    year = DAY.year
    assert http.get(f"/api/v1/calendar/?year={year}&opd=DISKOMINFO").status_code == 200
    outside = http.get(f"/api/v1/calendar/?year={year}&opd=DISDUKCAPIL")
    assert outside.status_code == 400 and "DISDUKCAPIL" in str(outside.json()["errors"]["opd"])


@pytest.mark.parametrize("team_size", [2, 30])
def test_a_supervisors_schedule_reads_take_the_same_queries_whatever_the_team(
    data, team_size, django_assert_max_num_queries
):
    for i in range(team_size):
        member = make_employee(data.kominfo, data.it, name=f"Staf {i:02d}", supervisor=data.head)
        publish(member, data.future, Mode.WFO)
    http = session("atasan", data)
    url = f"/api/v1/schedule/?date={data.future}&opd=DISKOMINFO&page_size=100"
    with django_assert_max_num_queries(QUERIES):
        response = http.get(url)
    assert response.json()["count"] == team_size + 2
    nip = data.staff.nip
    with django_assert_max_num_queries(QUERIES):
        response = http.get(f"/api/v1/employees/{nip}/schedule/?from={DAY}&to={DAY}")
    assert response.json()["count"] == 1


# session and user (2), the caller's scope (3), the team twice (the `opd` check and the rows),
# one query per level of the supervisor chain each (2 levels here: 4), the OPD, count and rows
QUERIES = 12
