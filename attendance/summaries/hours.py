"""The hours table of a run: each OPD's working days in the range with that day's start, end,
grace and policy, computed in Python (OPDs x days: small), and the run's temporary tables."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from attendance import rules
from attendance.models import WorkingHours
from attendance.selectors import policy_of, working_hours_rows
from opd.models import Opd
from wfh.calendar import days_off
from wfh.models import LocalDayOff


def _policies_by_opd(opd_ids: list[int]) -> tuple[list[rules.Policy], dict[int, int]]:
    """Each OPD's policy index into a list of distinct policies (own row, default row, usual)."""
    policies: list[rules.Policy] = []
    index_of_row: dict[int | None, int] = {}

    def index(row: WorkingHours | None) -> int:
        key = row.pk if row is not None else None
        if key not in index_of_row:
            index_of_row[key] = len(policies)
            policies.append(policy_of(row))
        return index_of_row[key]

    rows = working_hours_rows(opd_ids=opd_ids)
    return policies, {opd_id: index(row) for opd_id, row in rows.items()}


def _working_days_by_opd(opds: list[Opd], start: dt.date, end: dt.date) -> dict[int, list]:
    """wfh.calendar.working_days for each OPD, in three queries whatever the number of OPDs:
    weekdays minus national days off and local days off for every OPD (calendar.days_off), minus
    the local days off of that OPD."""
    everyone = days_off(start, end)
    own = set(
        LocalDayOff.opds.through.objects.filter(
            localdayoff__date__gte=start, localdayoff__date__lte=end
        ).values_list("opd_id", "localdayoff__date")
    )
    weekdays = [
        start + dt.timedelta(days=n)
        for n in range((end - start).days + 1)
        if (start + dt.timedelta(days=n)).weekday() < 5
    ]
    weekdays = [d for d in weekdays if d not in everyone]
    return {o.pk: [d for d in weekdays if (o.pk, d) not in own] for o in opds}


def hours_rows(
    opds: list[Opd], start: dt.date, end: dt.date
) -> tuple[list[rules.Policy], list[tuple]]:
    policies, pol_of = _policies_by_opd([o.pk for o in opds])
    days_of = _working_days_by_opd(opds, start, end)
    rows = []
    for opd in opds:
        policy = policies[pol_of[opd.pk]]
        for day in days_of[opd.pk]:
            hours = rules.hours_on(policy, day)
            if hours is None:
                continue
            rows.append(
                (
                    opd.pk,
                    day.isoformat(),
                    rules.seconds_of(hours[0]),
                    rules.seconds_of(hours[1]),
                    policy.grace_minutes,
                    pol_of[opd.pk],
                )
            )
    return policies, rows


def temp_tables(cursor, hours: list[tuple]) -> None:
    cursor.execute("DROP TABLE IF EXISTS summary_hours")
    cursor.execute("DROP TABLE IF EXISTS summary_touched")
    cursor.execute(
        "CREATE TEMP TABLE summary_hours (opd_id bigint NOT NULL, day date NOT NULL, "
        "start_s integer NOT NULL, end_s integer NOT NULL, "
        "grace integer NOT NULL, pol integer NOT NULL)"
    )
    cursor.execute("CREATE TEMP TABLE summary_touched (employee_id bigint NOT NULL)")
    if hours:
        cursor.executemany(
            "INSERT INTO summary_hours (opd_id, day, start_s, end_s, grace, pol) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            hours,
        )
    if connection.vendor == "postgresql":
        cursor.execute("ANALYZE summary_hours")
