"""The employee's WFH days as an iCalendar feed (RFC 5545) that calendar apps subscribe to."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

from opd.models import Employee
from wfh.models import ScheduleDay

PRODID = "-//WFH-ASN//Jadwal WFH//ID"
UID_DOMAIN = "wfh-asn"


def event_uid(employee_id: int, day: dt.date) -> str:
    """Stable across fetches and republications: one event per employee and day."""
    return f"wfh-{employee_id}-{day:%Y%m%d}@{UID_DOMAIN}"


def description(row: ScheduleDay) -> str:
    phase = row.phase
    note = phase.wfh_note.strip()
    return f"{phase.name}: {note}" if note else phase.name


def feed(*, employee: Employee, rows) -> bytes:
    """All-day VEVENTs, SUMMARY "WFH", on the given published WFH days."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"WFH — {employee.name}")
    cal.add("x-wr-timezone", employee.opd.time_zone)
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    fallback_stamp = timezone.now()
    for row in rows:
        event = Event()
        event.add("uid", event_uid(employee.pk, row.day))
        event.add("dtstamp", row.roster.published_at or fallback_stamp)
        event.add("dtstart", row.day)
        event.add("dtend", row.day + dt.timedelta(days=1))
        event.add("summary", "WFH")
        event.add("description", description(row))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
