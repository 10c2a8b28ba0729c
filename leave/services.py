"""Leave and duty records (cuti, sakit, dinas luar, tugas belajar): entry, decision, cancellation.

The OPD admin of the employee's OPD, or HR, enters leave (approved at once, or pending a
decision); the import (leave.importing) enters many at once. Both go through `leave_check`, the
one validation of a new entry. Every change of what is approved sends `leave.signals.
leave_changed` in the caller's transaction: the roster (wfh.receivers) marks the days LEAVE at
once and queues their regeneration (DESIGN section 4, invariant 7), and attendance
(attendance.receivers) recomputes the days already lived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from leave.notices import leave_decided_notify
from leave.selectors import ACTIVE, active_overlapping
from leave.signals import LeaveChange, leave_changed
from opd import access
from opd.models import Employee

MAX_PAST_DAYS = 366  # leave may be recorded late, but not for days more than a year back
MAX_FUTURE_DAYS = 5 * 366  # tugas belajar runs for years; nothing is planned further ahead
MAX_NOTE = 2000


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


def leave_check(
    *,
    employee: Employee | None,
    kind: str,
    start: dt.date | None,
    end: dt.date | None,
    status: str,
    note: str,
    today: dt.date,
    taken: Iterable[LeaveRecord],
) -> dict[str, str]:
    """What is wrong with a new entry, by field (empty: nothing): a known kind; approved or
    pending (a new entry is never rejected or cancelled); both dates, the end not before the
    start, the start at most MAX_PAST_DAYS before `today` and the end at most MAX_FUTURE_DAYS
    after it; a note of at most MAX_NOTE characters; and no overlap with `taken`, the
    employee's approved or pending entries (stored ones, and for an import the file's earlier
    rows). The one validation of entry and import (`employee` None: an import row whose NIP is
    unknown, checked for everything else)."""
    errors: dict[str, str] = {}
    if kind not in LeaveKind.values:
        errors["kind"] = _("Jenis %(value)r tidak dikenal; pilih salah satu: %(choices)s.") % {
            "value": kind,
            "choices": ", ".join(LeaveKind.values),
        }
    if status not in LeaveStatus.values:
        errors["status"] = _("Status %(value)r tidak dikenal; pilih salah satu: %(choices)s.") % {
            "value": status,
            "choices": ", ".join(ACTIVE),
        }
    elif status not in ACTIVE:
        errors["status"] = _("Pilih disetujui atau diajukan.")
    if start is None:
        errors["start"] = _("Tanggal mulai wajib diisi.")
    elif start < today - dt.timedelta(days=MAX_PAST_DAYS):
        errors["start"] = _("Tanggal mulai lebih dari setahun yang lalu (%(day)s).") % {
            "day": _long(start)
        }
    if end is None:
        errors["end"] = _("Tanggal selesai wajib diisi.")
    elif start is not None and end < start:
        errors["end"] = _("Tanggal selesai sebelum tanggal mulai.")
    elif end > today + dt.timedelta(days=MAX_FUTURE_DAYS):
        errors["end"] = _("Tanggal selesai lebih dari lima tahun ke depan (%(day)s).") % {
            "day": _long(end)
        }
    if len(note) > MAX_NOTE:
        errors["note"] = _("Keterangan paling panjang 2000 karakter.")
    if not errors:
        overlap = min(
            (r for r in taken if r.start <= end and r.end >= start),
            key=lambda r: r.start,
            default=None,
        )
        if overlap is not None:
            errors["start"] = _("Bertumpang tindih dengan %(what)s milik %(name)s.") % {
                "what": describe(overlap),
                "name": employee.name,
            }
    return errors


def leave_record_new(
    *, employee: Employee, kind: str, start: dt.date, end: dt.date, status: str, note: str, user
) -> LeaveRecord:
    """A checked entry, unsaved: whoever enters an approved one decided it."""
    approved = status == LeaveStatus.APPROVED
    return LeaveRecord(
        employee=employee,
        kind=kind,
        start=start,
        end=end,
        status=status,
        note=note.strip(),
        created_by=user,
        decided_by=user if approved else None,
        decided_at=timezone.now() if approved else None,
    )


def leave_changed_send(*, changes: list[LeaveChange], user, today: dt.date | None) -> None:
    """Tell the layers above that approved leave changed (in the caller's transaction)."""
    if changes:
        leave_changed.send(sender=LeaveRecord, changes=changes, user=user, today=today)


def _change(record: LeaveRecord, reason: str) -> LeaveChange:
    return LeaveChange(employee=record.employee, start=record.start, end=record.end, reason=reason)


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
    taken: list[LeaveRecord] = []
    if start is not None and end is not None:
        taken = active_overlapping(employee_ids=[employee.pk], start=start, end=end)[employee.pk]
    errors = leave_check(
        employee=employee,
        kind=kind,
        start=start,
        end=end,
        status=status,
        note=note,
        today=today or employee.opd.local_today(),
        taken=taken,
    )
    if errors:
        raise ValidationError(errors)
    record = leave_record_new(
        employee=employee, kind=kind, start=start, end=end, status=status, note=note, user=user
    )
    record.save()
    if status == LeaveStatus.APPROVED:
        leave_changed_send(changes=[_change(record, describe(record))], user=user, today=today)
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
    leave_changed_send(changes=[_change(record, describe(record))], user=user, today=today)
    leave_decided_notify(record=record, employee_user_id=employee.user_id)
    return record


@transaction.atomic
def leave_reject(*, record: LeaveRecord, user, note: str) -> LeaveRecord:
    """A pending entry is rejected, with the reason."""
    employee = Employee.objects.select_related("opd").get(pk=record.employee_id)
    _require_manager(user, employee)
    if not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    record = _decide(
        record, user=user, frm=(LeaveStatus.PENDING,), to=LeaveStatus.REJECTED, note=note
    )
    leave_decided_notify(record=record, employee_user_id=employee.user_id)
    return record


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
        leave_changed_send(changes=[_change(record, reason)], user=user, today=today)
    return record
