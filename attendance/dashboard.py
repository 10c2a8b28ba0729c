"""Selectors for the HR/OPD "today" dashboard: one row per OPD for one day, and 30-day series.

Every number comes from a fixed set of grouped queries over the OPDs given, so the page costs the
same number of queries for 5 OPDs or 500:

- headcount: active employees per OPD (or the day's OpdDaySummary.headcount once summarised);
- scheduled WFH/WFO/LEAVE: the published schedule (ScheduleDay) per OPD and mode;
- present, absent, late, mismatches: OpdDaySummary when the OPD's day is summarised; otherwise
  (today, summarised only at night) counted from the accepted check-ins so far: present per
  claimed mode, late as the daily records count it (a first check-in after the OPD's
  attendance.rules.last_on_time_second that day), mismatches against the schedule; nobody on
  leave (approved leave or a scheduled LEAVE day) counts as present, late or mismatched, as in the
  nightly records;
- units below their minimum on site: scheduled WFO per unit against Unit.min_onsite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Sum,
    Value,
    When,
)

from attendance import rules
from attendance.models import (
    COUNTED_EVENT_STATUSES,
    AttendanceEvent,
    EventKind,
    OpdDaySummary,
)
from attendance.selectors import policy_of, working_hours_rows
from leave.models import LeaveRecord
from leave.selectors import approved_covering
from opd.models import Employee, Opd, Unit
from wfh.models import Mode, ScheduleDay

PRESENT_STATUSES = COUNTED_EVENT_STATUSES
CHART_DAYS = 30

# how a row's attendance numbers were obtained
SUMMARY = "summary"  # from the nightly OpdDaySummary
LIVE = "live"  # counted from today's check-ins so far
UNSUMMARISED = "unsummarised"  # a past day not summarised yet: check-ins counted like today
FUTURE = "future"  # nothing to count yet

SORT_KEYS = (
    "code",
    "name",
    "staff",
    "wfh",
    "wfo",
    "present",
    "absent",
    "late",
    "mismatches",
    "below",
)


@dataclass
class BelowUnit:
    code: str
    name: str
    onsite: int
    minimum: int


@dataclass
class OpdRow:
    opd: Opd
    staff: int = 0
    wfh: int = 0
    wfo: int = 0
    leave: int = 0
    present_wfh: int = 0
    present_wfo: int = 0
    absent: int | None = None
    not_yet: int | None = None  # scheduled but no check-in yet (live days)
    late: int | None = None
    mismatches: int | None = None
    below_units: list[BelowUnit] = field(default_factory=list)
    source: str = FUTURE
    roster_id: int | None = None

    @property
    def scheduled(self) -> int:
        return self.wfh + self.wfo

    @property
    def present(self) -> int | None:
        if self.source == FUTURE:
            return None
        return self.present_wfh + self.present_wfo

    @property
    def below(self) -> int:
        return len(self.below_units)

    @property
    def code(self) -> str:
        return self.opd.code

    @property
    def name(self) -> str:
        return self.opd.name


@dataclass
class Totals:
    opds: int = 0
    staff: int = 0
    wfh: int = 0
    wfo: int = 0
    leave: int = 0
    present: int = 0
    absent: int = 0
    not_yet: int = 0
    late: int = 0
    mismatches: int = 0
    below: int = 0
    any_live: bool = False


def _counts(qs, key: str = "opd_id") -> dict[int, int]:
    return {row[key]: row["n"] for row in qs}


def _late_thresholds(opd_ids: list[int], day: dt.date) -> dict[int, int]:
    """Seconds since local midnight after which an OPD's first check-in that day is late."""
    result = {}
    for opd_id, row in working_hours_rows(opd_ids=opd_ids).items():
        policy = policy_of(row)
        hours = rules.hours_on(policy, day)
        if hours is None:
            continue
        result[opd_id] = rules.last_on_time_second(rules.seconds_of(hours[0]), policy.grace_minutes)
    return result


