"""Roster services, one module per job.

- generation: queue a version per OPD, claim it in the worker, build it with the engine
- engine_io: the engine's input for a version (leave, frozen cells) and its result read back
- storage: a version's cells written as rows (COPY on PostgreSQL)
- edits: the single-day edit on a draft grid, checked against the phase's limits
- publication: submit, return and publish (the workflow)
- published_days: the one rewrite of days already published (leave, its regeneration, swaps)
- leave_sync: approved leave moves the published schedule
- options: local days off and each OPD's options inside a phase

Only the published schedule (ScheduleDay) is what employees and other systems see. Each service
is keyword-only; state changes are guarded (`filter(status=...).update(...) == 1`) so that two
workers or two clicks never run the same step twice.
"""
