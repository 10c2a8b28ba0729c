"""Reads of leave: the one rule "approved leave covers this day", as a filter, as days per
employee, and as SQL for the set-based attendance summaries; and the overlap of active entries.

Approved leave (LeaveStatus.APPROVED) covers a day when the day lies between its start and its
end, both included. Pending, rejected and cancelled entries cover nothing. Every reader (the
roster, the check-in page, the daily records) asks this module.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Q

from common.sql import literal, literals
from leave.models import LeaveRecord, LeaveStatus

# entries that hold their days: a new entry may not overlap them
ACTIVE = (LeaveStatus.APPROVED, LeaveStatus.PENDING)


def approved_covering(*, start: dt.date, end: dt.date) -> Q:
    """Approved leave covering at least one day of [start, end] (one day: start = end)."""
    return Q(status=LeaveStatus.APPROVED, start__lte=end, end__gte=start)


def approved_leave_days(*, employee_ids, start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """Employee id -> their days between start and end that approved leave covers, in one query.

    `employee_ids` is a list or a subquery of ids."""
    rows = (
        LeaveRecord.objects.filter(approved_covering(start=start, end=end))
        .filter(employee_id__in=employee_ids)
        .values_list("employee_id", "start", "end")
    )
    days: dict[int, set[dt.date]] = defaultdict(set)
    for emp, lo, hi in rows:
        day, last = max(lo, start), min(hi, end)
        while day <= last:
            days[emp].add(day)
            day += dt.timedelta(days=1)
    return days


def active_overlapping(
    *, employee_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, list[LeaveRecord]]:
    """Employee id -> their approved or pending entries touching [start, end], by start."""
    rows = LeaveRecord.objects.filter(
        employee_id__in=list(employee_ids), status__in=ACTIVE, start__lte=end, end__gte=start
    ).order_by("start", "pk")
    found: dict[int, list[LeaveRecord]] = defaultdict(list)
    for record in rows:
        found[record.employee_id].append(record)
    return found


def approved_on_day_sql(*, day: str) -> str:
    """`approved_covering` for one day in SQL: a SELECT of (employee_id, kind) per employee with
    approved leave covering `day` (a SQL date expression or placeholder), the smallest kind where
    entries overlap."""
    return f"""SELECT l.employee_id, MIN(l.kind) AS kind
    FROM {LeaveRecord._meta.db_table} l
    WHERE l.status = {literal(LeaveStatus.APPROVED)} AND l.start <= {day} AND l."end" >= {day}
    GROUP BY l.employee_id"""  # noqa: S608 (the table name from the model, codes from the enum)


def kind_whens_sql(column: str, status_of_kind: Mapping[str, str]) -> str:
    """The WHEN branches of a SQL CASE giving each leave kind in `column` the status that
    `status_of_kind` gives it (kinds it leaves out fall through to the CASE's next branch)."""
    kinds_of: dict[str, list[str]] = defaultdict(list)
    for kind, status in status_of_kind.items():
        kinds_of[status].append(kind)
    return " ".join(
        f"WHEN {column} IN ({literals(kinds)}) THEN {literal(status)}"
        for status, kinds in kinds_of.items()
    )
