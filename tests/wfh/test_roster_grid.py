"""The roster grid: a constant number of queries whatever the headcount, and its unit filter."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opd.models import UnitRole
from tests.factories import make_employee, make_opd, make_unit
from tests.wfh.page_helpers import login
from wfh.calendar import working_days
from wfh.models import Assignment, Mode, Roster
from wfh.schedule_grid import NO_UNIT_FILTER

pytestmark = pytest.mark.django_db

GRID_QUERY_BOUND = 25


def _big_roster(phase, size: int) -> Roster:
    """A ready roster of `size` employees in 3 units, written directly (no engine)."""
    opd = make_opd(f"BIG{size}", name=f"Dinas Besar {size}")
    units = [make_unit(opd, f"U{n}", name=f"Unit {n}", min_onsite=2) for n in range(3)]
    staff = [
        make_employee(
            opd,
            units[n % 3],
            name=f"Pegawai Besar {n:03d}",
            unit_role=UnitRole.HEAD if n < 3 else UnitRole.STAFF,
        )
        for n in range(size)
    ]
    roster = Roster.objects.create(
        phase=phase, opd=opd, status=Roster.Status.READY, stats={"shortfalls": []}
    )
    days = working_days(phase.start, phase.end, opd_id=opd.pk)
    Assignment.objects.bulk_create(
        Assignment(
            roster=roster,
            employee=e,
            unit=e.unit,
            day=d,
            mode=Mode.WFH if (i + d.day) % 2 else Mode.WFO,
            source="manual" if (i, d.day) == (1, days[0].day) else "generated",
        )
        for i, e in enumerate(staff)
        for d in days
    )
    return roster


def _grid_queries(client, roster, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(reverse("wfh:roster", args=[roster.pk]), {"bulan": "2025-12", **params})
    assert resp.status_code == 200
    return len(ctx.captured_queries), resp.content.decode()


def test_grid_query_count_does_not_grow_with_the_headcount(
    client, sched, django_assert_max_num_queries
):
    login(client, sched.world.hr)
    small, big = _big_roster(sched.phase2, 60), _big_roster(sched.phase2, 120)
    client.get(reverse("wfh:roster", args=[small.pk]))  # warm the session and caches
    with django_assert_max_num_queries(GRID_QUERY_BOUND):
        n_small, body = _grid_queries(client, small)
    days = len(working_days(sched.phase2.start, sched.phase2.end))
    assert days == 21
    assert "Pegawai Besar 059" in body and body.count('class="cell m-') == 60 * days
    assert "Unit 2" in body and "Di kantor (min. 2)" in body
    with django_assert_max_num_queries(GRID_QUERY_BOUND):
        n_big, body = _grid_queries(client, big)
    assert body.count('class="cell m-') == 100 * days  # the first page of 100 employees
    assert n_small == n_big
    unit = big.opd.units.get(code="U1")
    n_unit, body = _grid_queries(client, big, unit=unit.pk)
    assert n_unit == n_big and body.count('class="cell m-') == 40 * days


def test_the_unit_filter_shows_only_the_staff_placed_in_no_unit(client, sched):
    login(client, sched.world.hr)
    roster = _big_roster(sched.phase2, 6)
    loner = make_employee(roster.opd, None, name="Pegawai Tanpa Unit")
    Assignment.objects.bulk_create(
        Assignment(roster=roster, employee=loner, unit=None, day=d, mode=Mode.WFO)
        for d in working_days(sched.phase2.start, sched.phase2.end)
    )
    _n, body = _grid_queries(client, roster, unit=NO_UNIT_FILTER)
    assert "Pegawai Tanpa Unit" in body and "Pegawai Besar 000" not in body
    assert f'<option value="{NO_UNIT_FILTER}" selected>' in body
    _n, body = _grid_queries(client, roster)
    assert "Pegawai Tanpa Unit" in body and "Pegawai Besar 000" in body
