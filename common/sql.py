"""Writing enum values into hand-written SQL: as literals rendered from the enum, never copied.

Set-based SQL (the attendance summaries) compares columns with codes such as 'approved' or 'WFO';
it writes `literal(LeaveStatus.APPROVED)` so that the code has one home, its enum. Only plain
codes (letters, digits, underscores) are accepted, so nothing can be injected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CODE = re.compile(r"[A-Za-z0-9_]+")


def literal(value: str) -> str:
    """A code as a SQL string literal: 'approved'."""
    if not _CODE.fullmatch(str(value)):
        raise ValueError(f"not a plain code: {value!r}")
    return f"'{value}'"


def literals(values: Iterable[str]) -> str:
    """Codes as the items of a SQL IN list: 'sakit', 'cuti_sakit'."""
    return ", ".join(literal(v) for v in values)
