"""Writes of the kajian: the plan, readiness checklists, recommendations and HR's decisions.

The recommendation itself is computed by evaluation.rules.recommend from the report's figures
(`recommendation_evidence`); `recommendations_store` keeps it with its reasons, and
`recommendation_decide` records HR's acceptance or override with a note.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.tabular import RowError
from evaluation import inputs, rules
from evaluation.inputs import COLUMNS, COSTS, SERVICES, Row
from evaluation.models import (
    Decision,
    EvaluationPlan,
    InputSource,
    Option,
    ReadinessAssessment,
    Recommendation,
)
from evaluation.report.tables import OpdEvaluation, Report
from wfh.models import Phase, Programme


@transaction.atomic
def plan_ensure(
    *,
    programme: Programme,
    baseline_label: str,
    baseline_start: dt.date,
    baseline_end: dt.date,
    phases: list[Phase],
    next_period: str,
) -> EvaluationPlan:
    plan, _created = EvaluationPlan.objects.update_or_create(
        programme=programme,
        defaults={
            "baseline_label": baseline_label,
            "baseline_start": baseline_start,
            "baseline_end": baseline_end,
            "next_period": next_period,
        },
    )
    plan.phases.set(phases)
    return plan


def recommendation_evidence(
    *, evaluation: OpdEvaluation, report: Report, readiness: ReadinessAssessment | None
) -> rules.Evidence:
    """What the rules read: the readiness scores, the frontline share and the latest phase's
    measures against the baseline (None where there is no data)."""
    latest = report.phases[-1].key if report.phases else None
    share = evaluation.frontline_share.value if evaluation.frontline_share else None
    compliance = service = attendance = None
    if latest:
        compliance = evaluation.periods[latest].compliance.value
        comparison = evaluation.comparisons[latest]
        service = comparison.service_change.value
        attendance = comparison.attendance_change.value
    return rules.Evidence(
        scores=readiness.scores() if readiness else None,
        frontline_share=share,
        compliance=compliance,
        service_change=service,
        attendance_change=attendance,
    )


def recommendation_compute(
    *, evaluation: OpdEvaluation, report: Report, readiness: ReadinessAssessment | None
) -> rules.Result:
    """The option the rules recommend for an OPD, with the reasons."""
    return rules.recommend(
        recommendation_evidence(evaluation=evaluation, report=report, readiness=readiness)
    )


@transaction.atomic
def recommendations_store(
    *, report: Report, readiness: dict[int, ReadinessAssessment]
) -> list[Recommendation]:
    """Store the computed recommendation of every OPD in the report, keeping HR's decisions."""
    now = timezone.now()
    stored = []
    for evaluation in report.opds:
        result = recommendation_compute(
            evaluation=evaluation, report=report, readiness=readiness.get(evaluation.opd_id)
        )
        rec, _created = Recommendation.objects.update_or_create(
            plan=report.plan,
            opd_id=evaluation.opd_id,
            defaults={
                "computed_option": result.option,
                "reasons": list(result.reasons),
                "computed_at": now,
            },
        )
        stored.append(rec)
    return stored


@transaction.atomic
def recommendation_decide(
    *,
    plan: EvaluationPlan,
    evaluation: OpdEvaluation,
    report: Report,
    readiness: ReadinessAssessment | None,
    accept: bool,
    option: str = "",
    note: str = "",
    user,
) -> Recommendation:
    """HR accepts the computed option, or overrides it with another option and a note."""
    result = recommendation_compute(evaluation=evaluation, report=report, readiness=readiness)
    note = note.strip()
    if accept:
        chosen, decision = result.option, Decision.ACCEPTED
    else:
        if option not in Option.values:
            raise ValidationError({"option": _("Pilih salah satu opsi.")})
        if not note:
            raise ValidationError({"note": _("Tulis alasan bila HR mengubah rekomendasi.")})
        chosen = option
        decision = Decision.ACCEPTED if option == result.option else Decision.OVERRIDDEN
    now = timezone.now()
    rec, _created = Recommendation.objects.update_or_create(
        plan=plan,
        opd_id=evaluation.opd_id,
        defaults={
            "computed_option": result.option,
            "reasons": list(result.reasons),
            "computed_at": now,
            "decision": decision,
            "chosen_option": chosen,
            "decided_option_was": result.option,
            "decision_note": note,
            "decided_by": user,
            "decided_at": now,
        },
    )
    return rec


