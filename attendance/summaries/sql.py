"""What the summaries' statements are written with: named parameters, inlined ids, the tables
of the models, the codes of the enums (never copied as literals), and the CASEs of the rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from types import SimpleNamespace

from django.db import connection

from attendance import rules
from attendance.models import (
    COUNTED_EVENT_STATUSES,
    ON_LEAVE_STATUSES,
    AttendanceEvent,
    ClaimedMode,
    DailyRecord,
    DayStatus,
    EventKind,
    EventStatus,
    OpdDaySummary,
    ReportState,
    WorkReport,
)
from attendance.summaries.pp94 import PP94_LEVELS
from common.sql import literal, literals
from opd.models import Employee, Opd, Placement, Unit
from wfh.models import Mode, ScheduleDay


class Sql:
    """SQL written with %(name)s placeholders, turned into positional ones for the cursor."""

    def __init__(self, params: dict):
        self.params = params

    def run(self, cursor, sql: str) -> int:
        names: list[str] = []

        def take(match: re.Match) -> str:
            names.append(match.group(1))
            return "%s"

        text = re.sub(r"%\((\w+)\)s", take, sql)
        cursor.execute(text, [self.params[n] for n in names])
        if connection.vendor == "sqlite" and text.lstrip().startswith("WITH"):
            # Python's sqlite3 leaves rowcount at -1 for a statement that starts with WITH
            cursor.execute("SELECT changes()")
            return cursor.fetchone()[0]
        return cursor.rowcount

    def add(self, value) -> str:
        """A new parameter; returns its placeholder."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"


def ids(values: Iterable[int]) -> str:
    """An IN list of integer ids, inlined (ints only, so nothing can be injected)."""
    text = ",".join(str(int(v)) for v in values)
    return text or "NULL"


T = {
    "record": DailyRecord._meta.db_table,
    "summary": OpdDaySummary._meta.db_table,
    "event": AttendanceEvent._meta.db_table,
    "report": WorkReport._meta.db_table,
    "schedule": ScheduleDay._meta.db_table,
    "placement": Placement._meta.db_table,
    "employee": Employee._meta.db_table,
    "unit": Unit._meta.db_table,
    "opd": Opd._meta.db_table,
}

# the codes the statements compare with, rendered from their enums
V = SimpleNamespace(
    IN=literal(EventKind.IN),
    OUT=literal(EventKind.OUT),
    COUNTED=literals(COUNTED_EVENT_STATUSES),
    FLAGGED=literal(EventStatus.FLAGGED),
    CLAIMED_WFH=literal(ClaimedMode.WFH),
    CLAIMED_WFO=literal(ClaimedMode.WFO),
    WFH=literal(Mode.WFH),
    WFO=literal(Mode.WFO),
    LEAVE=literal(Mode.LEAVE),
    CUTI=literal(DayStatus.CUTI),
    ABSENT=literal(DayStatus.TIDAK_HADIR),
    LATE=literal(DayStatus.TERLAMBAT),
    EARLY=literal(DayStatus.PSW),
    HADIR_WFH=literal(DayStatus.HADIR_WFH),
    HADIR_WFO=literal(DayStatus.HADIR_WFO),
    ON_LEAVE=literals(ON_LEAVE_STATUSES),
    REPORT_MISSING=literal(ReportState.MISSING),
)


def tier_case(sql: Sql, policies: Sequence[rules.Policy], kind: str, minutes: str | None) -> str:
    """CASE over the policy index `r.pol`: each policy's `rules.tier_sql` of its TL or PSW tiers."""
    branches = []
    for index, policy in enumerate(policies):
        tiers = policy.tl_tiers if kind == rules.TL else policy.psw_tiers
        branches.append(f"WHEN {index} THEN {rules.tier_sql(tiers, minutes, sql.add)}")
    return f"(CASE r.pol {' '.join(branches)} ELSE '' END)"


def pp94_case(sql: Sql, count: str) -> str:
    whens = " ".join(
        f"WHEN {count} >= {int(threshold)} THEN {sql.add(label)}"
        for threshold, label in reversed(PP94_LEVELS)
    )
    return f"(CASE {whens} ELSE '' END)"
