"""Programme and phase pages: the list of programmes, one phase (its OPDs, generation, the
optional WFH weekday), loading a preset, and HR's phase editor with its preview.

Thin views: reads go through wfh.selectors and wfh.calendar, every write through wfh.rosters,
wfh.presets or the phase forms; who may see or do what through opd.access
(wfh.schedule_pages: HR and OPD admins only).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.views import page_of
from opd import access
from opd.access import Scope
from opd.models import Opd, OpdKind
from wfh import presets, selectors
from wfh.calendar import days_off, working_days
from wfh.dates import long_date
from wfh.forms_phase import PhaseForm, ProgrammeForm, preview_from_form
from wfh.forms_phase_change import PhaseChangeForm
from wfh.forms_schedule import GenerateForm
from wfh.models import WEEKDAY_NAMES, PatternKind, Phase, Roster
from wfh.phase_versions import selectors as version_selectors
from wfh.phase_versions.changes import change_parse, phase_change
from wfh.phase_versions.history import history
from wfh.presets import PRESETS
from wfh.rosters import options
from wfh.schedule_pages import flash_errors, generation_start, run_service, schedule_scope

OPDS_PER_PAGE = 50


@login_required
@require_GET
def schedule_index(request):
    scope = schedule_scope(request)
    programmes = list(selectors.programmes_with_phases())
    counts = selectors.phase_workflow_counts(None if scope.is_hr else scope.opd_ids)
    mine: dict[int, list[Roster]] = {}
    if not scope.is_hr:
        for roster in selectors.latest_rosters_for(opd_ids=scope.opd_ids):
            mine.setdefault(roster.phase_id, []).append(roster)
    for programme in programmes:
        for phase in programme.phases.all():
            phase.workflow_counts = [
                (label, counts.get(phase.pk, {}).get(value, 0))
                for value, label in Roster.Workflow.choices
                if counts.get(phase.pk, {}).get(value)
            ]
            phase.my_rosters = mine.get(phase.pk, [])
    presets = []
    if scope.is_hr:
        loaded = {p.slug for p in programmes}
        presets = [
            {"name": name, "title": spec["programme"]["name"], "loaded": name in loaded}
            for name, spec in sorted(PRESETS.items())
        ]
    return render(
        request, "wfh/schedule_index.html", {"programmes": programmes, "presets": presets}
    )


@login_required
@require_POST
def preset_load(request):
    """HR loads a ready-made programme (the same as `manage.py load_preset NAME`)."""
    access.require(schedule_scope(request).is_hr)
    name = request.POST.get("name", "")
    if name not in PRESETS:
        messages.error(request, _("Preset %(name)s tidak dikenal.") % {"name": name})
        return redirect("wfh:schedule")
    counts = presets.preset_load(name=name)
    messages.success(
        request,
        _("Program %(name)s dimuat: %(created)s dibuat, %(updated)s diperbarui, %(same)s tetap.")
        % {
            "name": PRESETS[name]["programme"]["name"],
            "created": counts["created"],
            "updated": counts["updated"],
            "same": counts["unchanged"],
        },
    )
    return redirect("wfh:schedule")


def _phase_or_404(slug: str) -> Phase:
    return get_object_or_404(Phase.objects.select_related("programme"), slug=slug)


def _phase_page(request, slug: str) -> tuple[Scope, Phase, QuerySet[Opd]]:
    """Who asks, the phase, and the OPDs of it they see (HR: every OPD it covers)."""
    scope = schedule_scope(request)
    phase = _phase_or_404(slug)
    covered = selectors.phase_opds(phase).order_by("code")
    return scope, phase, covered if scope.is_hr else covered.filter(id__in=scope.opd_ids)


def _weekday_label(day: int | None) -> str:
    return str(WEEKDAY_NAMES[day]) if day is not None else ""


def _phase_facts(phase: Phase) -> dict:
    offs = days_off(phase.start, phase.end)
    return {
        "working_count": len(working_days(phase.start, phase.end)),
        "holidays": [
            {"day": o.day, "name": o.name, "label": o.label}
            for o in sorted(offs.values(), key=lambda o: o.day)
            if o.day.weekday() < 5
        ],
        "weekday_labels": [_weekday_label(d) for d in phase.wfh_weekdays or []],
        "optional_label": _weekday_label(phase.optional_weekday),
        "ratio_pct": round(float(phase.ratio) * 100) if phase.ratio is not None else None,
        "departures": phase.departures(),
        "exempt_labels": [
            str(dict(OpdKind.choices).get(k, k)) for k in sorted(phase.exempt_kinds or [])
        ],
    }


@login_required
@require_GET
def phase_detail(request, slug: str):
    scope, phase, opds = _phase_page(request, slug)
    page = page_of(request, opds, OPDS_PER_PAGE)
    opd_ids = [o.pk for o in page.object_list]
    latest = {r.opd_id: r for r in selectors.latest_rosters_for(phase, opd_ids)}
    options = selectors.phase_options_for(phase, opd_ids)
    rows = [
        {"opd": o, "roster": latest.get(o.pk), "option": options.get(o.pk)}
        for o in page.object_list
    ]
    initial = {}
    if not scope.is_hr and rows and rows[0]["option"]:
        initial["composition"] = rows[0]["option"].composition
    form = GenerateForm(phase=phase, opds=opds, is_hr=scope.is_hr, initial=initial)
    today = timezone.localdate()
    versions = list(version_selectors.versions_of(phase).select_related("created_by"))
    spans = version_selectors.phase_spans(phase, versions)
    can_change = access.can_change_phases(request.user) and phase.end > today
    context = {
        "history": history(phase, spans, today=today),
        "versions": versions,
        "change_form": (
            PhaseChangeForm(phase=phase, current=spans[-1].terms) if can_change else None
        ),
        "phase": phase,
        "page": page,
        "rows": rows,
        "form": form,
        "has_opds": bool(rows),
        "applications": (
            selectors.weekday_applications(phase)
            if scope.is_hr and phase.optional_weekday is not None
            else []
        ),
        "is_rotation": phase.pattern == PatternKind.ROTATION,
        "ended": phase.end < timezone.localdate(),
        **_phase_facts(phase),
    }
    return render(request, "wfh/phase_detail.html", context)


@login_required
@require_POST
def phase_generate(request, slug: str):
    scope, phase, opds = _phase_page(request, slug)
    form = GenerateForm(request.POST, phase=phase, opds=opds, is_hr=scope.is_hr)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("wfh:phase", slug=phase.slug)
    data = form.cleaned_data
    composition = data.get("composition", "")
    if scope.is_hr:
        targets = list(data["opds"]) or None
    else:
        targets = [data["opd"]]
        if phase.pattern == PatternKind.ROTATION:
            options.phase_composition_choose(
                phase=phase, opd=data["opd"], user=request.user, composition=composition
            )
    queued = generation_start(request, phase=phase, opds=targets, data=data)
    if queued is None:
        return redirect("wfh:phase", slug=phase.slug)
    messages.success(request, _("%(n)s jadwal masuk antrean pembuatan.") % {"n": len(queued)})
    if len(queued) == 1:
        return redirect("wfh:roster", pk=queued[0].pk)
    return redirect("wfh:phase", slug=phase.slug)


@login_required
@require_POST
def phase_change_add(request, slug: str):
    """HR changes the phase from a date (wfh.phase_versions): the rosters are regenerated from
    it as drafts, to be submitted and published as usual."""
    schedule_scope(request)
    access.require(access.can_change_phases(request.user))
    phase = _phase_or_404(slug)
    current = version_selectors.phase_spans(phase)[-1].terms
    form = PhaseChangeForm(request.POST, phase=phase, current=current)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(reverse("wfh:phase", args=[phase.slug]) + "#perubahan")
    try:
        result = phase_change(phase=phase, spec=change_parse(form.change_data()), user=request.user)
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(reverse("wfh:phase", args=[phase.slug]) + "#perubahan")
    messages.success(
        request,
        _(
            "Perubahan mulai %(day)s dicatat. %(n)s jadwal OPD disusun ulang sebagai draf: "
            "ajukan dan terbitkan seperti biasa agar pegawai menerimanya."
        )
        % {"day": long_date(result.version.valid_from), "n": len(result.rosters)},
    )
    return redirect(reverse("wfh:phase", args=[phase.slug]) + "#riwayat")


@login_required
@require_POST
def weekday_apply(request, slug: str, code: str):
    schedule_scope(request)
    phase = _phase_or_404(slug)
    opd = get_object_or_404(Opd, code=code)
    access.require(access.can_manage_opd(request.user, opd))
    run_service(
        request,
        options.optional_weekday_apply,
        _("Pengajuan hari WFH tambahan untuk %(opd)s terkirim ke BKPSDM.") % {"opd": opd.code},
        phase=phase,
        opd=opd,
        user=request.user,
    )
    return redirect("wfh:phase", slug=phase.slug)


@login_required
@require_POST
def weekday_decide(request, slug: str, code: str):
    scope = schedule_scope(request)
    access.require(scope.is_hr)
    phase = _phase_or_404(slug)
    opd = get_object_or_404(Opd, code=code)
    approve = request.POST.get("decision") == "approve"
    done = (
        _("Hari WFH tambahan %(opd)s disetujui; berlaku pada pembuatan jadwal berikutnya.")
        if approve
        else _("Pengajuan hari WFH tambahan %(opd)s ditolak.")
    )
    run_service(
        request,
        options.optional_weekday_decide,
        done % {"opd": opd.code},
        phase=phase,
        opd=opd,
        user=request.user,
        approve=approve,
    )
    return redirect("wfh:phase", slug=phase.slug)


# -- phase editor (HR) ----------------------------------------------------------------------------


def _phase_form_page(request, phase: Phase | None):
    access.require(schedule_scope(request).is_hr)
    data = request.POST if request.method == "POST" else None
    initial = {}
    if phase is None and request.GET.get("programme", "").isdigit():
        initial["programme"] = int(request.GET["programme"])
    form = PhaseForm(data, instance=phase, initial=initial)
    if request.method == "POST" and request.POST.get("action") != "preview" and form.is_valid():
        saved = form.save()
        messages.success(
            request,
            (_("Tahap %(name)s disimpan.") if phase else _("Tahap %(name)s dibuat."))
            % {"name": saved.name},
        )
        return redirect("wfh:phase", saved.slug)
    preview = None
    if data is not None:
        form.is_valid()
        preview = preview_from_form(form)
    elif phase is not None:
        preview = preview_from_form(_bound_copy(phase))
    return render(
        request,
        "wfh/phase_form.html",
        {"form": form, "phase": phase, "preview": preview, "published": form.published},
    )


def _bound_copy(phase: Phase) -> PhaseForm:
    """A form bound to the phase's own values, to preview the saved phase on first load."""
    form = PhaseForm(instance=phase)
    data = {name: form[name].value() for name in form.fields}
    data = {k: v for k, v in data.items() if v is not None}
    bound = PhaseForm(_as_querydict(data), instance=phase)
    bound.is_valid()
    return bound


