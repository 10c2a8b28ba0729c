"""Writing many rows at once: COPY on PostgreSQL, multi-row INSERTs elsewhere.

The ORM's object per row costs more than the write itself at import and roster sizes (100,000
employees, millions of cells), so the bulk paths of the organisation import, the roster writer and
the demo's attendance go through these functions. Column and table names come from the models,
never from input.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
from collections.abc import Iterable, Sequence

from django.db import connection

INSERT_BATCH = 20_000
COPY_CHUNK = 200_000  # lines per COPY call: flat memory however many rows there are


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def copy_csv(model, columns: Sequence[str], rows: Iterable[tuple], *, table: str = "") -> None:
    """COPY rows into the model's table, or a temporary `table` shaped like it (PostgreSQL only).

    CSV format: None is written as an unquoted empty field, which COPY reads as NULL; text columns
    that may not be NULL are listed in FORCE_NOT_NULL so an empty field there is "".
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    buffer.seek(0)
    not_null_text = {
        f.column
        for f in model._meta.concrete_fields
        if not f.null and f.get_internal_type() in ("CharField", "TextField", "EmailField")
    }
    options = "FORMAT csv"
    forced = [c for c in columns if c in not_null_text]
    if forced:
        options += f", FORCE_NOT_NULL ({_quoted(forced)})"
    sql = f'COPY "{table or model._meta.db_table}" ({_quoted(columns)}) FROM STDIN WITH ({options})'
    # the raw cursor bypasses Django's error wrapping: keep IntegrityError an IntegrityError
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.cursor.copy_expert(sql, buffer, size=1 << 20)


def copy_text(
    table: str, columns: Sequence[str], lines: Iterable[str], *, chunk: int = COPY_CHUNK
) -> None:
    """COPY pre-formatted text-format lines (tab-separated, `\\N` for NULL, each ending in a
    newline) into `table`, `chunk` lines per call (PostgreSQL only).

    For the hottest writer (a roster's cells) the caller formats each line itself, caching the
    parts that repeat; this function only batches and sends them.
    """
    sql = f'COPY "{table}" ({_quoted(columns)}) FROM STDIN'
    lines = iter(lines)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        while batch := list(itertools.islice(lines, chunk)):
            cursor.cursor.copy_expert(sql, io.StringIO("".join(batch)))


NULL = "\\N"  # NULL in COPY's text format


def insert_rows(
    table: str, columns: Sequence[str], rows: Iterable[tuple], *, batch: int = INSERT_BATCH
) -> None:
    """Plain tuples into `table` in multi-row INSERTs of `batch` rows (any database)."""
    names = _quoted(columns)
    rows = iter(rows)
    with connection.cursor() as cursor:
        if is_postgres():
            from psycopg2.extras import execute_values  # psycopg2 exists only with PostgreSQL

            sql = f'INSERT INTO "{table}" ({names}) VALUES %s'  # noqa: S608 (names from models)
            while chunk := list(itertools.islice(rows, batch)):
                execute_values(cursor.cursor, sql, chunk, page_size=batch)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 (names from models)
        while chunk := list(itertools.islice(rows, batch)):
            cursor.executemany(sql, chunk)


@contextlib.contextmanager
def large_write_cache(megabytes: int = 256):
    """On SQLite, a page cache of `megabytes` for the duration of a large write (the demo's
    seed writes a few million rows and their indexes: with SQLite's default 2 MB cache each index
    insert rereads pages from the file); restored after. Nothing on other databases."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-int(megabytes) * 1024}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")
