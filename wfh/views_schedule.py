"""The roster pages: one roster version (its stats, grid, history and workflow buttons), its
progress while it is generated, the single-day edit, submit / return / publish, regenerate and
download.

Thin views: reads go through wfh.selectors and the grid presenter wfh.schedule_grid, every write
through wfh.rosters, and who may see or do what through opd.access (wfh.schedule_pages: HR and
OPD admins only). The calendar pages are in wfh.views_calendar, the programme and phase pages in
wfh.views_phase.
"""

from __future__ import annotations

import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.replica import replica_ok
from common.views import is_htmx
from opd import access
from opd.access import Scope
from wfh import exports, selectors
from wfh.calendar import working_days
from wfh.dates import long_date
from wfh.forms_schedule import CellForm, PublishForm, RegenerateForm, ReturnForm
from wfh.models import Mode, Roster
from wfh.rosters import edits, publication
from wfh.schedule_grid import month_key, roster_grid, saved_cell, stats_summary
from wfh.schedule_pages import (
    flash_errors,
    generation_start,
    run_service,
    schedule_scope,
)

BUSY = (Roster.Status.QUEUED, Roster.Status.RUNNING)


def _roster_for(request, pk: int) -> tuple[Roster, Scope]:
    scope = schedule_scope(request)
    try:
        roster = selectors.roster_detail(pk)
    except Roster.DoesNotExist:
        raise Http404(_("Jadwal tidak ditemukan.")) from None
    access.require(access.can_view_opd(request.user, roster.opd))
    return roster, scope


def _can_edit(request, roster: Roster) -> bool:
    return (
        roster.workflow in Roster.EDITABLE_WORKFLOWS
        and roster.status == Roster.Status.READY
        and access.can_manage_opd(request.user, roster.opd)
    )


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
        "stats": stats_summary(roster.stats or {}, units),
        "stale_days": stale,
        "changes": selectors.roster_changes(roster, limit=100),
        "versions": selectors.roster_versions(roster.phase, roster.opd),
        "can_submit": can_manage
        and roster.workflow in Roster.EDITABLE_WORKFLOWS
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
        "publish_form": PublishForm(phase=phase, today=roster.opd.local_today()),
    }
    if roster.status == Roster.Status.READY:
        context.update(
            roster_grid(
                roster,
                query=request.GET,
                days=days,
                units=units,
                editable=_can_edit(request, roster),
            )
        )
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
        query["bulan"] = month_key(day)
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
    template = "wfh/_cell_form.html" if is_htmx(request) else "wfh/cell_edit.html"
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
                "day": long_date(cell.day),
                "mode": changed.mode,
            }
            if not is_htmx(request):
                messages.success(request, message)
                return redirect(context["back_url"])
            saved = saved_cell(roster, cell, changed, message)
            changes = selectors.roster_changes(roster, limit=100)
            return render(request, "wfh/_cell_saved.html", {**context, **saved, "changes": changes})
    return render(request, template, {**context, "form": form})


def _roster_action(request, pk: int, service, success: str, **kwargs):
    roster, _scope_ = _roster_for(request, pk)
    run_service(request, service, success, roster=roster, user=request.user, **kwargs)
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
        flash_errors(request, form)
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
        flash_errors(request, form)
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
        flash_errors(request, form)
        return redirect("wfh:roster", pk=roster.pk)
    queued = generation_start(
        request, phase=roster.phase, opds=[roster.opd], data=form.cleaned_data
    )
    if queued is None:
        return redirect("wfh:roster", pk=roster.pk)
    messages.success(request, _("Jadwal masuk antrean pembuatan."))
    return redirect("wfh:roster", pk=queued[0].pk)


@replica_ok
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
        exports.write_xlsx(rows, buffer, grid=True)
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
