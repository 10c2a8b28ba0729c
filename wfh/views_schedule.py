"""Browser pages for the work calendar, the phases and the rosters.

Thin views: reads go through wfh.selectors and wfh.calendar, every write through wfh.rosters, and
who may see or do what through opd.access. HR sees everything; an OPD admin only their OPDs;
supervisors and employees get 403 here (their schedule lives on their own pages).
"""

from __future__ import annotations

import datetime as dt
import io
from calendar import monthrange
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from opd import access
from opd.access import Scope
from opd.models import Opd, Unit
from wfh import exports, presets, selectors
from wfh.calendar import days_off, month_view, working_days
from wfh.forms_phase import PhaseForm, ProgrammeForm, preview_from_form
from wfh.forms_schedule import (
    CellForm,
    GenerateForm,
    LocalDayOffForm,
    PublishForm,
    RegenerateForm,
    ReturnForm,
)
from wfh.models import (
    WEEKDAY_NAMES,
    LocalDayOff,
    Mode,
    PatternKind,
    Phase,
    Roster,
)
from wfh.presets import PRESETS
from wfh.rosters import edits, generation, options, publication

OPDS_PER_PAGE = 50
EMPLOYEES_PER_PAGE = 100
BUSY = (Roster.Status.QUEUED, Roster.Status.RUNNING)
EDITABLE = (Roster.Workflow.DRAFT, Roster.Workflow.RETURNED)
PIKET = "piket"  # the engine's reason for a duty officer kept on site
NO_UNIT = "none"  # the unit filter's value for staff placed in no unit
OFF_KINDS = {
    "holiday": gettext_lazy("libur nasional"),
    "cuti_bersama": gettext_lazy("cuti bersama"),
    "local": gettext_lazy("libur lokal"),
}


