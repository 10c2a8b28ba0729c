"""Read-side queries of attendance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from attendance import rules
from attendance.models import (
    ON_LEAVE_STATUSES,
    AttendanceEvent,
    DailyRecord,
    DayStatus,
    EventStatus,
    OpdDaySummary,
    ReportState,
    WorkingHours,
)
from opd import access
from opd.models import Opd


def working_hours_rows(
    *, opd_ids: Iterable[int], with_rules: bool = True
) -> dict[int, WorkingHours | None]:
    """The working-hours row that applies to each OPD: its own, else the default row (None:
    neither exists, the usual hours apply; see `policy_of`). One query, and its special periods
    and tiers with `with_rules`."""
    ids = list(opd_ids)
    rows = WorkingHours.objects.filter(Q(opd_id__in=ids) | Q(opd__isnull=True))
    if with_rules:
        rows = rows.prefetch_related("periods", "tiers")
    by_opd = {row.opd_id: row for row in rows}
    return {opd_id: by_opd.get(opd_id) or by_opd.get(None) for opd_id in ids}


def policy_of(row: WorkingHours | None) -> rules.Policy:
    """A row of `working_hours_rows` as a plain policy for rules.py."""
    return row.as_policy() if row is not None else WorkingHours().as_policy_without_rows()


def working_hours_for(*, opd: Opd) -> rules.Policy:
    """The OPD's own working hours, else the default row, as a plain policy for rules.py."""
    return policy_of(working_hours_rows(opd_ids=[opd.pk])[opd.pk])


def review_queue(
    *,
    user: User,
    opd_id: int | None = None,
    unit_id: int | None = None,
    day: dt.date | None = None,
    reason: str = "",
) -> QuerySet[AttendanceEvent]:
    """Flagged events waiting for review in the OPDs the user may review (HR: all), newest
    first; narrowed to an OPD, a unit, a day or a reason code when given."""
    qs = AttendanceEvent.objects.filter(
        status=EventStatus.FLAGGED, employee__opd__in=access.visible_opds(user)
    )
    if opd_id:
        qs = qs.filter(employee__opd_id=opd_id)
    if unit_id:
        qs = qs.filter(employee__unit_id=unit_id)
    if day:
        qs = qs.filter(day=day)
    if reason:
        qs = qs.filter(flag_params__has_key=reason)  # every flag's code is a key there
    return qs.select_related("employee", "employee__unit").order_by("-timestamp", "-id")


@dataclass
class Cluster:
    """Employees at the very same spot (5 decimals) on one day, seen from one OPD: its own
    employees' events there, and how many employees were there in all (any OPD)."""

    opd: Opd
    employees: int
    events: list[AttendanceEvent]

    @property
    def elsewhere(self) -> int:
        """Employees at the spot from OPDs other than this one."""
        return self.employees - len({e.employee_id for e in self.events})


def shared_spots(*, day: dt.date) -> QuerySet:
    """The spots two or more employees were at on `day` (a subquery, counted from the
    day-and-spot index alone)."""
    return (
        AttendanceEvent.objects.filter(day=day)
        .exclude(position_key="")
        .values("position_key")
        .annotate(n=Count("employee_id", distinct=True))
        .filter(n__gte=2)
        .values("position_key")
    )


def cluster_pairs(*, opds: QuerySet[Opd], day: dt.date) -> QuerySet:
    """One row per OPD (of `opds`) and shared spot of `day` its employees were at, by OPD code
    (rows of {"opd_id", "position_key"}), to be paged and then read with `clusters_of`."""
    return (
        AttendanceEvent.objects.filter(
            day=day, opd__in=opds, position_key__in=shared_spots(day=day)
        )
        .values("opd_id", "opd__code", "position_key")
        .annotate(members=Count("employee_id", distinct=True))
        .order_by("opd__code", "-members", "position_key")
    )


def clusters_of(*, pairs: list[dict], day: dt.date) -> list[Cluster]:
    """The clusters of a page of `cluster_pairs`: two queries whatever the page."""
    keys = {p["position_key"] for p in pairs}
    totals = dict(
        AttendanceEvent.objects.filter(day=day, position_key__in=keys)
        .values("position_key")
        .annotate(n=Count("employee_id", distinct=True))
        .values_list("position_key", "n")
    )
    events: dict[tuple[int, str], list[AttendanceEvent]] = {}
    rows = (
        AttendanceEvent.objects.filter(
            day=day, position_key__in=keys, opd_id__in={p["opd_id"] for p in pairs}
        )
        .select_related("employee", "employee__unit", "opd")
        .order_by("timestamp", "id")
    )
    for event in rows:
        events.setdefault((event.opd_id, event.position_key), []).append(event)
    clusters = []
    for p in pairs:
        members = events.get((p["opd_id"], p["position_key"]), [])
        if members:
            clusters.append(Cluster(members[0].opd, totals.get(p["position_key"], 0), members))
    return clusters


# -- daily records and OPD day summaries (callers check access via opd.access) ---------------------


@dataclass(frozen=True)
class RecordFilter:
    key: str
    label: str
    condition: Q


RECORD_FILTERS = [
    RecordFilter("tidak_hadir", _("Tidak hadir"), Q(status=DayStatus.TIDAK_HADIR)),
    RecordFilter(
        "terlambat",
        _("Terlambat"),
        Q(late_minutes__gt=0) | Q(status=DayStatus.TERLAMBAT),
    ),
    RecordFilter(
        # as the summary counts it: any PSW tier, also "no check-out" of someone who was late
        "psw",
        _("Pulang sebelum waktu"),
        ~Q(early_tier="") | Q(status=DayStatus.PSW),
    ),
    RecordFilter("mismatch", _("Mode tidak sesuai"), Q(mismatch=True)),
    RecordFilter(
        "cuti",
        _("Cuti, sakit, dinas luar"),
        Q(status__in=ON_LEAVE_STATUSES),
    ),
    RecordFilter("hadir_wfo", _("Hadir WFO"), Q(status=DayStatus.HADIR_WFO)),
    RecordFilter("hadir_wfh", _("Hadir WFH"), Q(status=DayStatus.HADIR_WFH)),
    RecordFilter("laporan", _("Laporan kinerja belum ada"), Q(report_state=ReportState.MISSING)),
    RecordFilter("tinjauan", _("Presensi menunggu tinjauan"), Q(pending_review__gt=0)),
    RecordFilter("pp94", _("Mencapai ambang PP 94/2021"), ~Q(pp94_level="")),
]
FILTERS_BY_KEY = {f.key: f for f in RECORD_FILTERS}


def opd_day_summary(*, opd: Opd, day: dt.date) -> OpdDaySummary | None:
    """The OPD's summary of a day, or None when that day was not summarised (or is a day off)."""
    return (
        OpdDaySummary.objects.filter(opd=opd, day=day).select_related("opd", "lowest_unit").first()
    )


def daily_records(
    *,
    opd: Opd,
    day: dt.date,
    team: set[int] | None = None,
    filter_key: str = "",
    unit_code: str = "",
) -> QuerySet[DailyRecord]:
    """The OPD's records of a day by unit and name: only `team` (a supervisor's people) when
    given, only those one of RECORD_FILTERS picks, only one unit."""
    rows = DailyRecord.objects.filter(opd=opd, day=day).select_related("employee", "unit")
    if team is not None:
        rows = rows.filter(employee_id__in=team)
    if filter_key in FILTERS_BY_KEY:
        rows = rows.filter(FILTERS_BY_KEY[filter_key].condition)
    if unit_code:
        rows = rows.filter(unit__code=unit_code)
    return rows.order_by("unit__code", "employee__name", "employee_id")
