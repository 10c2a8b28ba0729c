"""Daily work reports (laporan kinerja harian) on WFH days: submit, and the supervisor's review.

The employee files what they did and its outputs for a day whose published mode is WFH; their
supervisor (anyone above them in the supervisor chain) or HR approves it or returns it with a
note; a returned report can be filed again. A change for a day already lived is recomputed in
the attendance summaries.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import notifications
from accounts.models import NotificationKind
from attendance.models import ReportStatus, WorkReport
from attendance.summaries.runs import summaries_recompute
from opd import access
from opd.models import Employee
from opd.queues import Outcome, decide_each
from wfh.dates import long_date
from wfh.models import Mode, ScheduleDay

MAX_TEXT = 5000
EDITABLE = (ReportStatus.SUBMITTED, ReportStatus.RETURNED)


def _own_employee(user) -> Employee:
    scope = access.scope_for(user)
    if not scope.employee_id:
        raise PermissionDenied(_("Akun ini tidak terhubung dengan data pegawai."))
    return Employee.objects.select_related("opd").get(pk=scope.employee_id)


def day_mode(*, employee_id: int, day: dt.date) -> str | None:
    """The employee's published mode that day (WFH, WFO, LEAVE), or None where none is."""
    return (
        ScheduleDay.objects.filter(employee_id=employee_id, day=day)
        .values_list("mode", flat=True)
        .first()
    )


def _recompute_if_lived(report: WorkReport, employee: Employee, today: dt.date) -> None:
    if report.day < today:
        summaries_recompute(days=[report.day], opd_ids=[employee.opd_id])


@transaction.atomic
def report_submit(
    *, user, day: dt.date, activities: str, outputs: str, today: dt.date | None = None
) -> WorkReport:
    """The employee files (or files again) their report for a WFH day."""
    employee = _own_employee(user)
    today = today or employee.opd.local_today()
    errors: dict[str, str] = {}
    activities, outputs = activities.strip(), outputs.strip()
    if day > today:
        errors["day"] = _("Laporan untuk %(day)s belum dapat diisi: tanggalnya belum tiba.") % {
            "day": long_date(day)
        }
    else:
        mode = day_mode(employee_id=employee.pk, day=day)
        if mode != Mode.WFH:
            where = (
                _("tidak ada jadwal terbit")
                if mode is None
                else _("jadwalnya %(mode)s") % {"mode": Mode(mode).label}
            )
            errors["day"] = _(
                "Laporan kinerja harian hanya untuk hari WFH; pada %(day)s %(where)s."
            ) % {"day": long_date(day), "where": where}
    for name, text, label in (
        ("activities", activities, _("Uraian kegiatan")),
        ("outputs", outputs, _("Hasil kerja")),
    ):
        if not text:
            errors[name] = _("%(label)s wajib diisi.") % {"label": label}
        elif len(text) > MAX_TEXT:
            errors[name] = _("%(label)s paling panjang %(n)s karakter.") % {
                "label": label,
                "n": MAX_TEXT,
            }
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    fields = {
        "activities": activities,
        "outputs": outputs,
        "status": ReportStatus.SUBMITTED,
        "submitted_at": now,
        "reviewed_by": None,
        "reviewed_at": None,
    }
    mine = WorkReport.objects.select_for_update(of=("self",)).order_by("pk")
    existing = mine.filter(employee=employee, day=day).first()
    if existing is None:
        try:
            with transaction.atomic():
                report = WorkReport.objects.create(employee=employee, day=day, **fields)
        except IntegrityError:  # filed twice at the same moment: the second one edits it
            existing = mine.get(employee=employee, day=day)
    if existing is not None:
        if existing.status not in EDITABLE:
            raise ValidationError(
                _("Laporan %(day)s sudah disetujui dan tidak dapat diubah.")
                % {"day": long_date(day)}
            )
        # the supervisor's note on a returned report stays visible until the next review
        WorkReport.objects.filter(pk=existing.pk).update(**fields)
        report = WorkReport.objects.get(pk=existing.pk)
    _recompute_if_lived(report, employee, today)
    return report


def may_review(*, user, report: WorkReport) -> bool:
    """HR, or a supervisor above the employee in the chain (not the employee themselves)."""
    scope = access.scope_for(user)
    if scope.is_hr:
        return True
    if not scope.employee_id or report.employee_id == scope.employee_id:
        return False
    return scope.is_supervisor and report.employee_id in access.team_ids(scope.employee_id)


