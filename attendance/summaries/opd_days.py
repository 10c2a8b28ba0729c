"""The OPD day summaries' statement: the counts of an OPD's records of a day, and its unit
furthest below (or least above) its minimum on site."""

from __future__ import annotations

from attendance.summaries.sql import T, V


def opd_days_sql(scope: str) -> str:
    """The OPD day summaries of the hours table's OPDs and days, from their records (read
    through the records' (opd, day) index)."""
    return f"""
WITH
g AS (
    -- one pass over the range's records: the counts of each unit (and of the records without
    -- one) of an OPD's day, added up per OPD below
    SELECT r.opd_id, r.day, r.unit_id, COUNT(*) AS headcount,
        SUM(CASE WHEN r.scheduled_mode = {V.WFH} THEN 1 ELSE 0 END) AS scheduled_wfh,
        SUM(CASE WHEN r.scheduled_mode = {V.WFO} THEN 1 ELSE 0 END) AS scheduled_wfo,
        SUM(CASE WHEN r.present_mode = {V.CLAIMED_WFH} THEN 1 ELSE 0 END) AS present_wfh,
        SUM(CASE WHEN r.present_mode = {V.CLAIMED_WFO} THEN 1 ELSE 0 END) AS present_wfo,
        SUM(CASE WHEN r.status = {V.ABSENT} THEN 1 ELSE 0 END) AS absent,
        SUM(CASE WHEN r.late_minutes > 0 THEN 1 ELSE 0 END) AS late,
        SUM(CASE WHEN r.early_tier <> '' THEN 1 ELSE 0 END) AS early,
        SUM(CASE WHEN r.status IN ({V.ON_LEAVE}) THEN 1 ELSE 0 END) AS on_leave,
        SUM(CASE WHEN r.mismatch THEN 1 ELSE 0 END) AS mismatches,
        SUM(CASE WHEN r.report_state = {V.REPORT_MISSING} THEN 1 ELSE 0 END) AS reports_missing
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
"""  # noqa: S608 (tables from the models, codes from the enums, ids inlined as ints)
