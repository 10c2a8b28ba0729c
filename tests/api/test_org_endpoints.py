"""Employees (NIP and personal data only with org:read), the work calendar and the phases."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from api.serializers import PERSONAL_FIELDS
from tests.factories import make_employee
from wfh.calendar import national_days_off
from wfh.models import LocalDayOff, Phase

EMPLOYEES = "/api/v1/employees/"
BASIC_FIELDS = {
    "id",
    "name",
    "opd",
    "unit",
    "unit_name",
    "position",
    "unit_role",
    "supervisor",
    "active",
}
NEVER = {"home_latitude", "home_longitude", "home_radius_m", "user"}


def session(username, world) -> APIClient:
    http = APIClient()
    assert http.login(username=username, password=world.password)
    return http


@pytest.fixture
def people(world):
    world.staff.email = "sari@example.go.id"
    world.staff.phone = "0812-0000-0001"
    world.staff.home_latitude = "-6.200000"
    world.staff.home_longitude = "106.900000"
    world.staff.save()
    return world


# -- employees -----------------------------------------------------------------------------------


def test_with_org_read_each_employee_has_nip_and_personal_fields_but_no_home(people, make_client):
    body = make_client(["org:read"]).get(EMPLOYEES).json()
    assert body["count"] == 4
    # ordered by OPD code, unit code, name
    assert [(r["opd"], r["unit"], r["name"]) for r in body["results"]] == [
        ("DISDUKCAPIL", "LOKET", "Andi Loket"),
        ("DISKOMINFO", "SEK", "Dewi Sekretariat"),
        ("DISKOMINFO", "TIK", "Budi Kepala"),
        ("DISKOMINFO", "TIK", "Sari Staf"),
    ]
    sari = body["results"][3]
    assert set(sari) == BASIC_FIELDS | set(PERSONAL_FIELDS)
    assert sari["nip"] == people.staff.nip
    assert sari["email"] == "sari@example.go.id" and sari["phone"] == "0812-0000-0001"
    assert sari["supervisor"] == people.head.pk
    assert sari["supervisor_nip"] == people.head.nip
    assert sari["active"] is True
    assert not NEVER & set(sari)


def test_with_schedule_read_only_there_is_no_nip_and_no_personal_field(people, make_client):
    http = make_client(["schedule:read"])
    body = http.get(EMPLOYEES).json()
    assert body["count"] == 4
    for row in body["results"]:
        assert set(row) == BASIC_FIELDS, row
    ids = {r["name"]: r["id"] for r in body["results"]}
    assert ids["Sari Staf"] == people.staff.pk
    assert people.staff.nip not in http.get(EMPLOYEES).content.decode()
    # the caller knows the NIP: the detail answers, without echoing it
    detail = http.get(f"{EMPLOYEES}{people.staff.nip}/")
    assert detail.status_code == 200
    assert set(detail.json()) == BASIC_FIELDS
    assert people.staff.nip not in detail.content.decode()
    assert "sari@example.go.id" not in detail.content.decode()


def test_the_detail_with_org_read(people, make_client):
    body = make_client(["org:read"]).get(f"{EMPLOYEES}{people.staff.nip}/").json()
    assert body["nip"] == people.staff.nip and body["opd"] == "DISKOMINFO"
    assert body["unit"] == "TIK" and body["unit_name"] == "Bidang TIK"
    assert not NEVER & set(body)


def test_an_unknown_nip_answers_404(people, make_client):
    response = make_client(["org:read"]).get(f"{EMPLOYEES}199001012015031999/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_filters_narrow_the_employees(people, make_client):
    http = make_client(["org:read"])

    def names(query):
        response = http.get(f"{EMPLOYEES}?{query}")
        assert response.status_code == 200, response.content
        return [r["name"] for r in response.json()["results"]]

    assert names("opd=DISKOMINFO") == ["Dewi Sekretariat", "Budi Kepala", "Sari Staf"]
    assert names("opd=DISKOMINFO&unit=TIK") == ["Budi Kepala", "Sari Staf"]
    assert names("q=sari") == ["Sari Staf"]
    people.other.active_to = dt.date(2020, 1, 31)
    people.other.save()
    assert names("active=false") == ["Dewi Sekretariat"]
    assert "Dewi Sekretariat" not in names("active=true")
    assert len(names("active=true")) == 3
    unknown = http.get(f"{EMPLOYEES}?opd=TIDAKADA")
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["opd"]


def test_an_opd_restricted_client_sees_only_its_people(people, make_client):
    http = make_client(["org:read"], opds=[people.kominfo])
    body = http.get(EMPLOYEES).json()
    assert {r["opd"] for r in body["results"]} == {"DISKOMINFO"} and body["count"] == 3
    outside = http.get(f"{EMPLOYEES}?opd=DISDUKCAPIL")
    assert outside.status_code == 400 and "DISDUKCAPIL" in outside.json()["errors"]["opd"][0]
    assert http.get(f"{EMPLOYEES}{people.clerk.nip}/").status_code == 404


@pytest.mark.parametrize(
    "username, expected",
    [
        # HR: everyone, with NIPs
        (
            "hr",
            {"Andi Loket": True, "Dewi Sekretariat": True, "Budi Kepala": True, "Sari Staf": True},
        ),
        # OPD admin: their OPD, with NIPs
        ("admin.kominfo", {"Dewi Sekretariat": True, "Budi Kepala": True, "Sari Staf": True}),
        # supervisor: themself with their NIP, their team without
        ("atasan", {"Budi Kepala": True, "Sari Staf": False}),
        # employee: themself only
        ("pegawai", {"Sari Staf": True}),
    ],
)
def test_session_users_see_employees_by_their_role(people, username, expected):
    body = session(username, people).get(EMPLOYEES).json()
    seen = {r["name"]: "nip" in r for r in body["results"]}
    assert seen == expected
    for row in body["results"]:
        assert set(row) == (BASIC_FIELDS | set(PERSONAL_FIELDS) if "nip" in row else BASIC_FIELDS)


def test_a_supervisor_reads_a_team_member_by_nip_without_personal_data(people):
    http = session("atasan", people)
    body = http.get(f"{EMPLOYEES}{people.staff.nip}/").json()
    assert set(body) == BASIC_FIELDS
    assert http.get(f"{EMPLOYEES}{people.other.nip}/").status_code == 404


def test_the_employee_list_takes_a_bounded_number_of_queries(
    people, make_client, django_assert_max_num_queries
):
    for i in range(30):
        make_employee(people.kominfo, people.it, name=f"Staf {i:02d}", supervisor=people.head)
    http = make_client(["org:read"])
    http.get("/api/v1/opds/")  # the last-used stamp
    # eligibility adds two (moves and sanctions of the whole page), whatever the page size
    with django_assert_max_num_queries(8):
        body = http.get(EMPLOYEES).json()
    assert body["count"] == 34
    session_http = session("admin.kominfo", people)
    session_http.get(EMPLOYEES)
    with django_assert_max_num_queries(14):
        assert session_http.get(EMPLOYEES).json()["count"] == 33


# -- calendar ------------------------------------------------------------------------------------

CALENDAR = "/api/v1/calendar/"
LOCAL_DAY = dt.date(2026, 6, 9)  # a Tuesday, no national day off
ALL_OPDS_DAY = dt.date(2026, 7, 14)  # a Tuesday


@pytest.fixture
def local_days(world):
    kominfo_only = LocalDayOff.objects.create(date=LOCAL_DAY, name="HUT Diskominfo")
    kominfo_only.opds.add(world.kominfo)
    LocalDayOff.objects.create(date=ALL_OPDS_DAY, name="Hari Jadi Kota")
    return world


def test_the_2026_calendar_names_national_days_off_and_cuti_bersama(local_days, make_client):
    body = make_client(["schedule:read"]).get(f"{CALENDAR}?year=2026").json()
    assert body["year"] == 2026 and body["opd"] is None
    working = {dt.date.fromisoformat(d) for d in body["working_days"]}
    assert body["working_day_count"] == len(body["working_days"]) == len(working)
    assert all(d.year == 2026 and d.weekday() < 5 for d in working)
    off = {(o["date"], o["kind"]): o for o in body["days_off"]}
    new_year = off[("2026-01-01", "holiday")]
    assert new_year["name"] and new_year["opds"] == []
    assert dt.date(2026, 1, 1) not in working
    cuti = [d for d in national_days_off(2026) if d.kind == "cuti_bersama"]
    assert cuti, "the holidays package knows 2026's cuti bersama"
    for day in cuti:
        assert off[(day.day.isoformat(), "cuti_bersama")]["name"] == day.name
        assert day.day not in working
    # a day off for every OPD is no working day; one for some OPDs is listed with them
    assert off[(ALL_OPDS_DAY.isoformat(), "local")] == {
        "date": ALL_OPDS_DAY.isoformat(),
        "kind": "local",
        "name": "Hari Jadi Kota",
        "opds": [],
    }
    assert ALL_OPDS_DAY not in working
    assert off[(LOCAL_DAY.isoformat(), "local")]["opds"] == ["DISKOMINFO"]
    dates = [o["date"] for o in body["days_off"]]
    assert dates == sorted(dates)
    # every weekday works unless a day off for every OPD falls on it
    for_all = {dt.date.fromisoformat(o["date"]) for o in body["days_off"] if not o["opds"]}
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        if day.weekday() < 5:
            assert (day in working) is (day not in for_all), day
        day += dt.timedelta(days=1)


def test_an_opds_calendar_counts_its_local_days_off(local_days, make_client):
    http = make_client(["org:read"])
    kominfo = http.get(f"{CALENDAR}?year=2026&opd=DISKOMINFO").json()
    assert kominfo["opd"] == "DISKOMINFO"
    assert LOCAL_DAY.isoformat() not in kominfo["working_days"]
    assert (LOCAL_DAY.isoformat(), "HUT Diskominfo") in {
        (o["date"], o["name"]) for o in kominfo["days_off"]
    }
    dukcapil = http.get(f"{CALENDAR}?year=2026&opd=DISDUKCAPIL").json()
    assert LOCAL_DAY.isoformat() in dukcapil["working_days"]
    assert LOCAL_DAY.isoformat() not in {o["date"] for o in dukcapil["days_off"]}
    assert ALL_OPDS_DAY.isoformat() not in dukcapil["working_days"]
    assert dukcapil["working_day_count"] == kominfo["working_day_count"] + 1


def test_a_restricted_client_sees_only_its_opds_local_days_off(local_days, make_client):
    http = make_client(["schedule:read"], opds=[local_days.dukcapil])
    body = http.get(f"{CALENDAR}?year=2026").json()
    local = [o["name"] for o in body["days_off"] if o["kind"] == "local"]
    assert local == ["Hari Jadi Kota"]
    outside = http.get(f"{CALENDAR}?year=2026&opd=DISKOMINFO")
    assert outside.status_code == 400 and list(outside.json()["errors"]) == ["opd"]


@pytest.mark.parametrize("query", ["", "?year=1999", "?year=2101", "?year=dua-ribu"])
def test_the_calendar_needs_a_sensible_year(world, make_client, query):
    response = make_client(["schedule:read"]).get(f"{CALENDAR}{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["year"]


def test_the_calendar_answers_304_to_its_etag(local_days, make_client):
    http = make_client(["schedule:read"])
    first = http.get(f"{CALENDAR}?year=2026")
    again = http.get(f"{CALENDAR}?year=2026", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    LocalDayOff.objects.create(date=dt.date(2026, 8, 18), name="Cuti daerah")
    changed = http.get(f"{CALENDAR}?year=2026", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


# -- phases --------------------------------------------------------------------------------------

PHASES = "/api/v1/phases/"


@pytest.fixture
def phases(world):
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    only_dukcapil = Phase.objects.create(
        programme=Phase.objects.get(slug="jabar-2025-tahap-1").programme,
        order=3,
        slug="jabar-2025-loket",
        name="Loket",
        start=dt.date(2026, 1, 5),
        end=dt.date(2026, 1, 30),
        pattern="weekday",
        wfh_weekdays=[3],
    )
    only_dukcapil.opds.add(world.dukcapil)
    return world


def test_the_phases_with_their_pattern_and_opds(phases, make_client):
    body = make_client(["schedule:read"]).get(PHASES).json()
    assert [p["slug"] for p in body["results"]] == [
        "jabar-2025-tahap-1",
        "jabar-2025-tahap-2",
        "jabar-2025-loket",
    ]
    first, second, loket = body["results"]
    assert first["programme"] == "jabar-2025"
    assert (first["start"], first["end"]) == ("2025-11-01", "2025-11-30")
    assert first["pattern"] == "weekday" and first["wfh_weekdays"] == [3]
    assert second["pattern"] == "rotation" and second["ratio"] == "0.50"
    assert second["weekly_cap"] == 3
    assert first["all_opds"] is True and first["opds"] == ["DISDUKCAPIL", "DISKOMINFO"]
    assert loket["all_opds"] is False and loket["opds"] == ["DISDUKCAPIL"]
    assert {p["status"] for p in body["results"]} <= {"upcoming", "active", "ended"}


def test_phases_filter_by_programme_date_and_opd(phases, make_client):
    http = make_client(["roster:write"])

    def slugs(query):
        response = http.get(f"{PHASES}?{query}")
        assert response.status_code == 200, response.content
        return [p["slug"] for p in response.json()["results"]]

    assert slugs("active_on=2025-12-10") == ["jabar-2025-tahap-2"]
    assert slugs("opd=DISKOMINFO") == ["jabar-2025-tahap-1", "jabar-2025-tahap-2"]
    assert len(slugs("programme=jabar-2025")) == 3
    assert slugs("programme=lain") == []


def test_a_restricted_client_sees_the_phases_of_its_opds_with_only_its_codes(phases, make_client):
    http = make_client(["schedule:read"], opds=[phases.kominfo])
    body = http.get(PHASES).json()
    assert [p["slug"] for p in body["results"]] == ["jabar-2025-tahap-1", "jabar-2025-tahap-2"]
    assert all(p["opds"] == ["DISKOMINFO"] for p in body["results"])
    assert http.get(f"{PHASES}?opd=DISDUKCAPIL").status_code == 400


def test_the_phase_list_takes_a_bounded_number_of_queries(
    phases, make_client, django_assert_max_num_queries
):
    http = make_client(["schedule:read"])
    http.get(PHASES)
    with django_assert_max_num_queries(6):
        assert http.get(PHASES).json()["count"] == 3
