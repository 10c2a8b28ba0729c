"""Helpers of the calendar, phase and roster page tests (the `sched` fixture: conftest.py)."""

from __future__ import annotations

from wfh.models import Assignment, Roster
from wfh.rosters import generation

HTMX = {"HTTP_HX_REQUEST": "true"}


def generate(capture, phase, opd, **kwargs) -> Roster:
    """Queue one roster and let the (eager) Celery task run when the transaction commits."""
    with capture(execute=True):
        (roster,) = generation.rosters_start(phase=phase, opds=[opd], **kwargs)
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error
    return roster


def login(client, user):
    client.force_login(user)
    return client


def a_cell(roster, mode, *, weekday=None, unit=None) -> Assignment:
    qs = Assignment.objects.filter(roster=roster, mode=mode).order_by("day", "employee_id")
    if unit is not None:
        qs = qs.filter(unit=unit)
    cells = list(qs)
    if weekday is not None:
        cells = [c for c in cells if c.day.weekday() == weekday]
    return cells[0]
