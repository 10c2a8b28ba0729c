"""The mails of the swap's life cycle, each sent once the transaction that caused it commits."""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from common.links import absolute_reverse
from opd.models import Employee
from selfservice.models import SwapRequest, SwapStatus
from wfh.dates import long_date


def _address(employee: Employee | None) -> str:
    if employee is None:
        return ""
    if employee.email:
        return employee.email
    return employee.user.email if employee.user_id and employee.user.email else ""


def _send(subject: str, body: str, employees) -> int:
    recipients = sorted({a for a in (_address(e) for e in employees) if a})
    if not recipients:
        return 0
    return send_mail(subject, body, None, recipients)


def requested(*, swap_id: int) -> None:
    """To the colleague: a request waits for their consent."""
    swap = SwapRequest.objects.select_related("requester__user", "colleague__user").get(pk=swap_id)
    day = long_date(swap.day)
    subject = _("Permintaan tukar jadwal %(day)s menunggu persetujuan Anda") % {"day": day}
    body = _(
        "%(a)s (%(am)s) meminta bertukar jadwal dengan Anda (%(bm)s) pada %(day)s.\n"
        "Alasan: %(note)s\n\nSetujui atau tolak di halaman Permintaan tukar saya: %(link)s\n"
        "Bila Anda setuju, atasan %(a)s atau BKPSDM yang memutuskan; bila Anda menolak, jadwal "
        "tetap."
    ) % {
        "link": absolute_reverse("selfservice:swap_mine", fragment=f"minta-{swap.pk}"),
        "a": swap.requester.name,
        "am": swap.requester_mode_before,
        "bm": swap.colleague_mode_before,
        "day": day,
        "note": swap.note or "-",
    }
    _send(subject, body, [swap.colleague])


def agreed(*, swap_id: int) -> None:
    """To the requester's supervisor: the colleague agreed, the request is theirs to decide."""
    swap = SwapRequest.objects.select_related("requester__supervisor__user", "colleague").get(
        pk=swap_id
    )
    day = long_date(swap.day)
    subject = _("Permintaan tukar jadwal %(day)s") % {"day": day}
    body = _(
        "%(a)s (%(am)s) meminta bertukar jadwal dengan %(b)s (%(bm)s) pada %(day)s, dan %(b)s "
        "sudah menyetujui.\nAlasan: %(note)s\n\nAtasan %(a)s atau BKPSDM memutuskan di halaman "
        "Persetujuan tukar jadwal: %(link)s"
    ) % {
        "link": absolute_reverse("selfservice:swap_queue"),
        "a": swap.requester.name,
        "am": swap.requester_mode_before,
        "b": swap.colleague.name,
        "bm": swap.colleague_mode_before,
        "day": day,
        "note": swap.note or "-",
    }
    _send(subject, body, [swap.requester.supervisor])


def declined(*, swap_id: int) -> None:
    """To the requester: the colleague declined; the schedule stays."""
    swap = SwapRequest.objects.select_related("requester__user", "colleague").get(pk=swap_id)
    day = long_date(swap.day)
    subject = _("Tukar jadwal %(day)s ditolak rekan") % {"day": day}
    body = _(
        "%(b)s menolak permintaan tukar jadwal Anda pada %(day)s; jadwal tetap.\n"
        "Catatan %(b)s: %(note)s\n\nPermintaan Anda: %(link)s"
    ) % {
        "b": swap.colleague.name,
        "day": day,
        "note": swap.colleague_note or "-",
        "link": absolute_reverse("selfservice:swap_mine"),
    }
    _send(subject, body, [swap.requester])


def decided(*, swap_id: int) -> None:
    """To both people: the supervisor (or HR) approved or rejected the request."""
    swap = SwapRequest.objects.select_related("requester__user", "colleague__user").get(pk=swap_id)
    day = long_date(swap.day)
    if swap.status == SwapStatus.APPROVED:
        subject = _("Tukar jadwal %(day)s disetujui") % {"day": day}
        body = _(
            "Tukar jadwal pada %(day)s disetujui.\n%(a)s kini %(am)s, %(b)s kini %(bm)s.\n"
            "Catatan: %(note)s"
        ) % {
            "day": day,
            "a": swap.requester.name,
            "am": swap.colleague_mode_before,
            "b": swap.colleague.name,
            "bm": swap.requester_mode_before,
            "note": swap.decision_note or "-",
        }
    else:
        subject = _("Tukar jadwal %(day)s ditolak") % {"day": day}
        body = _(
            "Permintaan tukar jadwal %(a)s dengan %(b)s pada %(day)s ditolak; jadwal tetap.\n"
            "Alasan: %(note)s"
        ) % {
            "day": day,
            "a": swap.requester.name,
            "b": swap.colleague.name,
            "note": swap.decision_note or "-",
        }
    body += "\n\n" + _("Jadwal Anda: %(link)s") % {"link": absolute_reverse("selfservice:my_month")}
    _send(subject, body, [swap.requester, swap.colleague])
