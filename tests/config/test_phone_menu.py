"""The header on a phone: the menu behind a button, the employee's bottom bar from MENU's
`bottom` entries, and badges as one mechanism (each entry's callable), with bounded queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from accounts.models import NotificationKind
from accounts.notifications import notify
from attendance.models import ReportStatus, WorkReport
from config.navigation import EMPLOYEE_BADGE_QUERIES, MENU, menu_for, unread_badge
from opd.access import scope_for
from selfservice.models import SwapRequest, SwapStatus
from tests.factories import make_employee
from wfh.models import Mode

pytestmark = pytest.mark.django_db

HOME = "/presensi/"
# the check-in page's own queries (session, user, employee, schedule, leave, days off, notes,
# events, report, and where to sit: the seat and the accepted plans' moves) without the header's
# badges: 13 today
HOME_QUERIES = 13


def bottom_bar(html: str) -> str:
    match = re.search(r'<nav class="bottom-bar".*?</nav>', html, re.S)
    return match.group(0) if match else ""


def badge_of(bar: str, css: str) -> str | None:
    link = re.search(rf'class="bottom-{css}".*?</a>', bar, re.S).group(0)
    found = re.search(r'class="menu-badge"[^>]*>(\d+)<', link)
    return found.group(1) if found else None


def swap_asked_of(world, n: int = 1):
    for i in range(n):
        other = make_employee(world.kominfo, world.it, name=f"Rekan {i}")
        SwapRequest.objects.create(
            requester=other,
            colleague=world.staff,
            day=dt.date(2025, 12, 4) + dt.timedelta(days=7 * i),
            requester_mode_before=Mode.WFH,
            colleague_mode_before=Mode.WFO,
            status=SwapStatus.COLLEAGUE,
        )


def returned_report(world, day=dt.date(2025, 12, 2)):
    return WorkReport.objects.create(
        employee=world.staff,
        day=day,
        activities="Rapat",
        outputs="Notulen",
        status=ReportStatus.RETURNED,
        submitted_at="2025-12-02T15:00:00+07:00",
    )


def test_the_employee_gets_the_bottom_bar_with_five_short_labels(client, world):
    client.force_login(world.pegawai_user)
    bar = bottom_bar(client.get(HOME).content.decode())
    labels = re.findall(r'class="bottom-label">([^<]+)<', bar)
    assert labels == ["Hari ini", "Kalender", "Tukar", "Laporan", "Profil"]
    assert 'aria-current="page"' in re.search(r'class="bottom-today".*?</a>', bar, re.S).group(0)
    assert [e.short for e in MENU if e.bottom] != []


def test_hr_without_an_employee_gets_no_bottom_bar_but_the_menu_button(client, world):
    client.force_login(world.hr)
    html = client.get(reverse("opd:list")).content.decode()
    assert bottom_bar(html) == ""
    assert 'class="menu-toggle' in html and 'aria-controls="site-menu"' in html
    assert 'id="site-menu"' in html


def test_badges_count_swaps_asked_and_reports_returned(client, world):
    client.force_login(world.pegawai_user)
    bar = bottom_bar(client.get(HOME).content.decode())
    assert badge_of(bar, "swap") is None and badge_of(bar, "report") is None
    swap_asked_of(world, 2)
    returned_report(world)
    bar = bottom_bar(client.get(HOME).content.decode())
    assert badge_of(bar, "swap") == "2"
    assert badge_of(bar, "report") == "1"
    # answered or approved: nothing waits any more
    SwapRequest.objects.update(status=SwapStatus.DECLINED)
    WorkReport.objects.update(status=ReportStatus.APPROVED)
    bar = bottom_bar(client.get(HOME).content.decode())
    assert badge_of(bar, "swap") is None and badge_of(bar, "report") is None


def test_a_swap_the_employee_asked_is_not_theirs_to_answer(client, world):
    other = make_employee(world.kominfo, world.it, name="Rekan Lain")
    SwapRequest.objects.create(
        requester=world.staff,
        colleague=other,
        day=dt.date(2025, 12, 4),
        requester_mode_before=Mode.WFH,
        colleague_mode_before=Mode.WFO,
    )
    client.force_login(world.pegawai_user)
    assert badge_of(bottom_bar(client.get(HOME).content.decode()), "swap") is None


def test_the_inbox_badge_is_an_entry_callable_like_the_others(world):
    inbox = next(e for e in MENU if e.url_name == "inbox:list")
    assert inbox.badge is unread_badge
    assert all(e.badge is None or callable(e.badge) for e in MENU)
    notify(
        users=[world.pegawai_user.pk],
        kind=NotificationKind.SWAP_ASKED,
        params={"name": "Rudi", "day": "2025-12-04"},
        url="/",
    )
    items = menu_for(scope_for(world.pegawai_user), HOME, world.pegawai_user)
    assert next(i for i in items if i.inbox).badge == 1
    assert all(i.badge == 0 for i in menu_for(scope_for(world.pegawai_user), HOME))  # no user


@pytest.mark.parametrize("waiting", [0, 20])
def test_the_employee_home_page_runs_a_bounded_number_of_queries(
    client, world, waiting, django_assert_max_num_queries
):
    swap_asked_of(world, waiting)
    for i in range(waiting):
        returned_report(world, dt.date(2025, 11, 3) + dt.timedelta(days=i))
    client.force_login(world.pegawai_user)
    client.get(HOME)
    # the page's own queries, the inbox's badge and the employee's other badges, however many
    # things wait for them
    with django_assert_max_num_queries(HOME_QUERIES + 1 + EMPLOYEE_BADGE_QUERIES):
        assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_review_badges_count_what_waits_in_each_queue_one_query_each(
    world, django_assert_num_queries
):
    from config.navigation import review_badge_queries
    from leave.models import LeaveKind, LeaveRecord, LeaveStatus

    day = dt.date(2025, 12, 2)
    staff = [
        make_employee(world.kominfo, world.it, name=f"Tim {i}", supervisor=world.head)
        for i in range(3)
    ]
    WorkReport.objects.bulk_create(
        WorkReport(
            employee=e, day=day, activities="a", outputs="b", submitted_at=dt.datetime.now(dt.UTC)
        )
        for e in staff
    )
    WorkReport.objects.filter(employee=staff[0]).update(status=ReportStatus.APPROVED)
    LeaveRecord.objects.create(
        employee=staff[1], kind=LeaveKind.DINAS_LUAR, start=day, end=day, status=LeaveStatus.PENDING
    )
    user = world.atasan_user
    scope = scope_for(user)
    with django_assert_num_queries(review_badge_queries(scope) + 1 + EMPLOYEE_BADGE_QUERIES):
        items = {str(i.label): i.badge for i in menu_for(scope, "/", user) if i.group == "review"}
    assert items["Laporan kinerja"] == 2
    assert items["Persetujuan cuti"] == 1
    assert items["Persetujuan tukar"] == 0
    # an employee sees none of the review entries, so none of their counts is asked
    employee_scope = scope_for(world.pegawai_user)
    assert review_badge_queries(employee_scope) == 0
    assert not [i for i in menu_for(employee_scope, "/", world.pegawai_user) if i.group == "review"]