SCORE_NAMES = ("online_tasks", "devices", "online_sop", "supervision", "data_security")


@transaction.atomic
def readiness_save(
    *, opd, scores: dict[str, int], notes: dict[str, str], user
) -> ReadinessAssessment:
    errors = {}
    for name in SCORE_NAMES:
        value = scores.get(name)
        if value is None or not 0 <= int(value) <= 4:
            errors[name] = _("Skor 0 sampai 4.")
    if errors:
        raise ValidationError(errors)
    values = {name: int(scores[name]) for name in SCORE_NAMES}
    values.update({f"{name}_note": notes.get(name, "").strip() for name in SCORE_NAMES})
    values.update({"assessed_by": user, "assessed_at": timezone.now()})
    assessment, _created = ReadinessAssessment.objects.update_or_create(opd=opd, defaults=values)
    return assessment


def plan_check(
    *,
    baseline_start: dt.date | None,
    baseline_end: dt.date | None,
    phases: list[Phase],
    programme: Programme | None,
) -> dict[str, list[str]]:
    """What is wrong with a plan, per field: the baseline ends before it starts, no phase, a
    phase of another programme, or a phase overlapping the baseline (it would compare the
    baseline with itself)."""
    problems: dict[str, list[str]] = {}
    if baseline_start and baseline_end and baseline_end < baseline_start:
        problems.setdefault("baseline_end", []).append(
            _("Akhir periode dasar tidak boleh sebelum awalnya.")
        )
    if not phases:
        problems.setdefault("phases", []).append(_("Pilih paling sedikit satu tahap."))
    for phase in phases:
        if programme is not None and phase.programme_id != programme.pk:
            problems.setdefault("phases", []).append(
                _("Tahap %(phase)s bukan bagian dari program %(programme)s.")
                % {"phase": phase.name, "programme": programme.name}
            )
        elif (
            baseline_start
            and baseline_end
            and baseline_end >= baseline_start
            and phase.start <= baseline_end
            and phase.end >= baseline_start
        ):
            problems.setdefault("phases", []).append(
                _(
                    "Tahap %(phase)s (%(start)s – %(end)s) beririsan dengan periode dasar; "
                    "periode dasar harus di luar tahap yang dibandingkan."
                )
                % {
                    "phase": phase.name,
                    "start": phase.start.isoformat(),
                    "end": phase.end.isoformat(),
                }
            )
    return problems


@transaction.atomic
def plan_save(
    *,
    plan: EvaluationPlan | None,
    programme: Programme,
    baseline_label: str,
    baseline_start: dt.date,
    baseline_end: dt.date,
    phases: list[Phase],
    next_period: str,
) -> EvaluationPlan:
    """Create a plan (plan=None) or change one; checks what `plan_check` checks and that a
    programme has one plan only."""
    problems = plan_check(
        baseline_start=baseline_start,
        baseline_end=baseline_end,
        phases=phases,
        programme=programme,
    )
    taken = EvaluationPlan.objects.filter(programme=programme)
    if plan is not None:
        taken = taken.exclude(pk=plan.pk)
    if taken.exists():
        problems.setdefault("programme", []).append(
            _("Program %(programme)s sudah punya rencana kajian; ubah rencana itu.")
            % {"programme": programme.name}
        )
    if problems:
        raise ValidationError(problems)
    plan = plan or EvaluationPlan()
    plan.programme = programme
    plan.baseline_label = baseline_label.strip()
    plan.baseline_start, plan.baseline_end = baseline_start, baseline_end
    plan.next_period = next_period.strip()
    plan.save()
    plan.phases.set(phases)
    return plan


# -- API inputs: costs and service output, one answer per item -----------------------------------
#
# An item's values become the text cells of a row, checked and written by evaluation.inputs like
# a row of the import (the same parsers, messages, writer and row lock). Unlike the import
# (all-or-nothing per file), every item is answered on its own: created, updated or rejected
# with the field and why.

