"""Demo attendance: leave, check-ins and check-outs, work reports and a few events waiting for
review, for the days before today, as a municipality's month would look.

The figures are made up but shaped like a real month: most staff arrive before 07:30, a few are
late in each TL tier, a few leave early or forget to check out, some are absent without leave,
some come to the office on a WFH day (a mismatch), and a handful check in far from the office,
which waits in the OPD admin's review queue. Same seed, same month.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from attendance import rules
from attendance.flags import OUTSIDE_GEOFENCE, flag_text
from attendance.models import (
    AttendanceEvent,
    EventSource,
    EventStatus,
    ReportStatus,
    WorkReport,
)
from attendance.selectors import policy_of, working_hours_rows
from common.bulk import insert_rows
from demo.data.dinas import DEMO_OPD
from leave.models import LeaveKind, LeaveRecord
from leave.selectors import approved_leave_days
from opd.models import Employee, Opd
from wfh.calendar import working_days
from wfh.models import Mode, ScheduleDay

BATCH = 5000
PENDING_DAYS = 3  # flagged events of the last days still wait for review; older ones were decided

# Chances per employee and working day (not on leave).
P_ABSENT = 0.015
P_LATE = 0.07
P_EARLY = 0.03
P_NO_OUT = 0.01
P_MISMATCH = 0.03  # scheduled WFH, came to the office
P_OUTSIDE = 0.006  # a WFO check-in far from the office
P_OUTSIDE_DEMO_OPD = 0.08  # ... more often in opd.demo's OPD lately, so its review queue has work
P_REPORT = 0.88
LATE_BANDS = ((1, 30, 0.70), (31, 60, 0.18), (61, 90, 0.08), (91, 150, 0.04))
LEAVE_KINDS = (
    (LeaveKind.CUTI_TAHUNAN, 0.55),
    (LeaveKind.SAKIT, 0.25),
    (LeaveKind.DINAS_LUAR, 0.15),
    (LeaveKind.CUTI_ALASAN_PENTING, 0.05),
)
ACTIVITIES = (
    ("Menyusun draf laporan bulanan bidang", "Draf laporan bulanan (12 halaman)"),
    ("Memverifikasi data usulan kegiatan dari kelurahan", "38 usulan terverifikasi"),
    ("Rapat daring koordinasi program", "Notula rapat dan daftar tindak lanjut"),
    ("Memperbarui basis data aset", "214 baris data aset diperbarui"),
    ("Menjawab surat dan disposisi melalui aplikasi persuratan", "17 surat dijawab"),
    ("Menyusun kerangka acuan kerja", "KAK kegiatan sosialisasi"),
    ("Menganalisis capaian indikator kinerja", "Tabel capaian triwulan"),
)


@dataclass
class AttendanceDemoResult:
    leave: int = 0
    events: int = 0
    flagged_waiting: int = 0
    reports: int = 0
    days: list[dt.date] = field(default_factory=list)


def _weighted(rng: random.Random, choices):
    return rng.choices([c[0] for c in choices], weights=[c[-1] for c in choices])[0]


def _offset(lat: float, lon: float, metres: float, rng: random.Random) -> tuple[Decimal, Decimal]:
    """A point `metres` away from (lat, lon) in a random direction."""
    angle = rng.uniform(0, 2 * math.pi)
    dlat = metres * math.cos(angle) / 111_320
    dlon = metres * math.sin(angle) / (111_320 * math.cos(math.radians(lat)))
    return (
        Decimal(f"{lat + dlat:.6f}"),
        Decimal(f"{lon + dlon:.6f}"),
    )


def leave_seed(*, start: dt.date, end: dt.date, seed: int) -> int:
    """About 3% of staff take one stretch of leave, sick leave or duty of 1 to 3 working days."""
    rng = random.Random(seed * 7 + 1)
    days = working_days(start, end)
    if not days:
        return 0
    records = []
    for emp_id in Employee.objects.order_by("pk").values_list("pk", flat=True):
        if rng.random() >= 0.03:
            continue
        first = rng.randrange(len(days))
        last = min(len(days) - 1, first + rng.randrange(3))
        records.append(
            LeaveRecord(
                employee_id=emp_id,
                kind=_weighted(rng, LEAVE_KINDS),
                start=days[first],
                end=days[last],
                note="Data demo",
            )
        )
    LeaveRecord.objects.bulk_create(records, batch_size=BATCH)
    return len(records)


def events_seed(
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    seed: int,
    until: dt.datetime | None = None,
    progress=None,
) -> AttendanceDemoResult:
    """Events and work reports for every working day of every OPD in [start, end]; with `until`
    (today's morning), only the events up to that moment and no report of a day not yet over;
    `progress(step, done, total)` after each OPD when given."""
    rng = random.Random(seed * 7 + 2)
    result = AttendanceDemoResult()
    rows = working_hours_rows(opd_ids=Opd.objects.values_list("pk", flat=True))
    policies = {opd_id: policy_of(row) for opd_id, row in rows.items()}
    schedule = {
        (e, d): m
        for e, d, m in ScheduleDay.objects.filter(day__gte=start, day__lte=end).values_list(
            "employee_id", "day", "mode"
        )
    }
    leave_of = approved_leave_days(employee_ids=Employee.objects.values("pk"), start=start, end=end)
    admins = dict(Opd.admins.through.objects.order_by("user_id").values_list("opd_id", "user_id"))
    supervisors = dict(Employee.objects.filter(user__isnull=False).values_list("pk", "user_id"))
    now = timezone.now()
    events: list[tuple] = []
    reports: list[tuple] = []

    def flush(final: bool = False) -> None:
        if events and (final or len(events) >= BATCH):
            _insert(AttendanceEvent, EVENT_COLUMNS, events)
            result.events += len(events)
            events.clear()
        if reports and (final or len(reports) >= BATCH):
            _insert(WorkReport, REPORT_COLUMNS, reports)
            result.reports += len(reports)
            reports.clear()

    all_days: set[dt.date] = set()
    opds = list(Opd.objects.order_by("code"))
    step = f"{start:%m/%Y}" if start.month == end.month else f"{start:%m/%Y}-{end:%m/%Y}"
    for done, opd in enumerate(opds, start=1):
        tz = zoneinfo.ZoneInfo(opd.time_zone)
        policy = policies[opd.pk]
        staff = list(
            Employee.objects.filter(opd=opd)
            .filter(Q(active_from__isnull=True) | Q(active_from__lte=end))
            .filter(Q(active_to__isnull=True) | Q(active_to__gte=start))
            .order_by("pk")
            .values_list("pk", "supervisor_id", "active_from", "active_to")
        )
        lat = float(opd.latitude) if opd.latitude is not None else None
        lon = float(opd.longitude) if opd.longitude is not None else None
        for day in working_days(start, end, opd_id=opd.pk):
            all_days.add(day)
            hours = rules.hours_on(policy, day)
            if hours is None:
                continue
            day_start = dt.datetime.combine(day, hours[0], tzinfo=tz)
            day_end = dt.datetime.combine(day, hours[1], tzinfo=tz)
            for emp, supervisor, active_from, active_to in staff:
                if (active_from and day < active_from) or (active_to and day > active_to):
                    continue
                if day in leave_of.get(emp, ()) or rng.random() < P_ABSENT:
                    continue
                scheduled = schedule.get((emp, day), Mode.WFO)
                if scheduled == Mode.LEAVE:
                    continue
                mode = scheduled
                if scheduled == Mode.WFH and rng.random() < P_MISMATCH:
                    mode = Mode.WFO
                if rng.random() < P_LATE:
                    low, high, _w = _weighted(rng, [(b, b[2]) for b in LATE_BANDS])
                    first_in = day_start + dt.timedelta(
                        minutes=policy.grace_minutes + rng.randint(low, high),
                        seconds=rng.randint(0, 59),
                    )
                else:
                    first_in = day_start - dt.timedelta(
                        minutes=rng.randint(3, 45), seconds=rng.randint(0, 59)
                    )
                p_outside = P_OUTSIDE
                if opd.code == DEMO_OPD and (today - day).days <= PENDING_DAYS:
                    p_outside = P_OUTSIDE_DEMO_OPD
                outside = mode == Mode.WFO and lat is not None and rng.random() < p_outside
                stamps = [("in", first_in, outside)]
                if rng.random() >= P_NO_OUT:
                    if rng.random() < P_EARLY:
                        low, high, _w = _weighted(rng, [(b, b[2]) for b in LATE_BANDS])
                        last_out = day_end - dt.timedelta(minutes=rng.randint(low, high))
                    else:
                        last_out = day_end + dt.timedelta(
                            minutes=rng.randint(0, 50), seconds=rng.randint(0, 59)
                        )
                    stamps.append(("out", last_out, False))
                if until is not None:
                    stamps = [stamp for stamp in stamps if stamp[1] <= until]
                for kind, ts, far in stamps:
                    events.append(
                        _event(
                            opd, emp, day, kind, ts, mode, far, lat, lon, rng, today, admins, now
                        )
                    )
                    if events[-1][STATUS_AT] == EventStatus.FLAGGED:
                        result.flagged_waiting += 1
                if until is not None and day_end > until:
                    continue  # the day is not over: no report yet
                if scheduled == Mode.WFH and mode == Mode.WFH and rng.random() < P_REPORT:
                    reports.append(_report(emp, day, day_end, supervisor, supervisors, today, rng))
            flush()
        if progress:
            progress(step, done, len(opds))
    flush(final=True)
    result.days = sorted(all_days)
    return result


def _event(opd, emp, day, kind, ts, mode, far, lat, lon, rng, today, admins, now) -> tuple:
    distance = None
    latitude = longitude = None
    accuracy = round(rng.uniform(5, 30), 1)
    if lat is not None:
        if mode == Mode.WFO:
            metres = rng.uniform(1000, 5000) if far else rng.uniform(0, opd.radius_m * 0.6)
        else:
            metres = rng.uniform(2000, 12000)
        latitude, longitude = (str(v) for v in _offset(lat, lon, metres, rng))
        if mode == Mode.WFO:
            distance = round(rules.distance_m(lat, lon, float(latitude), float(longitude)), 1)
    local = ts.astimezone(zoneinfo.ZoneInfo(opd.time_zone))
    flags, params, message, status = [], {}, "", EventStatus.ACCEPTED
    reviewed_by = reviewed_at = None
    note = ""
    if far:
        flags = [OUTSIDE_GEOFENCE]
        params = {OUTSIDE_GEOFENCE: {"distance": round(distance)}}
        message = flag_text(OUTSIDE_GEOFENCE, **params[OUTSIDE_GEOFENCE])
        status = EventStatus.FLAGGED
        if (today - day).days > PENDING_DAYS:
            accepted = rng.random() < 0.7
            status = EventStatus.ACCEPTED_BY_REVIEW if accepted else EventStatus.REJECTED_BY_REVIEW
            note = "Rapat di kantor kecamatan." if accepted else "Tidak ada surat tugas."
            reviewed_by = admins.get(opd.pk)
            reviewed_at = now
    return (
        emp,
        opd.pk,
        _when(ts),
        int(local.utcoffset().total_seconds() // 60),
        day,
        local.hour * 3600 + local.minute * 60 + local.second,
        kind,
        str(mode),
        latitude,
        longitude,
        accuracy,
        distance,
        EventSource.WEB.value,
        "demo",
        f"demo-{emp}-{day.isoformat()}-{kind}",
        _when(ts + dt.timedelta(seconds=rng.randint(1, 20))),
        status.value,
        json.dumps(flags),
        message,
        json.dumps(params),
        note,
        reviewed_by,
        _when(reviewed_at) if reviewed_at else None,
    )


def _report(emp, day, day_end, supervisor, supervisors, today, rng) -> tuple:
    activities, outputs = rng.choice(ACTIVITIES)
    status = ReportStatus.SUBMITTED
    reviewed_by = reviewed_at = None
    note = ""
    if (today - day).days > PENDING_DAYS:
        r = rng.random()
        if r < 0.85:
            status = ReportStatus.APPROVED
        elif r < 0.90:
            status = ReportStatus.RETURNED
            note = "Lengkapi bukti hasil kerja (tautan dokumen)."
        if status != ReportStatus.SUBMITTED:
            reviewed_by = supervisors.get(supervisor)
            reviewed_at = day_end + dt.timedelta(days=1)
    return (
        emp,
        day,
        activities,
        outputs,
        status.value,
        _when(day_end - dt.timedelta(minutes=rng.randint(0, 30))),
        reviewed_by,
        _when(reviewed_at) if reviewed_at else None,
        note,
    )


EVENT_COLUMNS = (
    "employee_id",
    "opd_id",
    "timestamp",
    "utc_offset_minutes",
    "day",
    "local_second",
    "kind",
    "mode",
    "latitude",
    "longitude",
    "accuracy_m",
    "distance_m",
    "source",
    "device_id",
    "external_id",
    "received_at",
    "status",
    "flags",
    "flag_message",
    "flag_params",
    "review_note",
    "reviewed_by_id",
    "reviewed_at",
)
STATUS_AT = EVENT_COLUMNS.index("status")
REPORT_COLUMNS = (
    "employee_id",
    "day",
    "activities",
    "outputs",
    "status",
    "submitted_at",
    "reviewed_by_id",
    "reviewed_at",
    "review_note",
)


def _when(ts: dt.datetime):
    """A timestamp as the database stores it: SQLite keeps naive UTC text, PostgreSQL the value."""
    if connection.vendor == "sqlite":
        return ts.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return ts


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Many rows in one statement per batch: the ORM's object per row costs more than the insert."""
    insert_rows(model._meta.db_table, columns, rows, batch=BATCH)
