"""Daily records and OPD day summaries, built with set-based SQL (see `summarize`).

The rules of one DailyRecord (one employee on one working day of the OPD they were placed in):

- Who: every employee active that day with a Placement valid that day (an employee's first
  placement also covers the days before it, as in wfh.selectors.placements_in), on the working
  days of that OPD (wfh.calendar: no weekends, national holidays, cuti bersama or local days off).
- scheduled_mode: the published ScheduleDay mode, "WFO" without one.
- Leave: an approved LeaveRecord covering the day gives status cuti (cuti_* kinds but cuti_sakit),
  sakit (sakit, cuti_sakit) or dinas_luar (dinas_luar, tugas_belajar) and its leave_kind; a
  scheduled LEAVE without a record is cuti with an empty kind. No TL/PSW, not absent, not present.
- Only accepted events (accepted, accepted_by_review) count: first_in is the earliest 'in',
  last_out the latest 'out', present_mode the mode claimed by the first 'in'. A run reads the
  events and published days stamped with the OPDs it covers (an event carries the OPD of its day).
- No counted 'in': tidak_hadir, late_tier the open-ended TL tier ("no record"); PSW not applied.
  An 'in' without an 'out': the open-ended PSW tier, status psw unless late.
- late_minutes = ceil((first in - start) / 60 s) when above the grace minutes, else 0;
  early_minutes = ceil((end - last out) / 60 s) when positive: the same numbers as
  attendance.rules.late_minutes / early_minutes, from the event's local second and the OPD's
  hours that day (special periods first). Tiers: the OPD's policy's TL/PSW tiers, first match.
- status: terlambat if late, else psw if early (or no out), else hadir_wfh / hadir_wfo.
- mismatch: scheduled WFH but present WFO, or scheduled WFO but present WFH.
- pending_review: the employee's flagged events of that day.
- report_state (scheduled WFH and not on leave only): the WorkReport's status, else "missing".
- unexcused_ytd: tidak_hadir records of the employee from 1 January to that day inclusive (the
  records before the range count too, and later records of the year are brought up to date);
  pp94_level: the PP 94/2021 level that count reached (PP94_LEVELS).

An OpdDaySummary counts an OPD's records of a day (GROUP BY over DailyRecord) and names the unit
whose on-site count (present WFO) is furthest below, or least above, its Unit.min_onsite.

One run deletes the range's records and summaries of the OPDs it covers and inserts them again
inside one transaction, so it is idempotent and drops rows that are no longer valid (a day that
became a day off, an employee who moved out): one INSERT ... SELECT per working day, in order
(a day's unexcused counts start from the latest earlier records), then one for the summaries.
The only Python work is per OPD and day (the hours table), never per employee. Needs PostgreSQL,
or SQLite >= 3.35 (UPDATE ... FROM, window functions).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import zoneinfo
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from attendance import rules
from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    LeaveRecord,
    OpdDaySummary,
    SummaryRun,
    WorkingHours,
    WorkReport,
)
from attendance.signals import summary_ready
from opd.models import Employee, Opd, Placement, Unit
from wfh.calendar import days_off
from wfh.models import LocalDayOff, ScheduleDay

# PP 94/2021: cumulative unexcused absence per year -> the sanction level reached (lowest first).
# The label is what DailyRecord.pp94_level stores; show it through `pp94_label`.
PP94_LEVELS: tuple[tuple[int, str], ...] = (
    (3, N_("teguran lisan")),
    (4, N_("teguran tertulis")),
    (7, N_("pernyataan tidak puas")),
    (11, N_("potong TPP 25% 6 bulan")),
    (14, N_("potong TPP 25% 9 bulan")),
    (17, N_("potong TPP 25% 12 bulan")),
    (21, N_("penurunan jabatan")),
    (25, N_("pembebasan dari jabatan")),
    (28, N_("pemberhentian")),
)

ADVISORY_LOCK = 4_2025_1205  # PostgreSQL: one summary run writes at a time


def pp94_level(unexcused: int) -> str:
    """The PP 94/2021 level reached by this many unexcused absences in a year ("" below 3)."""
    reached = ""
    for threshold, label in PP94_LEVELS:
        if unexcused >= threshold:
            reached = label
    return reached


def pp94_label(level: str) -> str:
    """A stored level in the user's language."""
    return gettext(level) if level else ""


