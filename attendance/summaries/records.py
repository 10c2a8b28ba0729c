"""The daily records' statements: one INSERT ... SELECT per working day, and the update of the
year's later unexcused counts (see the package's docstring for the rules)."""

from __future__ import annotations

from attendance import rules
from attendance.models import DAY_STATUS_OF_LEAVE_KIND
from attendance.summaries.sql import Sql, T, V, ids, pp94_case, tier_case
from leave.selectors import approved_on_day_sql, kind_whens_sql

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


def earlier_counts(cursor, sql: Sql) -> tuple[str, str]:
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
    return prev, ids(opd_id for opd_id, day in days if day == prev)


def records_sql(
    sql: Sql,
    policies: list[rules.Policy],
    scope: str,
    *,
    scoped: bool,
    prev: tuple[str, str],
    fence: str,
) -> str:
    """One INSERT ... SELECT for every record of one day, `%(day)s` (the hours table says which
    OPDs work that day).

    `prev` is the day holding the counts before this day and its OPDs (`earlier_counts`;
    empty when the year has no records before it); `fence` keeps PostgreSQL from copying a
    computed column into every expression that uses it ("OFFSET 0")."""
    # events and published days of the day are read through their (opd, day) indexes: an
    # event carries the OPD of its day (the placement when it was stored), a published day too
    event_scope = f"AND a.opd_id IN ({scope})"
    sched_scope = f"AND opd_id IN ({scope})"
    prev_day, prev_opds = prev
    absent = f"CASE WHEN st.status = {V.ABSENT} THEN 1 ELSE 0 END"
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
        MIN(CASE WHEN a.kind = {V.IN} AND a.status IN ({V.COUNTED})
            THEN a."timestamp" END) AS first_in,
        MIN(CASE WHEN a.kind = {V.IN} AND a.status IN ({V.COUNTED})
            THEN a.local_second * 2 + CASE WHEN a.mode = {V.CLAIMED_WFH} THEN 1 ELSE 0 END
            END) AS in_key,
        MAX(CASE WHEN a.kind = {V.OUT} AND a.status IN ({V.COUNTED})
            THEN a."timestamp" END) AS last_out,
        MAX(CASE WHEN a.kind = {V.OUT} AND a.status IN ({V.COUNTED})
            THEN a.local_second END) AS out_s,
        SUM(CASE WHEN a.status = {V.FLAGGED} THEN 1 ELSE 0 END) AS pending
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
    {approved_on_day_sql(day="%(day)s")}
),
r AS (
    SELECT x.*, COALESCE(s.mode, {V.WFO}) AS scheduled_mode, lv.kind AS leave_kind,
        (lv.kind IS NOT NULL OR COALESCE(s.mode, {V.WFO}) = {V.LEAVE}) AS on_leave,
        ev.first_in, ev.last_out, ev.in_key / 2 AS in_s, ev.out_s,
        CASE WHEN ev.in_key IS NULL THEN ''
             WHEN ev.in_key - (ev.in_key / 2) * 2 = 1 THEN {V.CLAIMED_WFH}
             ELSE {V.CLAIMED_WFO} END AS claimed,
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
             ELSE {rules.minutes_late_sql("r.in_s", "r.start_s", "r.grace")} END AS late,
        CASE WHEN r.on_leave OR r.in_s IS NULL OR r.out_s IS NULL THEN 0
             ELSE {rules.minutes_early_sql("r.out_s", "r.end_s")} END AS early
    FROM r
    {fence}
),
st AS (
    SELECT r.*,
        CASE {kind_whens_sql("r.leave_kind", DAY_STATUS_OF_LEAVE_KIND)}
             WHEN r.on_leave THEN {V.CUTI}
             WHEN r.in_s IS NULL THEN {V.ABSENT}
             WHEN r.late > 0 THEN {V.LATE}
             WHEN r.out_s IS NULL OR r.early > 0 THEN {V.EARLY}
             WHEN r.claimed = {V.CLAIMED_WFH} THEN {V.HADIR_WFH} ELSE {V.HADIR_WFO} END AS status,
        CASE WHEN r.on_leave THEN ''
             WHEN r.in_s IS NULL THEN {tier_case(sql, policies, rules.TL, None)}
             ELSE {tier_case(sql, policies, rules.TL, "r.late")} END AS late_tier,
        CASE WHEN r.on_leave OR r.in_s IS NULL THEN ''
             WHEN r.out_s IS NULL THEN {tier_case(sql, policies, rules.PSW, None)}
             ELSE {tier_case(sql, policies, rules.PSW, "r.early")} END AS early_tier,
        CASE WHEN r.on_leave THEN '' ELSE r.claimed END AS present,
        CASE WHEN r.on_leave THEN '' WHEN r.scheduled_mode <> {V.WFH} THEN ''
             ELSE COALESCE(r.report, {V.REPORT_MISSING}) END AS report_state
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
    CASE WHEN (scheduled_mode = {V.WFH} AND present = {V.CLAIMED_WFO})
           OR (scheduled_mode = {V.WFO} AND present = {V.CLAIMED_WFH}) THEN TRUE ELSE FALSE END,
    pending, report_state, ytd, {pp94_case(sql, "ytd")}, %(now)s
FROM y WHERE 1 = 1
{UPSERT if scoped else ""}
"""  # noqa: S608 (tables from the models, codes from the enums, ids and numbers as ints)


def later_ytd_sql(sql: Sql) -> str:
    """Bring the unexcused count of the year's later records of the touched employees up to
    date: the count up to the range's end plus a running count after it."""
    return f"""
UPDATE {T["record"]} SET unexcused_ytd = y.n, pp94_level = {pp94_case(sql, "y.n")}
FROM (
    SELECT r.id, COALESCE(b.n, 0)
        + SUM(CASE WHEN r.status = {V.ABSENT} THEN 1 ELSE 0 END)
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
"""  # noqa: S608 (tables from the models, codes from the enums, values as params)
