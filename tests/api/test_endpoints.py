"""Every read endpoint: the right scope answers 200, another scope 403; OPD restriction holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from attendance.models import DailyRecord, DayStatus, OpdDaySummary
from tests.api.conftest import ALL_SCOPES
from tests.attendance.conftest import publish
from wfh.models import Mode

DAY = dt.date(2025, 12, 4)


@pytest.fixture
def data(world):
    for employee, mode in [
        (world.head, Mode.WFO),
        (world.staff, Mode.WFH),
        (world.other, Mode.WFO),
        (world.clerk, Mode.WFO),
    ]:
        publish(employee, DAY, mode)
    publish(world.staff, DAY + dt.timedelta(days=1), Mode.WFO)
    now = timezone.now()
    for employee in (world.head, world.staff, world.other, world.clerk):
        DailyRecord.objects.create(
            employee=employee,
            day=DAY,
            opd=employee.opd,
            unit=employee.unit,
            scheduled_mode=Mode.WFO,
            status=DayStatus.HADIR_WFO,
            computed_at=now,
        )
    for opd in (world.kominfo, world.dukcapil):
        OpdDaySummary.objects.create(opd=opd, day=DAY, headcount=2, computed_at=now)
    return world


def endpoints(world) -> list[tuple[str, str]]:
    return [
        ("org:read", "/api/v1/opds/"),
        ("org:read", "/api/v1/opds/DISKOMINFO/"),
        ("schedule:read", f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO"),
        ("schedule:read", f"/api/v1/employees/{world.staff.nip}/schedule/?from={DAY}&to={DAY}"),
        ("attendance:read", f"/api/v1/attendance/daily/?date={DAY}"),
        ("summary:read", f"/api/v1/summaries/opd/?date={DAY}"),
    ]


def test_each_endpoint_answers_its_scope_and_refuses_every_other(data, make_client):
    for scope, url in endpoints(data):
        assert make_client([scope]).get(url).status_code == 200, (scope, url)
        for other in ALL_SCOPES:
            if other != scope:
                response = make_client([other]).get(url)
                assert response.status_code == 403, (other, url)
                assert response.json()["code"] == "permission_denied"


def test_the_schedule_lists_each_employee_with_nip_name_unit_and_mode(data, make_client):
    http = make_client(["schedule:read"])
    body = http.get(f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO").json()
    assert body["count"] == 3
    # ordered by unit code, then name
    assert [(r["unit"], r["name"], r["mode"]) for r in body["results"]] == [
        ("SEK", "Dewi Sekretariat", "WFO"),
        ("TIK", "Budi Kepala", "WFO"),
        ("TIK", "Sari Staf", "WFH"),
    ]
    assert body["results"][2]["nip"] == data.staff.nip


def test_the_schedule_answers_304_to_its_own_etag(data, make_client):
    http = make_client(["schedule:read"])
    url = f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO"
    first = http.get(url)
    etag = first["ETag"]
    again = http.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    publish(data.staff, DAY + dt.timedelta(days=7), Mode.WFH)  # another day: same answer
    assert http.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    from wfh.models import ScheduleDay

    ScheduleDay.objects.filter(employee=data.staff, day=DAY).update(mode=Mode.WFO)
    changed = http.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_schedule_needs_the_opd_parameter(data, make_client):
    response = make_client(["schedule:read"]).get(f"/api/v1/schedule/?date={DAY}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["opd"]


def test_an_employees_schedule_over_a_range(data, make_client):
    http = make_client(["schedule:read"])
    url = f"/api/v1/employees/{data.staff.nip}/schedule/?from={DAY}&to={DAY + dt.timedelta(days=1)}"
    body = http.get(url).json()
    assert [(r["date"], r["mode"]) for r in body["results"]] == [
        (str(DAY), "WFH"),
        (str(DAY + dt.timedelta(days=1)), "WFO"),
    ]
    assert "ETag" in http.get(url)


def test_an_employees_schedule_refuses_a_reversed_or_too_long_range(data, make_client):
    http = make_client(["schedule:read"])
    base = f"/api/v1/employees/{data.staff.nip}/schedule/"
    reversed_ = http.get(f"{base}?from=2025-12-05&to=2025-12-01")
    assert reversed_.status_code == 400 and list(reversed_.json()["errors"]) == ["to"]
    too_long = http.get(f"{base}?from=2025-01-01&to=2026-06-01")
    assert too_long.status_code == 400 and "366" in too_long.json()["errors"]["to"][0]
    missing = http.get(base)
    assert set(missing.json()["errors"]) == {"from", "to"}


def test_an_unknown_nip_answers_404(data, make_client):
    response = make_client(["schedule:read"]).get(
        "/api/v1/employees/199001012015031999/schedule/?from=2025-12-01&to=2025-12-05"
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_an_opd_restricted_client_sees_only_its_opd(data, make_client):
    http = make_client(ALL_SCOPES, opds=[data.kominfo])
    assert [o["code"] for o in http.get("/api/v1/opds/").json()["results"]] == ["DISKOMINFO"]
    assert http.get("/api/v1/opds/DISDUKCAPIL/").status_code == 404
    other_schedule = http.get(f"/api/v1/schedule/?date={DAY}&opd=DISDUKCAPIL")
    assert other_schedule.status_code == 400
    assert "DISDUKCAPIL" in other_schedule.json()["errors"]["opd"][0]
    clerk = f"/api/v1/employees/{data.clerk.nip}/schedule/?from={DAY}&to={DAY}"
    assert http.get(clerk).status_code == 404
    daily = http.get(f"/api/v1/attendance/daily/?date={DAY}").json()
    assert {r["opd"] for r in daily["results"]} == {"DISKOMINFO"} and daily["count"] == 3
    assert http.get(f"/api/v1/attendance/daily/?date={DAY}&opd=DISDUKCAPIL").status_code == 400
    summaries = http.get(f"/api/v1/summaries/opd/?date={DAY}").json()
    assert [r["opd"] for r in summaries["results"]] == ["DISKOMINFO"]


def test_an_unrestricted_client_sees_every_opd(data, make_client):
    http = make_client(["summary:read", "attendance:read"])
    summaries = http.get(f"/api/v1/summaries/opd/?date={DAY}").json()
    assert [r["opd"] for r in summaries["results"]] == ["DISDUKCAPIL", "DISKOMINFO"]
    assert http.get(f"/api/v1/attendance/daily/?date={DAY}").json()["count"] == 4


def test_lists_are_paginated_with_a_maximum_page_size(data, make_client):
    http = make_client(["attendance:read"])
    page = http.get(f"/api/v1/attendance/daily/?date={DAY}&page_size=3").json()
    assert page["count"] == 4 and len(page["results"]) == 3 and page["next"]
    rest = http.get(page["next"]).json()
    assert len(rest["results"]) == 1
    names = [r["name"] for r in page["results"] + rest["results"]]
    assert names == ["Andi Loket", "Budi Kepala", "Dewi Sekretariat", "Sari Staf"]
    big = http.get(f"/api/v1/attendance/daily/?date={DAY}&page_size=5000")
    assert big.status_code == 200


def test_filters_narrow_the_daily_records(data, make_client):
    http = make_client(["attendance:read"])
    body = http.get(f"/api/v1/attendance/daily/?date={DAY}&opd=DISKOMINFO&unit=TIK").json()
    assert {r["name"] for r in body["results"]} == {"Budi Kepala", "Sari Staf"}


def test_schedule_reads_take_a_bounded_number_of_queries(
    data, make_client, django_assert_max_num_queries
):
    http = make_client(["schedule:read"])
    http.get("/api/v1/opds/")  # warm the last-used stamp
    with django_assert_max_num_queries(6):
        http.get(f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO")


def test_a_session_employee_reads_their_own_schedule_but_not_an_opds(data):
    from rest_framework.test import APIClient

    http = APIClient()
    http.login(username="pegawai", password=data.password)
    own = http.get(f"/api/v1/employees/{data.staff.nip}/schedule/?from={DAY}&to={DAY}")
    assert own.status_code == 200 and own.json()["count"] == 1
    assert (
        http.get(f"/api/v1/employees/{data.clerk.nip}/schedule/?from={DAY}&to={DAY}").status_code
        == 404
    )
    # their own OPD's day: only their own row (opd.access.schedule_employees); another OPD: 400
    mine = http.get(f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO")
    assert mine.status_code == 200
    assert [r["nip"] for r in mine.json()["results"]] == [data.staff.nip]
    assert http.get(f"/api/v1/schedule/?date={DAY}&opd=DISDUKCAPIL").status_code == 400
    assert http.get(f"/api/v1/summaries/opd/?date={DAY}").status_code == 403


def test_the_plain_schedule_rows_are_what_the_documented_serializers_give(data, make_client):
    """The schedule reads build their rows without model objects
    (api.views_schedule.PlainRowsMixin); each row must be exactly what the serializer in the
    schema would make of the same day."""
    from api.serializers import EmployeeDaySerializer, ScheduleEntrySerializer
    from wfh.models import ScheduleDay

    http = make_client(["schedule:read"])
    rows = http.get(f"/api/v1/schedule/?date={DAY}&opd=DISKOMINFO").json()["results"]
    days = ScheduleDay.objects.filter(day=DAY, opd=data.kominfo).select_related("employee", "unit")
    expected = {d.employee.nip: dict(ScheduleEntrySerializer(d).data) for d in days}
    assert {r["nip"]: r for r in rows} == expected
    assert list(rows[0]) == ["nip", "name", "unit", "unit_name", "mode"]

    url = f"/api/v1/employees/{data.staff.nip}/schedule/?from={DAY}&to={DAY + dt.timedelta(days=1)}"
    rows = http.get(url).json()["results"]
    days = ScheduleDay.objects.filter(employee=data.staff).order_by("day")
    assert rows == [dict(EmployeeDaySerializer(d).data) for d in days]