def _live_counts(opd_ids: list[int], day: dt.date) -> dict[str, dict]:
    """Present per claimed mode, late and mismatches from the day's accepted check-ins so far."""
    # as the daily records: nobody on leave is present or late (approved leave covering the day,
    # or a scheduled LEAVE day), even if they checked in
    on_leave = LeaveRecord.objects.filter(
        approved_covering(start=day, end=day), employee_id=OuterRef("employee_id")
    )
    leave_day = ScheduleDay.objects.filter(
        employee_id=OuterRef("employee_id"), day=day, mode=Mode.LEAVE
    )
    ins = (
        AttendanceEvent.objects.filter(
            opd_id__in=opd_ids, day=day, kind=EventKind.IN, status__in=PRESENT_STATUSES
        )
        .exclude(Exists(on_leave))
        .exclude(Exists(leave_day))
        .order_by()
    )
    present: dict[int, dict[str, int]] = {}
    for row in ins.values("opd_id", "mode").annotate(n=Count("employee_id", distinct=True)):
        present.setdefault(row["opd_id"], {})[row["mode"]] = row["n"]

    thresholds = _late_thresholds(opd_ids, day)
    late: dict[int, int] = {}
    if thresholds:
        threshold = Case(
            *[When(opd_id=opd_id, then=Value(s)) for opd_id, s in thresholds.items()],
            default=Value(None),
            output_field=IntegerField(),
        )
        in_time = AttendanceEvent.objects.filter(
            employee_id=OuterRef("employee_id"),
            day=day,
            kind=EventKind.IN,
            status__in=PRESENT_STATUSES,
            local_second__lte=OuterRef("threshold"),
        )
        late = _counts(
            ins.annotate(threshold=threshold)
            .filter(local_second__gt=F("threshold"))
            .annotate(in_time=Exists(in_time))
            .filter(in_time=False)
            .values("opd_id")
            .annotate(n=Count("employee_id", distinct=True))
        )

    other_mode = ScheduleDay.objects.filter(
        employee_id=OuterRef("employee_id"), day=day, mode__in=(Mode.WFH, Mode.WFO)
    ).exclude(mode=OuterRef("mode"))
    mismatches = _counts(
        ins.filter(Exists(other_mode))
        .values("opd_id")
        .annotate(n=Count("employee_id", distinct=True))
    )
    return {"present": present, "late": late, "mismatches": mismatches}


