"""The kajian's numbers: set-based aggregation of the inputs per OPD and period, turned into
Figures by evaluation.measures.

`evaluation_report(plan=, opds=)` is the one entry point for the page, the workbook and the
recommendations, so all three show the same numbers. It runs a fixed number of queries whatever
the number of OPDs or employees: one GROUP BY per source (day summaries, daily records, e-Kinerja,
staff counts) plus the small per-OPD input tables (costs, service output).

Periods are the plan's baseline and its phases. Costs are monthly: a period's cost is that of the
months it overlaps, and its employee-days are counted over the same days (from the attendance
summaries when every working day is summarised, else active staff x working days).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, IntegerField, Q, Sum, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as N_

from attendance.models import DailyRecord, OpdDaySummary, ReportState
from evaluation import measures as m
from evaluation.i18n import tr as _
from evaluation.models import (
    COST_FIELDS,
    EvaluationPlan,
    OperatingCost,
    PerformanceTarget,
    ReadinessAssessment,
    Recommendation,
    ServiceOutput,
)
from opd.models import Employee, Opd
from wfh.calendar import days_off

BASELINE = "baseline"
SRC_SUMMARY = "rekap presensi harian OPD (OpdDaySummary)"
SRC_RECORDS = "rekap harian pegawai (DailyRecord)"
SRC_COST = "biaya operasional per bulan"
SRC_SERVICE = "keluaran layanan publik"
SRC_EKINERJA = "capaian e-Kinerja"


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: dt.date
    end: dt.date

    @property
    def is_baseline(self) -> bool:
        return self.key == BASELINE

    def months(self) -> list[dt.date]:
        month, result = self.start.replace(day=1), []
        while month <= self.end:
            result.append(month)
            month = (month + dt.timedelta(days=32)).replace(day=1)
        return result

    @property
    def month_start(self) -> dt.date:
        return self.start.replace(day=1)

    @property
    def month_end(self) -> dt.date:
        last = self.months()[-1]
        return (last + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def plan_periods(plan: EvaluationPlan) -> list[Period]:
    periods = [Period(BASELINE, plan.baseline_label, plan.baseline_start, plan.baseline_end)]
    for phase in plan.phases.order_by("start", "order"):
        periods.append(Period(phase.slug, phase.name, phase.start, phase.end))
    return periods


def month_label(month: dt.date) -> str:
    return date_format(month, "F Y")


# -- what a table shows ---------------------------------------------------------------------------


@dataclass
class PeriodMeasures:
    attendance_rate: m.Figure
    late_share: m.Figure
    early_share: m.Figure
    late_minutes: m.Figure
    early_minutes: m.Figure
    compliance: m.Figure
    cost_per_employee_day: m.Figure
    services_per_day: m.Figure
    complaints_per_day: m.Figure
    response_minutes: m.Figure
    reports_per_wfh_day: m.Figure
    attainment: m.Figure


@dataclass
class Comparison:
    """One phase against the baseline."""

    saving: m.Saving
    attendance_change: m.Figure
    compliance_change: m.Figure
    late_change: m.Figure
    service_change: m.Figure
    complaints_change: m.Figure
    attainment_change: m.Figure


@dataclass
class OpdEvaluation:
    opd_id: int | None  # None: the whole Pemda
    code: str
    name: str
    periods: dict[str, PeriodMeasures]
    comparisons: dict[str, Comparison]
    frontline_share: m.Figure | None = None
    cost_missing: list[str] = field(default_factory=list)
    url: str = ""  # the OPD's evaluation page, set by the view


# (key, label, sheet title, attribute of PeriodMeasures, attribute of Comparison or "")
MEASURES = (
    (
        "attendance",
        N_("Tingkat kehadiran"),
        N_("Kehadiran"),
        "attendance_rate",
        "attendance_change",
    ),
    ("late", N_("Terlambat (TL), porsi hari hadir"), N_("Terlambat"), "late_share", "late_change"),
    ("early", N_("Pulang sebelum waktu (PSW), porsi hari hadir"), N_("PSW"), "early_share", ""),
    ("late_minutes", N_("Menit TL per hari hadir"), N_("Menit TL"), "late_minutes", ""),
    ("early_minutes", N_("Menit PSW per hari hadir"), N_("Menit PSW"), "early_minutes", ""),
    (
        "compliance",
        N_("Kepatuhan mode (WFH/WFO sesuai jadwal)"),
        N_("Kepatuhan mode"),
        "compliance",
        "compliance_change",
    ),
    (
        "cost",
        N_("Biaya operasional per orang-hari"),
        N_("Biaya per orang-hari"),
        "cost_per_employee_day",
        "",
    ),
    (
        "services",
        N_("Layanan diselesaikan per hari kerja"),
        N_("Layanan"),
        "services_per_day",
        "service_change",
    ),
    (
        "complaints",
        N_("Pengaduan per hari kerja"),
        N_("Pengaduan"),
        "complaints_per_day",
        "complaints_change",
    ),
    ("response", N_("Rata-rata waktu tanggap"), N_("Waktu tanggap"), "response_minutes", ""),
    (
        "reports",
        N_("Laporan kinerja disetujui per hari WFH"),
        N_("Laporan kinerja"),
        "reports_per_wfh_day",
        "",
    ),
    (
        "attainment",
        N_("Rata-rata capaian e-Kinerja"),
        N_("e-Kinerja"),
        "attainment",
        "attainment_change",
    ),
)


@dataclass
class Report:
    plan: EvaluationPlan
    periods: list[Period]
    opds: list[OpdEvaluation]
    pemda: OpdEvaluation

    @property
    def phases(self) -> list[Period]:
        return [p for p in self.periods if not p.is_baseline]

    @property
    def baseline(self) -> Period:
        return self.periods[0]


# -- raw aggregates ------------------------------------------------------------------------------


@dataclass
class _Attendance:
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


def _span(periods: list[Period]) -> tuple[dt.date, dt.date]:
    return min(p.month_start for p in periods), max(p.month_end for p in periods)


def _working_days(periods: list[Period]) -> dict[str, list[dt.date]]:
    start, end = _span(periods)
    off = days_off(start, end)
    result = {}
    for p in periods:
        day, days = p.start, []
        while day <= p.end:
            if day.weekday() < 5 and day not in off:
                days.append(day)
            day += dt.timedelta(days=1)
        result[p.key] = days
    return result


def _working_day_set(periods: list[Period]) -> set[dt.date]:
    start, end = _span(periods)
    off = days_off(start, end)
    day, days = start, set()
    while day <= end:
        if day.weekday() < 5 and day not in off:
            days.add(day)
        day += dt.timedelta(days=1)
    return days


def _attendance(periods: list[Period], opd_ids: list[int]) -> dict[tuple[int, str], _Attendance]:
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    result: dict[tuple[int, str], _Attendance] = defaultdict(_Attendance)
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


def _staff_counts(opd_ids: list[int], periods: list[Period]) -> dict[tuple[int, str], int]:
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


def _frontline_shares(opd_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = (
        Employee.objects.filter(opd_id__in=opd_ids, active_to__isnull=True)
        .values("opd_id")
        .annotate(total=Count("id"), frontline=Count("id", filter=Q(unit__frontline=True)))
        .order_by()
    )
    return {r["opd_id"]: (r["frontline"], r["total"]) for r in rows}


# -- building the figures -----------------------------------------------------------------------


def _costs(periods, opd_ids):
    months = sorted({mth for p in periods for mth in p.months()})
    rows = OperatingCost.objects.filter(opd_id__in=opd_ids, month__in=months).values(
        "opd_id", "month", *[f for f, _label in COST_FIELDS]
    )
    by_opd: dict[int, dict[dt.date, dict]] = defaultdict(dict)
    for row in rows:
        by_opd[row["opd_id"]][row["month"]] = row
    return by_opd


def _cost_figures(periods, cost_rows, employee_days):
    """Cost per employee-day per period over the components reported in every month entered,
    so that each period counts the same components. Also the list of what is missing."""
    reported = [
        f
        for f, _label in COST_FIELDS
        if cost_rows and all(row[f] is not None for row in cost_rows.values())
    ]
    left_out = [
        str(label)
        for f, label in COST_FIELDS
        if f not in reported and any(row[f] is not None for row in cost_rows.values())
    ]
    figures, missing_all = {}, []
    for p in periods:
        missing = [mth for mth in p.months() if mth not in cost_rows]
        days, days_label = employee_days[p.key]
        notes = ()
        if left_out:
            notes = (
                _("Tidak dihitung karena tidak diisi di semua bulan: %(parts)s.")
                % {"parts": ", ".join(left_out)},
            )
        if missing:
            reason = _("biaya operasional %(months)s belum diisi") % {
                "months": ", ".join(month_label(mth) for mth in missing)
            }
            missing_all.append(reason)
            figures[p.key] = m.no_data(m.RUPIAH, reason, source=SRC_COST)
            continue
        if not reported:
            reason = _("tidak ada komponen biaya yang diisi di semua bulan")
            missing_all.append(reason)
            figures[p.key] = m.no_data(m.RUPIAH, reason, source=SRC_COST)
            continue
        total = sum((cost_rows[mth][f] for mth in p.months() for f in reported), start=Decimal(0))
        parts = ", ".join(str(label) for f, label in COST_FIELDS if f in reported)
        fig = m.cost_per_employee_day(
            cost=total,
            employee_days=days,
            cost_label=_("biaya %(months)s (%(parts)s), Rp")
            % {"months": ", ".join(month_label(mth) for mth in p.months()), "parts": parts},
            days_label=days_label,
            missing_cost="",
            source=SRC_COST,
        )
        figures[p.key] = m.Figure(fig.value, fig.unit, fig.inputs, fig.source, fig.missing, notes)
    return figures, missing_all


@dataclass
class _Service:
    services: int = 0
    days: int = 0
    complaints: int = 0
    complaint_days: int = 0
    response_weighted: Decimal = Decimal(0)
    response_services: int = 0
    rows: int = 0


def _services(periods, opd_ids, workdays: set[dt.date]) -> dict[tuple[int, str], _Service]:
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    rows = ServiceOutput.objects.filter(opd_id__in=opd_ids, start__range=(start, end)).values_list(
        "opd_id", "start", "end", "services_delivered", "complaints", "avg_response_minutes"
    )
    result: dict[tuple[int, str], _Service] = defaultdict(_Service)
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


def _attainment(periods, opd_ids) -> dict[tuple[int, str], tuple[Decimal, int]]:
    months = {mth: p.key for p in periods for mth in p.months()}
    rows = (
        PerformanceTarget.objects.filter(employee__opd_id__in=opd_ids, month__in=list(months))
        .values("employee__opd_id", "month")
        .annotate(total=Sum("attainment_percent"), n=Count("id"))
        .order_by()
    )
    result: dict[tuple[int, str], tuple[Decimal, int]] = {}
    for row in rows:
        key = (row["employee__opd_id"], months[row["month"]])
        total, n = result.get(key, (Decimal(0), 0))
        result[key] = (total + row["total"], n + row["n"])
    return result


def _period_measures(
    p: Period,
    a: _Attendance | None,
    cost: m.Figure,
    svc: _Service | None,
    att: tuple[Decimal, int] | None,
    n_workdays: int,
) -> PeriodMeasures:
    has = a is not None and a.days > 0
    present = a.present if has else None
    partial = ()
    if has and a.days < n_workdays:
        partial = (
            _("Rekap ada untuk %(n)s dari %(total)s hari kerja.")
            % {"n": a.days, "total": n_workdays},
        )

    def with_notes(fig: m.Figure) -> m.Figure:
        return (
            m.Figure(fig.value, fig.unit, fig.inputs, fig.source, fig.missing, fig.notes + partial)
            if fig.ok
            else fig
        )

    rec = has and a.has_records
    no_svc = _("keluaran layanan %(period)s belum diimpor") % {"period": p.label}
    return PeriodMeasures(
        attendance_rate=with_notes(
            m.attendance_rate(
                present=present,
                headcount=a.headcount if has else None,
                on_leave=a.on_leave if has else None,
                source=SRC_SUMMARY,
            )
        ),
        late_share=with_notes(
            m.share_of_present(
                count=a.late if has else None,
                present=present,
                label=_("terlambat, orang-hari"),
                source=SRC_SUMMARY,
            )
        ),
        early_share=with_notes(
            m.share_of_present(
                count=a.early if has else None,
                present=present,
                label=_("pulang sebelum waktu, orang-hari"),
                source=SRC_SUMMARY,
            )
        ),
        late_minutes=with_notes(
            m.minutes_per_present_day(
                minutes=a.late_minutes if rec else None,
                present=present,
                label=_("menit terlambat"),
                source=SRC_RECORDS,
            )
        ),
        early_minutes=with_notes(
            m.minutes_per_present_day(
                minutes=a.early_minutes if rec else None,
                present=present,
                label=_("menit pulang sebelum waktu"),
                source=SRC_RECORDS,
            )
        ),
        compliance=with_notes(
            m.mode_compliance(
                mismatches=a.mismatches if has else None, present=present, source=SRC_SUMMARY
            )
        ),
        cost_per_employee_day=cost,
        services_per_day=m.per_working_day(
            total=svc.services if svc else None,
            working_days=svc.days if svc else None,
            label=_("layanan diselesaikan"),
            missing=no_svc,
            source=SRC_SERVICE,
        ),
        complaints_per_day=m.per_working_day(
            total=svc.complaints if svc and svc.complaint_days else None,
            working_days=svc.complaint_days if svc else None,
            label=_("pengaduan"),
            missing=no_svc if not svc else _("jumlah pengaduan tidak dilaporkan"),
            source=SRC_SERVICE,
        ),
        response_minutes=m.average(
            total=svc.response_weighted if svc and svc.response_services else None,
            count=svc.response_services if svc else None,
            label=_("menit tanggap x layanan"),
            count_label=_("layanan"),
            unit=m.MINUTES,
            missing=no_svc if not svc else _("waktu tanggap tidak dilaporkan"),
            source=SRC_SERVICE,
        ),
        reports_per_wfh_day=(
            m.ratio(
                m.Input(_("laporan kinerja disetujui"), a.approved_reports),
                m.Input(_("hadir WFH, orang-hari"), a.present_wfh),
                unit=m.PER_DAY,
                source=SRC_RECORDS,
                missing=_("tidak ada hari WFH pada %(period)s") % {"period": p.label},
            )
            if rec
            else m.no_data(
                m.PER_DAY,
                _("belum ada rekap presensi harian untuk periode ini"),
                source=SRC_RECORDS,
            )
        ),
        attainment=m.average(
            total=att[0] if att else None,
            count=att[1] if att else None,
            label=_("jumlah capaian (%)"),
            count_label=_("pegawai-bulan"),
            unit=m.PERCENT,
            missing=_("capaian e-Kinerja %(period)s belum diimpor") % {"period": p.label},
            source=SRC_EKINERJA,
        ),
    )


def _compare(base: PeriodMeasures, phase: PeriodMeasures, saving: m.Saving) -> Comparison:
    return Comparison(
        saving=saving,
        attendance_change=m.change(base.attendance_rate, phase.attendance_rate),
        compliance_change=m.change(base.compliance, phase.compliance),
        late_change=m.change(base.late_share, phase.late_share),
        service_change=m.relative_change(base.services_per_day, phase.services_per_day),
        complaints_change=m.relative_change(base.complaints_per_day, phase.complaints_per_day),
        attainment_change=m.change(base.attainment, phase.attainment),
    )


def _employee_days(p, a, staff, n_workdays_month):
    """Employee-days of the months a period overlaps, with where the number came from."""
    if a is not None and a.days >= n_workdays_month and a.headcount:
        return a.headcount, _("orang-hari (rekap presensi, %(n)s hari kerja)") % {"n": a.days}
    if staff:
        return (
            staff * n_workdays_month,
            _("orang-hari (%(staff)s pegawai aktif x %(days)s hari kerja)")
            % {"staff": staff, "days": n_workdays_month},
        )
    return None, _("orang-hari")


def evaluation_report(*, plan: EvaluationPlan, opds: list[Opd]) -> Report:
    periods = plan_periods(plan)
    opd_ids = [o.pk for o in opds]
    month_periods = [
        Period(p.key, p.label, p.month_start, p.month_end) for p in periods
    ]  # costs and their employee-days cover whole months
    workdays = _working_days(periods)
    month_workdays = _working_days(month_periods)
    workday_set = _working_day_set(periods)
    attendance = _attendance(periods, opd_ids)
    month_attendance = (
        attendance
        if all(
            p.start == mp.start and p.end == mp.end
            for p, mp in zip(periods, month_periods, strict=True)
        )
        else _attendance(month_periods, opd_ids)
    )
    staff = _staff_counts(opd_ids, periods)
    costs = _costs(periods, opd_ids)
    services = _services(periods, opd_ids, workday_set)
    attainment = _attainment(periods, opd_ids)
    frontline = _frontline_shares(opd_ids)

    results: list[OpdEvaluation] = []
    pemda_cost_days: dict[str, list] = defaultdict(list)  # period -> (cost, days) of OPDs with data
    pemda_saving: dict[str, list] = defaultdict(list)
    for opd in opds:
        emp_days = {
            p.key: _employee_days(
                p,
                month_attendance.get((opd.pk, p.key)),
                staff.get((opd.pk, p.key), 0),
                len(month_workdays[p.key]),
            )
            for p in periods
        }
        cost_figs, cost_missing = _cost_figures(periods, costs.get(opd.pk, {}), emp_days)
        per_period = {
            p.key: _period_measures(
                p,
                attendance.get((opd.pk, p.key)),
                cost_figs[p.key],
                services.get((opd.pk, p.key)),
                attainment.get((opd.pk, p.key)),
                len(workdays[p.key]),
            )
            for p in periods
        }
        comparisons = {}
        base = per_period[BASELINE]
        for p in periods[1:]:
            days, _label = emp_days[p.key]
            per_month = Decimal(days) / len(p.months()) if days else None
            sav = m.saving(
                baseline=base.cost_per_employee_day,
                phase=per_period[p.key].cost_per_employee_day,
                phase_employee_days_per_month=per_month,
                source=SRC_COST,
            )
            comparisons[p.key] = _compare(base, per_period[p.key], sav)
            if sav.per_month.ok:
                pemda_saving[p.key].append(
                    (opd, sav.per_month.value, base.cost_per_employee_day.value * per_month)
                )
        for p in periods:
            fig = cost_figs[p.key]
            if fig.ok:
                pemda_cost_days[p.key].append((fig.inputs[0].value, fig.inputs[1].value))
        fl, total = frontline.get(opd.pk, (0, 0))
        share = m.ratio(
            m.Input(_("pegawai di unit layanan langsung"), fl),
            m.Input(_("pegawai aktif"), total),
            source=_("unit kerja (layanan langsung)"),
            missing=_("OPD belum punya pegawai"),
        )
        results.append(
            OpdEvaluation(opd.pk, opd.code, opd.name, per_period, comparisons, share, cost_missing)
        )

    pemda = _pemda(
        periods,
        opd_ids,
        attendance,
        services,
        attainment,
        workdays,
        pemda_cost_days,
        pemda_saving,
        results,
    )
    return Report(plan=plan, periods=periods, opds=results, pemda=pemda)


def _pemda(
    periods, opd_ids, attendance, services, attainment, workdays, cost_days, savings, results
) -> OpdEvaluation:
    """The whole Pemda: the same measures over the summed inputs of the OPDs that have them."""
    per_period = {}
    for p in periods:
        a_rows = [attendance[(o, p.key)] for o in opd_ids if (o, p.key) in attendance]
        a = None
        if a_rows:
            a = _Attendance()
            for r in a_rows:
                for f in (
                    "headcount",
                    "present",
                    "present_wfh",
                    "on_leave",
                    "late",
                    "early",
                    "mismatches",
                    "late_minutes",
                    "early_minutes",
                    "approved_reports",
                ):
                    setattr(a, f, getattr(a, f) + getattr(r, f))
            a.days = max(r.days for r in a_rows)
            a.has_records = any(r.has_records for r in a_rows)
        s_rows = [services[(o, p.key)] for o in opd_ids if (o, p.key) in services]
        svc = None
        if s_rows:
            svc = _Service()
            for r in s_rows:
                for f in (
                    "services",
                    "days",
                    "complaints",
                    "complaint_days",
                    "response_weighted",
                    "response_services",
                    "rows",
                ):
                    setattr(svc, f, getattr(svc, f) + getattr(r, f))
        t_rows = [attainment[(o, p.key)] for o in opd_ids if (o, p.key) in attainment]
        att = (
            (sum((t for t, _n in t_rows), Decimal(0)), sum(n for _t, n in t_rows))
            if t_rows
            else None
        )
        pairs = cost_days.get(p.key, [])
        if pairs:
            cost = m.cost_per_employee_day(
                cost=sum((c for c, _d in pairs), Decimal(0)),
                employee_days=sum(d for _c, d in pairs),
                cost_label=_("biaya %(n)s OPD dengan data, Rp") % {"n": len(pairs)},
                days_label=_("orang-hari OPD tersebut"),
                missing_cost="",
                source=SRC_COST,
            )
        else:
            cost = m.no_data(
                m.RUPIAH, _("belum ada OPD dengan biaya operasional lengkap"), source=SRC_COST
            )
        per_period[p.key] = _period_measures(p, a, cost, svc, att, len(workdays[p.key]))
    comparisons = {}
    base = per_period[BASELINE]
    for p in periods[1:]:
        rows = savings.get(p.key, [])
        inputs = (m.Input(_("OPD dengan data biaya kedua periode"), len(rows)),)
        if rows:
            diff = sum((v for _o, v, _b in rows), Decimal(0))
            base_cost = sum((b for _o, _v, b in rows), Decimal(0))
            per_month = m.Figure(
                diff,
                m.RUPIAH,
                (*inputs, m.Input(_("jumlah hemat per bulan, Rp"), diff, m.RUPIAH)),
                SRC_COST,
            )
            percent = m.ratio(
                m.Input(_("hemat per bulan, Rp"), diff, m.RUPIAH),
                m.Input(_("biaya per bulan pada tarif periode dasar, Rp"), base_cost, m.RUPIAH),
                source=SRC_COST,
            )
            sav = m.Saving(percent, per_month)
        else:
            reason = _("belum ada OPD dengan biaya operasional di periode dasar dan tahap ini")
            sav = m.Saving(
                m.no_data(m.PERCENT, reason, inputs, SRC_COST),
                m.no_data(m.RUPIAH, reason, inputs, SRC_COST),
            )
        comparisons[p.key] = _compare(base, per_period[p.key], sav)
    missing = [f"{r.code}: {reason}" for r in results for reason in r.cost_missing]
    return OpdEvaluation(None, "PEMDA", _("Seluruh Pemda"), per_period, comparisons, None, missing)


# -- readiness and recommendations -----------------------------------------------------------------


def readiness_by_opd(opd_ids: list[int]) -> dict[int, ReadinessAssessment]:
    return {
        r.opd_id: r
        for r in ReadinessAssessment.objects.filter(opd_id__in=opd_ids).select_related(
            "assessed_by"
        )
    }


def recommendations_by_opd(plan: EvaluationPlan, opd_ids: list[int]) -> dict[int, Recommendation]:
    return {
        r.opd_id: r
        for r in Recommendation.objects.filter(plan=plan, opd_id__in=opd_ids).select_related(
            "decided_by"
        )
    }


def current_plan() -> EvaluationPlan | None:
    return EvaluationPlan.objects.select_related("programme").order_by("-created_at", "-id").first()