def _as_querydict(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list | tuple):
            query.setlist(key, [str(getattr(v, "pk", v)) for v in value])
        elif isinstance(value, dt.date):
            query[key] = value.isoformat()
        else:
            query[key] = str(value)
    return query


@login_required
def programme_create(request):
    """HR starts a programme (its name and legal basis); its phases are added next."""
    access.require(schedule_scope(request).is_hr)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = form.save()
        messages.success(
            request, _("Program %(name)s dibuat. Tambahkan tahapnya.") % {"name": programme.name}
        )
        return redirect(f"{reverse('wfh:phase_create')}?{urlencode({'programme': programme.pk})}")
    return render(request, "wfh/programme_form.html", {"form": form})


@login_required
def phase_create(request):
    return _phase_form_page(request, None)


@login_required
def phase_edit(request, slug: str):
    return _phase_form_page(request, _phase_or_404(slug))


@login_required
@require_POST
def phase_preview(request):
    """htmx: the preview of the form as it stands, without saving (HR only)."""
    access.require(schedule_scope(request).is_hr)
    phase = None
    if request.POST.get("phase_id", "").isdigit():
        phase = Phase.objects.filter(pk=int(request.POST["phase_id"])).first()
    form = PhaseForm(request.POST, instance=phase)
    form.is_valid()
    return render(
        request, "wfh/phase_preview.html", {"preview": preview_from_form(form), "form": form}
    )
