"""Signals of attendance, sent after the transaction that caused them commits.

`summary_ready(sender=SummaryRun, run=<SummaryRun>, start=<date>, end=<date>,
opd_ids=<list of OPD ids, or None for every OPD>, rows=<OPD summary rows written>)`: a summary run
finished and its daily records and OPD summaries can be read (the API sends webhooks on it).
"""

from django.dispatch import Signal

summary_ready = Signal()
