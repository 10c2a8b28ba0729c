"""The mails of a leave request, sent once the transaction that caused it commits, each with the
absolute link of the page where its reader acts."""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.links import absolute_reverse
from leave.models import LeaveRecord, LeaveStatus
from opd.models import Employee


def _address(employee: Employee | None) -> str:
    if employee is None:
        return ""
    if employee.email:
        return employee.email
    return employee.user.email if employee.user_id and employee.user.email else ""


def _long(day) -> str:
    return date_format(day, "l, j F Y")


def send(*, kind: str, pk: int) -> int:
    record = (
        LeaveRecord.objects.select_related("employee__user", "employee__supervisor__user")
        .filter(pk=pk)
        .first()
    )
    if record is None:
        return 0
    employee = record.employee
    what = {
        "what": record.get_kind_display(),
        "name": employee.name,
        "start": _long(record.start),
        "end": _long(record.end),
    }
    if kind == "requested":
        link = absolute_reverse("selfservice:leave_queue", fragment=f"cuti-{record.pk}")
        subject = _("Pengajuan %(what)s %(name)s menunggu keputusan") % what
        body = _(
            "%(name)s mengajukan %(what)s %(start)s – %(end)s.\nKeterangan: %(note)s\n\n"
            "Setujui atau kembalikan di: %(link)s"
        ) % {**what, "note": record.note or "-", "link": link}
        recipients = [_address(employee.supervisor)]
        recipients += list(employee.opd.admins.exclude(email="").values_list("email", flat=True))
    else:
        link = absolute_reverse("selfservice:leave_mine", fragment=f"cuti-{record.pk}")
        if record.status == LeaveStatus.APPROVED:
            subject = _("%(what)s %(start)s – %(end)s disetujui") % what
            body = _(
                "%(what)s Anda %(start)s – %(end)s disetujui; jadwal Anda sudah diubah.\n"
                "Catatan: %(note)s\n\nLihat di: %(link)s"
            )
        else:
            subject = _("%(what)s %(start)s – %(end)s dikembalikan") % what
            body = _(
                "%(what)s Anda %(start)s – %(end)s dikembalikan.\nCatatan: %(note)s\n\n"
                "Ajukan lagi bila perlu di: %(link)s"
            )
        body = body % {**what, "note": record.decision_note or "-", "link": link}
        recipients = [_address(employee)]
    recipients = sorted({a for a in recipients if a})
    if not recipients:
        return 0
    return send_mail(subject, body, None, recipients)
