"""Pages of the kajian: the report (HR sees every OPD and the Pemda-wide summary; an OPD admin
sees only their own OPDs, without the Pemda-wide rows), its workbook, the per-OPD page with the
readiness checklist and the recommendation, and HR's input pages (costs, imports).

Thin views: numbers come from evaluation.selectors.evaluation_report, writes from
evaluation.services / evaluation.importing, and who may see what from opd.access.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.replica import replica_ok
from common.tabular import Upload
from common.upload_limits import refused_uploads
from common.views import errors_to_form
from evaluation import exports, importing, inputs, rules, selectors, services
from evaluation.forms import (
    IMPORT_KINDS,
    CostForm,
    DecisionForm,
    ImportForm,
    PlanForm,
    ReadinessForm,
)
from evaluation.models import (
    COST_FIELDS,
    READINESS_CRITERIA,
    EvaluationPlan,
    InputSource,
    OperatingCost,
    Option,
)
from evaluation.report import ranking
from evaluation.report.periods import month_label, plan_periods
from evaluation.report.tables import MEASURES
from opd import access
from opd.models import Opd
from wfh.overrides.selectors import orders_with_departures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request):
    scope = access.scope_for(request.user)
    access.require(scope.is_hr or scope.is_opd_admin)
    return scope


def _require_hr(request) -> None:
    access.require(access.scope_for(request.user).is_hr)


def _plan_or_none():
    return selectors.current_plan()


def _recommendations(report, readiness, stored) -> dict:
    result = {}
    for ev in report.opds:
        computed = services.recommendation_compute(
            evaluation=ev, report=report, readiness=readiness.get(ev.opd_id)
        )
        result[ev.opd_id] = {
            "computed": (computed.option, computed.reasons),
            "index": computed.readiness_index,
            "stored": stored.get(ev.opd_id),
        }
    return result


def _build(request, opds):
    plan = _plan_or_none()
    if plan is None:
        return None
    report = selectors.evaluation_report(plan=plan, opds=opds)
    ids = [o.pk for o in opds]
    readiness = selectors.readiness_by_opd(ids)
    stored = selectors.recommendations_by_opd(plan, ids)
    return report, readiness, _recommendations(report, readiness, stored)


def _report_context(request):
    """The scope, the OPDs it sees and the built report (None without a plan), with each OPD's
    evaluation page set as its url."""
    scope = _scope(request)
    opds = list(access.visible_opds(request.user).filter(active=True).order_by("code"))
    built = _build(request, opds)
    if built is not None:
        base_url = reverse("evaluation:opd", args=["__code__"])
        for ev in built[0].opds:
            ev.url = base_url.replace("__code__", ev.code)
    return scope, opds, built


def _rec_rows(report_, recs) -> list[dict]:
    labels = dict(Option.choices)
    rows = []
    for ev in report_.opds:
        rec = recs[ev.opd_id]
        stored = rec["stored"]
        final = stored.final_option if stored else rec["computed"][0]
        rows.append(
            {
                "ev": ev,
                "computed": labels[rec["computed"][0]],
                "stored": stored,
                "final_option": final,
                "final": labels[final],
                "index": rec["index"],
            }
        )
    return rows


@replica_ok
@login_required
def report(request):
    """The summary: the Pemda-wide paragraph (HR), each measure's best and lowest OPD with a link
    to its drill-down, the saving chart (top and bottom OPDs), how many OPDs get which
    recommendation, and the orders that departed from the limits. Every OPD's row of every
    measure is in the workbook."""
    scope, opds, built = _report_context(request)
    if built is None:
        return render(request, "evaluation/report.html", {"plan": None, "is_hr": scope.is_hr})
    report_, _readiness, recs = built
    overview = []
    saving = None
    for spec in ranking.measure_specs():
        ranked = ranking.measure_ranking(report_, spec, include_pemda=scope.is_hr)
        if spec.key == ranking.SAVING:
            saving = ranked
        overview.append(
            {
                "ranking": ranked,
                "best": ranked.rows[0] if ranked.rows else None,
                "worst": ranked.rows[-1] if len(ranked.rows) > 1 else None,
                "url": reverse("evaluation:measure", args=[spec.key]),
            }
        )
    rec_rows = _rec_rows(report_, recs)
    labels = dict(Option.choices)
    counts = {}
    for row in rec_rows:
        counts[row["final_option"]] = counts.get(row["final_option"], 0) + 1
    option_counts = [(labels[o], n) for o, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    pending = sum(1 for r in rec_rows if not r["stored"] or r["stored"].decision == "pending")
    return render(
        request,
        "evaluation/report.html",
        {
            "plan": report_.plan,
            "report": report_,
            "is_hr": scope.is_hr,
            "summary": selectors.report_summary(report=report_) if scope.is_hr else [],
            "overview": overview,
            "last_label": report_.periods[-1].label,
            "top_n": ranking.TOP_N,
            "few_opds": len(report_.opds) <= 2 * ranking.TOP_N,
            "saving": saving,
            "chart_data": ranking.chart_data(report_, saving),
            "option_counts": option_counts,
            "pending": pending,
            "opd_count": len(rec_rows),
            "order_departures": orders_with_departures(
                start=min(p.start for p in report_.periods),
                end=max(p.end for p in report_.periods),
                opd_ids=[o.pk for o in opds],
            ),
        },
    )


@replica_ok
@login_required
def measure(request, key):
    """One measure across the OPDs: the Pemda row (HR), a chart of every OPD that can be sorted
    and cut to the top or bottom, and the ten best and ten lowest rows in full."""
    spec = ranking.spec_for(key)
    if spec is None:
        raise Http404(_("Ukuran kajian tidak dikenal."))
    scope, _opds, built = _report_context(request)
    if built is None:
        return redirect("evaluation:report")
    report_, _readiness, _recs = built
    ranked = ranking.measure_ranking(report_, spec, include_pemda=scope.is_hr)
    return render(
        request,
        "evaluation/measure.html",
        {
            "plan": report_.plan,
            "report": report_,
            "is_hr": scope.is_hr,
            "ranking": ranked,
            "top_n": ranking.TOP_N,
            "specs": ranking.measure_specs(),
            "tables": [
                (title, rows)
                for title, rows in [
                    (
                        _("%(n)s OPD terbaik") % {"n": ranking.TOP_N},
                        list(enumerate(ranked.best, 1)),
                    ),
                    (
                        _("%(n)s OPD terendah") % {"n": ranking.TOP_N},
                        [(len(ranked.rows) - i, row) for i, row in enumerate(ranked.worst)],
                    ),
                ]
                + ([(_("Seluruh Pemda"), [("", ranked.pemda)])] if ranked.pemda else [])
                if rows
            ],
            "chart_data": ranking.chart_data(report_, ranked),
        },
    )


@replica_ok
@login_required
def recommendations(request):
    """Every visible OPD's readiness and recommendation (one short row each), and HR's button
    that stores them all."""
    scope, _opds, built = _report_context(request)
    if built is None:
        return redirect("evaluation:report")
    report_, _readiness, recs = built
    return render(
        request,
        "evaluation/recommendations.html",
        {
            "plan": report_.plan,
            "report": report_,
            "is_hr": scope.is_hr,
            "rec_rows": _rec_rows(report_, recs),
        },
    )


@replica_ok
@login_required
def report_xlsx(request):
    scope = _scope(request)
    opds = list(access.visible_opds(request.user).filter(active=True).order_by("code"))
    built = _build(request, opds)
    if built is None:
        raise Http404(_("Belum ada rencana kajian."))
    report_, _readiness, recs = built
    data = exports.report_xlsx(report=report_, include_pemda=scope.is_hr, recommendations=recs)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kajian-wfh.xlsx"'
    return response


@login_required
@require_POST
def store_recommendations(request):
    _require_hr(request)
    opds = list(Opd.objects.filter(active=True).order_by("code"))
    built = _build(request, opds)
    if built is None:
        raise Http404
    report_, readiness, _recs = built
    stored = services.recommendations_store(report=report_, readiness=readiness)
    messages.success(
        request, _("Rekomendasi %(n)s OPD disimpan bersama alasannya.") % {"n": len(stored)}
    )
    return redirect("evaluation:recommendations")


def _opd_for(request, code):
    _scope(request)
    opd = get_object_or_404(Opd, code=code)
    access.require(access.can_view_opd(request.user, opd))
    return opd


@replica_ok
@login_required
def opd_detail(request, code):
    opd = _opd_for(request, code)
    is_hr = access.scope_for(request.user).is_hr
    built = _build(request, [opd])
    if built is None:
        return render(request, "evaluation/opd.html", {"opd": opd, "plan": None, "is_hr": is_hr})
    report_, readiness, recs = built
    ev = report_.opds[0]
    assessment = readiness.get(opd.pk)
    rec = recs[opd.pk]
    readiness_form = ReadinessForm(instance=assessment, prefix="r")
    decision_form = DecisionForm(prefix="d")
    if request.method == "POST":
        access.require(is_hr)
        if "save_readiness" in request.POST:
            readiness_form = ReadinessForm(request.POST, instance=assessment, prefix="r")
            if readiness_form.is_valid():
                data = readiness_form.cleaned_data
                services.readiness_save(
                    opd=opd,
                    scores={n: data[n] for n, _l, _h in READINESS_CRITERIA},
                    notes={n: data[f"{n}_note"] for n, _l, _h in READINESS_CRITERIA},
                    user=request.user,
                )
                messages.success(request, _("Penilaian kesiapan disimpan."))
                return redirect("evaluation:opd", code=opd.code)
        elif "decide" in request.POST:
            decision_form = DecisionForm(request.POST, prefix="d")
            if decision_form.is_valid():
                data = decision_form.cleaned_data
                try:
                    services.recommendation_decide(
                        plan=report_.plan,
                        evaluation=ev,
                        report=report_,
                        readiness=assessment,
                        accept=data["decision"] == "accept",
                        option=data["option"],
                        note=data["note"],
                        user=request.user,
                    )
                except ValidationError as exc:
                    errors_to_form(decision_form, exc)
                else:
                    messages.success(request, _("Keputusan HR disimpan."))
                    return redirect("evaluation:opd", code=opd.code)
    labels = dict(Option.choices)
    criteria = [
        {
            "name": name,
            "label": label,
            "help": help_text,
            "score": getattr(assessment, name) if assessment else None,
            "note": getattr(assessment, f"{name}_note") if assessment else "",
        }
        for name, label, help_text in READINESS_CRITERIA
    ]
    tables = []
    for key, label, _title, attribute, change in MEASURES:
        rows = [(p, getattr(ev.periods[p.key], attribute)) for p in report_.periods]
        changes = (
            [(p, getattr(ev.comparisons[p.key], change)) for p in report_.phases] if change else []
        )
        tables.append({"key": key, "label": label, "rows": rows, "changes": changes})
    savings = [(p, ev.comparisons[p.key].saving) for p in report_.phases]
    return render(
        request,
        "evaluation/opd.html",
        {
            "opd": opd,
            "plan": report_.plan,
            "report": report_,
            "ev": ev,
            "is_hr": is_hr,
            "assessment": assessment,
            "criteria": criteria,
            "readiness_form": readiness_form,
            "decision_form": decision_form,
            "computed_option": rec["computed"][0],
            "computed_label": labels[rec["computed"][0]],
            "reasons": rec["computed"][1],
            "readiness_index": rec["index"],
            "stored": rec["stored"],
            "final_label": labels[rec["stored"].final_option] if rec["stored"] else "",
            "tables": tables,
            "savings": savings,
            "thresholds": {
                "frontline": rules.FRONTLINE_SHARE_MIN,
                "ready": rules.READINESS_MIN,
                "rotation": rules.READINESS_ROTATION_MIN,
                "compliance": rules.COMPLIANCE_ROTATION_MIN,
                "service_drop": rules.SERVICE_DROP_MAX,
                "service_drop_rotation": rules.SERVICE_DROP_ROTATION_MAX,
                "attendance_drop": rules.ATTENDANCE_DROP_MAX,
            },
        },
    )


# -- HR inputs --------------------------------------------------------------------------------


def _months(plan) -> list[dt.date]:
    if plan is None:
        return []
    return sorted({m for p in plan_periods(plan) for m in p.months()})


@login_required
def costs(request):
    _require_hr(request)
    plan = _plan_or_none()
    months = _months(plan)
    opds = list(
        Opd.objects.filter(active=True)
        .order_by("code")
        .prefetch_related(
            Prefetch(
                "operating_costs",
                queryset=OperatingCost.objects.filter(month__in=months),
                to_attr="plan_costs",
            )
        )
    )
    rows = []
    for opd in opds:
        by_month = {c.month: c for c in opd.plan_costs}
        cells = []
        for month in months:
            cost = by_month.get(month)
            total = None
            if cost is not None:
                parts = [getattr(cost, f) for f, _l in COST_FIELDS if getattr(cost, f) is not None]
                total = sum(parts) if parts else None
            cells.append({"month": month, "cost": cost, "total": total})
        rows.append({"opd": opd, "cells": cells})
    return render(request, "evaluation/costs.html", {"plan": plan, "months": months, "rows": rows})


@login_required
def cost_edit(request, code, month):
    _require_hr(request)
    opd = get_object_or_404(Opd, code=code)
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        raise Http404 from None
    instance = OperatingCost.objects.filter(opd=opd, month=first).first()
    form = CostForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        inputs.inputs_upsert(
            kind=inputs.COSTS,
            rows={(opd.pk, first): {name: form.cleaned_data[name] for name in form.fields}},
            source=InputSource.FORM,
            user=request.user,
        )
        messages.success(
            request,
            _("Biaya operasional %(opd)s %(month)s disimpan.")
            % {"opd": opd.code, "month": month_label(first)},
        )
        return redirect("evaluation:costs")
    return render(
        request,
        "evaluation/cost_form.html",
        {"opd": opd, "month": first, "form": form, "instance": instance},
    )


@login_required
def import_page(request):
    _require_hr(request)
    form = (
        ImportForm(request.POST, request.FILES, refused=refused_uploads(request))
        if request.method == "POST"
        else ImportForm()
    )
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = importing.inputs_import(
            kind=form.cleaned_data["kind"],
            upload=Upload(name=upload.name, data=upload.read()),
            user=request.user,
        )
        if result.ok:
            messages.success(
                request,
                _("%(file)s diimpor: %(created)s baris baru, %(updated)s diperbarui.")
                % {"file": result.file, "created": result.created, "updated": result.updated},
            )
            return redirect(reverse("evaluation:import"))
    return render(
        request,
        "evaluation/import.html",
        {
            "form": form,
            "result": result,
            "kinds": [
                {
                    "kind": k,
                    "label": v,
                    "columns": inputs.COLUMNS[k],
                    "required": inputs.REQUIRED[k],
                }
                for k, v in IMPORT_KINDS.items()
            ],
        },
    )


@login_required
def import_template(request, kind, ext):
    _require_hr(request)
    if kind not in inputs.COLUMNS or ext not in ("csv", "xlsx"):
        raise Http404
    if ext == "csv":
        response = HttpResponse(importing.template_csv(kind), content_type="text/csv")
    else:
        response = HttpResponse(importing.template_xlsx(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.{ext}"'
    return response


@login_required
def plan_create(request):
    return _plan_form(request, None)


@login_required
def plan_edit(request, pk):
    _require_hr(request)
    return _plan_form(request, get_object_or_404(EvaluationPlan, pk=pk))


def _plan_form(request, plan):
    _require_hr(request)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.plan_save(
                plan=plan,
                programme=data["programme"],
                baseline_label=data["baseline_label"],
                baseline_start=data["baseline_start"],
                baseline_end=data["baseline_end"],
                phases=list(data["phases"]),
                next_period=data["next_period"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Rencana kajian %(plan)s disimpan.") % {"plan": saved.baseline_label},
            )
            return redirect("evaluation:report")
    return render(request, "evaluation/plan_form.html", {"form": form, "plan": plan})
