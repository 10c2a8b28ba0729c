"""Signals of leave, for the layers above it (leave imports neither scheduling nor attendance).

`leave_changed(sender=LeaveRecord, changes=<list of LeaveChange>, user=<User or None>,
today=<date or None>)`: approved leave was added or withdrawn over these employees' date ranges.
Sent inside the transaction that changed it (the receivers' writes commit or roll back with
it): when an entry is recorded approved, approved, or cancelled after approval, and once for a
whole import. `today` is the date the caller works in (None: each OPD's date now). The roster
follows the leave (wfh.receivers), and attendance recomputes the days already lived
(attendance.receivers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.dispatch import Signal

from opd.models import Employee


@dataclass(frozen=True)
class LeaveChange:
    """Approved leave added or withdrawn for one employee (their OPD loaded), both ends included;
    `reason` says why, for the roster's change log."""

    employee: Employee
    start: dt.date
    end: dt.date
    reason: str = ""


leave_changed = Signal()
