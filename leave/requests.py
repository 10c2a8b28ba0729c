"""Leave and duty requests from the employee: ask, decide (approve or return with a note), cancel.

The employee asks for leave or duty over a date range (any LeaveKind), with an attachment where
the kind needs one (sick leave of more than a day: a doctor's letter). It waits, pending, for
their direct supervisor, an admin of their OPD or HR (`opd.access.can_decide_leave`). Approval
sends the same `leave_changed` as an entry or an import of approved leave, so the roster moves
exactly as it does for them (wfh.receivers); a return says why and holds nothing. While it waits
the employee may cancel it. Every state change is guarded: `filter(status=PENDING).update(...)`
must move one row, so a second decision (two approvers at once, a double click) is refused.
Each step tells the people concerned in the inbox and by mail (leave.mail), after the commit.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import notifications
from accounts.models import NotificationKind
from leave import mail
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from leave.notices import leave_decided_notify
from leave.selectors import active_overlapping
from leave.services import describe, leave_changed_send, leave_check
from leave.signals import LeaveChange
from opd import access
from opd.models import Employee
from opd.queues import Outcome, decide_each

SICK_KINDS = (LeaveKind.SAKIT, LeaveKind.CUTI_SAKIT)
# what an attachment may be, by its first bytes (the name's extension must agree)
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
CONTENT_TYPES[".png"] = "image/png"


def _own_employee(user) -> Employee:
    employee_id = access.scope_for(user).employee_id
    if employee_id is None:
        raise PermissionDenied(_("Akun ini tidak terhubung dengan data pegawai."))
    return Employee.objects.select_related("opd", "supervisor").get(pk=employee_id)


def needs_attachment(*, kind: str, start: dt.date | None, end: dt.date | None) -> bool:
    """Sick leave of more than one day needs a doctor's letter."""
    return kind in SICK_KINDS and start is not None and end is not None and end > start


