"""Attendance pages for people: the phone check-in page, the review queue of flagged events, and
the OPD attendance day with its daily records.

Thin views: events are written by attendance.services (events_ingest, event_review), records and
summaries are read as the nightly summaries left them, and who may see what comes from opd.access.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from attendance import selectors, services
from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    EventKind,
    EventSource,
    OpdDaySummary,
    WorkReport,
)
from attendance.views_reports import ReportForm
from buildings.plans import seat_on
from common.tabular import csv_writer
from common.views import page_of
from leave.selectors import approved_leave_days
from opd import access
from opd.models import Employee, Opd, today_in
from wfh.calendar import days_off
from wfh.models import Mode, ScheduleDay
from wfh.overrides.selectors import day_notes

REVIEW_PER_PAGE = 25
CLUSTERS_PER_PAGE = 25
RECORDS_PER_PAGE = 50
OPDS_PER_PAGE = 50
UPCOMING_DAYS = 14

ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

# what the employee sees for the day: label and css class
DAY_WFH = "WFH"
DAY_WFO = "WFO"
DAY_LEAVE = "LEAVE"
DAY_OFF = "OFF"
DAY_LABELS = {
    DAY_WFH: gettext_lazy("WFH"),
    DAY_WFO: gettext_lazy("WFO"),
    DAY_LEAVE: gettext_lazy("Cuti"),
    DAY_OFF: gettext_lazy("Libur"),
}
FIELD_LABELS = {
    "nip": gettext_lazy("NIP"),
    "timestamp": gettext_lazy("Waktu"),
    "kind": gettext_lazy("Jenis presensi"),
    "mode": gettext_lazy("Mode"),
    "latitude": gettext_lazy("Lintang"),
    "longitude": gettext_lazy("Bujur"),
    "accuracy_m": gettext_lazy("Akurasi lokasi"),
    "device_id": gettext_lazy("ID perangkat"),
    "external_id": gettext_lazy("ID pengiriman"),
}
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


def _zone(tz_name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(tz_name)


def zone_abbreviation(tz_name: str, when: dt.datetime | None = None) -> str:
    """WIB, WITA or WIT for Indonesian zones; the zone's own abbreviation elsewhere."""
    if tz_name in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[tz_name]
    return (when or timezone.now()).astimezone(_zone(tz_name)).tzname() or tz_name


# -- the employee's check-in page ----------------------------------------------------------------


@dataclass(frozen=True)
class DayPlan:
    day: dt.date
    kind: str  # DAY_WFH, DAY_WFO, DAY_LEAVE, DAY_OFF
    note: str = ""

    @property
    def label(self) -> str:
        return str(DAY_LABELS[self.kind])

    @property
    def claimed_mode(self) -> str:
        """The mode a check-in claims on this day: WFH only on a WFH day."""
        return Mode.WFH if self.kind == DAY_WFH else Mode.WFO


def day_plans(employee: Employee, start: dt.date, end: dt.date) -> list[DayPlan]:
    """Each day's mode from the published schedule; a working day without a row is WFO.

    Approved leave covering a day shows as Cuti even before the roster is regenerated. A day a
    declaration or an individual order decided says so with its reference (the note).
    """
    published = dict(
        ScheduleDay.objects.filter(employee=employee, day__gte=start, day__lte=end).values_list(
            "day", "mode"
        )
    )
    leave_days = approved_leave_days(employee_ids=[employee.pk], start=start, end=end)[employee.pk]
    off = days_off(start, end, opd_id=employee.opd_id)
    notes = day_notes(employee=employee, start=start, end=end)
    plans = []
    day = start
    while day <= end:
        mode = published.get(day)
        if day in leave_days or mode == Mode.LEAVE:
            plans.append(DayPlan(day, DAY_LEAVE))
        elif mode in (Mode.WFH, Mode.WFO):
            note = notes.get(day)
            plans.append(DayPlan(day, mode, note.text if note else ""))
        elif day.weekday() >= 5:
            plans.append(DayPlan(day, DAY_OFF))  # the weekday's name says why
        elif day in off:
            plans.append(DayPlan(day, DAY_OFF, off[day].name))
        else:
            plans.append(DayPlan(day, DAY_WFO))
        day += dt.timedelta(days=1)
    return plans