# -- SQL helpers ------------------------------------------------------------------------------


class _Sql:
    """SQL written with %(name)s placeholders, turned into positional ones for the cursor."""

    def __init__(self, params: dict):
        self.params = params

    def run(self, cursor, sql: str) -> int:
        names: list[str] = []

        def take(match: re.Match) -> str:
            names.append(match.group(1))
            return "%s"

        text = re.sub(r"%\((\w+)\)s", take, sql)
        cursor.execute(text, [self.params[n] for n in names])
        if connection.vendor == "sqlite" and text.lstrip().startswith("WITH"):
            # Python's sqlite3 leaves rowcount at -1 for a statement that starts with WITH
            cursor.execute("SELECT changes()")
            return cursor.fetchone()[0]
        return cursor.rowcount

    def add(self, value) -> str:
        """A new parameter; returns its placeholder."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"


def _ids(values: Iterable[int]) -> str:
    """An IN list of integer ids, inlined (ints only, so nothing can be injected)."""
    text = ",".join(str(int(v)) for v in values)
    return text or "NULL"


def _tier_case(sql: _Sql, policies: Sequence[rules.Policy], kind: str, minutes: str | None) -> str:
    """CASE over the policy index `r.pol`: the code of the first tier holding `minutes`, or of
    the open-ended tier when `minutes` is None (no record); '' when none fits."""
    branches = []
    for index, policy in enumerate(policies):
        tiers = policy.tl_tiers if kind == rules.TL else policy.psw_tiers
        if minutes is None:
            tier = rules.tier_for(tiers, None)
            inner = sql.add(tier.code) if tier else "''"
        else:
            whens = " ".join(
                f"WHEN {minutes} >= {int(t.low)}"
                + ("" if t.high is None else f" AND {minutes} <= {int(t.high)}")
                + f" THEN {sql.add(t.code)}"
                for t in tiers
            )
            inner = f"(CASE WHEN {minutes} <= 0 THEN '' {whens} ELSE '' END)" if whens else "''"
        branches.append(f"WHEN {index} THEN {inner}")
    return f"(CASE r.pol {' '.join(branches)} ELSE '' END)"


def _pp94_case(sql: _Sql, count: str) -> str:
    whens = " ".join(
        f"WHEN {count} >= {int(threshold)} THEN {sql.add(label)}"
        for threshold, label in reversed(PP94_LEVELS)
    )
    return f"(CASE {whens} ELSE '' END)"


# -- the hours table: working days x OPDs, computed in Python (small) ---------------------------


def _policies_by_opd(opd_ids: list[int]) -> tuple[list[rules.Policy], dict[int, int]]:
    """Each OPD's policy index into a list of distinct policies (own row, default row, usual)."""
    rows = {
        row.opd_id: row
        for row in WorkingHours.objects.filter(
            Q(opd_id__in=opd_ids) | Q(opd__isnull=True)
        ).prefetch_related("periods", "tiers")
    }
    policies: list[rules.Policy] = []
    index_of_row: dict[int | None, int] = {}

    def index(row: WorkingHours | None) -> int:
        key = row.pk if row is not None else None
        if key not in index_of_row:
            index_of_row[key] = len(policies)
            policies.append(
                row.as_policy() if row is not None else WorkingHours().as_policy_without_rows()
            )
        return index_of_row[key]

    by_opd = {opd_id: index(rows.get(opd_id) or rows.get(None)) for opd_id in opd_ids}
    return policies, by_opd


def _seconds(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


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


def _hours_rows(
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
                    _seconds(hours[0]),
                    _seconds(hours[1]),
                    policy.grace_minutes,
                    pol_of[opd.pk],
                )
            )
    return policies, rows