def day_rows(opds: QuerySet[Opd], day: dt.date, today: dt.date) -> list[OpdRow]:
    """One row per OPD in `opds` (ordered by code) with the day's numbers."""
    opd_list = list(opds.order_by("code"))
    if not opd_list:
        return []
    opd_ids = [o.pk for o in opd_list]
    rows = {o.pk: OpdRow(opd=o) for o in opd_list}

    staff = _counts(
        Employee.objects.active_on(day)
        .filter(opd__in=opds)
        .order_by()
        .values("opd_id")
        .annotate(n=Count("id"))
    )
    schedule = (
        ScheduleDay.objects.filter(opd__in=opds, day=day)
        .order_by()
        .values("opd_id", "mode")
        .annotate(n=Count("id"), roster=Max("roster_id"))
    )
    for item in schedule:
        row = rows[item["opd_id"]]
        if item["mode"] == Mode.WFH:
            row.wfh = item["n"]
        elif item["mode"] == Mode.WFO:
            row.wfo = item["n"]
        else:
            row.leave = item["n"]
        row.roster_id = max(row.roster_id or 0, item["roster"] or 0) or None

    summaries = {
        s.opd_id: s for s in OpdDaySummary.objects.filter(opd__in=opds, day=day).order_by()
    }
    unsummarised = [pk for pk in opd_ids if pk not in summaries]
    live = None
    if unsummarised and day <= today:
        live = _live_counts(unsummarised, day)

    for pk, row in rows.items():
        row.staff = staff.get(pk, 0)
        summary = summaries.get(pk)
        if summary is not None:
            row.source = SUMMARY
            row.staff = summary.headcount
            row.present_wfh = summary.present_wfh
            row.present_wfo = summary.present_wfo
            row.absent = summary.absent
            row.late = summary.late
            row.mismatches = summary.mismatches
        elif live is not None:
            row.source = LIVE if day == today else UNSUMMARISED
            present = live["present"].get(pk, {})
            row.present_wfh = present.get(Mode.WFH, 0)
            row.present_wfo = present.get(Mode.WFO, 0)
            row.not_yet = max(0, row.scheduled - row.present_wfh - row.present_wfo)
            row.late = live["late"].get(pk, 0)
            row.mismatches = live["mismatches"].get(pk, 0)

    # two grouped queries (the schedule's (opd, day) index, then the units with a minimum): a
    # per-unit subquery would scan the schedule by unit, which has no index of its own
    onsite = _counts(
        ScheduleDay.objects.filter(opd__in=opds, day=day, mode=Mode.WFO, unit__isnull=False)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id")),
        key="unit_id",
    )
    units = (
        Unit.objects.filter(opd__in=opds, min_onsite__gt=0)
        .order_by("opd_id", "code")
        .values_list("id", "opd_id", "code", "name", "min_onsite")
    )
    for unit_id, opd_id, code, name, minimum in units:
        row = rows[opd_id]
        count = onsite.get(unit_id, 0)
        # no published schedule that day (day off, no roster): no minimum to miss
        if row.scheduled and count < minimum:
            row.below_units.append(BelowUnit(code, name, count, minimum))
    return list(rows.values())


def totals(rows: list[OpdRow]) -> Totals:
    total = Totals(opds=len(rows))
    for row in rows:
        total.staff += row.staff
        total.wfh += row.wfh
        total.wfo += row.wfo
        total.leave += row.leave
        total.present += row.present or 0
        total.absent += row.absent or 0
        total.not_yet += row.not_yet or 0
        total.late += row.late or 0
        total.mismatches += row.mismatches or 0
        total.below += row.below
        total.any_live = total.any_live or row.source in (LIVE, UNSUMMARISED)
    return total


def sort_rows(rows: list[OpdRow], sort: str) -> tuple[list[OpdRow], str]:
    """Sort by a column of SORT_KEYS, "-key" for descending; unknown keys sort by code."""
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        return sorted(rows, key=lambda r: r.code), "code"
    descending = sort.startswith("-")

    def value(row: OpdRow):
        v = getattr(row, key)
        if isinstance(v, str):
            return (True, v.lower())
        # days without a number (None) go last in both directions
        return (v is not None, v or 0) if descending else (v is None, v or 0)

    ordered = sorted(rows, key=lambda r: r.code)
    ordered.sort(key=value, reverse=descending)
    return ordered, sort


def chart_series(opds: QuerySet[Opd], day: dt.date, days: int = CHART_DAYS) -> dict:
    """The last `days` days up to `day` from OpdDaySummary, summed over `opds` (one query)."""
    start = day - dt.timedelta(days=days - 1)
    rows = list(
        OpdDaySummary.objects.filter(opd__in=opds, day__gte=start, day__lte=day)
        .order_by()
        .values("day")
        .annotate(
            wfh=Sum("scheduled_wfh"),
            wfo=Sum("scheduled_wfo"),
            present=Sum(F("present_wfh") + F("present_wfo")),
            absent=Sum("absent"),
            late=Sum("late"),
        )
        .order_by("day")
    )
    return {
        "days": [r["day"].isoformat() for r in rows],
        "wfh": [r["wfh"] for r in rows],
        "wfo": [r["wfo"] for r in rows],
        "present": [r["present"] for r in rows],
        "absent": [r["absent"] for r in rows],
        "late": [r["late"] for r in rows],
    }
