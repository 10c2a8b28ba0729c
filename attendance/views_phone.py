"""The employee's phone pages that work offline: the next days the service worker keeps
(/presensi/hari-depan/) and the endpoint that receives the check-ins the phone kept without a
connection (/presensi/kirim/). Thin: the check-in goes through attendance.services as any other.
"""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attendance import rules, services
from attendance.models import AttendanceEvent, EventKind, EventSource
from attendance.parsing import ItemError, parse_timestamp
from attendance.views import (
    FIELD_LABELS,
    TOKEN_RE,
    UPCOMING_DAYS,
    _checkin_item,
    _linked_employee,
    _zone,
    day_plans,
    zone_abbreviation,
)
from wfh.selectors import piket_days


@login_required
@require_POST
def checkin_send(request):
    """A check-in the phone kept while offline, sent when the connection came back (JSON).

    Body: {"token": 32 hex digits made by the phone, "kind": "in"|"out", "taken_at": ISO time
    with offset (the phone's clock when the button was pressed), "latitude", "longitude",
    "accuracy_m"}. The same token sent again answers "duplicate" with the stored event: the
    phone may resend until it hears an answer. The check-in goes through the same checks as
    any other (events_ingest); one that arrives late is marked sent_late.
    """
    employee = _linked_employee(request)
    if employee is None:
        return JsonResponse(
            {
                "status": "rejected",
                "field": "",
                "message": _("Akun ini tidak terhubung dengan data pegawai."),
            },
            status=403,
        )
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        return _send_error("", _("Isi permintaan harus objek JSON."))
    kind = str(data.get("kind", ""))
    if kind not in EventKind.values:
        return _send_error("kind", _("Pilih presensi masuk atau presensi pulang."))
    token = str(data.get("token", "")).strip().lower()
    if not TOKEN_RE.match(token):
        return _send_error("token", _("ID presensi harus 32 digit heksadesimal."))
    now = timezone.now()
    try:
        taken = parse_timestamp(data.get("taken_at"), received_at=now)
    except ItemError as exc:
        return _send_error("taken_at", exc.message)
    day = rules.local_day(taken, employee.opd.time_zone)
    [plan] = day_plans(employee, day, day)
    item = _checkin_item(employee, plan, kind, taken, data)
    [result] = services.events_ingest(
        items=[item], source=EventSource.WEB, sender="web", received_at=now
    )
    if result.status == services.REJECTED:
        label = FIELD_LABELS.get(result.field, result.field)
        return _send_error(result.field, f"{label}: {result.message}" if label else result.message)
    event = AttendanceEvent.objects.only("timestamp", "received_at", "sent_late").get(
        pk=result.event_id
    )
    return JsonResponse(
        {
            "status": result.status,
            "event_id": event.pk,
            "flags": result.flags,
            "message": result.message,
            "taken_at": event.timestamp.isoformat(),
            "received_at": event.received_at.isoformat(),
            "sent_late": event.sent_late,
        }
    )


def _send_error(field: str, message: str) -> JsonResponse:
    return JsonResponse({"status": "rejected", "field": field, "message": message}, status=400)


@login_required
@require_GET
def upcoming(request):
    """The employee's next days (today and UPCOMING_DAYS after): mode, piket, leave. The
    service worker keeps the last copy, so the phone answers "am I WFH tomorrow?" offline."""
    employee = _linked_employee(request)
    if employee is None:
        return render(request, "attendance/upcoming.html", {"employee": None})
    now = timezone.now()
    today = now.astimezone(_zone(employee.opd.time_zone)).date()
    end = today + dt.timedelta(days=UPCOMING_DAYS)
    piket = piket_days(employee_id=employee.pk, start=today, end=end)
    days = [
        {"plan": plan, "piket": plan.day in piket, "today": plan.day == today}
        for plan in day_plans(employee, today, end)
    ]
    context = {
        "employee": employee,
        "days": days,
        "fetched_at": now.astimezone(_zone(employee.opd.time_zone)),
        "zone": zone_abbreviation(employee.opd.time_zone, now),
    }
    return render(request, "attendance/upcoming.html", context)
