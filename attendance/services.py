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
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from attendance import rules
from attendance.flags import (
    DAY_OFF,
    FUTURE,
    IMPOSSIBLE_TRAVEL,
    NO_HOME,
    NO_LOCATION,
    OUTSIDE_GEOFENCE,
    OUTSIDE_HOME,
    TOO_OLD,
    flag_text,
)
from attendance.models import (
    AttendanceEvent,
    ClaimedMode,
    EventKind,
    EventSource,
    EventStatus,
)
from attendance.selectors import working_hours_rows
from attendance.summaries.runs import summaries_recompute
from opd import access
from opd.models import Employee, Opd
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


@dataclass
class Result:
    """The answer for one item: its position in the batch, outcome, and why."""

    index: int
    status: str  # accepted, flagged, duplicate, rejected
    event_id: int | None = None
    flags: list[str] = field(default_factory=list)
    field: str = ""
    message: str = ""

    def as_dict(self) -> dict:
        return {
            "index": self.index,
            "status": self.status,
            "event_id": self.event_id,
            "flags": self.flags,
            "field": self.field,
            "message": self.message,
        }


class ItemError(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


# -- parsing ---------------------------------------------------------------------------------------


def _text(item: dict, key: str, *, max_length: int = 64) -> str:
    value = item.get(key)
    if value is None:
        return ""
    value = str(value).strip()
    if len(value) > max_length:
        raise ItemError(key, _("Paling panjang %(n)s karakter.") % {"n": max_length})
    return value


def parse_timestamp(value) -> dt.datetime:
    if value in (None, ""):
        raise ItemError("timestamp", _("Waktu wajib diisi."))
    if isinstance(value, dt.datetime):
        ts = value
    else:
        text = str(value).strip()
        try:
            ts = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ItemError(
                "timestamp",
                _("Waktu %(value)r bukan ISO 8601 (mis. 2025-12-01T07:25:00+07:00).")
                % {"value": text},
            ) from None
    if ts.tzinfo is None or ts.utcoffset() is None:
        raise ItemError(
            "timestamp", _("Waktu harus menyertakan zona waktu (mis. +07:00 untuk WIB).")
        )
    return ts


def _coordinate(item: dict, key: str, limit: int) -> Decimal | None:
    value = item.get(key)
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ItemError(key, _("%(value)r bukan angka.") % {"value": value}) from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise ItemError(key, _("Harus di antara -%(limit)s dan %(limit)s.") % {"limit": limit})
    return number.quantize(Decimal("0.000001"))


def _accuracy(item: dict) -> float | None:
    value = item.get("accuracy_m")
    if value in (None, ""):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ItemError("accuracy_m", _("%(value)r bukan angka.") % {"value": value}) from None
    if not 0 <= number < 1e6:
        raise ItemError("accuracy_m", _("Akurasi harus angka 0 atau lebih (meter)."))
    return number


@dataclass
class _Parsed:
    index: int
    nip: str
    ts: dt.datetime
    kind: str
    mode: str
    latitude: Decimal | None
    longitude: Decimal | None
    accuracy_m: float | None
    device_id: str
    external_id: str


def _parse(index: int, item) -> _Parsed:
    if not isinstance(item, dict):
        raise ItemError("", _("Setiap item harus berupa objek."))
    nip = _text(item, "nip", max_length=18)
    if not nip:
        raise ItemError("nip", _("NIP wajib diisi."))
    ts = parse_timestamp(item.get("timestamp"))
    kind = _text(item, "kind").lower()
    if kind not in EventKind.values:
        raise ItemError("kind", _("Jenis harus 'in' (masuk) atau 'out' (pulang)."))
    mode = _text(item, "mode").upper()
    if mode not in ClaimedMode.values:
        raise ItemError("mode", _("Mode harus 'WFH' atau 'WFO'."))
    latitude = _coordinate(item, "latitude", 90)
    longitude = _coordinate(item, "longitude", 180)
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise ItemError(
            missing, _("Lintang dan bujur harus diisi keduanya atau tidak sama sekali.")
        )
    return _Parsed(
        index=index,
        nip=nip,
        ts=ts,
        kind=kind,
        mode=mode,
        latitude=latitude,
        longitude=longitude,
        accuracy_m=_accuracy(item),
        device_id=_text(item, "device_id"),
        external_id=_text(item, "external_id"),
    )


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
    *, items: list[dict], source: str, received_at: dt.datetime | None = None
) -> list[Result]:
    """Validate and store up to MAX_BATCH events; answer one Result per item, in order.

    Rejected items (a field is wrong or the NIP unknown) are not stored. Duplicates (same source
    and external id as a stored event, or as an earlier item of the batch) are stored once.
    Every other item is stored, accepted or flagged with reason codes for the review queue.
    """
    if source not in EventSource.values:
        raise ValidationError(_("Sumber %(source)s tidak dikenal.") % {"source": source})
    if len(items) > MAX_BATCH:
        raise ValidationError(
            _("Paling banyak %(max)s presensi sekali kirim; diterima %(n)s.")
            % {"max": MAX_BATCH, "n": len(items)}
        )
    received_at = received_at or timezone.now()
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _ingest(items, source, received_at)
        except IntegrityError:
            # another request stored one of the external ids in the meantime: read them again
            if attempt:
                raise
    raise AssertionError("unreachable")


