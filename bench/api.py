"""API reads under load (issue 6): an OPD's day and one employee's month, beside a bare view.

Against gunicorn (2 sync workers, config.wsgi) on loopback and PostgreSQL, in one run, each target
gets --requests GETs (default 2,000) at concurrency --concurrency (default 50), after a short
warm-up, the three targets taking turns in --rounds rounds (default 4) so that a change in the
machine's load weighs on all of them; the run prints requests/s, p50 and p99 per target and the
ratios to the bare view:

(a) day     GET /api/v1/schedule/?date=D&opd=BENCH&page_size=500: the published mode of all 500
            staff of the OPD on day D (one page; D cycles through the month's working days)
(b) month   GET /api/v1/employees/{nip}/schedule/?from=2025-12-01&to=2025-12-31: one employee's
            month (the NIP cycles through the 500 staff)
(c) bare    GET /healthz: the project's barest view (one SELECT 1, no template, no session
            write; Celery is eager, so it pings nothing), through the same middleware

Seeds, in a scratch database it creates (and refuses to reuse) and drops at the end: one OPD of
--staff employees (default 500) in units of 50, a published roster for December 2025 (one row
per person per working day, WFH and WFO alternating) and an API client with schedule:read. The
throttle is lifted for the gunicorn process (API_THROTTLE_RATE), since the bench is one client.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench_api \\
        .venv/bin/python bench/api.py [--requests 2000] [--concurrency 50] [--staff 500]

PostgreSQL only; the HTTP side is the standard library (http.client and threads).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path
from urllib.parse import urlparse

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

from bench._serve import gunicorn, percentile, run_pool  # noqa: E402  (after the path is set)

OPD_CODE = "BENCH"
UNIT_SIZE = 50
MONTH = (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
WARM_UP = 50
TARGETS = ("day", "month", "bare")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2_000, help="GETs per target")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--staff", type=int, default=500, help="employees of the one OPD")
    parser.add_argument(
        "--rounds", type=int, default=4, help="the targets alternate, requests/rounds at a time"
    )
    parser.add_argument(
        "--keep", action="store_true", help="leave the scratch database behind (to inspect it)"
    )
    return parser.parse_args()


def admin_connection(url: str):
    import psycopg2

    parts = urlparse(url)
    conn = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
    )
    conn.autocommit = True
    return conn


def create_database(url: str) -> str:
    name = urlparse(url).path.lstrip("/")
    conn = admin_connection(url)
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone():
            conn.close()
            sys.exit(
                f"database {name} exists; bench/api.py creates and drops its own scratch "
                "database: drop it (dropdb) or name another one in DATABASE_URL"
            )
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return name


def drop_database(url: str, name: str) -> None:
    conn = admin_connection(url)
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    conn.close()


def make_nip(i: int) -> str:
    """A valid, unique PNS NIP: birth date, start year and month, gender, serial."""
    birth = dt.date(1970 + i % 25, 1 + i % 12, 1 + i % 28)
    start_year = birth.year + 20 + (i // 999) % 10
    return f"{birth:%Y%m%d}{start_year:04d}{1 + (i // 12) % 12:02d}{1 + i % 2}{1 + i % 999:03d}"


def seed(staff: int) -> tuple[list[str], list[dt.date]]:
    """One OPD, its units and staff, December published; returns the NIPs and working days."""
    from opd.models import AsnType, Employee, Opd, OpdKind, Unit, UnitRole
    from wfh.calendar import national_days_off
    from wfh.models import Mode, PatternKind, Phase, Programme, Roster, ScheduleDay

    opd = Opd.objects.create(code=OPD_CODE, name="Dinas Bench", kind=OpdKind.DINAS)
    units = Unit.objects.bulk_create(
        [
            Unit(opd=opd, code=f"U{u:02d}", name=f"Bidang {u:02d}", min_onsite=5)
            for u in range((staff + UNIT_SIZE - 1) // UNIT_SIZE)
        ]
    )
    employees = Employee.objects.bulk_create(
        [
            Employee(
                nip=make_nip(i + 1),
                name=f"Pegawai {i + 1:04d}",
                asn_type=AsnType.PNS,
                opd=opd,
                unit=units[i // UNIT_SIZE],
                unit_role=UnitRole.HEAD if i % UNIT_SIZE == 0 else UnitRole.STAFF,
            )
            for i in range(staff)
        ]
    )
    off = {o.day for o in national_days_off(MONTH[0].year)}
    days = [MONTH[0] + dt.timedelta(days=n) for n in range((MONTH[1] - MONTH[0]).days + 1)]
    working = [d for d in days if d.weekday() < 5 and d not in off]
    programme = Programme.objects.create(slug="bench", name="Bench")
    phase = Phase.objects.create(
        programme=programme,
        slug="bench-des",
        name="Desember",
        start=MONTH[0],
        end=MONTH[1],
        pattern=PatternKind.ROTATION,
        ratio="0.5",
    )
    roster = Roster.objects.create(
        phase=phase,
        opd=opd,
        version=1,
        status=Roster.Status.READY,
        workflow=Roster.Workflow.PUBLISHED,
    )
    ScheduleDay.objects.bulk_create(
        [
            ScheduleDay(
                employee=e,
                day=day,
                mode=Mode.WFH if (d + i) % 2 else Mode.WFO,
                phase=phase,
                opd=opd,
                unit=e.unit,
                roster=roster,
            )
            for d, day in enumerate(working)
            for i, e in enumerate(employees)
        ],
        batch_size=5000,
    )
    return [e.nip for e in employees], working


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "bench/api.py measures PostgreSQL: set DATABASE_URL=postgres://.../wfh_bench_api "
            "(a database it may create and drop)."
        )
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("REDIS_URL", None)  # eager Celery: /healthz pings nothing
    name = create_database(url)
    try:
        results = run(args, url)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept the scratch database {name}")
        else:
            drop_database(url, name)
    report(args, url, *results)


def run(args, url: str):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from api.services import api_client_create

    call_command("migrate", verbosity=0)
    print(f"seeding one OPD of {args.staff} staff and December 2025 …", flush=True)
    nips, working = seed(args.staff)
    _client, token = api_client_create(name="bench-api", scopes=["schedule:read"])
    headers = {"Authorization": f"Token {token}"}
    pg_version = connection.pg_version
    day_urls = [
        f"/api/v1/schedule/?date={d}&opd={OPD_CODE}&page_size={args.staff}" for d in working
    ]
    month_urls = [
        f"/api/v1/employees/{nip}/schedule/?from={MONTH[0]}&to={MONTH[1]}" for nip in nips
    ]

    def cycle(urls: list[str], n: int) -> list[str]:
        return [urls[i % len(urls)] for i in range(n)]

    def get(conn, path: str) -> int:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}: {body[:300]!r}")
        return len(body)

    with gunicorn(workers=2) as port:
        # check the answers once, then warm both workers up on every target
        _s, _l, (first,) = run_pool(port, [day_urls[0]], 1, get_json(headers))
        assert first["count"] == args.staff and len(first["results"]) == args.staff, first
        assert first["next"] is None
        _s, _l, (month,) = run_pool(port, [month_urls[0]], 1, get_json(headers))
        assert month["count"] == len(working), month
        for urls in (day_urls, month_urls, ["/healthz"]):
            run_pool(port, cycle(urls, WARM_UP), args.concurrency, get)

        # the targets alternate in --rounds rounds, so that a change in the machine's load
        # during the run weighs on all three alike; their ratio is the stable figure
        figures = {target: [0.0, [], []] for target in TARGETS}
        urls_of = {"day": day_urls, "month": month_urls, "bare": ["/healthz"]}
        per_round = [
            args.requests // args.rounds + (r < args.requests % args.rounds)
            for r in range(args.rounds)
        ]
        done = dict.fromkeys(TARGETS, 0)
        for n in per_round:
            for target in TARGETS:
                urls = urls_of[target]
                jobs = [urls[(done[target] + i) % len(urls)] for i in range(n)]
                seconds, latencies, sizes = run_pool(port, jobs, args.concurrency, get)
                done[target] += n
                figures[target][0] += seconds
                figures[target][1] += latencies
                figures[target][2] += sizes
    return figures, len(working), pg_version


def get_json(headers):
    def get(conn, path: str):
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}: {body[:300]!r}")
        return json.loads(body)

    return get


def report(args, url: str, figures: dict, days: int, pg_version: int) -> None:
    ms = 1000
    labels = {
        "day": f"OPD day ({args.staff} rows)",
        "month": f"employee month ({days} rows)",
        "bare": "bare view /healthz",
    }
    print()
    print(f"machine                   {platform.machine()}, {os.cpu_count()} cores")
    print(f"database                  PostgreSQL {pg_version // 10000}, {urlparse(url).path}")
    print("server                    gunicorn, 2 sync workers, loopback")
    print(f"load average              {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"requests                  {args.requests:,} GETs per target at concurrency "
        f"{args.concurrency}"
    )
    rate = {}
    p99 = {}
    for target, (seconds, latencies, sizes) in figures.items():
        size = sum(sizes) / len(sizes)
        rate[target] = args.requests / seconds
        p99[target] = percentile(latencies, 99)
        print(
            f"{labels[target]:<25} {rate[target]:,.0f} req/s, "
            f"p50 {percentile(latencies, 50) * ms:.0f} ms, p99 {p99[target] * ms:.0f} ms, "
            f"{size / 1024:,.1f} KiB per answer"
        )
    for target in ("day", "month"):
        print(
            f"{target + ' / bare':<25} {rate[target] / rate['bare']:.2f}x the requests/s, "
            f"p99 {p99[target] / p99['bare']:.1f}x"
        )


if __name__ == "__main__":
    main()
