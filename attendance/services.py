"""Attendance services: ingest events in bulk, review flagged events.

`events_ingest` is set-based: whatever the batch size (up to MAX_BATCH), it reads employees,
known external ids, the published schedule, days off, policies and the day's earlier events in a
fixed number of queries and writes the new events with one bulk insert (split only where the
database limits the parameters of one statement).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import notifications
from accounts.models import NotificationKind, User
from attendance import rules
from attendance.flags import (
    DAY_OFF,
    FUTURE,
    IMPOSSIBLE_TRAVEL,
    LOW_ACCURACY,
    NO_CHECKIN,
    NO_HOME,
    NO_LOCATION,
    OUTSIDE_GEOFENCE,
    OUTSIDE_HOME,
    TOO_OLD,
    flag_text,
)
from attendance.integrity import (
    IntegrityLookup,
    Located,
    max_accuracy_credit_m,
    write_stored_flags,
)
from attendance.models import AttendanceEvent, EventKind, EventSource, EventStatus
from attendance.parsing import ItemError, Parsed, parse_item
from attendance.selectors import policy_of, working_hours_rows
from attendance.summaries.runs import summaries_recompute
from opd import access
from opd.models import Employee, Opd
from opd.queues import decide_each
from wfh.calendar import national_days_off
from wfh.models import LocalDayOff, Mode, ScheduleDay

MAX_BATCH = 1000
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
MAX_AGE = dt.timedelta(days=35)
DEFAULT_HOME_RADIUS_M = 200

ACCEPTED = "accepted"
FLAGGED = "flagged"
DUPLICATE = "duplicate"
REJECTED = "rejected"
LEGACY_SENDER = ""  # events stored before the sender was kept


@dataclass
class Result:
    """The answer for one item: its position in the batch, outcome, and why."""

    index: int
    status: str  # accepted, flagged, duplicate, rejected
    event_id: int | None = None
    flags: list[str] = field(default_factory=list)
    field: str = ""
    message: str = ""
    # a first check-in after the start of the day: its minutes late and TL tier (not sent by
    # the API, which answers as before; the check-in page words them)
    late_minutes: int = 0
    late_tier: str = ""

    def as_dict(self) -> dict:
        return {
            "index": self.index,
            "status": self.status,
            "event_id": self.event_id,
            "flags": self.flags,
            "field": self.field,
            "message": self.message,
        }


def sent_late_after_s() -> int:
    return int(getattr(settings, "ATTENDANCE_SENT_LATE_AFTER_S", 600))


# -- lookups for a whole batch ---------------------------------------------------------------------


def _days_off(days: set[dt.date]) -> dict[dt.date, tuple[str, frozenset[int]]]:
    """Per date: its name and the OPDs it is off for (empty = everyone). Two queries at most."""
    result: dict[dt.date, tuple[str, frozenset[int]]] = {}
    if not days:
        return result
    for year in {d.year for d in days}:
        for off in national_days_off(year):
            if off.day in days:
                result.setdefault(off.day, (off.name, frozenset()))
    local = LocalDayOff.objects.filter(date__in=days).prefetch_related("opds")
    for off in local:
        opd_ids = frozenset(o.pk for o in off.opds.all())
        name, known = result.get(off.date, (off.name, None))
        if known is None:
            result[off.date] = (name, opd_ids)
        elif known and opd_ids:
            result[off.date] = (name, known | opd_ids)
        elif known:
            result[off.date] = (name, frozenset())  # this one is off for every OPD
    return result


def _fix(ts: dt.datetime, lat, lon, acc) -> rules.Fix:
    return rules.Fix(ts, float(lat), float(lon), acc)


# -- ingest ----------------------------------------------------------------------------------------


def events_ingest(
    *,
    items: list[dict],
    source: str,
    received_at: dt.datetime | None = None,
    sender: str = "",
) -> list[Result]:
    """Validate and store up to MAX_BATCH events; answer one Result per item, in order.

    Rejected items (a field is wrong or the NIP unknown) are not stored. Duplicates (an external
    id this `sender` already stored for the same employee, or an earlier item of the batch) are
    stored once; an external id is the sender's own (API client, "web", "import"; the source's
    name by default), so no sender's ids can block or reveal another's events. Every other item
    is stored, accepted or flagged with reason codes for the review queue.
    """
    if source not in EventSource.values:
        raise ValidationError(_("Sumber %(source)s tidak dikenal.") % {"source": source})
    if len(items) > MAX_BATCH:
        raise ValidationError(
            _("Paling banyak %(max)s presensi sekali kirim; diterima %(n)s.")
            % {"max": MAX_BATCH, "n": len(items)}
        )
    received_at = received_at or timezone.now()
    sender = sender or source
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _ingest(items, source, sender, received_at)
        except IntegrityError:
            # another request stored one of the external ids in the meantime: read them again
            if attempt:
                raise
    raise AssertionError("unreachable")


def _without_duplicates(
    known: list[Parsed], employees: dict[str, Employee], source: str, sender: str
) -> tuple[list[Parsed], list[Result]]:
    """The items to store, and the answers of the others: duplicate (the sender's own id for
    the same employee, stored or earlier in the batch) or rejected (the id is the sender's for
    another employee). Events stored before senders were kept (sender "") count for the same
    employee only. One query, served by the partial unique index."""
    external_ids = {p.external_id for p in known if p.external_id}
    stored: dict[str, tuple[int, int]] = {}  # external id -> (employee, event) of this sender
    legacy: dict[tuple[str, int], int] = {}  # (external id, employee) -> event, sender ""
    rows = (
        AttendanceEvent.objects.filter(
            source=source, sender__in={sender, LEGACY_SENDER}, external_id__in=external_ids
        )
        .exclude(external_id="")  # the partial unique index's condition, so the index serves
        .values_list("external_id", "sender", "employee_id", "id")
    )
    for external_id, row_sender, employee_id, event_id in rows if external_ids else ():
        if row_sender == sender:
            stored[external_id] = (employee_id, event_id)
        else:
            legacy.setdefault((external_id, employee_id), event_id)
    fresh: list[Parsed] = []
    answers: list[Result] = []
    seen: dict[str, int] = {}  # external id -> employee, earlier in the batch
    for p in known:
        employee_id = employees[p.nip].pk
        if not p.external_id:
            fresh.append(p)
            continue
        owner = stored.get(p.external_id, (seen.get(p.external_id), None))
        if owner[0] is None and (p.external_id, employee_id) in legacy:
            owner = (employee_id, legacy[(p.external_id, employee_id)])
        if owner[0] is None:
            seen[p.external_id] = employee_id
            fresh.append(p)
        elif owner[0] == employee_id:
            answers.append(
                Result(
                    p.index,
                    DUPLICATE,
                    event_id=owner[1],
                    message=_("Presensi dengan ID eksternal ini sudah tersimpan."),
                )
            )
        else:
            answers.append(
                Result(
                    p.index,
                    REJECTED,
                    field="external_id",
                    message=_(
                        "ID eksternal %(id)s sudah Anda pakai untuk presensi pegawai lain; "
                        "setiap presensi memerlukan ID sendiri."
                    )
                    % {"id": p.external_id},
                )
            )
    return fresh, answers


def _ingest(items: list[dict], source: str, sender: str, received_at: dt.datetime) -> list[Result]:
    results: dict[int, Result] = {}
    parsed: list[Parsed] = []
    for index, item in enumerate(items):
        try:
            parsed.append(parse_item(index, item, received_at))
        except ItemError as exc:
            results[index] = Result(index, REJECTED, field=exc.field, message=exc.message)

    employees = {
        e.nip: e
        for e in Employee.objects.filter(nip__in={p.nip for p in parsed}).select_related("opd")
    }
    known = []
    for p in parsed:
        if p.nip in employees:
            known.append(p)
        else:
            results[p.index] = Result(
                p.index,
                REJECTED,
                field="nip",
                message=_("NIP %(nip)s tidak terdaftar.") % {"nip": p.nip},
            )
    fresh, answers = _without_duplicates(known, employees, source, sender)
    results.update((r.index, r) for r in answers)

    day_of = {p.index: rules.local_day(p.ts, employees[p.nip].opd.time_zone) for p in fresh}
    employee_ids = {employees[p.nip].pk for p in fresh}
    days = set(day_of.values())
    schedule = {
        (e, d): m
        for e, d, m in ScheduleDay.objects.filter(
            employee_id__in=employee_ids, day__in=days
        ).values_list("employee_id", "day", "mode")
    }
    off = _days_off(days)
    policies = working_hours_rows(
        # the tiers and special periods only when a check-in may be late
        opd_ids={employees[p.nip].opd_id for p in fresh},
        with_rules=any(p.kind == EventKind.IN for p in fresh),
    )
    earlier: dict[tuple[int, dt.date], list[rules.Fix]] = defaultdict(list)
    ins: dict[tuple[int, dt.date], list[_In]] = defaultdict(list)
    for e, d, ts, lat, lon, acc, kind, status, pk in AttendanceEvent.objects.filter(
        employee_id__in=employee_ids, day__in=days
    ).values_list(
        "employee_id",
        "day",
        "timestamp",
        "latitude",
        "longitude",
        "accuracy_m",
        "kind",
        "status",
        "id",
    ):
        if lat is not None:
            earlier[(e, d)].append(_fix(ts, lat, lon, acc))
        if kind == EventKind.IN and status != EventStatus.REJECTED_BY_REVIEW:
            ins[(e, d)].append(_In(ts, status, pk))
    located = {
        p.index: Located(
            employees[p.nip].pk,
            day_of[p.index],
            rules.position_key(p.latitude, p.longitude),
            p.accuracy_m,
        )
        for p in fresh
        if p.latitude is not None
    }
    integrity = IntegrityLookup.read(located.values())
    checks = _Checks(source, received_at, schedule, off, policies, earlier, integrity, ins)

    rows: list[tuple[Parsed, AttendanceEvent]] = []
    repeats: list[tuple[Result, _In]] = []
    lateness: dict[int, tuple[int, str]] = {}
    for p in sorted(fresh, key=lambda p: p.ts):
        employee, day = employees[p.nip], day_of[p.index]
        first = checks.first_in(p, employee, day)
        if first is not None:  # a second check-in that day: answered, not stored
            repeat = Result(
                p.index,
                DUPLICATE,
                event_id=first.event_id,
                field="kind",
                message=_(
                    "Presensi masuk hari ini sudah tercatat pukul %(time)s; presensi masuk "
                    "kedua tidak dicatat."
                )
                % {"time": _clock(first.ts, employee.opd.time_zone)},
            )
            results[p.index] = repeat
            repeats.append((repeat, first))
            continue
        event = checks.event(p, employee, day, located.get(p.index))
        event.sender = sender
        rows.append((p, event))
        if p.kind == EventKind.IN:
            checks.ins[(employee.pk, day)].append(_In(p.ts, event.status, None, event))
            lateness[p.index] = checks.lateness(p, employee, day)
    events = [event for _p, event in rows]
    _new, stored_changed = integrity.shared_with_batch(events)
    AttendanceEvent.objects.bulk_create(events)
    write_stored_flags(stored_changed)
    _tell_flagged(rows, employees)
    _recompute_late_days(events + stored_changed, received_at)
    for p, event in rows:
        results[p.index] = Result(
            p.index,
            FLAGGED if event.flags else ACCEPTED,
            event_id=event.pk,
            flags=list(event.flags),
            message=event.flag_message,
            late_minutes=lateness.get(p.index, (0, ""))[0],
            late_tier=lateness.get(p.index, (0, ""))[1],
        )
    for repeat, first in repeats:
        if repeat.event_id is None and first.event is not None:
            repeat.event_id = first.event.pk  # the first was stored by this very batch
    by_external = {p.external_id: event.pk for p, event in rows if p.external_id}
    for result in results.values():
        if result.status == DUPLICATE and result.event_id is None:
            item = items[result.index]
            result.event_id = by_external.get(str(item.get("external_id", "")).strip())
    return [results[i] for i in range(len(items))]


def _tell_flagged(rows: list[tuple[Parsed, AttendanceEvent]], employees: dict) -> None:
    """Each employee with a flagged event learns it in their inbox, once per day."""
    seen: dict[tuple[int, dt.date], tuple[int, dict, str]] = {}
    for p, event in rows:
        employee = employees[p.nip]
        key = (employee.pk, event.day)
        if event.flags and employee.user_id and key not in seen:
            params = {"day": event.day.isoformat(), "reason": event.flag_message}
            seen[key] = (employee.user_id, params, f"flag-{employee.pk}-{event.day.isoformat()}")
    if seen:
        notifications.notify_each(
            kind=NotificationKind.CHECKIN_FLAGGED,
            rows=seen.values(),
            url=reverse("attendance:checkin"),
        )


@dataclass
class _In:
    """A check-in of the day known to the batch: stored (its id) or stored by it (its event)."""

    ts: dt.datetime
    status: str
    event_id: int | None
    event: AttendanceEvent | None = None


_COUNTED = (EventStatus.ACCEPTED, EventStatus.ACCEPTED_BY_REVIEW)


def _clock(ts: dt.datetime, tz_name: str) -> str:
    """ "07:12 WIB": the local time and the zone's abbreviation."""
    local = rules.local_time(ts, tz_name)
    return f"{local:%H:%M} {local.tzname()}"


