"""Reads for "my attendance" (/saya/presensi/): the employee's month from the daily records, each
day's status, check-in and -out, minutes late or early with their TL/PSW tier, the estimated TPP
cut from the tiers (the OPD's policy: attendance.selectors.working_hours_for, data, not
constants) and the unexcused absences this year against the PP 94/2021 levels
(attendance.summaries.pp94, the one home of those thresholds)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from attendance import rules
from attendance.models import DailyRecord, DayStatus
from attendance.selectors import working_hours_for
from attendance.summaries.pp94 import PP94_LEVELS, pp94_label
from opd.models import Employee


@dataclass(frozen=True)
class MyAttendanceDay:
    day: dt.date
    status: str
    status_label: str
    scheduled_mode: str
    check_in: str  # "07:41" in the OPD's time zone, "" without one
    check_out: str
    late_minutes: int
    late_tier: str
    early_minutes: int
    early_tier: str
    cut_percent: float  # the TL and PSW tiers' cuts of that day


@dataclass(frozen=True)
class MyAttendanceMonth:
    first: dt.date
    days: list[MyAttendanceDay]
    cut_percent: float  # the month's estimated TPP cut, the days' cuts summed
    unexcused_ytd: int
    level: str  # the PP 94/2021 level reached, worded
    next_threshold: int | None  # days at which the next level starts
    next_level: str
    tiers: tuple[rules.Tier, ...]

    @property
    def late_days(self) -> int:
        return sum(1 for d in self.days if d.late_minutes)

    @property
    def early_days(self) -> int:
        return sum(1 for d in self.days if d.early_minutes)

    @property
    def absent_days(self) -> int:
        return sum(1 for d in self.days if d.status == DayStatus.TIDAK_HADIR)


def month_bounds(first: dt.date) -> tuple[dt.date, dt.date]:
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def pp94_next(unexcused: int) -> tuple[int | None, str]:
    """The next PP 94/2021 level above this many unexcused absences: its threshold and label."""
    for threshold, label in PP94_LEVELS:
        if unexcused < threshold:
            return threshold, pp94_label(label)
    return None, ""


def _hm(value: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%H:%M") if value else ""


def my_attendance_month(*, employee: Employee, first: dt.date, today: dt.date) -> MyAttendanceMonth:
    """The employee's daily records of the month starting `first` (days up to yesterday are
    summarised), and their unexcused absences so far in `today`'s year."""
    start, end = month_bounds(first)
    policy = working_hours_for(opd=employee.opd)
    cuts = {t.code: t.cut_percent for t in (*policy.tl_tiers, *policy.psw_tiers)}
    zone = zoneinfo.ZoneInfo(employee.opd.time_zone)
    labels = dict(DayStatus.choices)
    days = []
    for r in DailyRecord.objects.filter(employee=employee, day__gte=start, day__lte=end).order_by(
        "day"
    ):
        cut = cuts.get(r.late_tier, 0.0) + cuts.get(r.early_tier, 0.0)
        days.append(
            MyAttendanceDay(
                day=r.day,
                status=r.status,
                status_label=str(labels.get(r.status, r.status)),
                scheduled_mode=r.scheduled_mode,
                check_in=_hm(r.first_in, zone),
                check_out=_hm(r.last_out, zone),
                late_minutes=r.late_minutes,
                late_tier=r.late_tier,
                early_minutes=r.early_minutes,
                early_tier=r.early_tier,
                cut_percent=cut,
            )
        )
    latest = (
        DailyRecord.objects.filter(employee=employee, day__year=today.year, day__lte=today)
        .order_by("-day")
        .values_list("unexcused_ytd", "pp94_level")
        .first()
    )
    unexcused, level = latest if latest else (0, "")
    threshold, next_level = pp94_next(unexcused)
    return MyAttendanceMonth(
        first=start,
        days=days,
        cut_percent=round(sum(d.cut_percent for d in days), 2),
        unexcused_ytd=unexcused,
        level=pp94_label(level),
        next_threshold=threshold,
        next_level=next_level,
        tiers=(*policy.tl_tiers, *policy.psw_tiers),
    )


CSV_HEADER = [
    "tanggal",
    "status",
    "mode_terjadwal",
    "masuk",
    "pulang",
    "menit_tl",
    "tingkat_tl",
    "menit_psw",
    "tingkat_psw",
    "potongan_tpp_persen",
]


def csv_rows(month: MyAttendanceMonth):
    """The month as CSV rows (a header, then a row a day): ISO dates, as systems read them."""
    yield CSV_HEADER
    for d in month.days:
        yield [
            d.day.isoformat(),
            d.status_label,
            d.scheduled_mode,
            d.check_in,
            d.check_out,
            d.late_minutes,
            d.late_tier,
            d.early_minutes,
            d.early_tier,
            f"{d.cut_percent:.2f}",
        ]