@transaction.atomic
def report_review(
    *, report: WorkReport, user, approve: bool, note: str = "", today: dt.date | None = None
) -> WorkReport:
    """Approve a submitted report, or return it with a note saying what to fix."""
    if not may_review(user=user, report=report):
        raise PermissionDenied(_("Anda bukan atasan pegawai ini."))
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Tuliskan catatan saat mengembalikan laporan.")})
    moved = WorkReport.objects.filter(pk=report.pk, status=ReportStatus.SUBMITTED).update(
        status=ReportStatus.APPROVED if approve else ReportStatus.RETURNED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
        review_note=note,
    )
    if moved != 1:
        current = WorkReport.objects.get(pk=report.pk)
        raise ValidationError(
            _("Laporan ini sudah berstatus %(status)s.") % {"status": current.get_status_display()}
        )
    report.refresh_from_db()
    employee = Employee.objects.select_related("opd").get(pk=report.employee_id)
    if not approve:
        notifications.notify(
            users=[employee.user_id],
            kind=NotificationKind.REPORT_RETURNED,
            params={"day": report.day.isoformat(), "note": note},
            url=reverse("attendance:report_mine"),
        )
    _recompute_if_lived(report, employee, today or employee.opd.local_today())
    return report


# -- read side ------------------------------------------------------------------------------------


def reports_to_review(*, user) -> QuerySet[WorkReport]:
    """Reports the user may review: their whole team below them (HR: everyone)."""
    scope = access.scope_for(user)
    qs = WorkReport.objects.select_related("employee", "employee__unit", "employee__opd")
    if scope.is_hr:
        return qs
    if not (scope.is_supervisor and scope.employee_id):
        return qs.none()
    team = access.team_ids(scope.employee_id) - {scope.employee_id}
    return qs.filter(employee_id__in=team)


def wfh_days_without_report(*, employee_id: int, start: dt.date, end: dt.date) -> list[dt.date]:
    """Published WFH days between start and end with no report yet (one query)."""
    filed = WorkReport.objects.filter(employee_id=employee_id, day__gte=start, day__lte=end)
    return list(
        ScheduleDay.objects.filter(
            employee_id=employee_id, mode=Mode.WFH, day__gte=start, day__lte=end
        )
        .exclude(day__in=filed.values("day"))
        .order_by("-day")
        .values_list("day", flat=True)
    )


def returned_count(*, employee_id: int) -> int:
    """How many of the employee's reports the supervisor returned (the menu's badge): one COUNT."""
    return WorkReport.objects.filter(employee_id=employee_id, status=ReportStatus.RETURNED).count()


def pending_review_count(*, user) -> int:
    """Submitted reports the user may review (the queue's header and the menu's badge): one
    COUNT query, the supervisor's whole chain below them walked in it (WITH RECURSIVE)."""
    scope = access.scope_for(user)
    submitted = WorkReport.objects.filter(status=ReportStatus.SUBMITTED)
    if scope.is_hr:
        return submitted.count()
    if not (scope.is_supervisor and scope.employee_id):
        return 0
    employees = Employee._meta.db_table
    reports = WorkReport._meta.db_table
    sql = (  # table names come from the models, never from input
        f'WITH RECURSIVE team(id) AS (SELECT id FROM "{employees}" WHERE supervisor_id = %s '  # noqa: S608
        f'UNION SELECT e.id FROM "{employees}" e JOIN team t ON e.supervisor_id = t.id) '
        f'SELECT COUNT(*) FROM "{reports}" r WHERE r.status = %s AND r.employee_id <> %s '
        "AND r.employee_id IN (SELECT id FROM team)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope.employee_id, ReportStatus.SUBMITTED, scope.employee_id])
        return cursor.fetchone()[0]


def reports_review_bulk(
    *, report_ids: list[int], user, approve: bool, note: str = ""
) -> list[Outcome]:
    """Approve or return many reports with one note, each through `report_review` (its access
    check and its guarded status change) in its own savepoint: one refused is named, the others
    are decided. Returning without a note decides none."""
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Tuliskan catatan saat mengembalikan laporan.")})
    found = WorkReport.objects.filter(pk__in=set(report_ids)).select_related("employee")
    return decide_each(
        sorted(found, key=lambda r: (r.day, r.pk), reverse=True),
        lambda report: report_review(report=report, user=user, approve=approve, note=note),
        denied=_("Anda bukan atasan pegawai ini."),
    )
