"""Attendance summary benchmark: one day and one month of a 100,000-person city on PostgreSQL.

Seeds the registry (`seed_demo --employees N --days 0`, reused when the headcount matches),
publishes December 2025 for everyone (Thursday WFH, other days WFO), puts about 1% of people on
approved leave, and COPYs the events of its 21 working days: an 'in' and an 'out' per person
(about 3% never come, some arrive late or leave early) plus about 5% noise (duplicate and extra
check-ins, flagged events). These are reused by later runs unless --fresh. Then, in one process:

  (a) summarize()     attendance.summaries.summarize of Monday 1 December: 100,000 records and
                      the OPD summaries (median of --repeat runs; each one rebuilds the day)
  (b) plain GROUP BY  INSERT INTO a scratch table SELECT employee_id, min(in), max(out), ...
                      FROM attendance_attendanceevent WHERE <the same OPDs and day> GROUP BY
                      employee_id: the floor for reading that day's events once (median)
  (c) month           summarize() of 1-31 December from empty records (--month-repeat runs)

and prints the medians and the ratio (a)/(b) (target: within 1.5x).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench_summary \\
        .venv/bin/python bench/summary.py [--employees 100000] [--repeat 3] [--month-repeat 1]

The database is created and migrated if missing. Its schedule, events, leave, records and
summaries are replaced: use a database of its own. PostgreSQL only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import statistics
import sys
import time
import zoneinfo
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

DAY = dt.date(2025, 12, 1)  # a Monday
MONTH = (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
NULL = "\\N"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--month-repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20251201)
    parser.add_argument(
        "--fresh", action="store_true", help="rebuild the published month, leave and events"
    )
    return parser.parse_args()


def copy(cursor, table: str, columns: str, lines: list[str]) -> None:
    cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", io.StringIO("".join(lines)))


def publish_month(people, working: list[dt.date]) -> int:
    """Thursday WFH for everyone, WFO on other working days, as one published roster per OPD."""
    from django.db import connection

    from wfh.models import PatternKind, Phase, Programme, Roster, ScheduleDay

    ScheduleDay.objects.all().delete()
    programme, _ = Programme.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    phase, _ = Phase.objects.get_or_create(
        slug="bench-des",
        defaults={
            "programme": programme,
            "name": "Desember",
            "start": MONTH[0],
            "end": MONTH[1],
            "pattern": PatternKind.WEEKDAY,
        },
    )
    rosters = {}
    for opd_id in sorted({p[1] for p in people}):
        roster, _ = Roster.objects.get_or_create(
            phase=phase,
            opd_id=opd_id,
            version=1,
            defaults={"status": Roster.Status.READY, "workflow": Roster.Workflow.PUBLISHED},
        )
        rosters[opd_id] = roster.pk
    lines = []
    for day in working:
        mode = "WFH" if day.weekday() == 3 else "WFO"
        text = day.isoformat()
        for emp, opd, unit, _tz in people:
            unit_text = NULL if unit is None else unit
            lines.append(
                f"{emp}\t{text}\t{mode}\tgenerated\t{phase.pk}\t{opd}\t{unit_text}\t{rosters[opd]}\n"
            )
    with connection.cursor() as cur:
        copy(
            cur,
            "wfh_scheduleday",
            "employee_id, day, mode, source, phase_id, opd_id, unit_id, roster_id",
            lines,
        )
    return len(lines)


def leave_for_some(people, rng: random.Random) -> int:
    from attendance.models import LeaveRecord

    LeaveRecord.objects.all().delete()
    kinds = ["cuti_tahunan", "sakit", "dinas_luar", "cuti_sakit", "tugas_belajar"]
    rows = []
    for emp, _opd, _unit, _tz in rng.sample(people, len(people) // 100):
        start = MONTH[0] + dt.timedelta(days=rng.randrange(0, 28))
        end = start + dt.timedelta(days=rng.randrange(0, 4))
        rows.append(LeaveRecord(employee_id=emp, kind=rng.choice(kinds), start=start, end=end))
    LeaveRecord.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def events_for(day: dt.date, people, rng: random.Random) -> list[str]:
    """Tab-separated event rows of one day: in and out per person, absences, noise."""
    lines = []
    text = day.isoformat()
    mode = "WFH" if day.weekday() == 3 else "WFO"
    received = f"{text} 20:00:00+00"
    for emp, opd, _unit, tz in people:
        if rng.random() < 0.03:
            continue  # absent
        offset = tz
        arrive = 7 * 3600 + rng.randrange(-1800, 1200 if rng.random() < 0.9 else 7200)
        leave = 16 * 3600 + rng.randrange(-600 if rng.random() < 0.9 else -7200, 2400)
        seconds = [("in", arrive, "accepted")]
        if rng.random() < 0.98:
            seconds.append(("out", leave, "accepted"))
        noise = rng.random()
        if noise < 0.02:
            seconds.append(("in", arrive, "accepted"))  # duplicate from a second device
        elif noise < 0.04:
            seconds.append(("in", arrive + rng.randrange(60, 3600), "accepted"))  # extra in
        elif noise < 0.05:
            seconds.append(("in", arrive - rng.randrange(60, 600), "flagged"))  # waits for review
        for kind, second, status in seconds:
            h, rest = divmod(second, 3600)
            m, s = divmod(rest, 60)
            lines.append(
                f"{emp}\t{opd}\t{text} {h:02d}:{m:02d}:{s:02d}{offset[0]}\t{offset[1]}\t{text}"
                f"\t{second}\t{kind}\t{mode}\tdevice\t\t\t{received}\t{status}\t[]\t\t\n"
            )
    return lines


EVENT_COLUMNS = (
    'employee_id, opd_id, "timestamp", utc_offset_minutes, day, local_second, kind, mode, '
    "source, device_id, external_id, received_at, status, flags, flag_message, review_note"
)


def median_time(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "bench/summary.py measures PostgreSQL only: set DATABASE_URL=postgres://... "
            "(SQLite is the development default, not what a 100,000-person city runs on)."
        )
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wfh.settings")
    from bench.roster import ensure_database

    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from attendance.summaries import summarize
    from opd.models import Employee, Opd, Placement
    from wfh.calendar import working_days

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    if Employee.objects.count() != args.employees:
        call_command(
            "seed_demo",
            "--employees",
            str(args.employees),
            "--reset",
            "--days",
            "0",
            stdout=io.StringIO(),
        )
        print(f"seeded {args.employees:,} employees in {time.perf_counter() - t0:.1f} s")
    rng = random.Random(args.seed)
    tz_of = {}
    for opd_id, name in Opd.objects.values_list("id", "time_zone"):
        minutes = int(zoneinfo.ZoneInfo(name).utcoffset(dt.datetime(2025, 12, 1)).total_seconds())
        minutes //= 60
        tz_of[opd_id] = (f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}", minutes)
    placed = dict(
        Placement.objects.filter(valid_to__isnull=True).values_list("employee_id", "unit_id")
    )
    people = [
        (emp, opd, placed.get(emp), tz_of[opd])
        for emp, opd in Employee.objects.filter(pk__in=placed.keys())
        .order_by("id")
        .values_list("id", "opd_id")
    ]
    working = working_days(*MONTH)
    opd_ids = sorted(tz_of)

    from attendance.models import LeaveRecord
    from wfh.models import ScheduleDay

    t0 = time.perf_counter()
    schedule_rows = len(people) * len(working)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT day, count(*) FROM attendance_attendanceevent GROUP BY day ORDER BY day"
        )
        events_by_day = dict(cur.fetchall())
    reuse = (
        not args.fresh
        and ScheduleDay.objects.count() == schedule_rows
        and set(events_by_day) == set(working)
    )
    if reuse:
        print("reusing the published month, leave and events (--fresh rebuilds them)")
    else:
        with connection.cursor() as cur:
            cur.execute("TRUNCATE attendance_attendanceevent")
        publish_month(people, working)
        leave_for_some(people, rng)
        events_by_day = {}
        for day in working:
            lines = events_for(day, people, rng)
            events_by_day[day] = len(lines)
            with connection.cursor() as cur:
                copy(cur, "attendance_attendanceevent", EVENT_COLUMNS, lines)
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE attendance_dailyrecord, attendance_opddaysummary, attendance_summaryrun"
        )
        cur.execute("VACUUM ANALYZE attendance_attendanceevent")
        cur.execute("ANALYZE")
    day_events, month_events = events_by_day[DAY], sum(events_by_day.values())
    print(
        f"data: {schedule_rows:,} published days, {LeaveRecord.objects.count():,} leave records, "
        f"{month_events:,} events over {len(working)} working days, {day_events:,} on {DAY} "
        f"({time.perf_counter() - t0:.1f} s)"
    )

    # (a) summarize() of the day
    runs = []

    def one_day() -> None:
        runs.append(summarize(DAY, DAY))

    day_median, day_times = median_time(one_day, args.repeat)

    # (b) the plain GROUP BY of the same events into a scratch table
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_scratch")
        cur.execute(
            "CREATE TABLE bench_scratch (employee_id bigint, first_in timestamptz, "
            "last_out timestamptz, in_s integer, out_s integer, events integer)"
        )

    def plain() -> None:
        with connection.cursor() as cur:
            cur.execute("TRUNCATE bench_scratch")
            cur.execute(
                "INSERT INTO bench_scratch SELECT employee_id, "
                "min(\"timestamp\") FILTER (WHERE kind = 'in'), "
                "max(\"timestamp\") FILTER (WHERE kind = 'out'), "
                "min(local_second) FILTER (WHERE kind = 'in'), "
                "max(local_second) FILTER (WHERE kind = 'out'), count(*) "
                "FROM attendance_attendanceevent WHERE opd_id = ANY(%s) AND day = %s "
                "GROUP BY employee_id",
                [opd_ids, DAY],
            )

    plain_median, plain_times = median_time(plain, args.repeat)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM bench_scratch")
        scratch_rows = cur.fetchone()[0]
        cur.execute("DROP TABLE bench_scratch")

    # (c) the month: one summarize() of December from empty records and summaries
    with connection.cursor() as cur:
        cur.execute("TRUNCATE attendance_dailyrecord, attendance_opddaysummary")
    month_runs = []

    def month() -> None:
        month_runs.append(summarize(*MONTH))

    month_median, month_times = median_time(month, args.month_repeat)

    day_run, month_run = runs[-1], month_runs[-1]
    print()
    print(f"machine             {platform.machine()}, {os.cpu_count()} cores, PostgreSQL")
    print(f"employees           {len(people):,} placed, {Opd.objects.count()} OPDs")
    print(
        f"day {DAY}      {day_run.records:,} records, {day_run.summaries} OPD summaries "
        f"from {len(people):,} people's events"
    )
    print(
        f"summarize (median)  {day_median:.2f} s  runs: " + ", ".join(f"{t:.2f}" for t in day_times)
    )
    print(
        f"plain GROUP BY      {plain_median:.2f} s  runs: "
        + ", ".join(f"{t:.2f}" for t in plain_times)
        + f"  ({scratch_rows:,} rows)"
    )
    print(f"ratio               {day_median / plain_median:.2f}x the plain GROUP BY (target 1.5x)")
    print(
        f"month {MONTH[0]}..{MONTH[1]}  {len(working)} working days, {month_events:,} events, "
        f"{month_run.records:,} records, {month_run.summaries:,} OPD summaries"
    )
    print(
        f"month summarize     {month_median:.2f} s  runs: "
        + ", ".join(f"{t:.2f}" for t in month_times)
        + f"  ({month_run.records / month_median:,.0f} records/s)"
    )


if __name__ == "__main__":
    main()
