"""Pages for leave and duty records: the list (and its CSV), entry, decision, cancellation.

Thin views: the rules live in leave.services, who may see what in opd.access. HR (every OPD)
and OPD admins (their OPDs); 403 for everyone else. The URLs keep the names they had in the
attendance namespace (attendance/urls.py includes leave/urls.py), the templates their folder.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tabular import csv_writer
from common.views import errors_to_form, page_of
from leave import services as leave_services
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from opd import access
from opd.models import Employee

PAGE_SIZE = 50
DATALIST_MAX = 500  # suggest names in the form only for a manageable number of employees
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LeaveForm(forms.Form):
    employee = forms.CharField(
        label=gettext_lazy("Pegawai (NIP atau nama)"),
        max_length=250,
        widget=forms.TextInput(attrs={"list": "employee-options", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Jenis"), choices=LeaveKind.choices)
    start = forms.DateField(label=gettext_lazy("Tanggal mulai"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("Tanggal selesai"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("Keterangan"),
        required=False,
        max_length=leave_services.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[
            (LeaveStatus.APPROVED, gettext_lazy("Disetujui (langsung masuk jadwal)")),
            (LeaveStatus.PENDING, gettext_lazy("Diajukan (menunggu keputusan)")),
        ],
        initial=LeaveStatus.APPROVED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.employees = employees

    def clean_employee(self) -> Employee:
        text = self.cleaned_data["employee"].strip()
        nip = re.match(r"^(\d{18})\b", text)
        if nip:
            found = self.employees.filter(nip=nip.group(1)).first()
            if found is None:
                raise ValidationError(
                    _("NIP %(nip)s tidak ada di antara pegawai yang Anda kelola.")
                    % {"nip": nip.group(1)}
                )
            return found
        matches = list(self.employees.filter(name__icontains=text).order_by("name")[:6])
        if not matches:
            raise ValidationError(
                _("Tidak ada pegawai bernama %(q)r di antara pegawai yang Anda kelola.")
                % {"q": text}
            )
        exact = [e for e in matches if e.name.lower() == text.lower()]
        if len(exact) == 1:
            return exact[0]
        if len(matches) > 1:
            names = ", ".join(f"{e.name} ({e.nip})" for e in matches[:5])
            raise ValidationError(
                _("Lebih dari satu pegawai cocok: %(names)s. Ketik NIP-nya.") % {"names": names}
            )
        return matches[0]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    note = forms.CharField(required=False, max_length=2000)


# -- leave ----------------------------------------------------------------------------------------


def _leave_scope(request):
    scope = access.scope_for(request.user)
    access.require(scope.is_hr or scope.is_opd_admin)
    return scope


def _visible_leave(request):
    opds = access.visible_opds(request.user)
    return LeaveRecord.objects.filter(employee__opd__in=opds)


def _month_range(value: str) -> tuple[dt.date, dt.date] | None:
    match = MONTH.match(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


@login_required
def leave_list(request):
    scope = _leave_scope(request)
    opds = access.visible_opds(request.user).order_by("code")
    qs = _visible_leave(request).select_related(
        "employee", "employee__opd", "employee__unit", "created_by", "decided_by"
    )
    filters = {
        "opd": request.GET.get("opd", "").strip(),
        "kind": request.GET.get("kind", "").strip(),
        "status": request.GET.get("status", "").strip(),
        "month": request.GET.get("month", "").strip(),
        "q": request.GET.get("q", "").strip(),
    }
    if filters["opd"]:
        qs = qs.filter(employee__opd__code=filters["opd"])
    if filters["kind"] in LeaveKind.values:
        qs = qs.filter(kind=filters["kind"])
    if filters["status"] in LeaveStatus.values:
        qs = qs.filter(status=filters["status"])
    month = _month_range(filters["month"])
    if month:
        qs = qs.filter(start__lte=month[1], end__gte=month[0])
    if filters["q"]:
        qs = qs.filter(Q(employee__name__icontains=filters["q"]) | Q(employee__nip=filters["q"]))
    qs = qs.order_by("-start", "employee__name", "pk")
    if request.GET.get("format") == "csv":
        return _leave_csv(qs)
    params = request.GET.copy()
    params.pop("page", None)
    params["format"] = "csv"
    context = {
        "page": page_of(request, qs, PAGE_SIZE),
        "filters": filters,
        "opds": opds if scope.is_hr or len(scope.opd_ids) > 1 else [],
        "kinds": LeaveKind.choices,
        "statuses": LeaveStatus.choices,
        "csv_query": params.urlencode(),
        "any_filter": any(filters.values()),
    }
    return render(request, "attendance/leave_list.html", context)


def _leave_csv(qs) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cuti.csv"'
    writer = csv_writer(response)  # notes that look like formulas stay text
    writer.writerow(
        ["nip", "name", "opd", "unit", "kind", "start", "end", "status", "note", "decision_note"]
    )
    for r in qs.iterator(chunk_size=2000):
        writer.writerow(
            [
                r.employee.nip,
                r.employee.name,
                r.employee.opd.code,
                r.employee.unit.code if r.employee.unit else "",
                r.kind,
                r.start.isoformat(),
                r.end.isoformat(),
                r.status,
                r.note,
                r.decision_note,
            ]
        )
    return response


def _manageable_employees(request):
    return Employee.objects.filter(opd__in=access.visible_opds(request.user)).select_related("opd")


@login_required
def leave_add(request):
    _leave_scope(request)
    employees = _manageable_employees(request)
    form = LeaveForm(request.POST or None, employees=employees, initial=request.GET or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = leave_services.leave_create(
                employee=data["employee"],
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                note=data["note"],
                user=request.user,
                status=data["status"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("%(what)s untuk %(name)s tersimpan.")
                % {"what": leave_services.describe(record), "name": record.employee.name},
            )
            return redirect("attendance:leave_list")
    suggestions = []
    if employees.count() <= DATALIST_MAX:
        suggestions = list(employees.order_by("name").values_list("nip", "name"))
    return render(request, "attendance/leave_form.html", {"form": form, "suggestions": suggestions})


def _record_for(request, pk) -> LeaveRecord:
    _leave_scope(request)
    record = get_object_or_404(
        LeaveRecord.objects.select_related("employee", "employee__opd", "employee__unit"), pk=pk
    )
    access.require(access.can_manage_opd(request.user, record.employee.opd))
    return record


def _decided(request, record: LeaveRecord) -> None:
    record.refresh_from_db()
    messages.success(
        request,
        _("%(what)s untuk %(name)s.")
        % {"what": leave_services.describe(record), "name": record.employee.name},
    )


@login_required
def leave_decide(request, pk):
    record = _record_for(request, pk)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["action"] == "approve"
            note = form.cleaned_data["note"]
            try:
                if approve:
                    leave_services.leave_approve(record=record, user=request.user, note=note)
                else:
                    leave_services.leave_reject(record=record, user=request.user, note=note)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return redirect("attendance:leave_decide", pk=record.pk)
            _decided(request, record)
            return redirect("attendance:leave_list")
        messages.error(request, _("Pilih setujui atau tolak."))
    return render(request, "attendance/leave_decide.html", {"record": record})


@login_required
def leave_cancel(request, pk):
    record = _record_for(request, pk)
    if request.method == "POST":
        try:
            leave_services.leave_cancel(
                record=record, user=request.user, note=request.POST.get("note", "")
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            _decided(request, record)
        return redirect("attendance:leave_list")
    return render(request, "attendance/leave_cancel.html", {"record": record})