def attachment_check(upload: UploadedFile | None) -> str:
    """What is wrong with an attachment ("" when nothing): PDF, JPG or PNG by its name and its
    first bytes, at most LEAVE_ATTACHMENT_MAX_MB."""
    if upload is None:
        return ""
    name = (upload.name or "").lower()
    ext = name[name.rfind(".") :] if "." in name else ""
    if ext not in SIGNATURES:
        return _("Lampiran harus PDF, JPG atau PNG (berkas %(name)s).") % {"name": upload.name}
    limit = settings.LEAVE_ATTACHMENT_MAX_MB
    if upload.size is None or upload.size > limit * 1024 * 1024:
        return _("Lampiran paling besar %(mb)s MB.") % {"mb": limit}
    if upload.size == 0:
        return _("Lampiran kosong.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]):
        return _("Isi berkas %(name)s bukan %(kind)s yang sah.") % {
            "name": upload.name,
            "kind": ext[1:].upper(),
        }
    return ""


def content_type_of(record: LeaveRecord) -> str:
    name = record.attachment.name.lower()
    ext = name[name.rfind(".") :] if "." in name else ""
    return CONTENT_TYPES.get(ext, "application/octet-stream")


def deciders_user_ids(employee: Employee) -> list[int]:
    """Who is told of a new request: the direct supervisor's login and the OPD's admins."""
    ids = [employee.supervisor.user_id] if employee.supervisor_id and employee.supervisor else []
    ids += list(employee.opd.admins.values_list("id", flat=True))
    return [i for i in ids if i and i != employee.user_id]


def _params(record: LeaveRecord) -> dict:
    return {
        "what": record.get_kind_display(),
        "start_day": record.start.isoformat(),
        "end_day": record.end.isoformat(),
    }


@transaction.atomic
def leave_request_create(
    *,
    user,
    kind: str,
    start: dt.date | None,
    end: dt.date | None,
    note: str = "",
    attachment: UploadedFile | None = None,
    today: dt.date | None = None,
) -> LeaveRecord:
    """The logged-in employee asks for leave or duty; ValidationError names each wrong field."""
    employee = _own_employee(user)
    # one entry at a time per employee, so that two overlapping requests cannot both pass
    employee = (
        Employee.objects.select_for_update(of=("self",))
        .select_related("opd", "supervisor")
        .get(pk=employee.pk)
    )
    taken: list[LeaveRecord] = []
    if start is not None and end is not None and end >= start:
        taken = active_overlapping(employee_ids=[employee.pk], start=start, end=end)[employee.pk]
    errors = leave_check(
        employee=employee,
        kind=kind,
        start=start,
        end=end,
        status=LeaveStatus.PENDING,
        note=note,
        today=today or employee.opd.local_today(),
        taken=taken,
    )
    wrong_file = attachment_check(attachment)
    if wrong_file:
        errors["attachment"] = wrong_file
    elif attachment is None and needs_attachment(kind=kind, start=start, end=end):
        errors["attachment"] = _(
            "Sakit lebih dari satu hari perlu surat keterangan dokter (PDF, JPG atau PNG)."
        )
    if errors:
        raise ValidationError(errors)
    record = LeaveRecord(
        employee=employee,
        kind=kind,
        start=start,
        end=end,
        status=LeaveStatus.PENDING,
        note=note.strip(),
        created_by=user,
    )
    if attachment is not None:
        record.attachment_name = (attachment.name or "")[-120:]
        record.attachment.save(attachment.name, attachment, save=False)
    record.save()
    notifications.notify(
        users=deciders_user_ids(employee),
        kind=NotificationKind.LEAVE_ASKED,
        params={"name": employee.name, **_params(record)},
        url=reverse("selfservice:leave_queue") + f"#cuti-{record.pk}",
    )
    transaction.on_commit(lambda: _mail("requested", record.pk))
    return record


def _mail(kind: str, pk: int) -> None:
    mail.send(kind=kind, pk=pk)  # reads the record again, committed


def _guarded(record: LeaveRecord, *, to: str, user, note: str) -> LeaveRecord:
    moved = LeaveRecord.objects.filter(pk=record.pk, status=LeaveStatus.PENDING).update(
        status=to, decided_by=user, decided_at=timezone.now(), decision_note=note.strip()
    )
    if moved != 1:
        current = LeaveRecord.objects.get(pk=record.pk)
        raise ValidationError(
            _("Pengajuan ini sudah berstatus %(status)s.")
            % {"status": current.get_status_display()}
        )
    return LeaveRecord.objects.select_related("employee__opd").get(pk=record.pk)


@transaction.atomic
def leave_request_decide(
    *, record: LeaveRecord, user, approve: bool, note: str = "", today: dt.date | None = None
) -> LeaveRecord:
    """The supervisor, the OPD admin or HR approves a pending request (it moves the roster
    exactly as approved leave entered or imported does) or returns it with a note."""
    employee = Employee.objects.select_related("opd").get(pk=record.employee_id)
    if not access.can_decide_leave(user, employee):
        raise PermissionDenied(_("Anda tidak dapat memutuskan pengajuan pegawai ini."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Tuliskan catatan saat mengembalikan pengajuan.")})
    record = _guarded(
        record, to=LeaveStatus.APPROVED if approve else LeaveStatus.RETURNED, user=user, note=note
    )
    if approve:
        change = LeaveChange(
            employee=employee, start=record.start, end=record.end, reason=describe(record)
        )
        leave_changed_send(changes=[change], user=user, today=today)
    leave_decided_notify(record=record, employee_user_id=employee.user_id)
    transaction.on_commit(lambda: _mail("decided", record.pk))
    return record


@transaction.atomic
def leave_request_cancel(*, record: LeaveRecord, user) -> LeaveRecord:
    """The employee withdraws their own request while it waits (an approved one is cancelled by
    the OPD admin, who puts the days back: leave.services.leave_cancel)."""
    if access.scope_for(user).employee_id != record.employee_id:
        raise PermissionDenied
    return _guarded(record, to=LeaveStatus.CANCELLED, user=user, note="")


def my_requests(*, user):
    employee_id = access.scope_for(user).employee_id
    return LeaveRecord.objects.filter(employee_id=employee_id or 0).order_by("-start", "-pk")


def requests_to_decide(*, user):
    """Pending requests the user may decide, newest first."""
    return (
        LeaveRecord.objects.filter(
            status=LeaveStatus.PENDING, employee__in=access.leave_decidable_employees(user)
        )
        .select_related("employee__opd", "employee__unit")
        .order_by("-created_at", "-pk")
    )


def leave_requests_decide_bulk(
    *, record_ids: list[int], user, approve: bool, note: str = "", today: dt.date | None = None
) -> list[Outcome]:
    """Approve or return many pending requests with one note, each through
    `leave_request_decide` (its access check and guarded status change) in its own savepoint:
    one refused is named, the others are decided. Returning without a note decides none."""
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Tuliskan catatan saat mengembalikan pengajuan.")})
    found = LeaveRecord.objects.filter(pk__in=set(record_ids)).select_related("employee")
    return decide_each(
        sorted(found, key=lambda r: (r.created_at, r.pk), reverse=True),
        lambda record: leave_request_decide(
            record=record, user=user, approve=approve, note=note, today=today
        ),
        denied=_("Anda tidak dapat memutuskan pengajuan pegawai ini."),
    )


def pending_decisions_count(*, user) -> int:
    """Pending requests the user may decide (the queue's header and the menu's badge): one
    COUNT."""
    return LeaveRecord.objects.filter(
        status=LeaveStatus.PENDING, employee__in=access.leave_decidable_employees(user)
    ).count()
