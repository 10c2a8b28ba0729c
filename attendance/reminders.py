"""The daily check-in reminder: on a WFH or WFO working day, shortly before the day's start, each
employee who has not checked in yet (and has not switched the reminder off on their profile)
gets one notification and one mail with the link to the check-in page.

Run by the beat every few minutes ("attendance.checkin_reminders"); per OPD it acts only in the
CHECKIN_REMINDER_LEAD_MIN minutes before that OPD's start of the day in its own time zone, and a
reminder is keyed per employee and day, so a rerun or an overlapping beat sends nothing twice.
Days off (weekends, national holidays, cuti bersama, local days off) and leave days (their
published mode is LEAVE) get none.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import notifications
from accounts.models import NotificationKind
from attendance import rules
from attendance.models import AttendanceEvent, EventKind
from attendance.selectors import policy_of, working_hours_rows
from common.links import absolute_reverse
from opd.models import Opd
from wfh.calendar import national_days_off
from wfh.models import LocalDayOff, Mode, ScheduleDay


def _due(local: dt.datetime, start: dt.time, lead_min: int) -> bool:
    """Whether a reminder is due at `local` for a day starting at `start`: within the lead."""
    begin = dt.datetime.combine(local.date(), start, tzinfo=local.tzinfo)
    return begin - dt.timedelta(minutes=lead_min) <= local < begin


def _days_off_on(day: dt.date) -> tuple[bool, frozenset[int]]:
    """Whether `day` is off for every OPD (a national holiday, cuti bersama, a local day off for
    all), else the OPDs it is off for: one query whatever the number of OPDs."""
    if day in {off.day for off in national_days_off(day.year)}:
        return True, frozenset()
    some: set[int] = set()
    for off in LocalDayOff.objects.filter(date=day).prefetch_related("opds"):
        ids = {o.pk for o in off.opds.all()}
        if not ids:
            return True, frozenset()
        some |= ids
    return False, frozenset(some)


def reminder_key(day: dt.date) -> str:
    return f"remind-{day.isoformat()}"


def checkin_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Send the reminders due now (see the module); returns how many employees were reminded."""
    now = now or timezone.now()
    lead = settings.CHECKIN_REMINDER_LEAD_MIN
    opds = list(Opd.objects.values_list("pk", "time_zone"))
    policies = working_hours_rows(opd_ids=[pk for pk, _tz in opds])
    due: dict[dt.date, list[tuple[int, dt.time]]] = defaultdict(list)
    off_of: dict[dt.date, tuple[bool, frozenset[int]]] = {}
    for opd_id, tz_name in opds:
        local = now.astimezone(ZoneInfo(tz_name))
        start = rules.hours_on(policy_of(policies[opd_id]), local.date())
        if start is None or local.weekday() >= 5 or not _due(local, start[0], lead):
            continue
        if local.date() not in off_of:
            off_of[local.date()] = _days_off_on(local.date())
        everyone, some = off_of[local.date()]
        if everyone or opd_id in some:
            continue
        due[local.date()].append((opd_id, start[0]))
    total = 0
    for day, opd_starts in due.items():
        total += _remind(day, dict(opd_starts))
    return total


def _remind(day: dt.date, start_of: dict[int, dt.time]) -> int:
    rows = list(
        ScheduleDay.objects.filter(
            opd_id__in=list(start_of),
            day=day,
            mode__in=(Mode.WFH, Mode.WFO),
            employee__user__isnull=False,
            employee__user__is_active=True,
            employee__user__checkin_reminder=True,
        )
        .exclude(
            employee_id__in=AttendanceEvent.objects.filter(day=day, kind=EventKind.IN).values(
                "employee_id"
            )
        )
        .exclude(
            employee__user__notifications__key=reminder_key(day),
        )
        .values_list(
            "employee__user_id", "opd_id", "mode", "employee__email", "employee__user__email"
        )
    )
    if not rows:
        return 0
    key = reminder_key(day)
    notifications.notify_each(
        kind=NotificationKind.CHECKIN_REMINDER,
        rows=[
            (
                user_id,
                {"mode": mode, "day": day.isoformat(), "start": start_of[opd_id].strftime("%H:%M")},
                key,
            )
            for user_id, opd_id, mode, _e, _u in rows
        ],
        url=reverse("attendance:checkin"),
    )
    link = absolute_reverse("attendance:checkin")
    messages = []
    for _user_id, opd_id, mode, email, user_email in rows:
        address = email or user_email
        if not address:
            continue
        subject = _("Pengingat presensi %(day)s") % {"day": date_format(day, "l, j F Y")}
        body = _(
            "Anda belum presensi hari ini (%(mode)s). Jam masuk %(start)s.\n"
            "Presensi di: %(link)s\n\nPengingat ini dapat dimatikan di halaman Profil saya."
        ) % {"mode": mode, "start": start_of[opd_id].strftime("%H:%M"), "link": link}
        messages.append(EmailMessage(subject, body, None, [address]))
    if messages:
        get_connection().send_messages(messages)
    return len(rows)