def _temp_tables(cursor, hours: list[tuple]) -> None:
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


# -- the records ------------------------------------------------------------------------------

T = {
    "record": DailyRecord._meta.db_table,
    "summary": OpdDaySummary._meta.db_table,
    "event": AttendanceEvent._meta.db_table,
    "leave": LeaveRecord._meta.db_table,
    "report": WorkReport._meta.db_table,
    "schedule": ScheduleDay._meta.db_table,
    "placement": Placement._meta.db_table,
    "employee": Employee._meta.db_table,
    "unit": Unit._meta.db_table,
    "opd": Opd._meta.db_table,
}

RECORD_COLUMNS = (
    "employee_id, day, opd_id, unit_id, scheduled_mode, status, leave_kind, first_in, last_out, "
    "present_mode, late_minutes, late_tier, early_minutes, early_tier, mismatch, pending_review, "
    "report_state, unexcused_ytd, pp94_level, computed_at"
)


# A recompute of some OPDs may meet records of the same people and days kept under another OPD
# (someone who moved): they are taken over. A run of every OPD has deleted the whole range first,
# so it inserts plainly (cheaper than checking each row for a conflict).
UPSERT = """ON CONFLICT (employee_id, day) DO UPDATE SET
    opd_id = excluded.opd_id, unit_id = excluded.unit_id,
    scheduled_mode = excluded.scheduled_mode, status = excluded.status,
    leave_kind = excluded.leave_kind, first_in = excluded.first_in,
    last_out = excluded.last_out, present_mode = excluded.present_mode,
    late_minutes = excluded.late_minutes, late_tier = excluded.late_tier,
    early_minutes = excluded.early_minutes, early_tier = excluded.early_tier,
    mismatch = excluded.mismatch, pending_review = excluded.pending_review,
    report_state = excluded.report_state, unexcused_ytd = excluded.unexcused_ytd,
    pp94_level = excluded.pp94_level, computed_at = excluded.computed_at"""


def _earlier_counts(cursor, sql: _Sql) -> tuple[str, str]:
    """Where the unexcused counts before the day are kept: the latest earlier day of its year
    that has records (one index probe per OPD), and the OPDs with records on it. Everyone with a
    record on that day has it as their latest earlier record."""
    latest = (
        f"SELECT o.id, (SELECT r.day FROM {T['record']} r WHERE r.opd_id = o.id "  # noqa: S608
        f"AND r.day >= %(jan1)s AND r.day < %(day)s ORDER BY r.day DESC LIMIT 1) "
        f"FROM {T['opd']} o"
    )
    sql.run(cursor, latest)
    days = [(opd_id, str(day)) for opd_id, day in cursor.fetchall() if day is not None]
    if not days:
        return "", ""
    prev = max(day for _, day in days)
    return prev, _ids(opd_id for opd_id, day in days if day == prev)


