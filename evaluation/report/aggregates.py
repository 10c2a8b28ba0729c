"""The raw aggregates of the report: one GROUP BY per source (day summaries, daily records,
staff counts, frontline shares, e-Kinerja) plus the small per-OPD input tables (costs, service
output), keyed by (OPD id, period key)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, CharField, Count, IntegerField, Q, Sum, Value, When

from attendance.models import DailyRecord, OpdDaySummary, ReportState
from evaluation.models import COST_FIELDS, OperatingCost, PerformanceTarget, ServiceOutput
from evaluation.report.periods import Period
from opd.models import Employee

Key = tuple[int, str]  # (OPD id, period key)


@dataclass
class Attendance:
    days: int = 0
    headcount: int = 0
    present: int = 0
    present_wfh: int = 0
    on_leave: int = 0
    late: int = 0
    early: int = 0
    mismatches: int = 0
    late_minutes: int = 0
    early_minutes: int = 0
    approved_reports: int = 0
    has_records: bool = False


def _bucket(field_name: str, periods: list[Period]) -> Case:
    return Case(
        *[When(**{f"{field_name}__range": (p.start, p.end)}, then=Value(p.key)) for p in periods],
        default=Value(""),
        output_field=CharField(),
    )


def attendance_totals(periods: list[Period], opd_ids: list[int]) -> dict[Key, Attendance]:
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    result: dict[Key, Attendance] = defaultdict(Attendance)
    summaries = (
        OpdDaySummary.objects.filter(opd_id__in=opd_ids, day__range=(start, end))
        .annotate(period=_bucket("day", periods))
        .exclude(period="")
        .values("opd_id", "period")
        .annotate(
            n=Count("id"),
            headcount_sum=Sum("headcount"),
            wfh=Sum("present_wfh"),
            wfo=Sum("present_wfo"),
            leave=Sum("on_leave"),
            late_sum=Sum("late"),
            early_sum=Sum("early"),
            mismatch_sum=Sum("mismatches"),
        )
        .order_by()
    )
    for row in summaries:
        a = result[(row["opd_id"], row["period"])]
        a.days = row["n"]
        a.headcount = row["headcount_sum"] or 0
        a.present_wfh = row["wfh"] or 0
        a.present = a.present_wfh + (row["wfo"] or 0)
        a.on_leave = row["leave"] or 0
        a.late = row["late_sum"] or 0
        a.early = row["early_sum"] or 0
        a.mismatches = row["mismatch_sum"] or 0
    records = (
        DailyRecord.objects.filter(opd_id__in=opd_ids, day__range=(start, end))
        .annotate(period=_bucket("day", periods))
        .exclude(period="")
        .values("opd_id", "period")
        .annotate(
            tl=Sum("late_minutes"),
            psw=Sum("early_minutes"),
            approved=Sum(
                Case(
                    When(report_state=ReportState.APPROVED, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
        )
        .order_by()
    )
    for row in records:
        a = result[(row["opd_id"], row["period"])]
        a.has_records = True
        a.late_minutes = row["tl"] or 0
        a.early_minutes = row["psw"] or 0
        a.approved_reports = row["approved"] or 0
    return result


def staff_counts(opd_ids: list[int], periods: list[Period]) -> dict[Key, int]:
    """Active staff per OPD at the end of each period (one query): the fallback for the
    employee-days of a period without complete attendance summaries."""
    aggregates = {
        p.key: Count(
            "id",
            filter=(Q(active_from__isnull=True) | Q(active_from__lte=p.month_end))
            & (Q(active_to__isnull=True) | Q(active_to__gte=p.month_end)),
        )
        for p in periods
    }
    rows = (
        Employee.objects.filter(opd_id__in=opd_ids)
        .values("opd_id")
        .annotate(**{f"n_{i}": agg for i, agg in enumerate(aggregates.values())})
        .order_by()
    )
    result = {}
    for row in rows:
        for i, p in enumerate(periods):
            result[(row["opd_id"], p.key)] = row[f"n_{i}"]
    return result


def frontline_shares(opd_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Employee.objects.filter(opd_id__in=opd_ids, active_to__isnull=True)
        .values("opd_id")
        .annotate(total=Count("id"), frontline=Count("id", filter=Q(unit__frontline=True)))
        .order_by()
    )
    return {r["opd_id"]: (r["frontline"], r["total"]) for r in rows}


def cost_rows(periods, opd_ids):
    months = sorted({mth for p in periods for mth in p.months()})
    rows = OperatingCost.objects.filter(opd_id__in=opd_ids, month__in=months).values(
        "opd_id", "month", *[f for f, _label in COST_FIELDS]
    )
    by_opd: dict[int, dict[dt.date, dict]] = defaultdict(dict)
    for row in rows:
        by_opd[row["opd_id"]][row["month"]] = row
    return by_opd


@dataclass
class ServiceTotals:
    services: int = 0
    days: int = 0
    complaints: int = 0
    complaint_days: int = 0
    response_weighted: Decimal = Decimal(0)
    response_services: int = 0
    rows: int = 0


def service_totals(periods, opd_ids, workdays: set[dt.date]) -> dict[Key, ServiceTotals]:
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    rows = ServiceOutput.objects.filter(opd_id__in=opd_ids, start__range=(start, end)).values_list(
        "opd_id", "start", "end", "services_delivered", "complaints", "avg_response_minutes"
    )
    result: dict[Key, ServiceTotals] = defaultdict(ServiceTotals)
    for opd_id, s, e, services, complaints, response in rows:
        period = next((p for p in periods if p.start <= s <= p.end), None)
        if period is None:
            continue
        days = sum(1 for i in range((e - s).days + 1) if s + dt.timedelta(days=i) in workdays)
        agg = result[(opd_id, period.key)]
        agg.rows += 1
        agg.services += services
        agg.days += days
        if complaints is not None:
            agg.complaints += complaints
            agg.complaint_days += days
        if response is not None and services:
            agg.response_weighted += response * services
            agg.response_services += services
    return result


def attainment_totals(periods, opd_ids) -> dict[Key, tuple[Decimal, int]]:
    months = {mth: p.key for p in periods for mth in p.months()}
    rows = (
        PerformanceTarget.objects.filter(employee__opd_id__in=opd_ids, month__in=list(months))
        .values("employee__opd_id", "month")
        .annotate(total=Sum("attainment_percent"), n=Count("id"))
        .order_by()
    )
    result: dict[Key, tuple[Decimal, int]] = {}
    for row in rows:
        key = (row["employee__opd_id"], months[row["month"]])
        total, n = result.get(key, (Decimal(0), 0))
        result[key] = (total + row["total"], n + row["n"])
    return result