def _linked_employee(request) -> Employee | None:
    scope = access.scope_for(request.user)
    if not scope.employee_id:
        return None
    return Employee.objects.select_related("opd", "unit").get(pk=scope.employee_id)


def _result_message(request, result: services.Result, kind: str, local: dt.datetime, zone: str):
    what = _("Presensi masuk") if kind == EventKind.IN else _("Presensi pulang")
    recorded = _("%(what)s tercatat %(time)s %(zone)s") % {
        "what": what,
        "time": local.strftime("%H:%M"),
        "zone": zone,
    }
    if result.late_minutes:
        recorded += _(", terlambat %(minutes)s menit (%(tier)s)") % {
            "minutes": result.late_minutes,
            "tier": result.late_tier or _("TL"),
        }
    if result.status == services.ACCEPTED and result.late_minutes:
        messages.warning(request, recorded + ".")
    elif result.status == services.ACCEPTED:
        messages.success(request, recorded + ".")
    elif result.status == services.FLAGGED:
        messages.warning(
            request,
            _("%(recorded)s, ditandai: %(reason)s — menunggu tinjauan admin OPD.")
            % {"recorded": recorded, "reason": result.message.rstrip(".")},
        )
    elif result.status == services.DUPLICATE and result.field == "kind":
        messages.error(request, result.message)  # a second check-in: says the first one's time
    elif result.status == services.DUPLICATE:
        messages.info(request, _("Presensi ini sudah tercatat sebelumnya; tidak dicatat dua kali."))
    else:
        label = FIELD_LABELS.get(result.field, result.field)
        text = f"{label}: {result.message}" if label else result.message
        messages.error(request, _("Presensi tidak dicatat. %(reason)s") % {"reason": text})


def _checkin_item(employee: Employee, plan: DayPlan, kind: str, taken: dt.datetime, data) -> dict:
    """The ingest item of a check-in from the phone page, sent at once or kept offline."""
    token = str(data.get("token", "")).strip().lower()
    return {
        "nip": employee.nip,
        "timestamp": taken.isoformat(),
        "kind": kind,
        "mode": plan.claimed_mode,
        "latitude": str(data.get("latitude", "") or "").strip(),
        "longitude": str(data.get("longitude", "") or "").strip(),
        "accuracy_m": str(data.get("accuracy_m", "") or "").strip(),
        "device_id": "web",
        # one id per page load or per kept check-in: a double tap, a resent form or a check-in
        # sent again after a lost answer is stored once
        "external_id": f"web-{employee.pk}-{token}" if TOKEN_RE.match(token) else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request):
    employee = _linked_employee(request)
    if employee is None:
        return render(request, "attendance/checkin.html", {"employee": None})
    opd = employee.opd
    zone = _zone(opd.time_zone)
    now = timezone.now()
    local_now = now.astimezone(zone)
    today = local_now.date()

    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in EventKind.values:
            messages.error(request, _("Pilih presensi masuk atau presensi pulang."))
            return redirect("attendance:checkin")
        [plan] = day_plans(employee, today, today)
        # the server's clock, never the phone's: the phone's time only comes with a check-in
        # it kept offline (checkin_send), which is marked when it arrives late
        item = _checkin_item(employee, plan, kind, local_now, request.POST)
        [result] = services.events_ingest(
            items=[item], source=EventSource.WEB, sender="web", received_at=now
        )
        _result_message(request, result, kind, local_now, zone_abbreviation(opd.time_zone, now))
        return redirect("attendance:checkin")

    plans = day_plans(employee, today, today + dt.timedelta(days=UPCOMING_DAYS))
    events = list(
        AttendanceEvent.objects.filter(employee=employee, day=today).order_by("timestamp", "id")
    )
    for event in events:
        event.local = event.timestamp.astimezone(zone)
    report = None
    report_form = None
    if plans[0].kind == DAY_WFH:  # the daily work report belongs on the WFH day's home page
        report = WorkReport.objects.filter(employee=employee, day=today).first()
        initial = {"activities": report.activities, "outputs": report.outputs} if report else None
        report_form = ReportForm(initial=initial)
    seat = None
    if plans[0].kind == DAY_WFO:  # where to sit today, a consolidation plan's host zone included
        seat = seat_on(unit_id=employee.unit_id, day=today)
    context = {
        "seat": seat,
        "report": report,
        "report_form": report_form,
        "employee": employee,
        "opd": opd,
        "today": plans[0],
        "upcoming": plans[1:],
        "events": events,
        "zone": zone_abbreviation(opd.time_zone, now),
        "token": uuid.uuid4().hex,
        # the page warns above the credit the server's distance check gives an accuracy
        "poor_accuracy_m": settings.ATTENDANCE_MAX_ACCURACY_CREDIT_M,
        "location_checked": plans[0].kind == DAY_WFO and opd.latitude is not None,
    }
    return render(request, "attendance/checkin.html", context)