def _records_sql(
    sql: _Sql,
    policies: list[rules.Policy],
    scope: str,
    *,
    scoped: bool,
    prev: tuple[str, str],
    fence: str,
) -> str:
    """One INSERT ... SELECT for every record of one day, `%(day)s` (the hours table says which
    OPDs work that day).

    `prev` is the day holding the counts before this day and its OPDs (`_earlier_counts`;
    empty when the year has no records before it); `fence` keeps PostgreSQL from copying a
    computed column into every expression that uses it ("OFFSET 0")."""
    # events and published days of the day are read through their (opd, day) indexes: an
    # event carries the OPD of its day (the placement when it was stored), a published day too
    event_scope = f"AND a.opd_id IN ({scope})"
    sched_scope = f"AND opd_id IN ({scope})"
    prev_day, prev_opds = prev
    absent = "CASE WHEN st.status = 'tidak_hadir' THEN 1 ELSE 0 END"
    if prev_day:
        sql.params["prev"] = prev_day
        # unexcused absences of the day's year before it: the count kept on each employee's
        # latest earlier record, read from the latest earlier day's records (one pass); an index
        # probe only for those without a record that day (moved in, new, a local day off)
        ytd = f"""COALESCE(d.unexcused_ytd, (
        SELECT b.unexcused_ytd FROM {T["record"]} b
        WHERE b.employee_id = st.employee_id AND b.day >= %(jan1)s AND b.day < %(day)s
        ORDER BY b.day DESC LIMIT 1), 0) + {absent}"""  # noqa: S608 (table name from the model)
        earlier = f"""LEFT JOIN {T["record"]} d ON d.employee_id = st.employee_id
        AND d.day = %(prev)s AND d.opd_id IN ({prev_opds})"""  # noqa: S608 (ids inlined as ints)
    else:
        ytd, earlier = absent, ""
    return f"""
WITH
people AS (
    -- who works where that day: a placement valid that day (the first placement of
    -- an employee also covers the days before it), the employee active that day
    SELECT p.employee_id, p.unit_id, h.opd_id, h.day, h.start_s, h.end_s, h.grace, h.pol
    FROM summary_hours h
    JOIN {T["placement"]} p ON h.day = %(day)s AND p.opd_id = h.opd_id
        AND (p.valid_to IS NULL OR p.valid_to >= h.day)
        AND (p.valid_from <= h.day OR NOT EXISTS (
            SELECT 1 FROM {T["placement"]} q
            WHERE q.employee_id = p.employee_id AND q.valid_from < p.valid_from))
    WHERE NOT EXISTS (
        -- (an anti-join: only the few employees inactive that day are hashed)
        SELECT 1 FROM {T["employee"]} e WHERE e.id = p.employee_id
            AND (e.active_from > %(day)s OR e.active_to < %(day)s))
),
ev AS (
    -- per employee: the first counted 'in' (its local second x 2 + 1 when it claimed
    -- WFH, so one MIN gives both), the last counted 'out', and the flagged events
    SELECT a.employee_id,
        MIN(CASE WHEN a.kind = 'in' AND a.status IN ('accepted', 'accepted_by_review')
            THEN a."timestamp" END) AS first_in,
        MIN(CASE WHEN a.kind = 'in' AND a.status IN ('accepted', 'accepted_by_review')
            THEN a.local_second * 2 + CASE WHEN a.mode = 'WFH' THEN 1 ELSE 0 END END) AS in_key,
        MAX(CASE WHEN a.kind = 'out' AND a.status IN ('accepted', 'accepted_by_review')
            THEN a."timestamp" END) AS last_out,
        MAX(CASE WHEN a.kind = 'out' AND a.status IN ('accepted', 'accepted_by_review')
            THEN a.local_second END) AS out_s,
        SUM(CASE WHEN a.status = 'flagged' THEN 1 ELSE 0 END) AS pending
    FROM {T["event"]} a
    WHERE a.day = %(day)s {event_scope}
    GROUP BY a.employee_id
),
sched AS (
    -- the published schedule of the day
    SELECT employee_id, mode FROM {T["schedule"]}
    WHERE day = %(day)s {sched_scope}
),
lv AS (
    -- approved leave, sick leave or duty covering the day (one kind if records overlap)
    SELECT l.employee_id, MIN(l.kind) AS kind
    FROM {T["leave"]} l
    WHERE l.status = 'approved' AND l.start <= %(day)s AND l."end" >= %(day)s
    GROUP BY l.employee_id
),
r AS (
    SELECT x.*, COALESCE(s.mode, 'WFO') AS scheduled_mode, lv.kind AS leave_kind,
        (lv.kind IS NOT NULL OR COALESCE(s.mode, 'WFO') = 'LEAVE') AS on_leave,
        ev.first_in, ev.last_out, ev.in_key / 2 AS in_s, ev.out_s,
        CASE WHEN ev.in_key IS NULL THEN ''
             WHEN ev.in_key - (ev.in_key / 2) * 2 = 1 THEN 'WFH' ELSE 'WFO' END AS claimed,
        COALESCE(ev.pending, 0) AS pending, w.status AS report
    FROM people x
    LEFT JOIN sched s ON s.employee_id = x.employee_id
    LEFT JOIN lv ON lv.employee_id = x.employee_id
    LEFT JOIN ev ON ev.employee_id = x.employee_id
    LEFT JOIN {T["report"]} w ON w.employee_id = x.employee_id AND w.day = %(day)s
    {fence}
),
m AS (
    -- minutes late (beyond the grace, counted from the start) and minutes early
    SELECT r.*,
        CASE WHEN r.on_leave OR r.in_s IS NULL THEN 0
             WHEN r.in_s > r.start_s AND (r.in_s - r.start_s + 59) / 60 > r.grace
             THEN (r.in_s - r.start_s + 59) / 60 ELSE 0 END AS late,
        CASE WHEN r.on_leave OR r.in_s IS NULL OR r.out_s IS NULL THEN 0
             WHEN r.out_s < r.end_s THEN (r.end_s - r.out_s + 59) / 60 ELSE 0 END AS early
    FROM r
    {fence}
),
st AS (
    SELECT r.*,
        CASE WHEN r.leave_kind IN ('sakit', 'cuti_sakit') THEN 'sakit'
             WHEN r.leave_kind IN ('dinas_luar', 'tugas_belajar') THEN 'dinas_luar'
             WHEN r.on_leave THEN 'cuti'
             WHEN r.in_s IS NULL THEN 'tidak_hadir'
             WHEN r.late > 0 THEN 'terlambat'
             WHEN r.out_s IS NULL OR r.early > 0 THEN 'psw'
             WHEN r.claimed = 'WFH' THEN 'hadir_wfh' ELSE 'hadir_wfo' END AS status,
        CASE WHEN r.on_leave THEN ''
             WHEN r.in_s IS NULL THEN {_tier_case(sql, policies, rules.TL, None)}
             ELSE {_tier_case(sql, policies, rules.TL, "r.late")} END AS late_tier,
        CASE WHEN r.on_leave OR r.in_s IS NULL THEN ''
             WHEN r.out_s IS NULL THEN {_tier_case(sql, policies, rules.PSW, None)}
             ELSE {_tier_case(sql, policies, rules.PSW, "r.early")} END AS early_tier,
        CASE WHEN r.on_leave THEN '' ELSE r.claimed END AS present,
        CASE WHEN r.on_leave THEN '' WHEN r.scheduled_mode <> 'WFH' THEN ''
             ELSE COALESCE(r.report, 'missing') END AS report_state
    FROM m r
    {fence}
),
y AS (
    -- unexcused absences so far this year: those before the day, and this day's
    SELECT st.*, {ytd} AS ytd
    FROM st {earlier}
    {fence}
)
INSERT INTO {T["record"]} ({RECORD_COLUMNS})
SELECT employee_id, day, opd_id, unit_id, scheduled_mode, status, COALESCE(leave_kind, ''),
    first_in, last_out, present, late, late_tier, early, early_tier,
    CASE WHEN (scheduled_mode = 'WFH' AND present = 'WFO')
           OR (scheduled_mode = 'WFO' AND present = 'WFH') THEN TRUE ELSE FALSE END,
    pending, report_state, ytd, {_pp94_case(sql, "ytd")}, %(now)s
FROM y WHERE 1 = 1
{UPSERT if scoped else ""}
"""  # noqa: S608 (table names from the models, ids and numbers inlined as ints, values as params)


