"""The query count of every page (the URL conf's list, bench/pagelist.py) stays flat as the staff
grows: a page that runs a query per employee, per day or per row fails here, whoever adds it.

Each role (HR, OPD admin, supervisor, employee) opens every page it may open, with 20 and then 200
staff in its OPD, each with a week of attendance, work reports and the nightly records; the counts
must be equal. Pages that are not pages of a role (403, 404, a redirect, POST only) are skipped
for that role.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from attendance.models import AttendanceEvent, DailyRecord, OpdDaySummary, WorkReport
from attendance.summaries.runs import summaries_build
from bench.pagelist import page_routes, url_for
from demo.attendance import events_seed
from opd.models import Employee
from tests.factories import make_employee

ROLES = ("hr", "admin.kominfo", "atasan", "pegawai")
DAYS = 7


def _grow(world, total: int) -> None:
    """`total` staff in DISKOMINFO's IT unit under the supervisor, and a week of their life."""
    have = Employee.objects.filter(opd=world.kominfo).count()
    for _i in range(total - have):
        make_employee(world.kominfo, world.it, supervisor=world.head)
    AttendanceEvent.objects.all().delete()
    WorkReport.objects.all().delete()
    DailyRecord.objects.all().delete()
    OpdDaySummary.objects.all().delete()
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=DAYS), today - dt.timedelta(days=1)
    events_seed(start=start, end=end, today=today, seed=7)
    summaries_build(start=start, end=end)


def _counts(client, world) -> dict[tuple[str, str], int]:
    counts = {}
    for username in ROLES:
        assert client.login(username=username, password=world.password)
        user = User.objects.get(username=username)
        for route in page_routes():
            url = url_for(route, user)
            if url is None:
                continue
            client.get(url)  # warm the session and per-user caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code == 200:
                counts[(username, route.name)] = len(queries.captured_queries)
        client.logout()
    return counts


@pytest.mark.django_db
def test_every_page_runs_as_many_queries_for_200_staff_as_for_20(client, world):
    _grow(world, 20)
    small = _counts(client, world)
    assert len({name for _u, name in small}) >= 40, "the page list lost most pages"
    _grow(world, 200)
    big = _counts(client, world)
    grown = {
        f"{user} {name}: {small[user, name]} -> {big.get((user, name))} queries"
        for (user, name) in small
        if big.get((user, name)) != small[user, name]
    }
    assert not grown, "queries grow with the staff:\n" + "\n".join(sorted(grown))
