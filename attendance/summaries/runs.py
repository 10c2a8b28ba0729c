"""A summary run: the records and OPD summaries of a range rebuilt in one transaction and
recorded as a SummaryRun (`summaries_build`), and the recompute queued after a change
(`summaries_recompute`)."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from attendance.models import SummaryRun
from attendance.signals import summary_ready
from attendance.summaries.hours import hours_rows, temp_tables
from attendance.summaries.opd_days import opd_days_sql
from attendance.summaries.records import earlier_counts, later_ytd_sql, records_sql
from attendance.summaries.sql import Sql, T, ids
from common.tasks import queue_on_commit
from opd.models import Opd

ADVISORY_LOCK = 4_2025_1205  # PostgreSQL: one summary run writes at a time


def summaries_build(
    *,
    start: dt.date,
    end: dt.date,
    opd_ids: Iterable[int] | None = None,
    trigger: str = SummaryRun.Trigger.COMMAND,
) -> SummaryRun:
    """Build the daily records and OPD summaries of [start, end] (every OPD, or these) in one
    transaction, and record the run. A failure is recorded as failed and raised again."""
    if end < start:
        raise ValueError("end before start")
    chosen = sorted({int(i) for i in opd_ids}) if opd_ids is not None else None
    run = SummaryRun.objects.create(
        trigger=trigger,
        start=start,
        end=end,
        opd_ids=chosen or [],
        started_at=timezone.now(),
    )
    began = time.perf_counter()
    try:
        records, summaries = _summarize(start, end, chosen)
    except Exception as exc:
        SummaryRun.objects.filter(pk=run.pk).update(
            outcome=SummaryRun.Outcome.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            duration_s=time.perf_counter() - began,
        )
        run.refresh_from_db()
        raise
    run.records, run.summaries = records, summaries
    run.duration_s = time.perf_counter() - began
    run.outcome = SummaryRun.Outcome.OK
    run.save(update_fields=["records", "summaries", "duration_s", "outcome"])
    transaction.on_commit(  # webhooks (api.webhooks); a failure there never fails the run
        lambda: summary_ready.send(
            sender=SummaryRun, run=run, start=start, end=end, opd_ids=chosen, rows=summaries
        ),
        robust=True,
    )
    return run


@transaction.atomic
def _summarize(start: dt.date, end: dt.date, chosen: list[int] | None) -> tuple[int, int]:
    opds = list(Opd.objects.filter(pk__in=chosen) if chosen is not None else Opd.objects.all())
    scope = ids(o.pk for o in opds)
    policies, hours = hours_rows(opds, start, end)
    dec31 = dt.date(end.year, 12, 31)
    sql = Sql(
        {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "end_jan1": dt.date(end.year, 1, 1).isoformat(),
            "dec31": dec31.isoformat(),
            "now": timezone.now(),
        }
    )
    in_scope = f"day >= %(start)s AND day <= %(end)s AND opd_id IN ({scope})"
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgresql:
            # JIT would spend seconds compiling these one-off statements; the hashes of a
            # 100,000-person day fit in memory with a little more than the default work_mem;
            # hash joins over a day's rows beat one index probe per person, which the planner
            # picks from its low estimate of the people of a day (until the later counts below)
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s), set_config('jit', 'off', true), "
                "set_config('work_mem', '64MB', true), "
                "set_config('enable_nestloop', 'off', true)",
                [ADVISORY_LOCK],
            )
        temp_tables(cursor, hours)
        # later records of the year exist only when an earlier range is recomputed
        later = False
        if end < dec31:
            every_opd = f"opd_id IN (SELECT id FROM {T['opd']})"  # noqa: S608
            after = f"day > %(end)s AND day <= %(dec31)s AND {every_opd}"
            sql.run(cursor, f"SELECT 1 FROM {T['record']} WHERE {after} LIMIT 1")  # noqa: S608
            later = cursor.fetchone() is not None
        touched = f"INSERT INTO summary_touched (employee_id) SELECT employee_id FROM {T['record']}"  # noqa: S608, E501
        if later:
            sql.run(cursor, f"{touched} WHERE {in_scope}")
        sql.run(cursor, f"DELETE FROM {T['summary']} WHERE {in_scope}")  # noqa: S608
        sql.run(cursor, f"DELETE FROM {T['record']} WHERE {in_scope}")  # noqa: S608
        # one statement per working day, in order: each day's counts start from the records of
        # the days before it, and a long range needs no more memory than one day
        records = 0
        for day in sorted({row[1] for row in hours}):
            sql.params["day"] = day
            sql.params["jan1"] = f"{day[:4]}-01-01"
            prev = earlier_counts(cursor, sql)
            text = records_sql(
                sql,
                policies,
                scope,
                scoped=chosen is not None,
                prev=prev,
                fence="OFFSET 0" if postgresql else "",
            )
            records += max(sql.run(cursor, text), 0)
        summaries = sql.run(cursor, opd_days_sql(scope))  # (they need no unexcused counts)
        if later:
            if postgresql:
                cursor.execute("SET LOCAL enable_nestloop = on")  # one probe per later record
            sql.run(cursor, f"{touched} WHERE {in_scope}")
            sql.run(cursor, later_ytd_sql(sql))
        cursor.execute("DROP TABLE summary_hours")
        cursor.execute("DROP TABLE summary_touched")
    return records, max(summaries, 0)


# -- recompute hooks --------------------------------------------------------------------------


def _runs(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Contiguous runs of calendar days."""
    result: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if result and day - result[-1][1] == dt.timedelta(days=1):
            result[-1] = (result[-1][0], day)
        else:
            result.append((day, day))
    return result


EASTERNMOST = zoneinfo.ZoneInfo("Asia/Jayapura")


def summaries_recompute(*, days: Iterable[dt.date], opd_ids: Iterable[int] | None = None) -> None:
    """Once the current transaction commits, recompute these days' records (past days only).

    Callers pass days that are over in their OPD's own zone; this only drops days that cannot be
    over anywhere yet (today or later in WIT, the easternmost zone), which the nightly run covers.
    Contiguous days go in one task.
    """
    today = timezone.now().astimezone(EASTERNMOST).date()
    past = [d for d in days if d < today]
    if not past:
        return
    chosen = sorted({int(i) for i in opd_ids}) if opd_ids is not None else None
    for first, last in _runs(past):
        queue_on_commit(
            "attendance.summarize_days",
            first.isoformat(),
            last.isoformat(),
            chosen,
            SummaryRun.Trigger.RECOMPUTE,
        )