def _later_ytd_sql(sql: _Sql) -> str:
    """Bring the unexcused count of the year's later records of the touched employees up to
    date: the count up to the range's end plus a running count after it."""
    return f"""
UPDATE {T["record"]} SET unexcused_ytd = y.n, pp94_level = {_pp94_case(sql, "y.n")}
FROM (
    SELECT r.id, COALESCE(b.n, 0)
        + SUM(CASE WHEN r.status = 'tidak_hadir' THEN 1 ELSE 0 END)
            OVER (PARTITION BY r.employee_id ORDER BY r.day
                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
    FROM {T["record"]} r
    LEFT JOIN (
        -- the count on each touched employee's latest record up to the range's end
        SELECT t.employee_id, (
            SELECT c.unexcused_ytd FROM {T["record"]} c
            WHERE c.employee_id = t.employee_id AND c.day >= %(end_jan1)s AND c.day <= %(end)s
            ORDER BY c.day DESC LIMIT 1) AS n
        FROM (SELECT DISTINCT employee_id FROM summary_touched) t
    ) b ON b.employee_id = r.employee_id
    WHERE r.day > %(end)s AND r.day <= %(dec31)s
        AND r.employee_id IN (SELECT employee_id FROM summary_touched)
) y
WHERE {T["record"]}.id = y.id AND {T["record"]}.unexcused_ytd <> y.n
"""  # noqa: S608 (table names from the models, values as params)