MAX_API_BATCH = 1000
CREATED, UPDATED, REJECTED = "created", "updated", "rejected"
API_OPD_FIELD = "opd"  # the API calls the import's opd_code column "opd", like its other answers
API_REPEATED = {  # an item whose key an earlier item of the batch has
    COSTS: lambda first: (
        _("OPD dan bulan ini sudah ada di item %(index)s.") % {"index": first.number}
    ),
    SERVICES: lambda first: (
        _("OPD dan rentang tanggal ini sudah ada di item %(index)s.") % {"index": first.number}
    ),
}


def _api_cells(index: int, item, columns: tuple[str, ...], errors: list) -> dict[str, str] | None:
    """An item's values as the import's text cells (None and absent differ: null clears a
    field, an absent one is left as it was); anything else than a flat object is refused."""
    if not isinstance(item, dict):
        errors.append(RowError(file="api", row=index, message=_("Item harus berupa objek JSON.")))
        return None
    cells: dict[str, str] = {}
    for key, value in item.items():
        column = "opd_code" if key == API_OPD_FIELD else key
        if column not in columns or key == "opd_code":
            errors.append(
                RowError(
                    file="api",
                    row=index,
                    column=key,
                    message=_("Isian tidak dikenal. Isian yang dipakai: %(columns)s.")
                    % {
                        "columns": ", ".join(
                            API_OPD_FIELD if c == "opd_code" else c for c in columns
                        )
                    },
                )
            )
            continue
        if value is None:
            cells[column] = ""
        elif isinstance(value, bool) or not isinstance(value, str | int | float):
            errors.append(
                RowError(file="api", row=index, column=key, message=_("Isi teks atau angka."))
            )
        elif isinstance(value, str):
            cells[column] = value
        else:  # a JSON number: its dot is a decimal point, whatever the column
            cells[column] = inputs.JsonNumber(value)
    return cells


def _api_answer(index: int, status: str, errors: list) -> dict:
    listed = [
        {"field": API_OPD_FIELD if e.column == "opd_code" else e.column, "message": e.message}
        for e in errors
    ]
    first = listed[0] if listed else {"field": "", "message": ""}
    return {"index": index, "status": status, **first, "errors": listed}


@transaction.atomic
def _ingest(*, kind: str, items: list, opd_ids: frozenset[int] | None, user) -> dict:
    answers: dict[int, dict] = {}
    rows: list[Row] = []
    for index, item in enumerate(items):
        errors: list = []
        cells = _api_cells(index, item, COLUMNS[kind], errors)
        if cells is None:
            answers[index] = _api_answer(index, REJECTED, errors)
            continue
        row = Row("api", index, cells, errors)
        row.failed = bool(errors)
        rows.append(row)
    checked = inputs.rows_check(kind=kind, rows=rows, repeated=API_REPEATED[kind], opd_ids=opd_ids)
    for row in rows:
        if row.failed:
            answers[row.number] = _api_answer(row.number, REJECTED, row.errors)
    created = inputs.inputs_upsert(
        kind=kind,
        rows={key: values for key, (_row, values) in checked.items()},
        source=InputSource.API,
        user=user,
    )
    for key, (row, _values) in checked.items():
        answers[row.number] = _api_answer(row.number, CREATED if created[key] else UPDATED, [])
    ordered = [answers[i] for i in range(len(items))]
    counts = dict.fromkeys((CREATED, UPDATED, REJECTED), 0)
    for answer in ordered:
        counts[answer["status"]] += 1
    return {"counts": counts, "results": ordered}


def costs_ingest(*, items: list, opd_ids: frozenset[int] | None = None, user=None) -> dict:
    """Operating costs from the API: upsert per OPD and month. An item sets only the fields it
    carries (null clears one: not reported). Answers {"counts", "results": one per item}."""
    return _ingest(kind=COSTS, items=items, opd_ids=opd_ids, user=user)


def service_output_ingest(*, items: list, opd_ids: frozenset[int] | None = None) -> dict:
    """Public-service output from the API: upsert per OPD and span (start, end; end defaults to
    start). Like the import, an item gives the whole row. Answers {"counts", "results"}."""
    return _ingest(kind=SERVICES, items=items, opd_ids=opd_ids, user=None)
