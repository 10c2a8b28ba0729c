"""The HR/OPD "today" dashboard: per OPD, the day's schedule against attendance, and 30-day charts.

HR sees every active OPD, an OPD admin only the OPDs they administer (opd.access.visible_opds);
supervisors and employees get 403. The numbers come from attendance.dashboard in a fixed number of
queries whatever the number of OPDs.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from attendance import dashboard
from common.replica import replica_ok
from common.views import page_of
from opd import access
from wfh.calendar import days_off

OPDS_PER_PAGE = 25


def _day(request, today: dt.date) -> dt.date:
    raw = request.GET.get("date", "").strip()
    if not raw:
        return today
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        messages.error(
            request,
            _("Tanggal %(value)s tidak dikenali; gunakan format TTTT-BB-HH. Ditampilkan hari ini.")
            % {"value": raw},
        )
        return today


@replica_ok
@login_required
@require_GET
def today(request):
    scope = access.scope_for(request.user)
    access.require(scope.sees_registry)
    now = timezone.localdate()
    day = _day(request, now)
    opds = access.visible_opds(request.user).filter(active=True)
    rows = dashboard.day_rows(opds, day, now)
    total = dashboard.totals(rows)
    rows, sort = dashboard.sort_rows(rows, request.GET.get("sort", "code"))
    page = page_of(request, rows, OPDS_PER_PAGE)
    chart = dashboard.chart_series(opds, day)
    chart["labels"] = {
        "schedule": _("Terjadwal WFH dan WFO"),
        "attendance": _("Hadir dan tidak hadir"),
        "late": _("Terlambat"),
        "wfh": _("WFH"),
        "wfo": _("WFO"),
        "present": _("Hadir"),
        "absent": _("Tidak hadir"),
    }
    chart["day_labels"] = [date_format(dt.date.fromisoformat(d), "D j M") for d in chart["days"]]
    off = days_off(day, day).get(day)
    context = {
        "day": day,
        "today": now,
        "is_today": day == now,
        "prev_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "weekend": day.weekday() >= 5,
        "off": off,
        "page": page,
        "rows": page.object_list,
        "total": total,
        "sort": sort,
        "chart": chart,
        "has_chart": bool(chart["days"]),
        "columns": [
            ("code", _("OPD")),
            ("staff", _("Pegawai")),
            ("wfh", _("WFH")),
            ("wfo", _("WFO")),
            ("present", _("Hadir")),
            ("absent", _("Tidak hadir")),
            ("late", _("Terlambat")),
            ("mismatches", _("Mode tak sesuai")),
            ("below", _("Unit di bawah minimum")),
        ],
        "SUMMARY": dashboard.SUMMARY,
        "LIVE": dashboard.LIVE,
        "UNSUMMARISED": dashboard.UNSUMMARISED,
    }
    return render(request, "dashboard/today.html", context)
