"""Every page of every role at scale: server time per page, flagged against the targets.

Seeds a demo city of --employees staff (default 100,000) with a month of its life on PostgreSQL,
set-wise (demo.city's COPY of the registry, the rosters generated and published, the month's
check-ins and work reports through common.bulk, the nightly records), unless the database already
holds that headcount. Then logs in as each demo role (hr.demo, opd.demo, atasan.demo,
pegawai.demo) and requests every page that role may open, the list taken from the URL conf
(bench/pagelist.py, so a new page is covered) with Django's test client in this process: the time
is the server's (middleware, view, queries, template), without a network. Each page is requested
--repeat times after one warm-up; prints median and p95 and the query count, and flags an
employee's or supervisor's page over 300 ms p95 and an HR or OPD admin page over 1 s.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench_pages SECRET_KEY=x \\
        .venv/bin/python bench/pages.py [--employees 100000] [--repeat 5] \\
        [--only evaluation] [--skip download]

Use a database of its own: a seed replaces its registry (seed_demo --reset). PostgreSQL only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

ROLES = (  # user name, limit on p95 in ms
    ("pegawai.demo", 300),
    ("atasan.demo", 300),
    ("opd.demo", 1000),
    ("hr.demo", 1000),
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", help="only URL names containing this text")
    parser.add_argument("--skip", default="", help="leave out URL names containing this text")
    return parser.parse_args()


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/pages.py needs DATABASE_URL=postgres://... (a database of its own)")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    import logging

    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a role's 403s are expected
    call_command("migrate", verbosity=0)


def seed(employees: int, days: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from attendance.summaries.runs import summaries_build
    from demo.attendance import events_seed, leave_seed
    from demo.city import city_seed, registry_reset
    from demo.logins import DEFAULT_PASSWORD
    from demo.schedules import schedules_seed
    from opd.models import Employee

    have = Employee.objects.count()
    if have == employees:
        print(f"database already holds {have:,} employees: not seeding")
        return
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=days), today - dt.timedelta(days=1)
    steps = []

    def step(name, fn):
        began = time.perf_counter()
        value = fn()
        steps.append((name, time.perf_counter() - began))
        print(f"  {name}: {steps[-1][1]:.1f} s", flush=True)
        return value

    print(f"seeding {employees:,} employees and {days} days of attendance", flush=True)
    with transaction.atomic():
        step("reset", registry_reset)
        step("city", lambda: city_seed(employees=employees, seed=2025, password=DEFAULT_PASSWORD))
        step("leave", lambda: leave_seed(start=start, end=today, seed=2025))
        step("rosters", lambda: schedules_seed(start=start, end=today + dt.timedelta(days=31)))
        result = step("events", lambda: events_seed(start=start, end=end, today=today, seed=2025))
        step("records", lambda: summaries_build(start=start, end=end))
    print(f"  {result.events:,} events, {result.reports:,} work reports", flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(repeat: int, only: str, skip: str = "") -> list[tuple]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.pagelist import page_routes, url_for

    rows = []
    routes = [r for r in page_routes() if only in r.name and not (skip and skip in r.name)]
    for username, limit in ROLES:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for route in routes:
            url = url_for(route, user)
            if url is None:
                continue
            first = client.get(url, secure=True)
            if first.status_code != 200:
                continue  # not a page of this role (403, 404, redirect, POST only)
            times = []
            for _i in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    response = client.get(url, secure=True)
                    if hasattr(response, "streaming_content"):
                        b"".join(response.streaming_content)
                    times.append((time.perf_counter() - began) * 1000)
            median, p95 = statistics.median(times), percentile(times, 0.95)
            size = len(response.content) if not hasattr(response, "streaming_content") else 0
            rows.append(
                (username, url, median, p95, len(queries.captured_queries), size, p95 > limit)
            )
            mark = "SLOW" if p95 > limit else ""
            print(
                f"{username:<13} {url[:58]:<58} {median:>8.0f} {p95:>8.0f} "
                f"{len(queries.captured_queries):>5} {size / 1024:>8.0f} {mark}",
                flush=True,
            )
    return rows


def main() -> None:
    args = parse_args()
    setup()
    seed(args.employees, args.days)
    from opd.models import Employee, Opd

    print(
        f"\n{Employee.objects.count():,} employees in {Opd.objects.count()} OPDs; "
        f"{args.repeat} requests per page after a warm-up"
    )
    print(f"{'role':<13} {'page':<58} {'med ms':>8} {'p95 ms':>8} {'qry':>5} {'KiB':>8}")
    rows = measure(args.repeat, args.only, args.skip)
    slow = [r for r in rows if r[-1]]
    print(f"\n{len(rows)} pages measured, {len(slow)} over target (300 ms employee, 1 s HR):")
    for username, url, _median, p95, queries, _size, _slow in sorted(slow, key=lambda r: -r[3]):
        print(f"  {username:<13} {url:<58} p95 {p95:,.0f} ms ({queries} queries)")


if __name__ == "__main__":
    main()
