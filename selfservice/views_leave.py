"""The employee's leave and duty requests, their approvers' queue and the attachment download.

Thin views: the rules live in leave.requests, who may do what in opd.access."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from common.views import errors_to_form, page_of
from leave import requests as leave_requests
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from leave.services import MAX_NOTE
from opd import access
from opd.queues import BulkQueue, QueueFilters, bulk_answer, filter_context, queue_filters

PER_PAGE = 25


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LeaveRequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis"), choices=LeaveKind.choices)
    start = forms.DateField(label=gettext_lazy("Tanggal mulai"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("Tanggal selesai"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("Keterangan"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachment = forms.FileField(
        label=gettext_lazy("Lampiran (PDF, JPG atau PNG)"),
        required=False,
        help_text=gettext_lazy("Wajib untuk sakit lebih dari satu hari: surat keterangan dokter."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


def _no_employee(request):
    return render(
        request, "selfservice/no_employee.html", {"title": _("Cuti & dinas saya")}, status=200
    )


@login_required
def leave_mine(request):
    if access.scope_for(request.user).employee_id is None:
        return _no_employee(request)
    form = LeaveRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = leave_requests.leave_request_create(
                user=request.user,
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                note=data["note"],
                attachment=data["attachment"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Pengajuan %(what)s terkirim; atasan Anda atau admin OPD akan memutuskan.")
                % {"what": record.get_kind_display()},
            )
            return redirect("selfservice:leave_mine")
    page = page_of(request, leave_requests.my_requests(user=request.user), PER_PAGE)
    return render(request, "selfservice/leave_mine.html", {"form": form, "page": page})


@login_required
@require_POST
def leave_cancel(request, pk: int):
    record = get_object_or_404(LeaveRecord, pk=pk)
    try:
        leave_requests.leave_request_cancel(record=record, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pengajuan dibatalkan."))
    return redirect("selfservice:leave_mine")


def _may_see_queue(request) -> access.Scope:
    scope = access.scope_for(request.user)
    access.require(scope.sees_registry or scope.is_supervisor)
    return scope


def _queue_filters(request) -> QueueFilters:
    return queue_filters(
        request,
        request.GET,
        choice_name="kind",
        choice_label=_("Jenis"),
        choices=LeaveKind.values,
    )


def _queue_context(request, scope, filters: QueueFilters) -> dict:
    qs = filters.apply(leave_requests.requests_to_decide(user=request.user))
    if filters.day:  # the requests that cover the day
        qs = qs.filter(start__lte=filters.day, end__gte=filters.day)
    if filters.choice:
        qs = qs.filter(kind=filters.choice)
    page = page_of(request, qs, PER_PAGE)
    query = urlencode(filters.params())
    bulk_url = reverse("selfservice:leave_queue_bulk")
    return {
        **filter_context(request, scope, filters),
        "page": page,
        "shown": page.paginator.count,
        "on_page": len(page.object_list),
        "waiting": leave_requests.pending_decisions_count(user=request.user),
        "kinds": LeaveKind.choices,
        "filter_query": query,
        "bulk_url": f"{bulk_url}?{query}" if query else bulk_url,
    }


@login_required
@require_GET
def leave_queue(request):
    scope = _may_see_queue(request)
    filters = _queue_filters(request)
    if filters.error:
        messages.error(request, filters.error)
    return render(request, "selfservice/leave_queue.html", _queue_context(request, scope, filters))


@login_required
@require_POST
def leave_queue_bulk(request):
    """Approve or return the ticked requests with one note, each through the per-item service;
    answers the queue again (htmx: the list, with the header's count out of band)."""
    scope = _may_see_queue(request)
    filters = _queue_filters(request)  # the queue's filters ride on the URL
    return bulk_answer(
        request,
        BulkQueue(
            actions=("approve", "return"),
            unknown_action=_("Pilih setujui atau kembalikan."),
            nothing_ticked=_("Centang dulu pengajuan yang akan diputuskan."),
            decide=lambda ids, accept, note: leave_requests.leave_requests_decide_bulk(
                record_ids=ids, user=request.user, approve=accept, note=note[:MAX_NOTE]
            ),
            done_text=lambda accept, n: (
                ngettext("%(n)s pengajuan disetujui.", "%(n)s pengajuan disetujui.", n)
                if accept
                else ngettext("%(n)s pengajuan dikembalikan.", "%(n)s pengajuan dikembalikan.", n)
            ),
            name_of=lambda record: record.employee.name,
            context=lambda: _queue_context(request, scope, filters),
            template="selfservice/_leave_queue_bulk.html",
            back=reverse("selfservice:leave_queue"),
        ),
    )


@login_required
@require_POST
def leave_decide(request, pk: int):
    record = get_object_or_404(LeaveRecord.objects.select_related("employee"), pk=pk)
    if not access.can_decide_leave(request.user, record.employee):
        raise PermissionDenied
    action = request.POST.get("action")
    if action not in ("approve", "return"):
        messages.error(request, _("Pilih setujui atau kembalikan."))
        return redirect("selfservice:leave_queue")
    try:
        record = leave_requests.leave_request_decide(
            record=record,
            user=request.user,
            approve=action == "approve",
            note=request.POST.get("note", "")[:MAX_NOTE],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = _("disetujui") if record.status == LeaveStatus.APPROVED else _("dikembalikan")
        messages.success(
            request,
            _("Pengajuan %(what)s %(name)s %(done)s.")
            % {"what": record.get_kind_display(), "name": record.employee.name, "done": done},
        )
    return redirect("selfservice:leave_queue")


@login_required
@never_cache
@require_GET
def leave_attachment(request, pk: int):
    """The attachment, to the employee, their approvers and HR only; never cached."""
    record = get_object_or_404(LeaveRecord.objects.select_related("employee"), pk=pk)
    if not access.can_open_leave_attachment(request.user, record.employee):
        raise PermissionDenied
    if not record.attachment:
        raise Http404("no attachment")
    try:
        handle = record.attachment.open("rb")
    except FileNotFoundError:
        raise Http404("attachment missing") from None
    response = FileResponse(
        handle,
        content_type=leave_requests.content_type_of(record),
        as_attachment=True,
        filename=record.attachment_name or "lampiran",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
