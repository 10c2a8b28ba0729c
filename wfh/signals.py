"""Signals of the roster domain, sent after the transaction that caused them commits.

`roster_published(sender=Roster, roster=<Roster>, rows=<schedule rows written>)`: a roster version
became the published schedule of its OPD (the API sends webhooks on it).
"""

from django.dispatch import Signal

roster_published = Signal()
