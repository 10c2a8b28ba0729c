"""The mails that tell employees their days changed by a declaration or an order (or its revoke).

Sent by the task "wfh.overrides_mail" once the transaction that wrote the days commits. Each
employee gets one message of their own with each of their days not yet lived in the range and
its published mode, re-read when the task runs (so a rerun says the same).
"""

from __future__ import annotations

from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _

from common.links import absolute_reverse
from opd.models import Employee
from wfh.dates import long_date
from wfh.models import ScheduleDay
from wfh.overrides.models import DeclaredDay, WfhOrder

BATCH = 200  # messages per SMTP connection round


def _address(employee: Employee) -> str:
    if employee.email:
        return employee.email
    return employee.user.email if employee.user_id and employee.user.email else ""


def _subject_body(kind: str, pk: int) -> tuple[str, str, object, object] | None:
    if kind in ("declared", "declared_revoked"):
        declared = DeclaredDay.objects.filter(pk=pk).first()
        if declared is None:
            return None
        span = long_date(declared.start)
        if declared.end != declared.start:
            span = _("%(a)s s.d. %(b)s") % {"a": span, "b": long_date(declared.end)}
        what = declared.get_mode_display()
        if declared.share is not None:
            what = _("%(what)s bergilir %(pct)s%%") % {
                "what": what,
                "pct": int(declared.share * 100),
            }
        if kind == "declared":
            subject = _("%(mode)s %(span)s (%(ref)s)") % {
                "mode": declared.mode,
                "span": span,
                "ref": declared.reference,
            }
            intro = _(
                "BKPSDM menetapkan %(what)s pada %(span)s berdasarkan %(ref)s. Jadwal Anda pada "
                "hari-hari itu:"
            ) % {"what": what, "span": span, "ref": declared.reference}
        else:
            subject = _("Penetapan %(ref)s dicabut") % {"ref": declared.reference}
            intro = _(
                "Penetapan %(what)s pada %(span)s (%(ref)s) dicabut; jadwal Anda kembali "
                "mengikuti tahap program:"
            ) % {"what": what, "span": span, "ref": declared.reference}
        return subject, intro, declared.start, declared.end
    order = WfhOrder.objects.filter(pk=pk).first()
    if order is None:
        return None
    if kind == "order":
        subject = _("Perintah WFH %(number)s") % {"number": order.number}
        intro = _("Perintah WFH %(number)s (%(reason)s) berlaku untuk Anda. Jadwal Anda:") % {
            "number": order.number,
            "reason": order.get_reason_display(),
        }
    else:
        subject = _("Perintah WFH %(number)s dicabut") % {"number": order.number}
        intro = _(
            "Perintah WFH %(number)s dicabut; jadwal Anda kembali mengikuti tahap program:"
        ) % {"number": order.number}
    return subject, intro, order.start, order.end


def overrides_mail(*, kind: str, pk: int, employee_ids: list[int]) -> int:
    """Send each employee their own message; the number sent."""
    head = _subject_body(kind, pk)
    if head is None or not employee_ids:
        return 0
    subject, intro, start, end = head
    days: dict[int, list[str]] = {}
    rows = ScheduleDay.objects.filter(
        employee_id__in=employee_ids, day__gte=start, day__lte=end
    ).order_by("employee_id", "day")
    for employee_id, day, mode in rows.values_list("employee_id", "day", "mode"):
        label = _("Cuti/izin/dinas") if mode == "LEAVE" else mode
        days.setdefault(employee_id, []).append(f"- {long_date(day)}: {label}")
    messages = []
    link = absolute_reverse("selfservice:my_month")
    employees = Employee.objects.filter(id__in=employee_ids).select_related("user")
    for employee in employees.order_by("id"):
        address = _address(employee)
        if not address:
            continue
        lines = days.get(employee.pk, [])
        body = "\n".join(
            [intro, *lines, "", _("Jadwal lengkap di Kalender saya: %(link)s") % {"link": link}]
        )
        messages.append(EmailMessage(subject, body, None, [address]))
    sent = 0
    connection = get_connection()
    for i in range(0, len(messages), BATCH):
        sent += connection.send_messages(messages[i : i + BATCH]) or 0
    return sent
