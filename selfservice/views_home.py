"""Home location pages: the employee sends theirs from the phone (/saya/lokasi-rumah/), the OPD
admin approves or returns it (/persetujuan/lokasi-rumah/). Thin: opd.home_location holds the
rules, opd.access who may decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opd import access, home_location
from opd.models import HomeLocationRequest
from selfservice.views import _me, _no_employee


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for errors in exc.message_dict.values() for m in errors]
    return list(exc.messages)


@login_required
def my_home_location(request):
    employee = _me(request)
    if employee is None:
        return _no_employee(request, _("Lokasi rumah"))
    errors: list[str] = []
    values = {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("latitude", "longitude", "accuracy_m")}
        values["address_note"] = request.POST.get("address_note", "")
        try:
            home_location.home_location_submit(employee=employee, **values)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Lokasi rumah dikirim; admin OPD akan memeriksanya."))
            return redirect("selfservice:home_location")
    context = {
        "employee": employee,
        "registered": employee.home_latitude is not None,
        "requests": home_location.my_home_requests(employee=employee),
        "errors": errors,
        "values": values,
    }
    return render(request, "selfservice/home_location.html", context, status=400 if errors else 200)


@login_required
def home_location_queue(request):
    access.require(access.may_open_home_location_queue(request.user))
    queue = list(home_location.home_location_queue(user=request.user)[:100])
    return render(request, "selfservice/home_location_queue.html", {"queue": queue})


@login_required
@require_POST
def home_location_decide(request, pk: int):
    item = get_object_or_404(HomeLocationRequest.objects.select_related("employee"), pk=pk)
    access.require(access.can_decide_home_location(request.user, item.employee))
    approve = request.POST.get("decision") == "approve"
    try:
        home_location.home_location_decide(
            request=item, user=request.user, approve=approve, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, f"{item.employee.name}: {message}")
    else:
        done = _("disetujui") if approve else _("dikembalikan")
        messages.success(
            request,
            _("Lokasi rumah %(name)s %(done)s.") % {"name": item.employee.name, "done": done},
        )
    return redirect("selfservice:home_location_queue")
