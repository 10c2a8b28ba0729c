"""Attendance ingest through the API: bulk rate and single check-in latency (issue 4 and 6).

Against gunicorn (2 sync workers, config.wsgi) on loopback and PostgreSQL, in one run:

(a) bulk: --events events (default 200,000) POSTed to /api/v1/attendance/events/ in batches of
    1,000 by --senders concurrent senders: events/s. Beside it, the floor: the same rows (as
    stored) COPYed into a scratch table with the same columns, indexes and constraints.
(b) single check-in: --requests POSTs (default 2,000) of one event each at concurrency
    --concurrency (default 50): p50, p99 and requests/s; beside it, the same number of GET
    /healthz (the project's barest view: one SELECT 1) at the same concurrency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench_ingest \\
        .venv/bin/python bench/ingest.py [--employees 100000] [--events 200000]

The database is created and migrated if missing and seeded with a fresh demo registry
when its headcount differs (demo.city.city_seed, registry only). Use a database of its own.
PostgreSQL only; the HTTP side is the standard library (http.client and threads).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import sys
import time
import zoneinfo
from pathlib import Path
from urllib.parse import urlparse

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

from bench._serve import gunicorn, percentile, run_pool  # noqa: E402  (after the path is set)
from bench.roster import ensure_database  # noqa: E402

BATCH = 1000
CLIENT_NAME = "bench-ingest"
TZ = zoneinfo.ZoneInfo("Asia/Jakarta")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--senders", type=int, default=4, help="concurrent bulk senders")
    parser.add_argument("--requests", type=int, default=2_000, help="single check-ins to send")
    parser.add_argument("--concurrency", type=int, default=50)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "bench/ingest.py measures PostgreSQL: set DATABASE_URL=postgres://... "
            "(SQLite is the newcomer's default, not what a deployment runs)."
        )
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("REDIS_URL", None)  # eager Celery: /healthz pings nothing
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from api.models import ApiClient
    from api.services import api_client_create
    from attendance.models import AttendanceEvent
    from opd.models import Employee

    call_command("migrate", verbosity=0)
    if Employee.objects.count() != args.employees:
        # the registry part of seed_demo (no activity days): OPDs, units, employees, accounts
        from demo.city import DEFAULT_SEED, city_seed, registry_reset

        print(f"seeding {args.employees:,} employees …", flush=True)
        registry_reset()
        city_seed(employees=args.employees, seed=DEFAULT_SEED, password="bench-only-123")  # noqa: S106
    nips = list(Employee.objects.order_by("id").values_list("nip", flat=True))
    with connection.cursor() as cur:
        cur.execute(
            "DELETE FROM attendance_attendanceevent WHERE source = 'api' "
            "AND external_id LIKE 'bench-%%'"
        )
    ApiClient.objects.filter(name=CLIENT_NAME).delete()
    _client, token = api_client_create(name=CLIENT_NAME, scopes=["attendance:write"])
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    # today's check-ins, all in the past hours: a past day would queue its recompute (run in the
    # request when Celery is eager, as here), which is the nightly job's work, not the ingest's
    now = dt.datetime.now(TZ).replace(microsecond=0)
    start = now - dt.timedelta(hours=2)

    def item(i: int, prefix: str) -> dict:
        nip = nips[i % len(nips)]
        rnd = i // len(nips)  # each employee: in, out, then further rounds a minute apart
        ts = start + dt.timedelta(hours=rnd % 2, minutes=rnd // 2, seconds=i % 60)
        return {
            "nip": nip,
            "timestamp": ts.isoformat(),
            "kind": "in" if rnd % 2 == 0 else "out",
            "mode": "WFO",
            "device_id": "bench",
            "external_id": f"{prefix}-{i}",
        }

    with gunicorn(workers=2) as port:

        def post(conn, body: bytes):
            conn.request("POST", "/api/v1/attendance/events/", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            if response.status != 200:
                raise SystemExit(f"POST answered {response.status}: {data[:300]!r}")
            return json.loads(data)["counts"]

        # (a) bulk
        batches = [
            json.dumps(
                [item(i, "bench-bulk") for i in range(b, min(b + BATCH, args.events))]
            ).encode()
            for b in range(0, args.events, BATCH)
        ]
        bulk_s, bulk_lat, counts = run_pool(port, batches, args.senders, post)
        totals: dict[str, int] = {}
        for c in counts:
            for k, v in c.items():
                totals[k] = totals.get(k, 0) + v
        print(f"bulk: {args.events:,} events in {bulk_s:.1f} s  {totals}", flush=True)

        # the floor: the stored rows COPYed into a scratch table shaped like the real one
        columns = [f.column for f in AttendanceEvent._meta.concrete_fields if f.column != "id"]
        cols = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cur:
            buffer = io.StringIO()
            cur.cursor.copy_expert(
                f"COPY (SELECT {cols} FROM attendance_attendanceevent WHERE source = 'api' "
                "AND external_id LIKE 'bench-bulk-%') TO STDOUT",
                buffer,
            )
            rows = buffer.getvalue().count("\n")
            cur.execute("DROP TABLE IF EXISTS bench_event_copy")
            cur.execute(
                "CREATE TABLE bench_event_copy (LIKE attendance_attendanceevent INCLUDING ALL)"
            )
            connection.commit() if not connection.get_autocommit() else None
            buffer.seek(0)
            t0 = time.perf_counter()
            cur.cursor.copy_expert(f"COPY bench_event_copy ({cols}) FROM STDIN", buffer)
            copy_s = time.perf_counter() - t0
            cur.execute("DROP TABLE bench_event_copy")
        print(f"COPY: {rows:,} rows in {copy_s:.2f} s", flush=True)

        # (b) single check-ins at concurrency, then the bare view the same way
        singles = [
            json.dumps([item(args.events + i, "bench-single")]).encode()
            for i in range(args.requests)
        ]
        single_s, single_lat, _ = run_pool(port, singles, args.concurrency, post)

        def get_health(conn, _job):
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"/healthz answered {response.status}")

        bare_s, bare_lat, _ = run_pool(
            port, list(range(args.requests)), args.concurrency, get_health
        )

    ms = 1000
    print()
    print(f"machine            {platform.machine()}, {os.cpu_count()} cores")
    print(f"database           PostgreSQL {connection.pg_version // 10000}, {urlparse(url).path}")
    print(f"employees          {len(nips):,}")
    print(
        f"bulk ingest        {args.events:,} events, batches of {BATCH}, {args.senders} senders: "
        f"{bulk_s:.1f} s, {args.events / bulk_s:,.0f} events/s; "
        f"batch p50 {percentile(bulk_lat, 50):.2f} s, p99 {percentile(bulk_lat, 99):.2f} s"
    )
    print(f"raw COPY           {rows:,} rows: {copy_s:.2f} s, {rows / copy_s:,.0f} rows/s")
    print(f"ratio              {bulk_s / copy_s:.1f}x the raw COPY")
    print(
        f"single check-in    {args.requests:,} POSTs at concurrency {args.concurrency}: "
        f"{args.requests / single_s:,.0f} req/s, p50 {percentile(single_lat, 50) * ms:.0f} ms, "
        f"p99 {percentile(single_lat, 99) * ms:.0f} ms"
    )
    print(
        f"bare view /healthz {args.requests:,} GETs at concurrency {args.concurrency}: "
        f"{args.requests / bare_s:,.0f} req/s, p50 {percentile(bare_lat, 50) * ms:.0f} ms, "
        f"p99 {percentile(bare_lat, 99) * ms:.0f} ms"
    )
    print(
        f"check-in / bare    {bare_s / single_s:.2f}x the requests/s, "
        f"p99 {percentile(single_lat, 99) / percentile(bare_lat, 99):.1f}x"
    )


if __name__ == "__main__":
    main()
