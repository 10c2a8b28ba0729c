"""Pages for daily work reports: the employee's own pages, and the review queue for supervisors
and HR.

Thin views: the rules live in attendance.reports, who may see what in opd.access.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from attendance import reports as report_services
from attendance.models import ReportStatus, WorkReport
from common.views import errors_to_form, is_htmx, page_of
from opd import access
from opd.models import Employee
from opd.queues import BulkQueue, QueueFilters, bulk_answer, filter_context, queue_filters

PAGE_SIZE = 50


class ReportForm(forms.Form):
    activities = forms.CharField(
        label=gettext_lazy("Uraian kegiatan"),
        max_length=report_services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    outputs = forms.CharField(
        label=gettext_lazy("Hasil kerja (output)"),
        max_length=report_services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Dokumen, data, tautan atau hasil lain yang dapat diperiksa."),
    )


# -- work reports ---------------------------------------------------------------------------------


def _own_employee(request) -> Employee:
    scope = access.scope_for(request.user)
    access.require(bool(scope.employee_id))
    return Employee.objects.select_related("opd", "supervisor").get(pk=scope.employee_id)


@login_required
def report_mine(request):
    employee = _own_employee(request)
    today = employee.opd.local_today()
    reports = WorkReport.objects.filter(employee=employee).select_related("reviewed_by")
    missing = report_services.wfh_days_without_report(
        employee_id=employee.pk, start=today - dt.timedelta(days=30), end=today
    )
    context = {
        "employee": employee,
        "page": page_of(request, reports, PAGE_SIZE),
        "missing": missing,
    }
    return render(request, "attendance/report_mine.html", context)


@login_required
def report_form(request, day):
    employee = _own_employee(request)
    try:
        day = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404(_("Tanggal tidak dikenal.")) from None
    report = WorkReport.objects.filter(employee=employee, day=day).first()
    initial = {"activities": report.activities, "outputs": report.outputs} if report else None
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_services.report_submit(
                user=request.user,
                day=day,
                activities=form.cleaned_data["activities"],
                outputs=form.cleaned_data["outputs"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Laporan kinerja harian terkirim ke atasan."))
            return redirect("attendance:report_mine")
    today = employee.opd.local_today()
    context = {
        "employee": employee,
        "day": day,
        "mode": report_services.day_mode(employee_id=employee.pk, day=day),
        "report": report,
        "form": form,
        "future": day > today,
        "locked": report is not None and report.status == ReportStatus.APPROVED,
    }
    return render(request, "attendance/report_form.html", context)


def _queue_scope(request):
    scope = access.scope_for(request.user)
    access.require(scope.is_hr or scope.is_supervisor)
    return scope


def _date_param(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _queue_filters(request) -> QueueFilters:
    return queue_filters(
        request,
        request.GET,
        choice_name="status",
        choice_label=_("Status"),
        choices=[*ReportStatus.values, "all"],
        default=ReportStatus.SUBMITTED,
    )


def _queue_context(request, scope, filters: QueueFilters) -> dict:
    start = _date_param(request.GET.get("from", ""))
    end = _date_param(request.GET.get("to", ""))
    qs = filters.apply(report_services.reports_to_review(user=request.user), day_field="day")
    if filters.choice in ReportStatus.values:
        qs = qs.filter(status=filters.choice)
    if start:
        qs = qs.filter(day__gte=start)
    if end:
        qs = qs.filter(day__lte=end)
    qs = qs.order_by("-day", "-submitted_at", "-pk")  # newest first
    page = page_of(request, qs, PAGE_SIZE)
    params = filters.params()
    params.update({k: v.isoformat() for k, v in (("from", start), ("to", end)) if v})
    query = urlencode(params)
    bulk_url = reverse("attendance:report_queue_bulk")
    return {
        **filter_context(request, scope, filters),
        "page": page,
        "shown": page.paginator.count,
        "on_page": len(page.object_list),
        "waiting": report_services.pending_review_count(user=request.user),
        "status": filters.choice or "all",
        "statuses": ReportStatus.choices,
        "start": start,
        "end": end,
        "filter_query": query,
        "bulk_url": f"{bulk_url}?{query}" if query else bulk_url,
    }


@login_required
def report_queue(request):
    scope = _queue_scope(request)
    if request.method == "POST":
        return _review(request)
    filters = _queue_filters(request)
    if filters.error:
        messages.error(request, filters.error)
    return render(request, "attendance/report_queue.html", _queue_context(request, scope, filters))


@login_required
@require_POST
def report_queue_bulk(request):
    """Approve or return the ticked reports with one note, each through the per-item service;
    answers the queue again (htmx: the list, with the header's count out of band)."""
    scope = _queue_scope(request)
    filters = _queue_filters(request)  # the queue's filters ride on the URL
    return bulk_answer(
        request,
        BulkQueue(
            actions=REVIEW_ACTIONS,
            unknown_action=_("Pilih setujui atau kembalikan."),
            nothing_ticked=_("Centang dulu laporan yang akan diputuskan."),
            decide=lambda ids, accept, note: report_services.reports_review_bulk(
                report_ids=ids, user=request.user, approve=accept, note=note
            ),
            done_text=lambda accept, n: (
                ngettext("%(n)s laporan disetujui.", "%(n)s laporan disetujui.", n)
                if accept
                else ngettext("%(n)s laporan dikembalikan.", "%(n)s laporan dikembalikan.", n)
            ),
            name_of=lambda report: report.employee.name,
            context=lambda: _queue_context(request, scope, filters),
            template="attendance/_report_queue_bulk.html",
            back=reverse("attendance:report_queue"),
        ),
    )


REVIEW_ACTIONS = ("approve", "return")


def _review(request):
    report = get_object_or_404(
        WorkReport.objects.select_related("employee", "employee__unit"),
        pk=request.POST.get("report") or 0,
    )
    access.require(report_services.may_review(user=request.user, report=report))
    action = request.POST.get("action")
    approve = action == "approve"
    error = ""
    try:
        if action not in REVIEW_ACTIONS:
            raise ValidationError(_("Pilih setujui atau kembalikan."))
        report_services.report_review(
            report=report, user=request.user, approve=approve, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    report.refresh_from_db()
    if is_htmx(request):
        return render(request, "attendance/report_queue_row.html", {"r": report, "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Laporan %(name)s: %(status)s.")
            % {"name": report.employee.name, "status": report.get_status_display()},
        )
    back = reverse("attendance:report_queue")
    following = request.POST.get("next", "")
    return redirect(following if following.startswith(back + "?") else back)