# -- review queue ----------------------------------------------------------------------------------


def _require_reviewer(request) -> access.Scope:
    scope = access.scope_for(request.user)
    access.require(scope.sees_registry)  # HR and OPD admins; supervisors and employees: 403
    return scope


def _with_schedule(queryset):
    scheduled = ScheduleDay.objects.filter(employee=OuterRef("employee"), day=OuterRef("day"))
    return queryset.annotate(scheduled_mode=Subquery(scheduled.values("mode")[:1]))


def _decorate(events) -> None:
    for event in events:
        local = event.timestamp.astimezone(_zone(event.opd.time_zone))
        event.local = local
        event.zone = zone_abbreviation(event.opd.time_zone, event.timestamp)
        event.received_local = event.received_at.astimezone(_zone(event.opd.time_zone))
        event.late_minutes = int((event.received_at - event.timestamp).total_seconds() // 60)


@login_required
def clusters(request):
    """The spots two or more employees shared on a day (a sign of a fake-GPS app), per OPD:
    HR sees every OPD, an OPD admin their own (opd.access); the employees of OPDs the reader
    may not see are counted, never named."""
    scope = _require_reviewer(request)
    opds = access.visible_opds(request.user)
    opd_code = request.GET.get("opd", "").strip()
    chosen = None
    if opd_code:
        if "\x00" in opd_code:
            raise Http404
        chosen = get_object_or_404(Opd, code=opd_code)
        access.require(access.can_view_opd(request.user, chosen))
        opds = Opd.objects.filter(pk=chosen.pk)
    day, date_error = _parse_day(request, today_in(settings.TIME_ZONE))
    page = page_of(request, selectors.cluster_pairs(opds=opds, day=day), CLUSTERS_PER_PAGE)
    found = selectors.clusters_of(pairs=list(page.object_list), day=day)
    for cluster in found:
        _decorate(cluster.events)
    query = {"opd": opd_code} if opd_code else {}
    context = {
        "page": page,
        "clusters": found,
        "day": day,
        "date_error": date_error,
        "prev_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "opds": access.visible_opds(request.user).order_by("code")
        if scope.is_hr or len(scope.opd_ids) > 1
        else None,
        "opd_code": opd_code,
        "query": urlencode(query),
    }
    return render(request, "attendance/clusters.html", context)


# -- OPD attendance day ----------------------------------------------------------------------------


def _parse_day(request, default: dt.date) -> tuple[dt.date, str]:
    raw = request.GET.get("date", "").strip()
    if not raw:
        return default, ""
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        return default, _("Tanggal %(value)r bukan tanggal YYYY-MM-DD; ditampilkan %(day)s.") % {
            "value": raw,
            "day": default.isoformat(),
        }


def _yesterday(tz_name: str) -> dt.date:
    return today_in(tz_name) - dt.timedelta(days=1)


def _local_hm(value: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%H:%M") if value else ""


@login_required
def opd_day(request, code: str):
    opd = get_object_or_404(Opd, code=code)
    scope = access.scope_for(request.user)
    team: set[int] | None = None
    if not access.can_view_opd(request.user, opd):
        # a supervisor of this OPD sees their own team's rows, nothing else
        access.require(scope.is_supervisor and scope.employee_id is not None)
        own_opd = Employee.objects.filter(pk=scope.employee_id).values_list("opd_id", flat=True)
        access.require(own_opd.first() == opd.pk)
        team = access.team_ids(scope.employee_id)
    day, date_error = _parse_day(request, _yesterday(opd.time_zone))
    status = request.GET.get("status", "").strip()
    unit = request.GET.get("unit", "").strip()
    records = selectors.daily_records(
        opd=opd, day=day, team=team, filter_key=status, unit_code=unit
    )
    zone = _zone(opd.time_zone)
    personal = team is None  # HR and the OPD's admins see NIPs; a supervisor's list does not

    if request.GET.get("format") == "csv":
        return _records_csv(opd, day, records, zone, personal)

    summary = None
    if team is None:
        summary = selectors.opd_day_summary(opd=opd, day=day)
    page = page_of(request, records, RECORDS_PER_PAGE)
    for record in page.object_list:
        record.first_in_local = _local_hm(record.first_in, zone)
        record.last_out_local = _local_hm(record.last_out, zone)
    off = days_off(day, day, opd_id=opd.pk).get(day)
    query = {k: v for k, v in (("status", status), ("unit", unit)) if v}
    context = {
        "opd": opd,
        "day": day,
        "date_error": date_error,
        "summary": summary,
        "page": page,
        "team_only": team is not None,
        "personal": personal,
        "filters": selectors.RECORD_FILTERS,
        "status": status,
        "units": opd.units.order_by("code"),
        "unit": unit,
        "zone": zone_abbreviation(opd.time_zone),
        "prev_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "query": urlencode(query),
        "csv_query": urlencode({**query, "date": day.isoformat(), "format": "csv"}),
        "day_off": off.name if off else ("" if day.weekday() < 5 else _("akhir pekan")),
        "has_any_record": page.paginator.count > 0
        or DailyRecord.objects.filter(opd=opd, day=day).exists(),
    }
    return render(request, "attendance/opd_day.html", context)


def _records_csv(opd: Opd, day: dt.date, records, zone, personal: bool) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="presensi-{opd.code}-{day}.csv"'
    writer = csv_writer(response)  # names and notes that look like formulas stay text
    header = ["tanggal", "nama", "unit", "mode_terjadwal", "status", "jenis_cuti", "masuk"]
    header += ["pulang", "menit_tl", "tingkat_tl", "menit_psw", "tingkat_psw", "mode_tidak_sesuai"]
    header += ["laporan_kinerja", "alpa_tahun_ini", "ambang_pp94"]
    writer.writerow((["nip"] if personal else []) + header)
    for r in records.iterator(chunk_size=2000):
        row = [
            r.day.isoformat(),
            r.employee.name,
            r.unit.code if r.unit else "",
            r.scheduled_mode,
            r.status,
            r.leave_kind,
            _local_hm(r.first_in, zone),
            _local_hm(r.last_out, zone),
            r.late_minutes,
            r.late_tier,
            r.early_minutes,
            r.early_tier,
            "ya" if r.mismatch else "",
            r.report_state,
            r.unexcused_ytd,
            r.pp94_level,
        ]
        writer.writerow(([r.employee.nip] if personal else []) + row)
    return response


@login_required
def index(request):
    scope = access.scope_for(request.user)
    if not scope.sees_registry:
        if scope.is_supervisor and scope.employee_id:
            own = Employee.objects.select_related("opd").get(pk=scope.employee_id).opd
            return redirect("attendance:opd_day", code=own.code)
        access.require(False)
    day, date_error = _parse_day(request, _yesterday(settings.TIME_ZONE))
    opds = access.visible_opds(request.user).filter(active=True).order_by("code")
    page = page_of(request, opds, OPDS_PER_PAGE)
    summaries = {
        s.opd_id: s
        for s in OpdDaySummary.objects.filter(day=day, opd__in=list(page.object_list)).only(
            "opd_id",
            "headcount",
            "scheduled_wfh",
            "scheduled_wfo",
            "present_wfh",
            "present_wfo",
            "absent",
            "late",
            "early",
            "on_leave",
            "mismatches",
            "reports_missing",
        )
    }
    for opd in page.object_list:
        opd.summary = summaries.get(opd.pk)
    context = {
        "page": page,
        "day": day,
        "date_error": date_error,
        "prev_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "summarised": len(summaries),
    }
    return render(request, "attendance/opd_day_index.html", context)
