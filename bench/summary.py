"""Attendance summary benchmark: one day and one month of a 100,000-person city on PostgreSQL.

Seeds the registry (`seed_demo --employees N --days 0`, reused when the headcount matches),
publishes December 2025 for everyone (Thursday WFH, other days WFO), puts about 1% of people on
approved leave, and COPYs the events of its 21 working days: an 'in' and an 'out' per person
(about 3% never come, some arrive late or leave early) plus about 5% noise (duplicate and extra
check-ins, flagged events). These are reused by later runs unless --fresh. Then, in one process:

  (a) summaries_build() of one day (attendance.summaries.runs), 100,000 records and
                      the OPD summaries, three ways: Monday 1 December from empty records; Tuesday 2
                      December with Monday's records present (what the nightly run does); Monday
                      again with its records present (a rebuild, what a recompute does)
  (b) plain GROUP BY  INSERT INTO a scratch table SELECT employee_id, min(in), max(out), ...
                      FROM attendance_attendanceevent WHERE <the same OPDs and day> GROUP BY
                      employee_id: the floor for reading that day's events once, for each of
                      the two days
  (c) month           summaries_build() of 1-31 December from empty records (--month-repeat runs)

(a) and (b) run in --repeat rounds, one of each per round, so that they share the machine's
load; the bench prints the medians, the ratios (a)/(b) of the same day (target: within 1.5x)
and, when PostgreSQL runs on this host, the CPU seconds of its server process for each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench_summary \\
        .venv/bin/python bench/summary.py [--employees 100000] [--repeat 3] [--month-repeat 1]
        [--breakdown]

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
NEXT = dt.date(2025, 12, 2)
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
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also time each statement of a day run and the write of its records alone",
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
    from leave.models import LeaveRecord

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


class Timer:
    """Wall seconds of a call and, when PostgreSQL runs on this host, the CPU seconds its server
    process spent (less sensitive than wall time to other work on a shared machine)."""

    def __init__(self, connection):
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            self.stat = Path(f"/proc/{cur.fetchone()[0]}/stat")
        self.walls: dict[str, list[float]] = {}
        self.cpus: dict[str, list[float]] = {}

    def server_cpu(self) -> float | None:
        try:
            fields = self.stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None  # the server is on another host
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def time(self, name: str, fn) -> None:
        cpu0, t0 = self.server_cpu(), time.perf_counter()
        fn()
        wall, cpu1 = time.perf_counter() - t0, self.server_cpu()
        self.walls.setdefault(name, []).append(wall)
        if cpu0 is not None and cpu1 is not None:
            self.cpus.setdefault(name, []).append(cpu1 - cpu0)

    def wall(self, name: str) -> float:
        return statistics.median(self.walls[name])

    def cpu(self, name: str) -> float | None:
        return statistics.median(self.cpus[name]) if name in self.cpus else None

    def line(self, label: str, name: str, baseline: str | None = None) -> str:
        text = f"{label:<34}{self.wall(name):6.2f} s  runs: " + ", ".join(
            f"{t:.2f}" for t in self.walls[name]
        )
        cpu = self.cpu(name)
        if cpu is not None:
            text += f"  server CPU {cpu:.2f} s"
        if baseline:
            text += f"  ratio {self.wall(name) / self.wall(baseline):.2f}x"
            if cpu is not None and self.cpu(baseline):
                text += f" (CPU {cpu / self.cpu(baseline):.2f}x)"
        return text


RECORD_COLUMNS = (
    "employee_id, day, opd_id, unit_id, scheduled_mode, status, leave_kind, first_in, last_out, "
    "present_mode, late_minutes, late_tier, early_minutes, early_tier, mismatch, pending_review, "
    "report_state, unexcused_ytd, pp94_level, computed_at"
)


def breakdown(connection, timer: Timer, summaries_build, repeat: int) -> list[str]:
    """Where a day from empty records goes: each kind of statement of summaries_build() (medians of
    wall and server CPU), and the write of that day's finished records alone, inside a
    transaction that is rolled back: into attendance_dailyrecord (emptied, with its three
    indexes), into a copy keyed by (employee, day) with (opd, day) beside it and no id, into a
    copy without indexes, and into an unlogged copy without indexes."""
    from django.db import transaction

    kinds = (
        ("WITH people", "  records statements (one a day)"),
        ("WITH g", "  summaries statement"),
        ("DELETE FROM", "  deletes of the range"),
    )
    runs: list[dict[str, list[float]]] = []

    def wrapper(execute, sql, params, many, context):
        start = " ".join(sql.split()[:2])
        kind = next((k for prefix, k in kinds if start.startswith(prefix)), "  other statements")
        cpu0, t0 = timer.server_cpu(), time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            wall, cpu1 = time.perf_counter() - t0, timer.server_cpu()
            cpu = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else 0.0
            totals = runs[-1].setdefault(kind, [0.0, 0.0])
            totals[0] += wall
            totals[1] += cpu

    for _ in range(repeat):
        with connection.cursor() as cur:
            cur.execute("TRUNCATE attendance_dailyrecord, attendance_opddaysummary")
        runs.append({})
        with connection.execute_wrapper(wrapper):
            summaries_build(start=DAY, end=DAY)
    lines = []
    for _prefix, kind in (*kinds, (None, "  other statements")):
        walls = [run.get(kind, [0.0, 0.0])[0] for run in runs]
        cpus = [run.get(kind, [0.0, 0.0])[1] for run in runs]
        lines.append(
            f"{kind:<34}{statistics.median(walls):6.2f} s  "
            f"server CPU {statistics.median(cpus):.2f} s"
        )

    def write(table: str) -> None:
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {table} ({RECORD_COLUMNS}) SELECT * FROM bench_finished")  # noqa: S608

    def table_like(name: str, unlogged: bool = False) -> None:
        with connection.cursor() as cur:
            cur.execute(
                f"CREATE {'UNLOGGED ' if unlogged else ''}TABLE {name} "
                "(LIKE attendance_dailyrecord INCLUDING DEFAULTS INCLUDING IDENTITY)"
            )

    for _ in range(repeat):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                f"CREATE TEMP TABLE bench_finished AS SELECT {RECORD_COLUMNS} "  # noqa: S608
                "FROM attendance_dailyrecord WHERE day = %s",
                [DAY],
            )
            cur.execute("TRUNCATE attendance_dailyrecord")
            table_like("bench_unindexed")
            table_like("bench_two_keys")
            # the least a record table can keep: (employee, day) as its key, (opd, day) for
            # every reader, no surrogate id
            cur.execute("ALTER TABLE bench_two_keys ADD PRIMARY KEY (employee_id, day)")
            cur.execute("CREATE INDEX ON bench_two_keys (opd_id, day)")
            table_like("bench_unlogged", unlogged=True)
            timer.time("write indexed", lambda: write("attendance_dailyrecord"))
            timer.time("write two keys", lambda: write("bench_two_keys"))
            timer.time("write unindexed", lambda: write("bench_unindexed"))
            timer.time("write unlogged", lambda: write("bench_unlogged"))
            transaction.set_rollback(True)
    lines.append(timer.line("  the day's records alone, written", "write indexed"))
    lines.append(timer.line("  the same, key (employee, day) + (opd, day)", "write two keys"))
    lines.append(timer.line("  the same, table without indexes", "write unindexed"))
    lines.append(timer.line("  the same, unlogged, without indexes", "write unlogged"))
    return lines


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "bench/summary.py measures PostgreSQL only: set DATABASE_URL=postgres://... "
            "(SQLite is the development default, not what a 100,000-person city runs on)."
        )
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from bench.roster import ensure_database

    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from attendance.summaries.runs import summaries_build
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

    from leave.models import LeaveRecord
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

    # (b) the plain GROUP BY of the same events into a scratch table
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_scratch")
        cur.execute(
            "CREATE TABLE bench_scratch (employee_id bigint, first_in timestamptz, "
            "last_out timestamptz, in_s integer, out_s integer, events integer)"
        )

    def plain(day: dt.date) -> None:
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
                [opd_ids, day],
            )

    # (a) summaries_build() of the day, in rounds with (b) so that both see the same machine load:
    # the day from empty records, the plain GROUP BY, the same day again (a rebuild, what a
    # recompute does), and the next day with this day's records present (the nightly run)
    timer = Timer(connection)
    runs: dict[str, list] = {"first": [], "rebuild": [], "next": []}
    for _ in range(args.repeat):
        with connection.cursor() as cur:
            cur.execute("TRUNCATE attendance_dailyrecord, attendance_opddaysummary")
        timer.time("first", lambda: runs["first"].append(summaries_build(start=DAY, end=DAY)))
        timer.time("plain", lambda: plain(DAY))
        timer.time("rebuild", lambda: runs["rebuild"].append(summaries_build(start=DAY, end=DAY)))
        with connection.cursor() as cur:
            cur.execute("VACUUM attendance_dailyrecord")  # what autovacuum does overnight
        timer.time("next", lambda: runs["next"].append(summaries_build(start=NEXT, end=NEXT)))
        timer.time("plain next", lambda: plain(NEXT))
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM bench_scratch")
        scratch_rows = cur.fetchone()[0]
        cur.execute("DROP TABLE bench_scratch")

    # (c) the month: one summaries_build() of December from empty records and summaries
    month_runs = []
    for _ in range(args.month_repeat):
        with connection.cursor() as cur:
            cur.execute("TRUNCATE attendance_dailyrecord, attendance_opddaysummary")
        timer.time(
            "month", lambda: month_runs.append(summaries_build(start=MONTH[0], end=MONTH[1]))
        )

    details = breakdown(connection, timer, summaries_build, args.repeat) if args.breakdown else []

    day_run = runs["first"][-1]
    print()
    print(f"machine             {platform.machine()}, {os.cpu_count()} cores, PostgreSQL")
    print(f"employees           {len(people):,} placed, {Opd.objects.count()} OPDs")
    print(
        f"day {DAY}      {day_run.records:,} records, {day_run.summaries} OPD summaries "
        f"from {len(people):,} people's events ({runs['next'][-1].records:,} records on {NEXT})"
    )
    print(timer.line("summarize, day from empty records", "first", "plain"))
    print(timer.line("summarize, next day (nightly)", "next", "plain next"))
    print(timer.line("summarize, the day again (rebuild)", "rebuild", "plain"))
    print(timer.line(f"plain GROUP BY {DAY}", "plain"))
    print(timer.line(f"plain GROUP BY {NEXT}", "plain next") + f"  ({scratch_rows:,} rows)")
    print("target              within 1.5x the plain GROUP BY (medians of wall time)")
    if month_runs:  # --month-repeat 0 skips the month
        month_run = month_runs[-1]
        print(
            f"month {MONTH[0]}..{MONTH[1]}  {len(working)} working days, {month_events:,} "
            f"events, {month_run.records:,} records, {month_run.summaries:,} OPD summaries"
        )
        print(
            timer.line("month summarize", "month")
            + f"  ({month_run.records / timer.wall('month'):,.0f} records/s)"
        )
    if details:
        print(f"breakdown of the day from empty records (medians of {args.repeat} runs):")
        print("\n".join(details))


if __name__ == "__main__":
    main()
