"""Integrity checks of located events against fake-GPS apps, for a whole batch at once.

A fake-GPS app gives itself away in three ways (rules.position_flags decides on one event):
the same spot (coordinates to 5 decimals, rules.position_key) as another employee's event that
day, the same spot on many days, and an accuracy of exactly 0, or none from a phone whose earlier
events always had one. `IntegrityLookup` reads what a batch needs in at most three queries, each
served by a partial index on `position_key` (by day, by employee), whatever the batch size (and
on PostgreSQL takes one lock per day and spot first, in one statement); when
a new event joins a spot another employee's stored event holds, that event is flagged too
(`shared_with_batch`), so the review queue and the cluster page show both.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef

from attendance import rules
from attendance.flags import (
    MISSING_ACCURACY,
    SAME_POSITION_DAYS,
    SHARED_POSITION,
    ZERO_ACCURACY,
    flag_text,
)
from attendance.models import AttendanceEvent, EventStatus
from opd.models import Employee

# the events whose flags may still change: a decided event stays as the reviewer decided it
UNDECIDED = (EventStatus.ACCEPTED, EventStatus.FLAGGED)


def same_position_days() -> int:
    return settings.ATTENDANCE_SAME_POSITION_DAYS


def max_accuracy_credit_m() -> float:
    return float(settings.ATTENDANCE_MAX_ACCURACY_CREDIT_M)


@dataclass(frozen=True)
class Located:
    """What the lookup needs of one new located event."""

    employee_id: int
    day: dt.date
    key: str
    accuracy_m: float | None


@dataclass
class IntegrityLookup:
    """The stored events a batch is compared with, updated as the batch's events are added."""

    # (day, key) -> the stored events there that day (for the employees and to flag them)
    stored_at: dict[tuple[dt.date, str], list[AttendanceEvent]] = field(default_factory=dict)
    # (employee, key) -> the days the employee was at that spot
    days_at: dict[tuple[int, str], set[dt.date]] = field(default_factory=dict)
    # the employees whose earlier located events had an accuracy
    with_accuracy: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, located: Iterable[Located]) -> IntegrityLookup:
        located = list(located)
        lookup = cls(days_at=defaultdict(set), stored_at=defaultdict(list))
        if not located:
            return lookup
        days = {x.day for x in located}
        keys = {x.key for x in located}
        pairs = {(x.day, x.key) for x in located}
        employee_ids = {x.employee_id for x in located}
        _lock_spots(pairs)
        # the day-and-spot index: the stored events at a spot of a batch's day
        for event in (
            AttendanceEvent.objects.filter(day__in=days, position_key__in=keys)
            .select_related("opd")
            .select_for_update(of=("self",))  # a reviewer deciding one waits, never overwritten
            .order_by("id")
            .only(
                "id",
                "employee_id",
                "day",
                "position_key",
                "status",
                "flags",
                "flag_params",
                "flag_message",
                "opd__time_zone",
            )
        ):
            if (event.day, event.position_key) in pairs:
                lookup.stored_at[(event.day, event.position_key)].append(event)
        # the employee-and-spot index: the days each employee was at the batch's spots
        for employee_id, key, day in (
            AttendanceEvent.objects.filter(employee_id__in=employee_ids, position_key__in=keys)
            .values_list("employee_id", "position_key", "day")
            .distinct()
        ):
            lookup.days_at[(employee_id, key)].add(day)
        # an accuracy before, asked only for the events that come without one
        missing = {x.employee_id for x in located if x.accuracy_m is None}
        if missing:
            had = AttendanceEvent.objects.filter(
                employee_id=OuterRef("pk"), accuracy_m__isnull=False
            ).exclude(position_key="")
            lookup.with_accuracy = set(
                Employee.objects.filter(pk__in=missing)
                .filter(Exists(had))
                .values_list("pk", flat=True)
            )
        return lookup

    def flags_of(self, x: Located) -> list[tuple[str, dict]]:
        """The flags (code, values) of one new event judged alone (the spot shared with others
        is decided for the whole batch by `shared_with_batch`); then counts the event in for
        the batch's next ones."""
        days = self.days_at[(x.employee_id, x.key)] | {x.day}
        signs = rules.position_signs(
            days_here=len(days),
            same_days_limit=same_position_days(),
            accuracy_m=x.accuracy_m,
            had_accuracy=x.employee_id in self.with_accuracy,
        )
        self.days_at[(x.employee_id, x.key)] = days
        if x.accuracy_m is not None:
            self.with_accuracy.add(x.employee_id)
        codes: list[tuple[str, dict]] = []
        if signs.same_days:
            codes.append((SAME_POSITION_DAYS, {"days": len(days)}))
        if signs.zero_accuracy:
            codes.append((ZERO_ACCURACY, {}))
        if signs.missing_accuracy:
            codes.append((MISSING_ACCURACY, {}))
        return codes

    def shared_with_batch(
        self, new: list[AttendanceEvent]
    ) -> tuple[list[AttendanceEvent], list[AttendanceEvent]]:
        """Flag SHARED_POSITION on every undecided event at a spot two employees hold on a day:
        the new ones (before they are written) and the stored ones (answered to be written).
        Returns (new events changed, stored events changed)."""
        employees: dict[tuple[dt.date, str], set[int]] = defaultdict(set)
        new_at: dict[tuple[dt.date, str], list[AttendanceEvent]] = defaultdict(list)
        for event in new:
            if event.position_key:
                spot = (event.day, event.position_key)
                employees[spot].add(event.employee_id)
                new_at[spot].append(event)
        for spot, stored in self.stored_at.items():
            employees[spot].update(e.employee_id for e in stored)
        changed_new: list[AttendanceEvent] = []
        changed_stored: list[AttendanceEvent] = []
        for spot, who in employees.items():
            if len(who) < 2:
                continue
            for event in new_at.get(spot, []):
                if add_flag(event, SHARED_POSITION):
                    changed_new.append(event)
            for event in self.stored_at.get(spot, []):
                if event.status in UNDECIDED and add_flag(event, SHARED_POSITION):
                    changed_stored.append(event)
        return changed_new, changed_stored


def _lock_spots(pairs: set[tuple[dt.date, str]]) -> None:
    """Two batches that bring the first two employees to a spot must not miss each other: on
    PostgreSQL each takes a transaction lock per day and spot (in one order, so none waits in a
    circle) before reading who is there. SQLite writes one transaction at a time anyway."""
    if connection.vendor != "postgresql":
        return
    names = sorted(f"{day.isoformat()} {key}" for day, key in pairs)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(h) FROM ("
            "SELECT DISTINCT hashtextextended(n, 14) AS h FROM unnest(%s::text[]) AS n ORDER BY h"
            ") AS spots",
            [names],
        )
        cursor.fetchall()


def add_flag(event: AttendanceEvent, code: str, **params) -> bool:
    """Add a flag to an undecided event (it then waits for review); False if it had it."""
    if code in event.flags:
        return False
    event.flags = [*event.flags, code]
    event.flag_params = {**(event.flag_params or {}), code: params}
    event.flag_message = " ".join(filter(None, [event.flag_message, flag_text(code, **params)]))
    event.status = EventStatus.FLAGGED
    return True


def write_stored_flags(events: list[AttendanceEvent]) -> None:
    """Write the flags `shared_with_batch` added to stored events (one statement per 500)."""
    if events:
        AttendanceEvent.objects.bulk_update(
            events, ["flags", "flag_params", "flag_message", "status"], batch_size=500
        )