@dataclass
class _Checks:
    """The day checks of one batch's events, over what the batch read once."""

    source: str
    received_at: dt.datetime
    schedule: dict
    off: dict
    policies: dict
    earlier: dict[tuple[int, dt.date], list[rules.Fix]]
    integrity: IntegrityLookup
    ins: dict[tuple[int, dt.date], list[_In]]

    def first_in(self, p: Parsed, employee: Employee, day: dt.date) -> _In | None:
        """For a check-in: the counted check-in (accepted, by the checks or by review) at or
        before it that day, if any. A flagged or rejected one does not count, so the employee
        may check in again properly (inside the radius, with a location).

        The phone's page only: a person taps once to check in. An e-presensi device or an
        import sends every tap it recorded, and those are stored as before (the summaries take
        the first check-in); DESIGN §7 keeps what a device saw."""
        if p.kind != EventKind.IN or self.source != EventSource.WEB:
            return None
        counted = [i for i in self.ins[(employee.pk, day)] if i.ts <= p.ts and i.status in _COUNTED]
        return min(counted, key=lambda i: i.ts) if counted else None

    def lateness(self, p: Parsed, employee: Employee, day: dt.date) -> tuple[int, str]:
        """Minutes late of a check-in under the OPD's hours that day and its TL tier ((0, "")
        on time or on a day without hours)."""
        policy = policy_of(self.policies[employee.opd_id])
        minutes = rules.late_minutes(policy, p.ts, employee.opd.time_zone)
        if minutes <= 0:
            return 0, ""
        tier = rules.tier_for(policy.tl_tiers, minutes)
        return minutes, tier.code if tier else ""

    def event(
        self, p: Parsed, employee: Employee, day: dt.date, located: Located | None
    ) -> AttendanceEvent:
        opd: Opd = employee.opd
        flags: list[str] = []
        messages: list[str] = []
        params: dict[str, dict] = {}
        credit = max_accuracy_credit_m()

        def flag(code: str, **kw) -> None:
            flags.append(code)
            messages.append(flag_text(code, **kw))
            params[code] = kw

        if p.ts > self.received_at + FUTURE_TOLERANCE:
            flag(FUTURE)
        elif p.ts < self.received_at - MAX_AGE:
            flag(TOO_OLD, days=MAX_AGE.days)
        day_off = self.off.get(day)
        if day.weekday() >= 5:
            flag(DAY_OFF, name="")  # the weekend, worded in the reader's language
        elif day_off and (not day_off[1] or opd.pk in day_off[1]):
            flag(DAY_OFF, name=day_off[0])

        if p.kind == EventKind.OUT and not any(i.ts <= p.ts for i in self.ins[(employee.pk, day)]):
            flag(NO_CHECKIN)  # kept for review, never dropped (DESIGN §7)

        scheduled = self.schedule.get((employee.pk, day), p.mode)
        policy = self.policies[opd.pk]
        centre = radius = None
        outside = OUTSIDE_GEOFENCE
        if scheduled == Mode.WFO and opd.latitude is not None and opd.longitude is not None:
            if located is None and self.source == EventSource.WEB:
                flag(NO_LOCATION)  # a phone sends its location; a device need not
            centre, radius = (opd.latitude, opd.longitude), opd.radius_m
        elif scheduled == Mode.WFH and policy is not None and policy.require_home_radius:
            if employee.home_latitude is None or employee.home_longitude is None:
                flag(NO_HOME)
            elif located is None:
                flag(NO_LOCATION)
            else:
                centre = (employee.home_latitude, employee.home_longitude)
                radius = employee.home_radius_m or DEFAULT_HOME_RADIUS_M
                outside = OUTSIDE_HOME
        distance = None
        if centre is not None and located is not None:
            distance = rules.distance_m(
                float(centre[0]), float(centre[1]), float(p.latitude), float(p.longitude)
            )
            if rules.outside_radius(distance, radius, p.accuracy_m, credit):
                flag(outside, distance=round(distance))
            if rules.poor_accuracy(p.accuracy_m, credit):
                flag(LOW_ACCURACY, accuracy=round(p.accuracy_m), limit=round(credit))

        if located is not None:
            fix = _fix(p.ts, p.latitude, p.longitude, p.accuracy_m)
            before = [f for f in self.earlier[(employee.pk, day)] if f.ts <= p.ts]
            if before:
                previous = max(before, key=lambda f: f.ts)
                if rules.impossible_travel(previous, fix, max_credit_m=credit):
                    speed = rules.travel_speed_kmh(previous, fix, max_credit_m=credit)
                    flag(
                        IMPOSSIBLE_TRAVEL,
                        speed="∞" if speed == float("inf") else round(speed),
                        limit=round(rules.MAX_TRAVEL_KMH),
                    )
            self.earlier[(employee.pk, day)].append(fix)
            for code, values in self.integrity.flags_of(located):
                flag(code, **values)

        offset = p.ts.utcoffset() or dt.timedelta(0)
        return AttendanceEvent(
            employee=employee,
            opd=opd,
            timestamp=p.ts.astimezone(dt.UTC),
            utc_offset_minutes=int(offset.total_seconds() // 60),
            day=day,
            local_second=rules.local_second(p.ts, opd.time_zone),
            kind=p.kind,
            mode=p.mode,
            latitude=p.latitude,
            longitude=p.longitude,
            accuracy_m=p.accuracy_m,
            distance_m=round(distance, 1) if distance is not None else None,
            source=self.source,
            device_id=p.device_id,
            external_id=p.external_id,
            position_key=located.key if located is not None else "",
            received_at=self.received_at,
            # an import of a device's log arrives late by nature: only sent events can be
            sent_late=self.source != EventSource.CSV
            and rules.sent_late(p.ts, self.received_at, sent_late_after_s()),
            status=EventStatus.FLAGGED if flags else EventStatus.ACCEPTED,
            flags=flags,
            flag_message=" ".join(messages),
            flag_params=params,
        )


def _recompute_late_days(events: list[AttendanceEvent], received_at: dt.datetime) -> None:
    """Events stored for a day already over in their OPD's time zone (a late event) rebuild
    that day's records and summaries once the batch commits; today's wait for the nightly run."""
    today: dict[str, dt.date] = {}
    days: set[dt.date] = set()
    opd_ids: set[int] = set()
    for event in events:
        tz = event.opd.time_zone
        if tz not in today:
            today[tz] = rules.local_day(received_at, tz)
        if event.day < today[tz]:
            days.add(event.day)
            opd_ids.add(event.opd_id)
    if days:
        summaries_recompute(days=days, opd_ids=opd_ids)


# -- review ----------------------------------------------------------------------------------------


@transaction.atomic
def event_review(
    *, event: AttendanceEvent, user: User, accept: bool, note: str = ""
) -> AttendanceEvent:
    """Accept or reject a flagged event: HR, or an admin of the employee's OPD, once only."""
    employee = Employee.objects.select_related("opd").get(pk=event.employee_id)
    access.require(access.can_manage_opd(user, employee.opd))
    note = note.strip()
    if not accept and not note:
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    now = timezone.now()
    status = EventStatus.ACCEPTED_BY_REVIEW if accept else EventStatus.REJECTED_BY_REVIEW
    changed = AttendanceEvent.objects.filter(pk=event.pk, status=EventStatus.FLAGGED).update(
        status=status, review_note=note, reviewed_by=user, reviewed_at=now
    )
    if changed != 1:
        raise ValidationError(_("Presensi ini tidak sedang menunggu tinjauan."))
    event.refresh_from_db()
    # the day's record counts accepted events and the ones waiting: rebuild it if it is past
    summaries_recompute(days=[event.day], opd_ids=[event.opd_id])
    return event


@dataclass
class Decided:
    """One item of a bulk review: the event, and why it was not decided ('' = decided)."""

    event: AttendanceEvent
    error: str = ""


def events_review_bulk(
    *, event_ids: list[int], user: User, accept: bool, note: str = ""
) -> list[Decided]:
    """Accept or reject many flagged events with one note: each through `event_review` (its
    access check and its guarded status change), each in its own savepoint, so one that another
    reviewer decided meanwhile, or that the user may not decide, is named and the others are
    still decided. A rejection without a note decides none."""
    note = note.strip()
    if not accept and not note:
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    events = AttendanceEvent.objects.filter(pk__in=set(event_ids)).select_related("employee", "opd")
    results = decide_each(
        sorted(events, key=lambda e: (e.timestamp, e.pk)),
        lambda event: event_review(event=event, user=user, accept=accept, note=note),
        denied=_("Anda tidak berwenang meninjau presensi ini."),
    )
    return [Decided(r.item, r.error) for r in results]