def _summary_sql(scope: str) -> str:
    """The OPD day summaries of the hours table's OPDs and days, from their records (read
    through the records' (opd, day) index)."""
    return f"""
WITH
g AS (
    -- one pass over the range's records: the counts of each unit (and of the records without
    -- one) of an OPD's day, added up per OPD below
    SELECT r.opd_id, r.day, r.unit_id, COUNT(*) AS headcount,
        SUM(CASE WHEN r.scheduled_mode = 'WFH' THEN 1 ELSE 0 END) AS scheduled_wfh,
        SUM(CASE WHEN r.scheduled_mode = 'WFO' THEN 1 ELSE 0 END) AS scheduled_wfo,
        SUM(CASE WHEN r.present_mode = 'WFH' THEN 1 ELSE 0 END) AS present_wfh,
        SUM(CASE WHEN r.present_mode = 'WFO' THEN 1 ELSE 0 END) AS present_wfo,
        SUM(CASE WHEN r.status = 'tidak_hadir' THEN 1 ELSE 0 END) AS absent,
        SUM(CASE WHEN r.late_minutes > 0 THEN 1 ELSE 0 END) AS late,
        SUM(CASE WHEN r.early_tier <> '' THEN 1 ELSE 0 END) AS early,
        SUM(CASE WHEN r.status IN ('cuti', 'sakit', 'dinas_luar') THEN 1 ELSE 0 END) AS on_leave,
        SUM(CASE WHEN r.mismatch THEN 1 ELSE 0 END) AS mismatches,
        SUM(CASE WHEN r.report_state = 'missing' THEN 1 ELSE 0 END) AS reports_missing
    FROM {T["record"]} r
    JOIN summary_hours h ON h.opd_id = r.opd_id AND h.day = r.day
    WHERE r.day >= %(start)s AND r.day <= %(end)s AND r.opd_id IN ({scope})
    GROUP BY r.opd_id, r.day, r.unit_id
),
agg AS (
    SELECT opd_id, day, SUM(headcount) AS headcount, SUM(scheduled_wfh) AS scheduled_wfh,
        SUM(scheduled_wfo) AS scheduled_wfo, SUM(present_wfh) AS present_wfh,
        SUM(present_wfo) AS present_wfo, SUM(absent) AS absent, SUM(late) AS late,
        SUM(early) AS early, SUM(on_leave) AS on_leave, SUM(mismatches) AS mismatches,
        SUM(reports_missing) AS reports_missing
    FROM g
    GROUP BY opd_id, day
),
units AS (
    -- each unit's staff present at the office against its minimum; the lowest margin first
    SELECT g.opd_id, g.day, g.unit_id, g.present_wfo AS onsite, u.min_onsite AS minimum,
        ROW_NUMBER() OVER (
            PARTITION BY g.opd_id, g.day ORDER BY g.present_wfo - u.min_onsite, g.unit_id
        ) AS rank
    FROM g
    JOIN {T["unit"]} u ON u.id = g.unit_id
)
INSERT INTO {T["summary"]} (opd_id, day, headcount, scheduled_wfh, scheduled_wfo, present_wfh,
    present_wfo, absent, late, early, on_leave, mismatches, reports_missing, lowest_unit_id,
    lowest_unit_onsite, lowest_unit_minimum, computed_at)
SELECT h.opd_id, h.day, COALESCE(a.headcount, 0), COALESCE(a.scheduled_wfh, 0),
    COALESCE(a.scheduled_wfo, 0), COALESCE(a.present_wfh, 0), COALESCE(a.present_wfo, 0),
    COALESCE(a.absent, 0), COALESCE(a.late, 0), COALESCE(a.early, 0), COALESCE(a.on_leave, 0),
    COALESCE(a.mismatches, 0), COALESCE(a.reports_missing, 0),
    u.unit_id, u.onsite, u.minimum, %(now)s
FROM summary_hours h
JOIN {T["opd"]} o ON o.id = h.opd_id
LEFT JOIN agg a ON a.opd_id = h.opd_id AND a.day = h.day
LEFT JOIN units u ON u.opd_id = h.opd_id AND u.day = h.day AND u.rank = 1
WHERE o.active OR a.headcount IS NOT NULL
"""  # noqa: S608 (table names from the models, ids inlined as ints)


