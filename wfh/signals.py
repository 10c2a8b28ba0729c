"""Signals of the roster domain, sent after the transaction that caused them commits.

`roster_published(sender=Roster, roster=<Roster>, rows=<schedule rows written>)`: a roster version
became the published schedule of its OPD (the API sends webhooks on it).

`published_days_changed(sender=ScheduleDay, opd_id=<OPD id>, days=<sorted list of dates>)`: cells
of the OPD's published schedule changed in place on days already lived (a regeneration around
leave); attendance recomputes those days' records (attendance.receivers).
"""

from django.dispatch import Signal

roster_published = Signal()
published_days_changed = Signal()
