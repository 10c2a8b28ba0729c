"""The work calendar page: a month's working days and days off, and HR's local days off.

Thin views: reads go through wfh.calendar and wfh.selectors, writes through wfh.rosters; who may
see or do what through opd.access (wfh.schedule_pages: HR and OPD admins only).
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opd import access
from opd.access import Scope
from opd.models import Opd
from wfh import selectors
from wfh.calendar import month_view
from wfh.forms_schedule import LocalDayOffForm
from wfh.models import WEEKDAY_NAMES, LocalDayOff
from wfh.rosters import options
from wfh.schedule_pages import bounded_int, run_service, schedule_scope


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
            "label": d["off"].label,
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
    scope = schedule_scope(request)
    today = timezone.localdate()
    year = bounded_int(request.GET.get("year"), today.year, 2000, 2100)
    month = bounded_int(request.GET.get("month"), today.month, 1, 12)
    context = _calendar_context(request, scope, year, month, request.GET.get("opd", "").strip())
    if scope.is_hr:
        context["form"] = LocalDayOffForm(initial={"day": dt.date(year, month, 1)})
    return render(request, "wfh/calendar.html", context)


@login_required
@require_POST
def local_day_off_add(request):
    scope = schedule_scope(request)
    access.require(scope.is_hr)
    form = LocalDayOffForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["day"]
        opds = list(form.cleaned_data["opds"])
        ok = run_service(
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
    year = bounded_int(request.POST.get("year"), timezone.localdate().year, 2000, 2100)
    month = bounded_int(request.POST.get("month"), timezone.localdate().month, 1, 12)
    context = _calendar_context(request, scope, year, month, "")
    context["form"] = form
    return render(request, "wfh/calendar.html", context, status=400)


@login_required
@require_POST
def local_day_off_delete(request, pk: int):
    schedule_scope(request)
    day_off = get_object_or_404(LocalDayOff, pk=pk)
    options.local_day_off_delete(user=request.user, day_off=day_off)
    messages.success(request, _("Hari libur lokal %(name)s dihapus.") % {"name": day_off.name})
    query = urlencode({"year": day_off.date.year, "month": day_off.date.month})
    return redirect(reverse("wfh:calendar") + "?" + query)
