"""My attendance (/saya/presensi/): the employee's month of daily records, and its CSV.

Thin: the reading is selfservice.my_attendance; the employee is the session's own (opd.access).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from common.tabular import csv_writer
from selfservice import my_attendance
from selfservice.services import swap_rules
from selfservice.views import _me, _no_employee, _parse_month


def _month(request, employee):
    today = swap_rules.local_today(employee.opd)
    first, ok = _parse_month(request.GET.get("bulan"), today)
    month = my_attendance.my_attendance_month(employee=employee, first=first, today=today)
    return today, first, ok, month


@login_required
@require_GET
def my_presence(request):
    employee = _me(request)
    if employee is None:
        return _no_employee(request, _("Presensi saya"))
    if request.GET.get("format") == "csv":
        return my_presence_csv(request)
    today, first, ok, month = _month(request, employee)
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    url = reverse("selfservice:my_presence")
    return render(
        request,
        "selfservice/my_presence.html",
        {
            "employee": employee,
            "month": month,
            "month_start": first,
            "prev_url": f"{url}?bulan={prev_month:%Y-%m}",
            "next_url": f"{url}?bulan={next_month:%Y-%m}",
            "this_url": f"{url}?bulan={today:%Y-%m}",
            "csv_url": f"{reverse('selfservice:my_presence_csv')}?bulan={first:%Y-%m}",
            "is_this_month": first == today.replace(day=1),
            "bad_month": "" if ok else request.GET.get("bulan", ""),
            "year": today.year,
        },
    )


@login_required
@require_GET
def my_presence_csv(request):
    employee = _me(request)
    if employee is None:
        return _no_employee(request, _("Presensi saya"))
    _today, first, _ok, month = _month(request, employee)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="presensi-saya-{first:%Y-%m}.csv"'
    writer = csv_writer(response)
    for row in my_attendance.csv_rows(month):
        writer.writerow(row)
    return response
