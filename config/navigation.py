"""The menu: one list of entries, each saying who sees it (from the scope in opd/access.py).

Every page's header is built from MENU; a new page adds one entry here instead of editing
templates/base.html. `group` orders the entries into the sections of the menu; `bottom` marks the
few an employee finds in the phone's bottom bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications import unread_count
from opd.access import scope_for


@dataclass(frozen=True)
class Entry:
    label: object
    url_name: str
    shown: Callable[[object], bool]
    group: str = "work"
    bottom: bool = False
    icon: str = ""
    badge: str = ""  # "inbox": shows the unread count beside the label


def _everyone(s) -> bool:
    return True


def _registry(s) -> bool:
    return bool(s.sees_registry)


def _employee(s) -> bool:
    return bool(s.employee_id)


def _hr(s) -> bool:
    return bool(s.is_hr)


def _supervisor_only(s) -> bool:
    return bool(s.is_supervisor) and not s.sees_registry


MENU: list[Entry] = [
    Entry(_("Dasbor"), "dashboard:today", _registry, group="hr"),
    Entry(_("OPD"), "opd:list", _registry, group="hr"),
    Entry(_("Pegawai"), "opd:employees", lambda s: s.sees_registry or s.is_supervisor, group="hr"),
    Entry(_("Jadwal"), "wfh:schedule", _registry, group="hr"),
    Entry(_("Kalender"), "wfh:calendar", _registry, group="hr"),
    Entry(_("Presensi"), "attendance:checkin", _employee, group="me", bottom=True, icon="today"),
    Entry(
        _("Kalender saya"),
        "selfservice:my_month",
        _employee,
        group="me",
        bottom=True,
        icon="calendar",
    ),
    Entry(
        _("Tukar jadwal"), "selfservice:swap_new", _employee, group="me", bottom=True, icon="swap"
    ),
    Entry(
        _("Persetujuan tukar"),
        "selfservice:swap_queue",
        lambda s: s.is_hr or s.is_supervisor,
        group="review",
    ),
    Entry(_("Rekap presensi"), "attendance:index", _registry, group="review"),
    Entry(_("Tinjau presensi"), "attendance:review", _registry, group="review"),
    Entry(_("Presensi tim"), "attendance:index", _supervisor_only, group="review"),
    Entry(_("Cuti & dinas"), "attendance:leave_list", _registry, group="hr"),
    Entry(_("Hukuman disiplin"), "opd:sanctions", _registry, group="hr"),
    Entry(_("Kajian"), "evaluation:report", _registry, group="hr"),
    Entry(_("Gedung"), "buildings:list", _registry, group="hr"),
    Entry(_("Okupansi gedung"), "buildings:pemda", _registry, group="hr"),
    Entry(
        _("Laporan kinerja"),
        "attendance:report_queue",
        lambda s: s.is_supervisor or s.is_hr,
        group="review",
    ),
    Entry(
        _("Laporan saya"),
        "attendance:report_mine",
        _employee,
        group="me",
        bottom=True,
        icon="report",
    ),
    Entry(_("Impor"), "opd:import", _hr, group="admin"),
    Entry(_("Klien API"), "api_pages:clients", _hr, group="admin"),
    Entry(_("Akun terkunci"), "opd:lockouts", _hr, group="admin"),
    Entry(_("Admin"), "admin:index", _hr, group="admin"),
    Entry(_("Profil saya"), "opd:me", _employee, group="me", bottom=True, icon="profile"),
    Entry(_("Cuti & dinas saya"), "selfservice:leave_mine", _employee, group="me"),
    Entry(
        _("Persetujuan cuti"),
        "selfservice:leave_queue",
        lambda s: s.sees_registry or s.is_supervisor,
        group="review",
    ),
    Entry(_("Notifikasi"), "inbox:list", _everyone, group="me", icon="inbox", badge="inbox"),
]


@dataclass(frozen=True)
class Item:
    label: object
    url: str
    group: str
    bottom: bool
    icon: str
    current: bool
    badge: int = 0


def menu_for(scope, path: str = "", unread: int = 0) -> list[Item]:
    """The entries this scope sees, in MENU's order, each with its URL and whether it is open;
    the inbox's entry carries `unread`."""
    items = []
    for entry in MENU:
        if not entry.shown(scope):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:  # an app switched off in this deployment
            continue
        current = bool(path) and (path == url or (url != "/" and path.startswith(url)))
        badge = unread if entry.badge == "inbox" else 0
        items.append(Item(entry.label, url, entry.group, entry.bottom, entry.icon, current, badge))
    return items


def menu(request):
    """Context processor: `menu`, the header's entries for the user asking, the inbox's with
    the unread count (one COUNT query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = unread_count(user_id=user.pk)
    return {"menu": menu_for(scope_for(user), request.path, unread), "unread_notifications": unread}
