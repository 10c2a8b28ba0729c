"""Daily records and OPD day summaries, built with set-based SQL (`runs.summaries_build`).

The rules of one DailyRecord (one employee on one working day of the OPD they were placed in):

- Who: every employee active that day with a Placement valid that day (an employee's first
  placement also covers the days before it, as in wfh.selectors.placements_in), on the working
  days of that OPD (wfh.calendar: no weekends, national holidays, cuti bersama or local days off).
- scheduled_mode: the published ScheduleDay mode, "WFO" without one.
- Leave: approved leave covering the day (leave.selectors.approved_on_day_sql) gives the status
  of its kind (attendance.models.DAY_STATUS_OF_LEAVE_KIND: sakit for sick leave, dinas_luar for
  duty, cuti otherwise) and its leave_kind; a scheduled LEAVE without a record is cuti with an
  empty kind. No TL/PSW, not absent, not present.
- Only accepted events (accepted, accepted_by_review) count: first_in is the earliest 'in',
  last_out the latest 'out', present_mode the mode claimed by the first 'in'. A run reads the
  events and published days stamped with the OPDs it covers (an event carries the OPD of its day).
- No counted 'in': tidak_hadir, late_tier the open-ended TL tier ("no record"); PSW not applied.
  An 'in' without an 'out': the open-ended PSW tier, status psw unless late.
- late_minutes and early_minutes: attendance.rules.minutes_late / minutes_early (written in SQL
  by rules.minutes_late_sql / minutes_early_sql) from the event's local second and the OPD's
  hours that day (special periods first). Tiers: the OPD's policy's TL/PSW tiers, first match
  (rules.tier_sql).
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

Modules by job: `pp94` (the sanction levels), `sql` (statement helpers, tables, codes), `hours`
(the hours table), `records` (the records' statements), `opd_days` (the OPD summaries'
statement), `runs` (a run in one transaction, and the recompute queued after a change).
"""
