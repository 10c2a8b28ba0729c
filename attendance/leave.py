"""Leave and duty records (cuti, sakit, dinas luar, tugas belajar): entry, decision, cancellation.

The OPD admin of the employee's OPD, or HR, enters leave (approved at once, or pending a
decision). Approved leave feeds the published roster (DESIGN section 4, invariant 7): every
change of what is approved calls `wfh.rosters.leave_sync.schedule_refresh_for_leave`, which
marks the days LEAVE at once and queues the regeneration of those days; days already lived are
recomputed in the attendance summaries.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from attendance.models import LeaveKind, LeaveRecord, LeaveStatus
from attendance.summaries import schedule_recompute
from opd import access
from opd.models import Employee
from wfh.rosters import leave_sync

MAX_PAST_DAYS = 366  # leave may be recorded late, but not for days more than a year back
MAX_FUTURE_DAYS = 5 * 366  # tugas belajar runs for years; nothing is planned further ahead
ACTIVE = (LeaveStatus.APPROVED, LeaveStatus.PENDING)


def local_today(employee: Employee) -> dt.date:
    """Today in the time zone of the employee's OPD."""
    return employee.opd.local_today()


def _long(day: dt.date) -> str:
    return date_format(day, "j F Y")


def describe(record: LeaveRecord) -> str:
    """ "Cuti tahunan 1 Desember 2025 – 3 Desember 2025 (disetujui)", for messages."""
    return _("%(kind)s %(start)s – %(end)s (%(status)s)") % {
        "kind": record.get_kind_display(),
        "start": _long(record.start),
        "end": _long(record.end),
        "status": record.get_status_display(),
    }


def _require_manager(user, employee: Employee) -> None:
    if not access.can_manage_opd(user, employee.opd):
        raise PermissionDenied(_("Anda tidak mengelola OPD pegawai ini."))


def _roster_and_summaries(record: LeaveRecord, *, user, reason: str, today: dt.date | None) -> None:
    """The published roster follows the approved leave; lived days are recomputed. `today`
    None: the OPD's date now (and the roster task reads it when it runs)."""
    leave_sync.schedule_refresh_for_leave(
        employee_id=record.employee_id,
        start=record.start,
        end=record.end,
        user=user,
        reason=reason,
        today=today,
    )
    today = today or local_today(record.employee)
    last = min(record.end, today - dt.timedelta(days=1))
    if record.start <= last:
        days = [record.start + dt.timedelta(days=n) for n in range((last - record.start).days + 1)]
        schedule_recompute(days=days, opd_ids=[record.employee.opd_id])


def leave_imported(records: list[LeaveRecord]) -> None:
    """Hook for the import: approved rows move the roster as entered ones do, all at once (one
    refresh and one regeneration task for the whole file, one recompute per OPD)."""
    approved = [r for r in records if r.status == LeaveStatus.APPROVED]
    if not approved:
        return
    employees = Employee.objects.select_related("opd").in_bulk({r.employee_id for r in approved})
    spans = []
    lived: dict[int, set[dt.date]] = {}
    for record in approved:
        record.employee = employees[record.employee_id]
        reason = _("Impor cuti: %(what)s") % {"what": describe(record)}
        spans.append(leave_sync.LeaveSpan(record.employee_id, record.start, record.end, reason))
        last = min(record.end, local_today(record.employee) - dt.timedelta(days=1))
        days = lived.setdefault(record.employee.opd_id, set())
        days.update(
            record.start + dt.timedelta(days=n) for n in range((last - record.start).days + 1)
        )
    leave_sync.schedule_refresh_for_leaves(spans=spans, user=approved[0].created_by)
    for opd_id, days in sorted(lived.items()):
        if days:
            schedule_recompute(days=sorted(days), opd_ids=[opd_id])


