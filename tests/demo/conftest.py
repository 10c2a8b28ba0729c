"""Worlds of the demo tests, and `built_once`: a world written once for the tests of a module that
only read it.

`built_once` writes the world inside a transaction of its own, outside any test, and rolls that
transaction back when the module is done, so the next module (on the same xdist worker) finds the
test database as the migrations left it. Each test still runs in its own savepoint inside it
(pytest-django's `db`), so whatever a test writes is undone before the next test reads the world.
A module that uses it holds only tests that read: a test that needs an empty registry or changes
the world belongs in a module of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from io import StringIO
from typing import TypeVar

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation

from config.celery import app
from opd.models import Employee, Opd, Placement, Unit

T = TypeVar("T")

HEADCOUNT = 400
SEED = 7


def built_once(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """For a module-scoped fixture: `yield from built_once(django_db_blocker, build)`."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        eager = app.conf.task_always_eager
        app.conf.task_always_eager = True  # as every test has it (tests/conftest.py)
        try:
            with translation.override(settings.LANGUAGE_CODE):
                world = build()
            # Check the deferred foreign keys now, in the world's own transaction: checked inside a
            # test's savepoint, PostgreSQL would check them all again after every test, since
            # rolling the savepoint back undoes the check too.
            connection.check_constraints()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
        finally:
            app.conf.task_always_eager = eager
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def seed(**options) -> str:
    """`manage.py seed_demo` with the tests' headcount and seed, registry only; its output."""
    out = StringIO()
    options.setdefault("employees", HEADCOUNT)
    options.setdefault("seed", SEED)
    options.setdefault("days", 0)  # registry only: tests/demo/test_activity.py does the rest
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    """Everything the seed decides, keyed by natural keys (database ids differ between runs)."""
    opds = {
        o.code: (
            o.name,
            o.kind,
            o.parent.code if o.parent else "",
            o.latitude,
            o.longitude,
            o.radius_m,
        )
        for o in Opd.objects.select_related("parent")
    }
    units = {
        (u.opd.code, u.code): (u.name, u.frontline, u.min_onsite)
        for u in Unit.objects.select_related("opd")
    }
    employees = {
        e.nip: (
            e.name,
            e.asn_type,
            e.opd.code,
            e.unit.code,
            e.position,
            e.unit_role,
            e.supervisor.nip if e.supervisor else "",
            e.wfh_eligible,
            e.ineligible_reason,
            e.new_in_post_since,
            e.email,
            e.phone,
            e.active_from,
            e.user.username if e.user else "",
        )
        for e in Employee.objects.select_related("opd", "unit", "supervisor", "user")
    }
    placements = sorted(
        Placement.objects.values_list("employee__nip", "opd__code", "unit__code", "valid_from")
    )
    return {"opds": opds, "units": units, "employees": employees, "placements": placements}
