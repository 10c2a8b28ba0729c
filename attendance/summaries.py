"""Daily records and OPD day summaries, built with set-based SQL (see `summarize`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def schedule_recompute(*, days: Iterable[dt.date], opd_ids: Iterable[int] | None = None) -> None:
    """Once the current transaction commits, recompute these days' records (past days only)."""