@transaction.atomic
def leave_create(
    *,
    employee: Employee,
    kind: str,
    start: dt.date,
    end: dt.date,
    note: str = "",
    user,
    status: str = LeaveStatus.APPROVED,
    today: dt.date | None = None,
) -> LeaveRecord:
    """Record leave or duty for an employee; ValidationError names each wrong field."""
    _require_manager(user, employee)
    # one entry at a time per employee, so that two overlapping entries cannot both pass
    employee = Employee.objects.select_for_update().select_related("opd").get(pk=employee.pk)
    day = today or local_today(employee)
    errors: dict[str, str] = {}
    if kind not in LeaveKind.values:
        errors["kind"] = _("Jenis %(value)r tidak dikenal.") % {"value": kind}
    if status not in ACTIVE:
        errors["status"] = _("Pilih disetujui atau diajukan.")
    if start is None:
        errors["start"] = _("Tanggal mulai wajib diisi.")
    elif start < day - dt.timedelta(days=MAX_PAST_DAYS):
        errors["start"] = _("Tanggal mulai lebih dari setahun yang lalu (%(day)s).") % {
            "day": _long(start)
        }
    if end is None:
        errors["end"] = _("Tanggal selesai wajib diisi.")
    elif start is not None and end < start:
        errors["end"] = _("Tanggal selesai sebelum tanggal mulai.")
    elif end > day + dt.timedelta(days=MAX_FUTURE_DAYS):
        errors["end"] = _("Tanggal selesai lebih dari lima tahun ke depan (%(day)s).") % {
            "day": _long(end)
        }
    if len(note) > 2000:
        errors["note"] = _("Keterangan paling panjang 2000 karakter.")
    if not errors:
        overlap = (
            LeaveRecord.objects.filter(
                employee=employee, status__in=ACTIVE, start__lte=end, end__gte=start
            )
            .order_by("start")
            .first()
        )
        if overlap is not None:
            errors["start"] = _("Bertumpang tindih dengan %(what)s milik %(name)s.") % {
                "what": describe(overlap),
                "name": employee.name,
            }
    if errors:
        raise ValidationError(errors)
    record = LeaveRecord.objects.create(
        employee=employee,
        kind=kind,
        start=start,
        end=end,
        status=status,
        note=note.strip(),
        created_by=user,
        decided_by=user if status == LeaveStatus.APPROVED else None,
        decided_at=timezone.now() if status == LeaveStatus.APPROVED else None,
    )
    if status == LeaveStatus.APPROVED:
        _roster_and_summaries(record, user=user, reason=describe(record), today=today)
    return record


def _decide(record: LeaveRecord, *, user, frm: tuple[str, ...], to: str, note: str) -> LeaveRecord:
    moved = LeaveRecord.objects.filter(pk=record.pk, status__in=frm).update(
        status=to, decided_by=user, decided_at=timezone.now(), decision_note=note.strip()
    )
    if moved != 1:
        current = LeaveRecord.objects.get(pk=record.pk)
        raise ValidationError(
            _("Catatan ini sudah berstatus %(status)s.") % {"status": current.get_status_display()}
        )
    record.refresh_from_db()
    return record


@transaction.atomic
def leave_approve(
    *, record: LeaveRecord, user, note: str = "", today: dt.date | None = None
) -> LeaveRecord:
    """A pending entry is approved: from now on it is LEAVE in the roster."""
    employee = Employee.objects.select_related("opd").get(pk=record.employee_id)
    _require_manager(user, employee)
    record = _decide(
        record, user=user, frm=(LeaveStatus.PENDING,), to=LeaveStatus.APPROVED, note=note
    )
    record.employee = employee
    _roster_and_summaries(record, user=user, reason=describe(record), today=today)
    return record


@transaction.atomic
def leave_reject(*, record: LeaveRecord, user, note: str) -> LeaveRecord:
    """A pending entry is rejected, with the reason."""
    employee = Employee.objects.select_related("opd").get(pk=record.employee_id)
    _require_manager(user, employee)
    if not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    return _decide(
        record, user=user, frm=(LeaveStatus.PENDING,), to=LeaveStatus.REJECTED, note=note
    )


@transaction.atomic
def leave_cancel(
    *, record: LeaveRecord, user, note: str = "", today: dt.date | None = None
) -> LeaveRecord:
    """An approved or pending entry is withdrawn; approved days go back to the roster."""
    employee = Employee.objects.select_related("opd").get(pk=record.employee_id)
    _require_manager(user, employee)
    was = LeaveRecord.objects.filter(pk=record.pk).values_list("status", flat=True).first()
    record = _decide(record, user=user, frm=ACTIVE, to=LeaveStatus.CANCELLED, note=note)
    record.employee = employee
    if was == LeaveStatus.APPROVED:
        reason = _("Pembatalan: %(what)s") % {"what": describe(record)}
        _roster_and_summaries(record, user=user, reason=reason, today=today)
    return record
