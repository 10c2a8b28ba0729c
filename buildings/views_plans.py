"""The consolidation planner's pages: the form and its proposal, accepting (after a confirmation),
the list of plans, one plan, and withdrawing it.

Thin views: the proposal, acceptance and withdrawal are buildings.plans services; who may plan
which building is opd.access (HR: all; an OPD admin: the buildings where their OPD sits).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buildings import plans
from buildings.forms_plans import PlanForm
from buildings.models_plans import PlanStatus
from common.views import page_of
from opd import access
from wfh.models import WEEKDAY_NAMES, Phase

PLANS_PER_PAGE = 25


def _require_planner(request) -> None:
    access.require(access.can_plan_buildings(request.user))


def _form(request, data):
    return PlanForm(
        data,
        buildings=plans.visible_buildings(request.user).order_by("code"),
        phases=Phase.objects.select_related("programme").order_by("-start", "order"),
    )


def _proposal_of(form, request):
    """The proposal for a valid form, or None with the error added to the form."""
    phase = form.cleaned_data["phase"]
    weekdays = form.cleaned_data["weekdays"] or plans.default_weekdays(phase)
    try:
        return plans.proposal_build(
            phase=phase,
            buildings=form.cleaned_data["buildings"],
            weekdays=weekdays,
            today=timezone.localdate(),
        )
    except plans.PlanError as exc:
        form.add_error(None, str(exc))
        return None


@login_required
@require_GET
def plan_list(request):
    _require_planner(request)
    qs = (
        plans.visible_plans(request.user)
        .select_related("phase", "accepted_by", "withdrawn_by")
        .prefetch_related("buildings")
    )
    page = page_of(request, qs, PLANS_PER_PAGE)
    for plan in page.object_list:
        plan.weekday_names = [WEEKDAY_NAMES[w] for w in plan.weekdays]
    return render(request, "buildings/plans/list.html", {"page": page})


@login_required
@require_GET
def plan_new(request):
    """The form; with a phase and buildings chosen, the proposal below it."""
    _require_planner(request)
    proposal = None
    if "phase" in request.GET:
        form = _form(request, request.GET)
        if form.is_valid():
            proposal = _proposal_of(form, request)
    else:
        form = _form(request, None)
    return render(
        request,
        "buildings/plans/new.html",
        {
            "form": form,
            "proposal": proposal,
            "has_buildings": form.fields["buildings"].queryset.exists(),
        },
    )


@login_required
@require_POST
def plan_accept(request):
    """First POST: the confirmation page; with confirm=1: record the plan."""
    _require_planner(request)
    form = _form(request, request.POST)
    if not form.is_valid():
        return render(request, "buildings/plans/new.html", {"form": form, "has_buildings": True})
    proposal = _proposal_of(form, request)
    if proposal is None:
        return render(request, "buildings/plans/new.html", {"form": form, "has_buildings": True})
    fingerprint = request.POST.get("fingerprint", "")
    if request.POST.get("confirm") != "1":
        return render(
            request,
            "buildings/plans/accept.html",
            {"form": form, "proposal": proposal, "fingerprint": fingerprint},
        )
    try:
        plan = plans.plan_accept(
            phase=proposal.phase,
            buildings=proposal.buildings,
            weekdays=proposal.weekdays,
            today=timezone.localdate(),
            user=request.user,
            fingerprint=fingerprint,
        )
    except plans.PlanError as exc:
        form.add_error(None, str(exc))
        return render(
            request,
            "buildings/plans/new.html",
            {"form": form, "proposal": proposal, "has_buildings": True},
        )
    messages.success(
        request,
        _(
            "Rencana diterima: %(n)s zona-hari ditutup. Pegawai yang pindah melihat tempat "
            "duduknya di halaman Presensi."
        )
        % {"n": plan.zone_days},
    )
    return redirect("buildings_plans:detail", plan.pk)


@login_required
@require_GET
def plan_detail(request, pk: int):
    _require_planner(request)
    plan = get_object_or_404(
        plans.visible_plans(request.user).select_related("phase", "accepted_by", "withdrawn_by"),
        pk=pk,
    )
    closures = list(
        plan.closures.select_related("zone", "zone__building").order_by(
            "weekday", "zone__building__code", "zone__code"
        )
    )
    moves = list(
        plan.moves.select_related(
            "unit", "unit__opd", "from_zone", "to_zone", "to_zone__building"
        ).order_by("weekday", "unit__opd__code", "unit__code")
    )
    for row in closures + moves:
        row.weekday_name = WEEKDAY_NAMES[row.weekday]
    for move in moves:
        move.from_label = plans.zone_label(move.from_zone)
        move.to_label = plans.zone_label(move.to_zone)
    for closure in closures:
        closure.label = plans.zone_label(closure.zone)
    return render(
        request,
        "buildings/plans/detail.html",
        {
            "plan": plan,
            "closures": closures,
            "moves": moves,
            "buildings": list(plan.buildings.order_by("code")),
            "weekday_names": [WEEKDAY_NAMES[w] for w in plan.weekdays],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_withdraw(request, pk: int):
    _require_planner(request)
    plan = get_object_or_404(plans.visible_plans(request.user).select_related("phase"), pk=pk)
    if request.method == "GET":
        if plan.status != PlanStatus.ACCEPTED:
            messages.info(request, _("Rencana ini sudah ditarik."))
            return redirect("buildings_plans:detail", plan.pk)
        return render(request, "buildings/plans/withdraw.html", {"plan": plan})
    try:
        plans.plan_withdraw(plan=plan, user=request.user, today=timezone.localdate())
    except plans.PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Rencana ditarik: mulai hari ini setiap unit kembali ke zonanya sendiri.")
        )
    return redirect("buildings_plans:detail", plan.pk)
