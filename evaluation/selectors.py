"""The kajian's numbers: set-based aggregation of the inputs per OPD and period, turned into
Figures by evaluation.measures.

`evaluation_report(plan=, opds=)` is the one entry point for the page, the workbook and the
recommendations, so all three show the same numbers. It runs a fixed number of queries whatever
the number of OPDs or employees: one GROUP BY per source (day summaries, daily records, e-Kinerja,
staff counts) plus the small per-OPD input tables (costs, service output).

Periods are the plan's baseline and its phases. Costs are monthly: a period's cost is that of the
months it overlaps, and its employee-days are counted over the same days (from the attendance
summaries when every working day is summarised, else active staff x working days).

The building blocks are in evaluation/report/: periods (the plan's periods and working days),
aggregates (the GROUP BYs), figures (the measures of a period) and tables (what the page shows).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from evaluation import measures as m
from evaluation.i18n import tr as _
from evaluation.models import EvaluationPlan, ReadinessAssessment, Recommendation
from evaluation.report.aggregates import (
    Attendance,
    ServiceTotals,
    attainment_totals,
    attendance_totals,
    cost_rows,
    frontline_shares,
    service_totals,
    staff_counts,
)
from evaluation.report.figures import (
    SRC_COST,
    cost_figures,
    period_employee_days,
    period_measures,
    phase_comparison,
)
from evaluation.report.periods import (
    BASELINE,
    Period,
    plan_periods,
    working_day_set,
    working_days,
)
from evaluation.report.tables import OpdEvaluation, Report
from opd.models import Opd


def evaluation_report(*, plan: EvaluationPlan, opds: list[Opd]) -> Report:
    periods = plan_periods(plan)
    opd_ids = [o.pk for o in opds]
    month_periods = [
        Period(p.key, p.label, p.month_start, p.month_end) for p in periods
    ]  # costs and their employee-days cover whole months
    workdays = working_days(periods)
    month_workdays = working_days(month_periods)
    workday_set = working_day_set(periods)
    attendance = attendance_totals(periods, opd_ids)
    month_attendance = (
        attendance
        if all(
            p.start == mp.start and p.end == mp.end
            for p, mp in zip(periods, month_periods, strict=True)
        )
        else attendance_totals(month_periods, opd_ids)
    )
    staff = staff_counts(opd_ids, periods)
    costs = cost_rows(periods, opd_ids)
    services = service_totals(periods, opd_ids, workday_set)
    attainment = attainment_totals(periods, opd_ids)
    frontline = frontline_shares(opd_ids)

    results: list[OpdEvaluation] = []
    pemda_cost_days: dict[str, list] = defaultdict(list)  # period -> (cost, days) of OPDs with data
    pemda_saving: dict[str, list] = defaultdict(list)
    for opd in opds:
        emp_days = {
            p.key: period_employee_days(
                p,
                month_attendance.get((opd.pk, p.key)),
                staff.get((opd.pk, p.key), 0),
                len(month_workdays[p.key]),
            )
            for p in periods
        }
        cost_figs, cost_missing = cost_figures(periods, costs.get(opd.pk, {}), emp_days)
        per_period = {
            p.key: period_measures(
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
            comparisons[p.key] = phase_comparison(base, per_period[p.key], sav)
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
            a = Attendance()
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
            svc = ServiceTotals()
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
        per_period[p.key] = period_measures(p, a, cost, svc, att, len(workdays[p.key]))
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
        comparisons[p.key] = phase_comparison(base, per_period[p.key], sav)
    missing = [f"{r.code}: {reason}" for r in results for reason in r.cost_missing]
    return OpdEvaluation(None, "PEMDA", _("Seluruh Pemda"), per_period, comparisons, None, missing)


def report_summary(*, report: Report) -> list[dict]:
    """The Pemda-wide saving of each phase, for the one-paragraph summary."""
    rows = []
    for phase in report.phases:
        comparison = report.pemda.comparisons[phase.key]
        rows.append(
            {
                "phase": phase,
                "per_month": comparison.saving.per_month,
                "percent": comparison.saving.percent,
                "opds_with_data": int(comparison.saving.per_month.inputs[0].value or 0)
                if comparison.saving.per_month.inputs
                else 0,
                "service_change": comparison.service_change,
                "attendance_change": comparison.attendance_change,
                "compliance": report.pemda.periods[phase.key].compliance,
            }
        )
    return rows


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
