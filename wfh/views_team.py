"""The team calendar page (/kalender-tim/): a week or a month of one unit's published modes.

Thin: who may see which unit and whose modes is opd.access (`schedule_units`,
`schedule_employees`), the reading is wfh.team_calendar. Everyone sees names and modes only;
nothing personal (no NIP, no kind of leave).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from common.replica import replica_ok
from opd import access
from opd.models import Employee, Unit, today_in
from wfh import team_calendar as tc
from wfh.dates import long_date
from wfh.models import WEEKDAY_NAMES


def _parse_day(raw: str, default: dt.date) -> tuple[dt.date, str]:
    if not raw:
        return default, ""
    try:
        if len(raw) == 7:  # YYYY-MM: a month
            return dt.date.fromisoformat(raw + "-01"), ""
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        return default, _(
            "Tanggal %(value)r tidak dikenal (gunakan TTTT-BB-HH, mis. 2025-11-06); "
            "ditampilkan %(day)s."
        ) % {"value": raw, "day": long_date(default)}


def _pick_unit(request, units: list[Unit]) -> tuple[Unit | None, str]:
    raw = request.GET.get("unit", "").strip()
    if raw:
        try:
            wanted = int(raw)
        except ValueError:
            wanted = None
        for unit in units:
            if unit.pk == wanted:
                return unit, ""
        if wanted is not None and Unit.objects.filter(pk=wanted).exists():
            access.require(False)  # a unit that exists but is not the user's to see: 403
        error = _("Unit %(value)r tidak ditemukan di antara unit yang boleh Anda lihat.") % {
            "value": raw
        }
    else:
        error = ""
    scope = access.scope_for(request.user)
    own = (
        Employee.objects.filter(pk=scope.employee_id).values_list("unit_id", flat=True).first()
        if scope.employee_id
        else None
    )
    for unit in units:
        if unit.pk == own:
            return unit, error
    return (units[0] if units else None), error


def _url(unit: Unit, view: str, day: dt.date) -> str:
    value = f"{day:%Y-%m}" if view == tc.MONTH else day.isoformat()
    query = {"unit": unit.pk, "tampilan": view, "tanggal": value}
    return f"{reverse('wfh:team_calendar')}?{urlencode(query)}"


@replica_ok
@login_required
@require_GET
def team_calendar(request):
    scope = access.scope_for(request.user)
    units = list(
        access.schedule_units(request.user).select_related("opd").order_by("opd__code", "code")
    )
    unit, unit_error = _pick_unit(request, units)
    view = request.GET.get("tampilan", tc.WEEK)
    if view not in tc.VIEWS:
        view = tc.WEEK
    context = {"units": units, "unit": unit, "view": view, "unit_error": unit_error}
    if unit is None:
        return render(request, "wfh/team_calendar.html", context)
    today = today_in(unit.opd.time_zone)
    day, date_error = _parse_day(request.GET.get("tanggal", "").strip(), today)
    calendar = tc.team_calendar(
        unit=unit,
        employees=access.schedule_employees(request.user, colleagues=True),
        view=view,
        day=day,
        today=today,
        me_id=scope.employee_id,
    )
    if view == tc.MONTH:
        prev_day = calendar.start - dt.timedelta(days=1)
        next_day = calendar.end + dt.timedelta(days=1)
    else:
        prev_day = calendar.start - dt.timedelta(days=7)
        next_day = calendar.start + dt.timedelta(days=7)
    context.update(
        {
            "cal": calendar,
            "date_error": date_error,
            "weekday_names": WEEKDAY_NAMES,
            "prev_url": _url(unit, view, prev_day),
            "next_url": _url(unit, view, next_day),
            "today_url": _url(unit, view, today),
            "week_url": _url(unit, tc.WEEK, calendar.start if view == tc.WEEK else day),
            "month_url": _url(unit, tc.MONTH, day),
            "is_current": calendar.start <= today <= calendar.end,
            "week_base": f"{reverse('wfh:team_calendar')}?"
            + urlencode({"unit": unit.pk, "tampilan": tc.WEEK, "tanggal": ""}),
        }
    )
    return render(request, "wfh/team_calendar.html", context)
