"""Overrides of the phase on given days: days HR declares for all staff or some OPDs (declared.py)
and WFH orders an OPD issues for named employees (orders.py).

Both write the published schedule through `wfh.rosters.published_days.published_days_rewrite`
and never touch a day already lived; which of them (and the phase) decides a day is the one rule
in `precedence.py`. Keep this module empty: `models.py` is imported by `wfh.models`.
"""
