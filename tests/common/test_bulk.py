"""The bulk writers: every row arrives, NULLs stay NULL, and a clash is Django's IntegrityError."""

import pytest
from django.db import IntegrityError, connection, transaction

from common.bulk import NULL, copy_csv, copy_text, insert_rows, is_postgres
from opd.models import Opd

pytestmark = pytest.mark.django_db

OPD_COLUMNS = ("code", "name", "kind", "radius_m", "time_zone", "active")


def _postgres_only():
    if not is_postgres():
        pytest.skip("COPY is used on PostgreSQL only")


def test_insert_rows_writes_every_row_in_batches_smaller_than_the_input():
    rows = [(f"OPD{i}", f"Dinas {i}", "dinas", 150, "Asia/Jakarta", True) for i in range(7)]
    insert_rows(Opd._meta.db_table, OPD_COLUMNS, iter(rows), batch=3)
    assert sorted(Opd.objects.values_list("code", flat=True)) == sorted(r[0] for r in rows)


def test_copy_text_sends_every_line_over_several_chunks_and_reads_null():
    _postgres_only()
    lines = (f"OPD{i}\tDinas {i}\tdinas\t150\tAsia/Jakarta\tt\n" for i in range(5))
    copy_text(Opd._meta.db_table, OPD_COLUMNS, lines, chunk=2)
    assert Opd.objects.count() == 5
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE t_null (a integer, b text)")
    copy_text("t_null", ("a", "b"), [f"1\t{NULL}\n"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT a, b FROM t_null")
        assert cursor.fetchall() == [(1, None)]


def test_a_copy_that_breaks_a_constraint_raises_djangos_integrity_error(world):
    """On PostgreSQL rows go in by COPY on the raw cursor; a clash must still be an IntegrityError
    so that import_org reports it instead of crashing."""
    _postgres_only()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_csv(
            Opd, OPD_COLUMNS, [(world.kominfo.code, "Dobel", "dinas", 150, "Asia/Jakarta", True)]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_text(Opd._meta.db_table, OPD_COLUMNS, [f"{world.kominfo.code}\tX\tdinas\t1\tUTC\tt\n"])
