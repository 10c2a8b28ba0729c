"""The team calendar (/kalender-tim/): who may see which unit, what they see (modes only), piket
marked with its reason, week and month navigation, dates as people write them, and a query
count that does not grow with the team."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from config.navigation import EMPLOYEE_BADGE_QUERIES, review_badge_queries
from opd import access
from opd.access import scope_for
from tests.factories import make_employee, make_unit
from tests.wfh.page_helpers import generate, login
from wfh import team_calendar as tc
from wfh.models import Assignment, Mode, ScheduleDay
from wfh.rosters import publication

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2025, 11, 6)
URL = reverse("wfh:team_calendar")


@pytest.fixture
def published(sched, django_capture_on_commit_callbacks):
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, sched.world.kominfo)
    publication.roster_publish(roster=roster)
    return roster


def _get(client, user, **query):
    login(client, user)
    return client.get(URL, query)


def test_supervisor_sees_their_teams_published_future_days(client, sched, published):
    w = sched.world
    resp = _get(client, w.atasan_user, tanggal="2025-11-26")  # a week in the future of the data
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Sari Staf" in body
    assert "Rabu, 26 November 2025" in body
    assert "Kamis, 27 November 2025" in body
    assert w.staff.nip not in body


def test_thursday_wfh_with_piket_marked_and_explained(client, sched, published):
    w = sched.world
    piket = Assignment.objects.filter(roster=published, unit=w.it, day=THURSDAY, reason="piket")
    assert piket.exists()  # the unit minimum of 1 keeps someone in on the WFH Thursday
    cal = tc.team_calendar(
        unit=w.it,
        employees=access.schedule_employees(w.hr),
        view=tc.WEEK,
        day=THURSDAY,
        today=THURSDAY,
    )
    thursday = next(d for d in cal.days if d.day == THURSDAY)
    names = set(piket.values_list("employee__name", flat=True))
    assert set(thursday.piket) == names
    assert set(thursday.office) == names  # only the duty officers are in on Thursday
    resp = _get(client, w.hr, unit=w.it.pk, tanggal=THURSDAY.isoformat())
    body = resp.content.decode()
    assert 'id="piket-note"' in body
    assert "sedikitnya 1 orang di kantor" in body


def test_employee_sees_own_unit_colleagues_modes_only(client, sched, published):
    w = sched.world
    leave_day = ScheduleDay.objects.filter(employee=w.head, day=dt.date(2025, 11, 4)).get()
    leave_day.mode = Mode.LEAVE
    leave_day.save()
    resp = _get(client, w.pegawai_user, tanggal="2025-11-04")
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "Budi Kepala" in body and "Staf TIK 0" in body
    assert "Dewi Sekretariat" not in body  # another unit
    for e in (w.head, w.staff):
        assert e.nip not in body
    assert "Cuti" in body and "sakit" not in body.lower()


def test_employee_gets_403_on_another_unit(client, sched, published):
    w = sched.world
    assert _get(client, w.pegawai_user, unit=w.sek.pk).status_code == 403
    assert _get(client, w.atasan_user, unit=w.counter.pk).status_code == 403


def test_opd_admin_picks_among_their_units_only(client, sched, published):
    w = sched.world
    resp = _get(client, w.opd_admin, unit=w.sek.pk, tanggal=THURSDAY.isoformat())
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Dewi Sekretariat" in body
    assert f'value="{w.it.pk}"' in body and f'value="{w.counter.pk}"' not in body
    assert _get(client, w.opd_admin, unit=w.counter.pk).status_code == 403


def test_hr_sees_any_unit(client, sched, published):
    w = sched.world
    resp = _get(client, w.hr, unit=w.counter.pk)
    assert resp.status_code == 200
    assert "Andi Loket" in resp.content.decode()


def test_month_view_counts_office_and_home_and_navigates(client, sched, published):
    w = sched.world
    resp = _get(client, w.atasan_user, tampilan="bulan", tanggal="2025-11")
    body = resp.content.decode()
    assert "November 2025" in body
    assert "tanggal=2025-10" in body and "tanggal=2025-12" in body  # previous / next month
    assert "Kamis, 6 November 2025" in body
    assert "2025-11-06</" not in body  # never an ISO date shown


def test_week_navigation_moves_by_seven_days(client, sched, published):
    resp = _get(client, sched.world.atasan_user, tanggal=THURSDAY.isoformat())
    body = resp.content.decode()
    assert "tanggal=2025-10-27" in body and "tanggal=2025-11-10" in body


def test_bad_date_and_unit_are_clear_errors_not_500(client, sched, published):
    w = sched.world
    resp = _get(client, w.atasan_user, tanggal="kamis")
    assert resp.status_code == 200
    assert "Tanggal &#x27;kamis&#x27; tidak dikenal" in resp.content.decode()
    resp = _get(client, w.atasan_user, unit="abc")
    assert resp.status_code == 200
    assert "Unit &#x27;abc&#x27; tidak ditemukan" in resp.content.decode()


def test_user_without_employee_or_registry_gets_an_empty_state(client, db):
    from tests.factories import make_user

    resp = _get(client, make_user("tamu"))
    assert resp.status_code == 200
    assert "minta admin OPD atau BKPSDM" in resp.content.decode()


def test_menu_offers_the_team_calendar(client, sched, published):
    body = _get(client, sched.world.pegawai_user).content.decode()
    assert f'href="{URL}"' in body


def _queries_for(client, user, django_assert_max_num_queries, limit):
    login(client, user)
    query = {"unit": user_unit(user).pk, "tanggal": THURSDAY.isoformat()}
    # and the review entries' badges the user sees
    with django_assert_max_num_queries(limit + review_badge_queries(scope_for(user))):
        resp = client.get(URL, query)
    assert resp.status_code == 200
    return resp


def user_unit(user):
    return user.employee.unit


def test_query_count_does_not_grow_with_team_size(
    client, sched, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    publication.roster_publish(roster=roster)
    # session, user, scope (4), units, the team rule, staff, days, piket, days off, and the
    # header's badges for an employee (config.navigation.EMPLOYEE_BADGE_QUERIES)
    limit = 15 + EMPLOYEE_BADGE_QUERIES
    resp = _queries_for(client, w.atasan_user, django_assert_max_num_queries, limit)
    small = resp.content.decode().count("<tr")
    for n in range(25):
        make_employee(w.kominfo, w.it, name=f"Tambahan {n}", supervisor=w.head)
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    publication.roster_publish(roster=roster, from_date=sched.phase1.start)
    resp = _queries_for(client, w.atasan_user, django_assert_max_num_queries, limit)
    assert resp.content.decode().count("<tr") >= small + 25


def test_a_unit_elsewhere_in_the_team_is_offered_to_the_supervisor(client, sched, published):
    w = sched.world
    lab = make_unit(w.kominfo, "LAB", name="Laboratorium")
    make_employee(w.kominfo, lab, name="Lia Lab", supervisor=w.head)
    resp = _get(client, w.atasan_user, unit=lab.pk)
    assert resp.status_code == 200
    assert "Lia Lab" in resp.content.decode()
