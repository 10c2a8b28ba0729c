"""The menu: one list of entries, each saying who sees it (from the scope in opd/access.py).

Every page's header is built from MENU; a new page adds one entry here instead of editing
templates/base.html. `group` orders the entries into the sections of the menu; `bottom` marks the
few an employee finds in the phone's bottom bar (under `short`, its label there).

Badges are one mechanism: an entry's `badge` is a callable (user, scope) -> int | None, the count
of what waits for the user there (unread notifications, swaps asked of them, reports returned to
them; for reviewers, what waits in each review queue). Each costs one COUNT query per page, and
only for users who see its entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications import unread_count
from attendance.reports import pending_review_count, returned_count
from attendance.selectors import review_queue
from leave.requests import pending_decisions_count
from opd.access import scope_for
from selfservice.selectors import swap_queue, swaps_for_me_count

# the COUNT queries the badges add to an employee's page beyond the inbox's (swaps asked of them,
# reports returned to them): page tests' query bounds add this for an employee
EMPLOYEE_BADGE_QUERIES = 2


@dataclass(frozen=True)
class Entry:
    label: object
    url_name: str
    shown: Callable[[object], bool]
    group: str = "work"
    bottom: bool = False
    icon: str = ""
    # (user, scope) -> the count shown beside the label, None or 0 for none
    badge: Callable[[object, object], int | None] | None = None
    short: object = ""  # the bottom bar's label (the menu's label without it)


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


def unread_badge(user, scope) -> int:
    """Notifications not yet read."""
    return unread_count(user_id=user.pk)


def swaps_asked_badge(user, scope) -> int | None:
    """Swaps a colleague asked of the employee that wait for their answer."""
    if not scope.employee_id:
        return None
    return swaps_for_me_count(employee_id=scope.employee_id)


def reports_returned_badge(user, scope) -> int | None:
    """Work reports the supervisor returned to the employee to write again."""
    if not scope.employee_id:
        return None
    return returned_count(employee_id=scope.employee_id)


def flagged_badge(user, scope) -> int:
    """Flagged check-ins waiting for the reviewer's decision."""
    return review_queue(user=user).count()


def reports_to_review_badge(user, scope) -> int:
    """Submitted work reports waiting for the supervisor's (or HR's) review."""
    return pending_review_count(user=user)


def swaps_to_decide_badge(user, scope) -> int:
    """Swaps the colleague agreed to that wait for the supervisor's (or HR's) decision."""
    return swap_queue(user=user).count()


def leave_to_decide_badge(user, scope) -> int:
    """Leave and duty requests waiting for the approver's decision."""
    return pending_decisions_count(user=user)


REVIEW_BADGES = (
    flagged_badge,
    reports_to_review_badge,
    swaps_to_decide_badge,
    leave_to_decide_badge,
)