def _ingest(items: list[dict], source: str, received_at: dt.datetime) -> list[Result]:
    results: dict[int, Result] = {}
    parsed: list[_Parsed] = []
    for index, item in enumerate(items):
        try:
            parsed.append(_parse(index, item))
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

    external_ids = {p.external_id for p in known if p.external_id}
    stored_ids = dict(
        # the exclude repeats the partial unique index's condition, so the index serves the lookup
        AttendanceEvent.objects.filter(source=source, external_id__in=external_ids)
        .exclude(external_id="")
        .values_list("external_id", "id")
    )
    fresh: list[_Parsed] = []
    seen: set[str] = set()
    for p in known:
        if p.external_id and (p.external_id in stored_ids or p.external_id in seen):
            results[p.index] = Result(
                p.index,
                DUPLICATE,
                event_id=stored_ids.get(p.external_id),
                message=_("Presensi dengan ID eksternal ini sudah tersimpan."),
            )
            continue
        if p.external_id:
            seen.add(p.external_id)
        fresh.append(p)

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
        opd_ids={employees[p.nip].opd_id for p in fresh}, with_rules=False
    )
    earlier: dict[tuple[int, dt.date], list[rules.Fix]] = defaultdict(list)
    for e, d, ts, lat, lon, acc in AttendanceEvent.objects.filter(
        employee_id__in=employee_ids, day__in=days, latitude__isnull=False
    ).values_list("employee_id", "day", "timestamp", "latitude", "longitude", "accuracy_m"):
        earlier[(e, d)].append(_fix(ts, lat, lon, acc))

    rows: list[tuple[_Parsed, AttendanceEvent]] = []
    for p in sorted(fresh, key=lambda p: p.ts):
        employee = employees[p.nip]
        opd: Opd = employee.opd
        day = day_of[p.index]
        flags: list[str] = []
        messages: list[str] = []
        params: dict[str, dict] = {}

        def flag(code: str, messages=messages, flags=flags, params=params, **kw) -> None:
            flags.append(code)
            messages.append(flag_text(code, **kw))
            params[code] = kw

        if p.ts > received_at + FUTURE_TOLERANCE:
            flag(FUTURE)
        elif p.ts < received_at - MAX_AGE:
            flag(TOO_OLD, days=MAX_AGE.days)
        day_off = off.get(day)
        if day.weekday() >= 5:
            flag(DAY_OFF, name="")  # the weekend, worded in the reader's language
        elif day_off and (not day_off[1] or opd.pk in day_off[1]):
            flag(DAY_OFF, name=day_off[0])

        scheduled = schedule.get((employee.pk, day), p.mode)
        policy = policies[opd.pk]
        located = p.latitude is not None
        distance = None
        if scheduled == Mode.WFO and opd.latitude is not None and opd.longitude is not None:
            if not located:
                if source == EventSource.WEB:  # a phone sends its location; a device need not
                    flag(NO_LOCATION)
            else:
                distance = rules.distance_m(
                    float(opd.latitude), float(opd.longitude), float(p.latitude), float(p.longitude)
                )
                if rules.outside_radius(distance, opd.radius_m, p.accuracy_m):
                    flag(OUTSIDE_GEOFENCE, distance=round(distance))
        elif scheduled == Mode.WFH and policy is not None and policy.require_home_radius:
            if employee.home_latitude is None or employee.home_longitude is None:
                flag(NO_HOME)
            elif not located:
                flag(NO_LOCATION)
            else:
                distance = rules.distance_m(
                    float(employee.home_latitude),
                    float(employee.home_longitude),
                    float(p.latitude),
                    float(p.longitude),
                )
                radius = employee.home_radius_m or DEFAULT_HOME_RADIUS_M
                if rules.outside_radius(distance, radius, p.accuracy_m):
                    flag(OUTSIDE_HOME, distance=round(distance))

        if located:
            fix = _fix(p.ts, p.latitude, p.longitude, p.accuracy_m)
            before = [f for f in earlier[(employee.pk, day)] if f.ts <= p.ts]
            if before:
                previous = max(before, key=lambda f: f.ts)
                if rules.impossible_travel(previous, fix):
                    speed = rules.travel_speed_kmh(previous, fix)
                    flag(
                        IMPOSSIBLE_TRAVEL,
                        speed="∞" if speed == float("inf") else round(speed),
                        limit=round(rules.MAX_TRAVEL_KMH),
                    )
            earlier[(employee.pk, day)].append(fix)

        offset = p.ts.utcoffset() or dt.timedelta(0)
        event = AttendanceEvent(
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
            source=source,
            device_id=p.device_id,
            external_id=p.external_id,
            received_at=received_at,
            status=EventStatus.FLAGGED if flags else EventStatus.ACCEPTED,
            flags=flags,
            flag_message=" ".join(messages),
            flag_params=params,
        )
        rows.append((p, event))

    AttendanceEvent.objects.bulk_create([event for _p, event in rows])
    _recompute_late_days([event for _p, event in rows], received_at)
    for p, event in rows:
        results[p.index] = Result(
            p.index,
            FLAGGED if event.flags else ACCEPTED,
            event_id=event.pk,
            flags=list(event.flags),
            message=event.flag_message,
        )
    by_external = {p.external_id: event.pk for p, event in rows if p.external_id}
    for result in results.values():
        if result.status == DUPLICATE and result.event_id is None:
            item = items[result.index]
            result.event_id = by_external.get(str(item.get("external_id", "")).strip())
    return [results[i] for i in range(len(items))]


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
