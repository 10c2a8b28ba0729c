"""Signals of the roster domain; higher apps connect receivers in their AppConfig.ready().

`roster_published(sender=Roster, roster=<Roster>, rows=<schedule rows written>)`: a roster version
became the published schedule of its OPD (the API sends webhooks on it). Sent after the
transaction that published it commits.

`schedule_changed(sender=ScheduleDay, opd_ids=<list of OPD ids>, days=<sorted list of dates>)`:
the published schedule of these OPDs changed on these days, which are already over in the OPD's
time zone, so whatever was computed from the old schedule is stale (attendance recomputes those
days' records). Sent inside the transaction that changed it: a receiver that queues work defers
it to the commit.
"""

from django.dispatch import Signal

roster_published = Signal()
schedule_changed = Signal()
