"""The review queue of flagged check-ins: newest first, filtered by OPD, unit, date and reason;
one event decided at a time or many at once with one note (each through
attendance.services.event_review). With htmx, the header's count comes out of band."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from attendance import selectors, services
from attendance.flags import REASON_LABELS
from attendance.models import AttendanceEvent
from attendance.views import REVIEW_PER_PAGE, _decorate, _require_reviewer, _with_schedule
from common.views import is_htmx, page_of
from opd import access
from opd.queues import BulkQueue, Outcome, QueueFilters, bulk_answer, filter_context, queue_filters


def _review_filters(request, data) -> QueueFilters:
    return queue_filters(
        request, data, choice_name="reason", choice_label=_("Alasan"), choices=REASON_LABELS
    )


def _review_queue(request, filters: QueueFilters):
    return selectors.review_queue(
        user=request.user,
        opd_id=filters.opd.pk if filters.opd else None,
        unit_id=filters.unit_id,
        day=filters.day,
        reason=filters.choice,
    ).select_related("opd")


def _review_context(request, scope: access.Scope, filters: QueueFilters, results=None) -> dict:
    page = page_of(request, _with_schedule(_review_queue(request, filters)), REVIEW_PER_PAGE)
    _decorate(page.object_list)
    return {
        **filter_context(request, scope, filters),
        "page": page,
        "waiting": selectors.review_queue(user=request.user).count(),
        "shown": page.paginator.count,
        "reasons": sorted(REASON_LABELS.items(), key=lambda kv: str(kv[1])),
        "filter_query": urlencode(filters.params()),
        "results": results,
    }


@login_required
def review(request):
    scope = _require_reviewer(request)
    filters = _review_filters(request, request.GET)
    if filters.error:
        messages.error(request, filters.error)
    return render(request, "attendance/review.html", _review_context(request, scope, filters))


@login_required
@require_POST
def review_bulk(request):
    """Accept or reject the ticked events with one note, each through the per-item service;
    answers the queue again (htmx: the list, with the header's count out of band) with what
    happened to each."""
    scope = _require_reviewer(request)
    filters = _review_filters(request, request.GET)  # the queue's filters ride on the URL
    return bulk_answer(
        request,
        BulkQueue(
            actions=("accept", "reject"),
            unknown_action=_("Pilih terima atau tolak."),
            nothing_ticked=_("Centang dulu presensi yang akan diputuskan."),
            decide=lambda ids, accept, note: [
                Outcome(r.event, r.error)
                for r in services.events_review_bulk(
                    event_ids=ids, user=request.user, accept=accept, note=note
                )
            ],
            done_text=lambda accept, n: (
                ngettext("%(n)s presensi diterima.", "%(n)s presensi diterima.", n)
                if accept
                else ngettext("%(n)s presensi ditolak.", "%(n)s presensi ditolak.", n)
            ),
            name_of=lambda event: event.employee.name,
            context=lambda: _review_context(request, scope, filters),
            template="attendance/_review_bulk.html",
            back=reverse("attendance:review"),
        ),
    )


@login_required
@require_POST
def review_decide(request, pk: int):
    _require_reviewer(request)
    event = get_object_or_404(
        _with_schedule(
            AttendanceEvent.objects.select_related("employee__opd", "employee__unit", "opd")
        ),
        pk=pk,
    )
    access.require(access.can_manage_opd(request.user, event.employee.opd))
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    error = ""
    if action not in ("accept", "reject"):
        error = _("Pilih terima atau tolak.")
    else:
        try:
            reviewed = services.event_review(
                event=event, user=request.user, accept=action == "accept", note=note
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            reviewed.scheduled_mode = event.scheduled_mode
            event = reviewed
    if is_htmx(request):
        _decorate([event])
        template = "attendance/_review_item.html" if error else "attendance/_review_outcome.html"
        context = {
            "event": event,
            "error": error,
            "note": note,
            "opd_code": request.POST.get("opd", ""),
            # the header's count, swapped out of band: the new state in the same answer
            "waiting": selectors.review_queue(user=request.user).count(),
            "count_oob": True,
        }
        return render(request, template, context)
    if error:
        messages.error(
            request,
            _("%(name)s: %(error)s") % {"name": event.employee.name, "error": error},
        )
    else:
        messages.success(request, _outcome_text(event))
    target = reverse("attendance:review")
    opd_code = request.POST.get("opd", "").strip()
    return redirect(f"{target}?{urlencode({'opd': opd_code})}" if opd_code else target)


def _outcome_text(event: AttendanceEvent) -> str:
    if event.status == "accepted_by_review":
        return _("Presensi %(name)s diterima.") % {"name": event.employee.name}
    return _("Presensi %(name)s ditolak.") % {"name": event.employee.name}