# -- the run ----------------------------------------------------------------------------------


def summarize(
    start: dt.date,
    end: dt.date,
    *,
    opd_ids: Iterable[int] | None = None,
    trigger: str = SummaryRun.Trigger.COMMAND,
) -> SummaryRun:
    """Build the daily records and OPD summaries of [start, end] (every OPD, or these) in one
    transaction, and record the run. A failure is recorded as failed and raised again."""
    if end < start:
        raise ValueError("end before start")
    ids = sorted({int(i) for i in opd_ids}) if opd_ids is not None else None
    run = SummaryRun.objects.create(
        trigger=trigger,
        start=start,
        end=end,
        opd_ids=ids or [],
        started_at=timezone.now(),
    )
    began = time.perf_counter()
    try:
        records, summaries = _summarize(start, end, ids)
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
            sender=SummaryRun, run=run, start=start, end=end, opd_ids=ids, rows=summaries
        ),
        robust=True,
    )
    return run


@transaction.atomic
def _summarize(start: dt.date, end: dt.date, ids: list[int] | None) -> tuple[int, int]:
    opds = list(Opd.objects.filter(pk__in=ids) if ids is not None else Opd.objects.all())
    scope = _ids(o.pk for o in opds)
    policies, hours = _hours_rows(opds, start, end)
    dec31 = dt.date(end.year, 12, 31)
    sql = _Sql(
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
        _temp_tables(cursor, hours)
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
            prev = _earlier_counts(cursor, sql)
            text = _records_sql(
                sql,
                policies,
                scope,
                scoped=ids is not None,
                prev=prev,
                fence="OFFSET 0" if postgresql else "",
            )
            records += max(sql.run(cursor, text), 0)
        summaries = sql.run(cursor, _summary_sql(scope))  # (they need no unexcused counts)
        if later:
            if postgresql:
                cursor.execute("SET LOCAL enable_nestloop = on")  # one probe per later record
            sql.run(cursor, f"{touched} WHERE {in_scope}")
            sql.run(cursor, _later_ytd_sql(sql))
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


def schedule_recompute(*, days: Iterable[dt.date], opd_ids: Iterable[int] | None = None) -> None:
    """Once the current transaction commits, recompute these days' records (past days only).

    Callers pass days that are over in their OPD's own zone; this only drops days that cannot be
    over anywhere yet (today or later in WIT, the easternmost zone), which the nightly run covers.
    Contiguous days go in one task.
    """
    today = timezone.now().astimezone(EASTERNMOST).date()
    past = [d for d in days if d < today]
    if not past:
        return
    ids = sorted({int(i) for i in opd_ids}) if opd_ids is not None else None
    from attendance import tasks

    for first, last in _runs(past):

        def send(first=first, last=last) -> None:
            tasks.summarize_days.delay(
                first.isoformat(), last.isoformat(), ids, SummaryRun.Trigger.RECOMPUTE
            )

        transaction.on_commit(send)
