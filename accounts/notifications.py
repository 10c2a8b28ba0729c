"""The in-app inbox: the small interface every app above accounts calls to tell a user something.

`notify(users=..., kind=..., params=..., url=...)` writes one Notification per user in one
query (inside the caller's transaction: it commits or rolls back with the event). `key` makes it
once-only per user. The text is worded when read (a kind worded by its outcome picks its text
by params["status"]), in the reader's language (`text_of`): `params`
holds names and ISO dates (keys ending in "day"), never worded text. The header's badge is
`unread_count`, one indexed COUNT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification, NotificationKind, User

INBOX_PAGE = 30

TEXTS = {
    NotificationKind.SWAP_ASKED: _(
        "%(name)s meminta bertukar jadwal dengan Anda pada %(day)s; setujui atau tolak."
    ),
    NotificationKind.SWAP_DECIDED: {
        "approved": _("Tukar jadwal %(day)s dengan %(name)s disetujui."),
        "rejected": _("Tukar jadwal %(day)s dengan %(name)s ditolak: %(note)s"),
        "declined": _("%(name)s menolak tukar jadwal %(day)s: %(note)s"),
    },
    NotificationKind.REPORT_RETURNED: _(
        "Laporan kinerja %(day)s dikembalikan atasan: %(note)s. Perbaiki dan kirim ulang."
    ),
    NotificationKind.LEAVE_ASKED: _("%(name)s mengajukan %(what)s %(start_day)s – %(end_day)s."),
    NotificationKind.LEAVE_DECIDED: {
        "approved": _("%(what)s %(start_day)s – %(end_day)s disetujui; jadwal Anda sudah diubah."),
        "returned": _("%(what)s %(start_day)s – %(end_day)s dikembalikan: %(note)s"),
        "rejected": _("%(what)s %(start_day)s – %(end_day)s ditolak: %(note)s"),
    },
    NotificationKind.ROSTER_PUBLISHED: _(
        "Jadwal %(opd)s untuk %(phase)s diterbitkan; lihat hari WFH dan WFO Anda."
    ),
    NotificationKind.CHECKIN_FLAGGED: _(
        "Presensi Anda %(day)s ditandai untuk ditinjau: %(reason)s"
    ),
    NotificationKind.HOME_LOCATION_DECIDED: {
        "approved": _("Lokasi rumah Anda disetujui; presensi WFH kini diperiksa dari lokasi itu."),
        "returned": _("Lokasi rumah Anda dikembalikan: %(note)s. Kirim ulang dari rumah."),
    },
    NotificationKind.CHECKIN_REMINDER: _(
        "Anda belum presensi hari ini (%(mode)s, %(day)s). Jam masuk %(start)s."
    ),
}


def notify(
    *, users: Iterable[int], kind: str, params: dict | None = None, url: str = "", key: str = ""
) -> int:
    """One notification per user id (duplicates and None dropped; with `key`, users who already
    have that key are skipped). Returns how many were written."""
    ids = sorted({u for u in users if u})
    if not ids:
        return 0
    rows = [
        Notification(user_id=u, kind=kind, params=params or {}, url=url[:300], key=key[:80])
        for u in ids
    ]
    if not key:
        return len(Notification.objects.bulk_create(rows))
    have = set(
        Notification.objects.filter(user_id__in=ids, key=key[:80]).values_list("user_id", flat=True)
    )
    rows = [r for r in rows if r.user_id not in have]
    # two writers at once: the unique (user, key) keeps one, the other is ignored
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def notify_each(*, kind: str, rows: Iterable[tuple[int, dict, str]], url: str = "") -> int:
    """Many users, each their own params and key, in one query (rows of (user id, params,
    key)); rows without a user are dropped, a key a user already has is ignored."""
    made = [
        Notification(user_id=u, kind=kind, params=p, url=url[:300], key=k[:80])
        for u, p, k in rows
        if u
    ]
    if not made:
        return 0
    return len(Notification.objects.bulk_create(made, ignore_conflicts=True))


def _param(name: str, value):
    if name.endswith("day") and isinstance(value, str):
        try:
            return date_format(dt.date.fromisoformat(value), "l, j F Y")
        except ValueError:
            return value
    return value


def text_of(notification: Notification) -> str:
    """The notification worded in the active language."""
    template = TEXTS.get(notification.kind)
    params = {k: _param(k, v) for k, v in (notification.params or {}).items()}
    if isinstance(template, dict):  # worded by its outcome, params["status"]
        template = template.get(params.get("status"))
    if template is None:
        return notification.get_kind_display()
    params.setdefault("note", "-")
    if not params["note"]:
        params["note"] = "-"
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return notification.get_kind_display()


def unread_count(*, user_id: int) -> int:
    """The badge: one COUNT on the partial index of unread rows."""
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def inbox(*, user_id: int) -> QuerySet[Notification]:
    return Notification.objects.filter(user_id=user_id)


@dataclass(frozen=True)
class Shown:
    pk: int
    kind: str
    text: str
    url: str
    created_at: dt.datetime
    unread: bool


def shown(notifications: Iterable[Notification]) -> list[Shown]:
    return [
        Shown(n.pk, n.kind, text_of(n), n.url, n.created_at, n.read_at is None)
        for n in notifications
    ]


def mark_read(*, user_id: int, pk: int | None = None) -> int:
    """Mark one of the user's notifications (or all, pk None) read; guarded: only unread ones
    change, so a second click changes nothing. Returns how many changed."""
    qs = Notification.objects.filter(user_id=user_id, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


def reminder_set(*, user, on: bool) -> None:
    """Switch the user's daily check-in reminder on or off."""
    User.objects.filter(pk=user.pk).update(checkin_reminder=on)
    user.checkin_reminder = on
