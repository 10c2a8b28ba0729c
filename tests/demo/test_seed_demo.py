"""`manage.py seed_demo` on a registry of its own in each test: options, refusals, --reset and
--if-empty, determinism, and a query count that does not grow with the headcount."""

from __future__ import annotations

import math

import pytest
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from demo.city import BATCH, registry_reset
from demo.logins import DEFAULT_PASSWORD
from opd.models import Employee, Opd, Placement
from tests.demo.conftest import HEADCOUNT, seed, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """A city of this test's own: the tests here change or empty it."""
    return seed()


def test_password_option_sets_the_demo_password():
    out = seed(password="kunci-rahasia-9")
    assert "kunci-rahasia-9" in out
    assert User.objects.get(username="atasan.demo").check_password("kunci-rahasia-9")
    assert not User.objects.get(username="hr.demo").check_password(DEFAULT_PASSWORD)


def test_same_seed_gives_the_same_city_after_a_reset():
    seed(employees=300, seed=11)
    first = snapshot()
    out = seed(employees=300, seed=11, reset=True)
    assert "Dihapus: 300 riwayat penempatan, 300 pegawai" in out
    assert snapshot() == first
    seed(employees=300, seed=12, reset=True)
    other = snapshot()
    assert other["opds"].keys() == first["opds"].keys()
    assert other["employees"].keys() != first["employees"].keys()


def test_if_empty_seeds_an_empty_registry():
    seed(if_empty=True)
    assert Employee.objects.count() == HEADCOUNT


def test_reset_and_if_empty_together_are_refused():
    with pytest.raises(CommandError, match="bersamaan"):
        seed(reset=True, if_empty=True)


def test_headcount_below_the_minimum_is_refused():
    with pytest.raises(CommandError, match="250"):
        seed(employees=100)
    assert not Opd.objects.exists()


def test_reset_empties_a_registry_whose_opds_point_at_each_other(city):
    a, b = Opd.objects.get(code="DLH"), Opd.objects.get(code="DISHUB")
    Opd.objects.filter(pk=a.pk).update(parent=b)
    Opd.objects.filter(pk=b.pk).update(parent=a)
    assert registry_reset()["opds"] == 122
    assert not Opd.objects.exists()


def test_reset_keeps_superusers_and_removes_other_users(city):
    User.objects.create_superuser("root", "root@example.org", "rahasia-123")
    User.objects.create_user("tamu", password="rahasia-123")
    out = seed(reset=True)
    assert f"{HEADCOUNT} pegawai" in out and "122 OPD" in out and "6 pengguna" in out
    assert User.objects.filter(username="root", is_superuser=True).exists()
    assert not User.objects.filter(username="tamu").exists()
    assert User.objects.filter(username__endswith=".demo").count() == 5


def test_query_count_does_not_grow_with_headcount():
    def seed_queries(headcount: int) -> tuple[int, int]:
        registry_reset()
        with CaptureQueriesContext(connection) as ctx:
            seed(employees=headcount)
        inserts = sum(1 for q in ctx.captured_queries if q["sql"].startswith("INSERT"))
        return len(ctx.captured_queries) - inserts, inserts

    def insert_statements(model, rows: int) -> int:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        per_statement = min(BATCH, connection.ops.bulk_batch_size(fields, [None] * rows))
        return math.ceil(rows / per_statement)

    small_other, small_inserts = seed_queries(300)
    big_other, big_inserts = seed_queries(900)
    assert big_other == small_other  # reads, updates, savepoints: independent of the headcount
    # Inserts grow only where the backend caps the rows per statement (SQLite: 999 parameters);
    # on PostgreSQL a batch of 5,000 is one statement, so both runs send the same queries.
    growth = 0
    for model in (Employee, Placement):
        extra = insert_statements(model, 900) - insert_statements(model, 300)
        growth += extra + (4 if extra else 0)  # employees go in by level: one partial batch each
    assert big_inserts - small_inserts <= growth
    assert small_other + small_inserts < 100 or connection.vendor == "sqlite"