def _scope(request) -> Scope:
    """HR and OPD admins only: everyone else gets 403 on the schedule pages."""
    scope = access.scope_for(request.user)
    access.require(scope.sees_registry)
    return scope


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _int(value, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def _flash_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _run(request, service, success: str, **kwargs) -> bool:
    """Call a write service; a ValidationError becomes a flash message (PermissionDenied: 403)."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    if success:
        messages.success(request, success)
    return True


def _off_label(off) -> str:
    return str(OFF_KINDS.get(off.kind, off.kind))


# -- calendar -------------------------------------------------------------------------------------


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _calendar_context(request, scope: Scope, year: int, month: int, opd_code: str) -> dict:
    opds = access.visible_opds(request.user).filter(active=True).order_by("code")
    opd = None
    if opd_code:
        opd = get_object_or_404(Opd, code=opd_code)
        access.require(access.can_view_opd(request.user, opd))
    elif not scope.is_hr:
        opd = opds.first()  # an OPD admin always looks at one of their own OPDs
    weeks = month_view(year, month, opd_id=opd.pk if opd else None)
    first = dt.date(year, month, 1)
    last = first.replace(day=monthrange(year, month)[1])
    off_days = [
        {
            "day": d["day"],
            "name": d["off"].name,
            "kind": d["off"].kind,
            "label": _off_label(d["off"]),
        }
        for w in weeks
        for d in w
        if d["off"] is not None
    ]
    local_scope = None if (scope.is_hr and opd is None) else ([opd.pk] if opd else [])
    prev_y, prev_m = _month_shift(year, month, -1)
    next_y, next_m = _month_shift(year, month, 1)
    base = {"opd": opd.code} if opd_code else {}
    return {
        "weeks": weeks,
        "weekday_names": [str(n) for n in WEEKDAY_NAMES],
        "month_start": first,
        "year": year,
        "month": month,
        "opd": opd,
        "opds": opds,
        "off_days": off_days,
        "working_count": sum(1 for w in weeks for d in w if d["working"]),
        "local_days": selectors.local_days_off_between(first, last, opd_ids=local_scope),
        "prev_url": "?" + urlencode({"year": prev_y, "month": prev_m, **base}),
        "next_url": "?" + urlencode({"year": next_y, "month": next_m, **base}),
        "months": [(m, dt.date(2000, m, 1)) for m in range(1, 13)],
    }


@login_required
@require_GET
def calendar_month(request):
    scope = _scope(request)
    today = timezone.localdate()
    year = _int(request.GET.get("year"), today.year, 2000, 2100)
    month = _int(request.GET.get("month"), today.month, 1, 12)
    context = _calendar_context(request, scope, year, month, request.GET.get("opd", "").strip())
    if scope.is_hr:
        context["form"] = LocalDayOffForm(initial={"day": dt.date(year, month, 1)})
    return render(request, "wfh/calendar.html", context)


@login_required
@require_POST
def local_day_off_add(request):
    scope = _scope(request)
    access.require(scope.is_hr)
    form = LocalDayOffForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["day"]
        opds = list(form.cleaned_data["opds"])
        ok = _run(
            request,
            options.local_day_off_add,
            _("Hari libur lokal %(name)s ditambahkan.") % {"name": form.cleaned_data["name"]},
            user=request.user,
            day=day,
            name=form.cleaned_data["name"],
            opds=opds,
        )
        if ok:
            stale = selectors.rosters_covering_day(day, [o.pk for o in opds] if opds else None)
            if stale:
                messages.warning(
                    request,
                    _(
                        "%(n)s jadwal sudah memuat tanggal ini. Buat ulang jadwal itu mulai "
                        "tanggal ini agar hari libur kosong dari penugasan."
                    )
                    % {"n": stale},
                )
            return redirect(
                reverse("wfh:calendar") + "?" + urlencode({"year": day.year, "month": day.month})
            )
    year = _int(request.POST.get("year"), timezone.localdate().year, 2000, 2100)
    month = _int(request.POST.get("month"), timezone.localdate().month, 1, 12)
    context = _calendar_context(request, scope, year, month, "")
    context["form"] = form
    return render(request, "wfh/calendar.html", context, status=400)


@login_required
@require_POST
def local_day_off_delete(request, pk: int):
    _scope(request)
    day_off = get_object_or_404(LocalDayOff, pk=pk)
    options.local_day_off_delete(user=request.user, day_off=day_off)
    messages.success(request, _("Hari libur lokal %(name)s dihapus.") % {"name": day_off.name})
    query = urlencode({"year": day_off.date.year, "month": day_off.date.month})
    return redirect(reverse("wfh:calendar") + "?" + query)


# -- programmes and phases ----------------------------------------------------------------------


@login_required
@require_GET
def schedule_index(request):
    scope = _scope(request)
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
    access.require(_scope(request).is_hr)
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


def _phase_opds(phase: Phase, scope: Scope):
    covered = selectors.phase_opds(phase).order_by("code")
    return covered if scope.is_hr else covered.filter(id__in=scope.opd_ids)


def _weekday_label(day: int | None) -> str:
    return str(WEEKDAY_NAMES[day]) if day is not None else ""


def _phase_facts(phase: Phase) -> dict:
    offs = days_off(phase.start, phase.end)
    return {
        "working_count": len(working_days(phase.start, phase.end)),
        "holidays": [
            {"day": o.day, "name": o.name, "label": _off_label(o)}
            for o in sorted(offs.values(), key=lambda o: o.day)
            if o.day.weekday() < 5
        ],
        "weekday_labels": [_weekday_label(d) for d in phase.wfh_weekdays or []],
        "optional_label": _weekday_label(phase.optional_weekday),
        "ratio_pct": round(float(phase.ratio) * 100) if phase.ratio is not None else None,
        "departures": phase.departures(),
    }


@login_required
@require_GET
def phase_detail(request, slug: str):
    scope = _scope(request)
    phase = _phase_or_404(slug)
    opds = _phase_opds(phase, scope)
    page = Paginator(opds, OPDS_PER_PAGE).get_page(request.GET.get("page"))
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
    context = {
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
        **_phase_facts(phase),
    }
    return render(request, "wfh/phase_detail.html", context)


@login_required
@require_POST
def phase_generate(request, slug: str):
    scope = _scope(request)
    phase = _phase_or_404(slug)
    opds = _phase_opds(phase, scope)
    form = GenerateForm(request.POST, phase=phase, opds=opds, is_hr=scope.is_hr)
    if not form.is_valid():
        _flash_errors(request, form)
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
    try:
        queued = generation.rosters_start(
            phase=phase,
            opds=targets,
            user=request.user,
            seed=data["seed"],
            composition=composition,
            regenerate_from=data["regenerate_from"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("wfh:phase", slug=phase.slug)
    messages.success(request, _("%(n)s jadwal masuk antrean pembuatan.") % {"n": len(queued)})
    if len(queued) == 1:
        return redirect("wfh:roster", pk=queued[0].pk)
    return redirect("wfh:phase", slug=phase.slug)


@login_required
@require_POST
def weekday_apply(request, slug: str, code: str):
    _scope(request)
    phase = _phase_or_404(slug)
    opd = get_object_or_404(Opd, code=code)
    access.require(access.can_manage_opd(request.user, opd))
    _run(
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
    scope = _scope(request)
    access.require(scope.is_hr)
    phase = _phase_or_404(slug)
    opd = get_object_or_404(Opd, code=code)
    approve = request.POST.get("decision") == "approve"
    done = (
        _("Hari WFH tambahan %(opd)s disetujui; berlaku pada pembuatan jadwal berikutnya.")
        if approve
        else _("Pengajuan hari WFH tambahan %(opd)s ditolak.")
    )
    _run(
        request,
        options.optional_weekday_decide,
        done % {"opd": opd.code},
        phase=phase,
        opd=opd,
        user=request.user,
        approve=approve,
    )
    return redirect("wfh:phase", slug=phase.slug)


# -- one roster -----------------------------------------------------------------------------------


def _roster_for(request, pk: int) -> tuple[Roster, Scope]:
    scope = _scope(request)
    try:
        roster = selectors.roster_detail(pk)
    except Roster.DoesNotExist:
        raise Http404(_("Jadwal tidak ditemukan.")) from None
    access.require(access.can_view_opd(request.user, roster.opd))
    return roster, scope


def _can_edit(request, roster: Roster) -> bool:
    return (
        roster.workflow in EDITABLE
        and roster.status == Roster.Status.READY
        and access.can_manage_opd(request.user, roster.opd)
    )


@dataclass
class GridUnit:
    key: str
    code: str
    name: str
    min_onsite: int
    frontline: bool
    totals: list[dict] = field(default_factory=list)
    employees: list[dict] = field(default_factory=list)


def _cell_renderer(edit_url: str):
    """Render grid cells as HTML in Python: a month of 100 employees is 2,000+ cells, too many
    for a template include each. Each cell carries its mode as text (for screen readers too)."""
    leave = escape(_("Cuti"))
    inactive = (
        '<span aria-hidden="true">·</span><span class="sr-only">'
        + escape(_("tidak aktif"))
        + "</span>"
    )
    manual = '<span class="sr-only"> (' + escape(_("ubahan manual")) + ")</span>"
    piket = '<span class="sr-only"> (' + escape(_("piket")) + ")</span>"
    base = escape(edit_url)

    def render(emp_id: int, cell: dict, *, oob: bool = False) -> str:
        mode = cell["mode"]
        classes = "cell m-" + (escape(mode.lower()) if mode else "none")
        text = leave if mode == Mode.LEAVE else (escape(mode) if mode else inactive)
        if cell["manual"]:
            classes += " manual"
            text += manual
        if cell["piket"]:
            classes += " piket"
            text += piket
        if cell["edit"]:
            href = f"{base}?employee={int(emp_id)}&amp;day={cell['iso']}"
            text = f'<a href="{href}">{text}</a>'  # boosted by the grid: htmx GET
        swap = ' hx-swap-oob="true"' if oob else ""
        return f'<td id="c-{int(emp_id)}-{cell["iso"]}" class="{classes}"{swap}>{text}</td>'

    return render


def _month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _grid(roster: Roster, request, days: list[dt.date], units: dict[int, Unit]) -> dict:
    """The grid page: a constant number of queries whatever the headcount."""
    months = sorted({_month_key(d) for d in days})
    wanted = request.GET.get("bulan", "")
    today_key = _month_key(timezone.localdate())
    if wanted not in months:
        wanted = today_key if today_key in months else (months[0] if months else "")
    shown = [d for d in days if _month_key(d) == wanted]

    unit_param = request.GET.get("unit", "")
    unit_id = int(unit_param) if unit_param.isdigit() and int(unit_param) in units else None
    no_unit = unit_param == NO_UNIT
    rows = selectors.roster_grid_rows(roster, unit_id=unit_id, no_unit=no_unit)

    def order(row):
        unit = units.get(row[5])
        return (unit is None, unit.code if unit else "", row[1], row[2])

    rows.sort(key=order)
    page = Paginator(rows, EMPLOYEES_PER_PAGE).get_page(request.GET.get("page"))
    page_rows = list(page.object_list)
    cells = (
        selectors.roster_cells(roster, [r[0] for r in page_rows], shown[0], shown[-1])
        if shown and page_rows
        else {}
    )
    counts = selectors.unit_day_counts(roster, start=shown[0], end=shown[-1]) if shown else {}
    editable = _can_edit(request, roster)
    render_cell = _cell_renderer(reverse("wfh:cell_edit", args=[roster.pk]))
    isos = [d.isoformat() for d in shown]

    blocks: list[GridUnit] = []
    for emp_id, name, nip, role, eligible, unit_pk in page_rows:
        unit = units.get(unit_pk)
        key = str(unit.pk) if unit else "0"
        if not blocks or blocks[-1].key != key:
            block = GridUnit(
                key=key,
                code=unit.code if unit else "",
                name=unit.name if unit else _("Tanpa unit"),
                min_onsite=unit.min_onsite if unit else 0,
                frontline=bool(unit and unit.frontline),
            )
            for day in shown:
                count = counts.get((unit_pk, day), {"WFH": 0, "WFO": 0, "LEAVE": 0})
                block.totals.append(
                    {
                        "iso": day.isoformat(),
                        "wfo": count["WFO"],
                        "wfh": count["WFH"],
                        "below": count["WFO"] < block.min_onsite,
                    }
                )
            blocks.append(block)
        line = []
        for day, iso in zip(shown, isos, strict=True):
            mode, source, reason = cells.get((emp_id, unit_pk, day), ("", "", ""))
            cell = {
                "iso": iso,
                "mode": mode,
                "manual": selectors.is_manual(source),
                "piket": reason == PIKET,
                "edit": editable and mode in (Mode.WFH, Mode.WFO),
            }
            line.append(render_cell(emp_id, cell))
        blocks[-1].employees.append(
            {
                "id": emp_id,
                "name": name,
                "nip": nip,
                "role": role,
                "eligible": eligible,
                "cells": mark_safe("".join(line)),  # noqa: S308 -- built from escaped parts
            }
        )
    return {
        "blocks": blocks,
        "days": shown,
        "months": [(m, dt.date(int(m[:4]), int(m[5:]), 1)) for m in months],
        "month": wanted,
        "units": sorted(units.values(), key=lambda u: u.code),
        "unit_param": unit_param if (unit_id is not None or no_unit) else "",
        "page": page,
        "editable": editable,
        "employee_count": len(rows),
    }


SHORTFALL_LABELS = {
    "staff_below_minimum": gettext_lazy("Pegawai unit lebih sedikit dari minimal di kantor"),
    "leave_below_minimum": gettext_lazy("Terlalu banyak cuti: yang hadir kurang dari minimal"),
    "frozen_below_minimum": gettext_lazy(
        "Hari terkunci (hari lampau atau ubahan manual) membuat yang di kantor kurang dari minimal"
    ),
    "frozen_over_cap": gettext_lazy("Hari terkunci membuat WFH melebihi rasio"),
    "ratio_limited_by_minimum": gettext_lazy(
        "Minimal di kantor membuat WFH lebih sedikit dari rasio"
    ),
}
SHORTFALLS_SHOWN = 50


def _stats_summary(stats: dict, units: dict) -> dict:
    """The engine's stats (RosterStats.to_dict) in the page's words: shortfalls with their unit,
    day and reason, and who stood piket how often."""
    shortfalls = []
    for item in (stats.get("shortfalls") or [])[:SHORTFALLS_SHOWN]:
        unit = units.get(item.get("unit_id"))
        try:
            day = dt.date.fromisoformat(item.get("day", ""))
        except (TypeError, ValueError):
            day = None
        reason = item.get("reason", "")
        shortfalls.append(
            {
                "day": day,
                "unit": unit.name if unit else _("Tanpa unit"),
                "reason": str(SHORTFALL_LABELS.get(reason, reason)),
                "detail": item.get("detail", ""),
            }
        )
    by_reason = [
        (str(SHORTFALL_LABELS.get(reason, reason)), n)
        for reason, n in (stats.get("shortfalls_by_reason") or {}).items()
    ]
    piket = {int(e): n for e, n in (stats.get("piket_by_employee") or {}).items()}
    names = selectors.employee_names(piket) if piket else {}
    modes = stats.get("modes") or {}
    return {
        "shortfalls": shortfalls,
        "shortfall_total": len(stats.get("shortfalls") or []),
        "shortfalls_by_reason": by_reason,
        "piket_count": len(piket),
        "piket_turns": stats.get("piket_total", sum(piket.values())),
        "piket": sorted(
            ((names.get(e, str(e)), n) for e, n in piket.items()), key=lambda p: (-p[1], p[0])
        ),
        "modes": [(m, modes.get(m, 0)) for m in ("WFH", "WFO", "LEAVE")],
        "wfh_pct": round(float(stats.get("wfh_share", 0)) * 100, 1),
        "below_minimum": stats.get("unit_days_below_minimum", 0),
        "has_stats": bool(stats),
    }


@login_required
@require_GET
def roster_detail(request, pk: int):
    roster, scope = _roster_for(request, pk)
    phase = roster.phase
    days = working_days(phase.start, phase.end, opd_id=roster.opd_id)
    can_manage = access.can_manage_opd(request.user, roster.opd)
    units = {u.pk: u for u in selectors.units_of(roster.opd)}
    stale = sorted(set(selectors.roster_days(roster)) - set(days))
    context = {
        "roster": roster,
        "phase": phase,
        "departures": phase.departures(),
        "busy": roster.status in BUSY,
        "stats": _stats_summary(roster.stats or {}, units),
        "stale_days": stale,
        "changes": selectors.roster_changes(roster, limit=100),
        "versions": selectors.roster_versions(roster.phase, roster.opd),
        "can_submit": can_manage
        and roster.workflow in EDITABLE
        and roster.status == Roster.Status.READY,
        "can_review": scope.is_hr
        and roster.status == Roster.Status.READY
        and roster.workflow in (Roster.Workflow.DRAFT, Roster.Workflow.SUBMITTED),
        "can_return": scope.is_hr and roster.workflow == Roster.Workflow.SUBMITTED,
        "can_generate": can_manage and roster.status not in BUSY,
        "can_download": roster.status == Roster.Status.READY
        or roster.workflow == Roster.Workflow.PUBLISHED,
        "regenerate_form": RegenerateForm(phase=phase, initial={"seed": roster.seed}),
        "return_form": ReturnForm(),
        "publish_form": PublishForm(),
    }
    if roster.status == Roster.Status.READY:
        context.update(_grid(roster, request, days, units))
    return render(request, "wfh/roster_detail.html", context)


@login_required
@require_GET
def roster_progress(request, pk: int):
    roster, _scope_ = _roster_for(request, pk)
    reload = request.GET.get("reload") == "1"
    response = render(request, "wfh/_progress.html", {"r": roster, "reload": reload})
    if reload and roster.status not in BUSY:
        response["HX-Refresh"] = "true"  # the roster page shows the grid once it is ready
    return response


def _cell_target(request) -> tuple[int, dt.date] | None:
    source = request.POST if request.method == "POST" else request.GET
    try:
        return int(source.get("employee", "")), dt.date.fromisoformat(source.get("day", ""))
    except ValueError:
        return None


def _roster_url(roster: Roster, day: dt.date | None = None, unit_id: int | None = None) -> str:
    query = {}
    if day is not None:
        query["bulan"] = _month_key(day)
    if unit_id is not None:
        query["unit"] = unit_id
    url = reverse("wfh:roster", args=[roster.pk])
    return f"{url}?{urlencode(query)}" if query else url


@login_required
def cell_edit(request, pk: int):
    """GET: the form for one cell (an htmx fragment, or a page without JS). POST: change it."""
    roster, _scope_ = _roster_for(request, pk)
    access.require(access.can_manage_opd(request.user, roster.opd))
    target = _cell_target(request)
    cell = selectors.roster_cell(roster, *target) if target else None
    if cell is None:
        raise Http404(_("Tidak ada jadwal untuk pegawai ini pada tanggal itu."))
    template = "wfh/_cell_form.html" if _is_htmx(request) else "wfh/cell_edit.html"
    context = {
        "roster": roster,
        "cell": cell,
        "editable": _can_edit(request, roster) and cell.mode != Mode.LEAVE,
        "back_url": _roster_url(roster, cell.day, cell.unit_id),
    }
    if request.method == "GET":
        other = Mode.WFO if cell.mode == Mode.WFH else Mode.WFH
        form = CellForm(initial={"employee": cell.employee_id, "day": cell.day, "mode": other})
        return render(request, template, {**context, "form": form})
    if request.method != "POST":
        return HttpResponse(status=405)
    form = CellForm(request.POST)
    if form.is_valid():
        try:
            changed = edits.assignment_change(
                roster=roster,
                employee_id=cell.employee_id,
                day=cell.day,
                mode=form.cleaned_data["mode"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            message = _("%(name)s pada %(day)s kini %(mode)s.") % {
                "name": cell.employee.name,
                "day": cell.day.isoformat(),
                "mode": changed.mode,
            }
            if not _is_htmx(request):
                messages.success(request, message)
                return redirect(context["back_url"])
            unit = cell.unit
            count = selectors.unit_day_counts(
                roster, unit_id=cell.unit_id, start=cell.day, end=cell.day
            )
            count = count.get((cell.unit_id, cell.day), {"WFH": 0, "WFO": 0, "LEAVE": 0})
            minimum = unit.min_onsite if unit else 0
            render_cell = _cell_renderer(reverse("wfh:cell_edit", args=[roster.pk]))
            new_cell = {
                "iso": cell.day.isoformat(),
                "mode": changed.mode,
                "manual": selectors.is_manual(changed.source),
                "piket": False,
                "edit": True,
            }
            saved = {
                "message": message,
                "cell_html": mark_safe(render_cell(cell.employee_id, new_cell, oob=True)),  # noqa: S308
                "unit_key": str(unit.pk) if unit else "0",
                "total": {
                    "iso": cell.day.isoformat(),
                    "wfo": count["WFO"],
                    "wfh": count["WFH"],
                    "below": count["WFO"] < minimum,
                },
            }
            return render(request, "wfh/_cell_saved.html", {**context, **saved})
    return render(request, template, {**context, "form": form})


def _roster_action(request, pk: int, service, success: str, **kwargs):
    roster, _scope_ = _roster_for(request, pk)
    _run(request, service, success, roster=roster, user=request.user, **kwargs)
    return redirect("wfh:roster", pk=roster.pk)


@login_required
@require_POST
def roster_submit(request, pk: int):
    return _roster_action(
        request, pk, publication.roster_submit, _("Jadwal diajukan ke BKPSDM untuk diterbitkan.")
    )


@login_required
@require_POST
def roster_return(request, pk: int):
    roster, scope = _roster_for(request, pk)
    access.require(scope.is_hr)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return redirect("wfh:roster", pk=roster.pk)
    return _roster_action(
        request,
        pk,
        publication.roster_return,
        _("Jadwal dikembalikan ke OPD dengan catatan."),
        comment=form.cleaned_data["comment"],
    )


@login_required
@require_POST
def roster_publish(request, pk: int):
    roster, scope = _roster_for(request, pk)
    access.require(scope.is_hr)
    form = PublishForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return redirect("wfh:roster", pk=roster.pk)
    try:
        written = publication.roster_publish(
            roster=roster, user=request.user, from_date=form.cleaned_data["from_date"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Jadwal diterbitkan: %(n)s baris jadwal kini terlihat oleh pegawai.")
            % {"n": written},
        )
    return redirect("wfh:roster", pk=roster.pk)


@login_required
@require_POST
def roster_regenerate(request, pk: int):
    roster, _scope_ = _roster_for(request, pk)
    access.require(access.can_manage_opd(request.user, roster.opd))
    form = RegenerateForm(request.POST, phase=roster.phase)
    if not form.is_valid():
        _flash_errors(request, form)
        return redirect("wfh:roster", pk=roster.pk)
    data = form.cleaned_data
    composition = data.get("composition", "")
    try:
        queued = generation.rosters_start(
            phase=roster.phase,
            opds=[roster.opd],
            user=request.user,
            seed=data["seed"],
            composition=composition,
            regenerate_from=data["regenerate_from"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("wfh:roster", pk=roster.pk)
    messages.success(request, _("Jadwal masuk antrean pembuatan."))
    return redirect("wfh:roster", pk=queued[0].pk)


@login_required
@require_GET
def roster_download(request, pk: int, fmt: str):
    roster, _scope_ = _roster_for(request, pk)
    published = roster.workflow == Roster.Workflow.PUBLISHED
    if published:
        rows = exports.schedule_rows(phase=roster.phase, opds=[roster.opd], published=True)
    else:
        rows = exports.roster_rows(roster=roster)
    kind = "terbit" if published else "draf"
    filename = f"jadwal-{roster.phase.slug}-{roster.opd.code}-{kind}.{fmt}"
    if fmt == "xlsx":
        buffer = io.BytesIO()
        exports.write_xlsx(rows, buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        exports.write_csv(rows, response)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- phase editor (HR) ----------------------------------------------------------------------------


def _phase_form_page(request, phase: Phase | None):
    access.require(_scope(request).is_hr)
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


def _as_querydict(data: dict):
    from django.http import QueryDict

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
    access.require(_scope(request).is_hr)
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
    access.require(_scope(request).is_hr)
    phase = None
    if request.POST.get("phase_id", "").isdigit():
        phase = Phase.objects.filter(pk=int(request.POST["phase_id"])).first()
    form = PhaseForm(request.POST, instance=phase)
    form.is_valid()
    return render(
        request, "wfh/phase_preview.html", {"preview": preview_from_form(form), "form": form}
    )