MENU: list[Entry] = [
    Entry(_("Dasbor"), "dashboard:today", _registry, group="hr"),
    Entry(_("OPD"), "opd:list", _registry, group="hr"),
    Entry(_("Pegawai"), "opd:employees", lambda s: s.sees_registry or s.is_supervisor, group="hr"),
    Entry(_("Jadwal"), "wfh:schedule", _registry, group="hr"),
    Entry(_("Kalender"), "wfh:calendar", _registry, group="hr"),
    Entry(
        _("Kalender tim"),
        "wfh:team_calendar",
        lambda s: bool(s.employee_id or s.sees_registry),
        group="me",
    ),
    Entry(
        _("Presensi"),
        "attendance:checkin",
        _employee,
        group="me",
        bottom=True,
        icon="today",
        short=_("Hari ini"),
    ),
    Entry(_("Hari-hari ke depan"), "attendance:upcoming", _employee, group="me"),
    Entry(
        _("Kalender saya"),
        "selfservice:my_month",
        _employee,
        group="me",
        bottom=True,
        icon="calendar",
        short=_("Kalender"),
    ),
    Entry(
        _("Tukar jadwal"),
        "selfservice:swap_new",
        _employee,
        group="me",
        bottom=True,
        icon="swap",
        badge=swaps_asked_badge,
        short=_("Tukar"),
    ),
    Entry(
        _("Persetujuan tukar"),
        "selfservice:swap_queue",
        lambda s: s.is_hr or s.is_supervisor,
        group="review",
        badge=swaps_to_decide_badge,
    ),
    Entry(_("Rekap presensi"), "attendance:index", _registry, group="review"),
    Entry(
        _("Tinjau presensi"), "attendance:review", _registry, group="review", badge=flagged_badge
    ),
    Entry(_("Presensi tim"), "attendance:index", _supervisor_only, group="review"),
    Entry(_("Cuti & dinas"), "attendance:leave_list", _registry, group="hr"),
    Entry(_("Hukuman disiplin"), "opd:sanctions", _registry, group="hr"),
    Entry(_("Kajian"), "evaluation:report", _registry, group="hr"),
    Entry(_("Rencana gedung"), "buildings_plans:list", _registry, group="hr"),
    Entry(_("Penghematan energi"), "evaluation:energy", _registry, group="hr"),
    Entry(_("Pembacaan meter"), "readings:list", _registry, group="hr"),
    Entry(_("Gedung"), "buildings:list", _registry, group="hr"),
    Entry(_("Okupansi gedung"), "buildings:pemda", _registry, group="hr"),
    Entry(
        _("Laporan kinerja"),
        "attendance:report_queue",
        lambda s: s.is_supervisor or s.is_hr,
        group="review",
        badge=reports_to_review_badge,
    ),
    Entry(
        _("Laporan saya"),
        "attendance:report_mine",
        _employee,
        group="me",
        bottom=True,
        icon="report",
        badge=reports_returned_badge,
        short=_("Laporan"),
    ),
    Entry(_("Impor"), "opd:import", _hr, group="admin"),
    Entry(_("Klien API"), "api_pages:clients", _hr, group="admin"),
    Entry(_("Akun terkunci"), "opd:lockouts", _hr, group="admin"),
    Entry(_("Admin"), "admin:index", _hr, group="admin"),
    Entry(
        _("Profil saya"),
        "opd:me",
        _employee,
        group="me",
        bottom=True,
        icon="profile",
        short=_("Profil"),
    ),
    Entry(_("Cuti & dinas saya"), "selfservice:leave_mine", _employee, group="me"),
    Entry(_("Presensi saya"), "selfservice:my_presence", _employee, group="me"),
    Entry(_("Lokasi rumah"), "selfservice:home_location", _employee, group="me"),
    Entry(
        _("Persetujuan lokasi rumah"),
        "selfservice:home_location_queue",
        _registry,
        group="review",
    ),
    Entry(
        _("Persetujuan cuti"),
        "selfservice:leave_queue",
        lambda s: s.sees_registry or s.is_supervisor,
        group="review",
        badge=leave_to_decide_badge,
    ),
    Entry(_("Notifikasi"), "inbox:list", _everyone, group="me", icon="inbox", badge=unread_badge),
]


def review_badge_queries(scope) -> int:
    """The COUNT queries the review entries' badges add to a reviewer's page (one per review
    entry the scope sees): page tests' query bounds add this for a reviewer."""
    return sum(1 for e in MENU if e.badge in REVIEW_BADGES and e.shown(scope))


@dataclass(frozen=True)
class Item:
    label: object
    url: str
    group: str
    bottom: bool
    icon: str
    current: bool
    badge: int = 0
    short: object = ""
    inbox: bool = False  # the inbox's entry: its badge counts unread notifications


def menu_for(scope, path: str = "", user=None) -> list[Item]:
    """The entries this scope sees, in MENU's order, each with its URL, whether it is open and
    its badge's count (computed only with `user`)."""
    items = []
    for entry in MENU:
        if not entry.shown(scope):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:  # an app switched off in this deployment
            continue
        current = bool(path) and (path == url or (url != "/" and path.startswith(url)))
        badge = (entry.badge(user, scope) or 0) if entry.badge and user is not None else 0
        items.append(
            Item(
                entry.label,
                url,
                entry.group,
                entry.bottom,
                entry.icon,
                current,
                badge,
                entry.short or entry.label,
                entry.badge is unread_badge,
            )
        )
    return _one_current(items)


def _one_current(items: list[Item]) -> list[Item]:
    """Only the longest matching URL is the open page (/presensi/hari-depan/ is not also
    /presensi/)."""
    current = [i for i in items if i.current]
    if len(current) <= 1:
        return items
    best = max(len(i.url) for i in current)
    return [
        i if not i.current or len(i.url) == best else Item(**{**i.__dict__, "current": False})
        for i in items
    ]


def menu(request):
    """Context processor: `menu`, the header's entries for the user asking with their badges'
    counts (a COUNT query per badge the user sees), and `bottom_bar`, the employee's phone bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = menu_for(scope_for(user), request.path, user)
    unread = next((i.badge for i in items if i.inbox), 0)
    return {
        "menu": items,
        "bottom_bar": [i for i in items if i.bottom],
        "unread_notifications": unread,
    }
