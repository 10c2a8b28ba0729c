"""Roster generation benchmark: Phase II (rotation 0.5) for every OPD of a 100,000-person city.

From `generate_roster --phase jabar-2025-tahap-2 --wait` to every roster ready, through a real
Celery worker (2 processes, the machine's 2 cores) on PostgreSQL and Redis; beside it, in the same
run, a raw COPY of the same number of assignment rows into the same table (wfh_assignment, with
its indexes), which is the floor for getting those rows into the database. Prints medians of
--repeat runs, the ratio, and the peak memory (VmHWM) of the command and of each worker process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench_roster \\
    REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/roster.py [--employees 100000] [--repeat 3]

The database is created and migrated if missing and seeded with `seed_demo --reset` when its
headcount differs. Use a database of its own. PostgreSQL and Redis only.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
PHASE = "jabar-2025-tahap-2"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2)
    return parser.parse_args()


def ensure_database(url: str) -> None:
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("bench/roster.py needs DATABASE_URL=postgres://... and REDIS_URL=redis://...")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from opd.models import Employee
    from wfh.models import Assignment, Roster

    call_command("migrate", verbosity=0)
    if Employee.objects.count() != args.employees:
        call_command(
            "seed_demo", "--employees", str(args.employees), "--reset", stdout=io.StringIO()
        )
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())

    env = dict(os.environ, DB_CONN_MAX_AGE="0")
    worker = subprocess.Popen(
        [
            str(BASE / ".venv/bin/celery"),
            "-A",
            "wfh",
            "worker",
            "-l",
            "warning",
            f"--concurrency={args.concurrency}",
            "-n",
            f"bench-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=BASE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from config.celery import app

        for _ in range(60):
            if app.control.ping(timeout=1.0):
                break
        else:
            sys.exit("the Celery worker did not answer")

        gen_times, copy_times, cmd_peaks = [], [], []
        rows = 0
        for run in range(args.repeat):
            Roster.objects.filter(phase__slug=PHASE).delete()
            t0 = time.perf_counter()
            cmd = subprocess.Popen(
                [sys.executable, "manage.py", "generate_roster", "--phase", PHASE, "--wait"],
                cwd=BASE,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            peak = 0.0
            while cmd.poll() is None:
                peak = max(peak, peak_rss_mib(cmd.pid))
                time.sleep(0.2)
            gen_times.append(time.perf_counter() - t0)
            cmd_peaks.append(peak)
            if cmd.returncode != 0:
                sys.exit(f"generate_roster failed: {cmd.stderr.read()}")
            rows = Assignment.objects.filter(roster__phase__slug=PHASE).count()
            failed = Roster.objects.filter(phase__slug=PHASE, status=Roster.Status.FAILED).count()
            print(f"run {run + 1}: generate {gen_times[-1]:.2f} s, {rows:,} rows, {failed} failed")

            # the same number of rows, COPYed raw into the same table under a scratch roster
            sample = list(
                Assignment.objects.filter(roster__phase__slug=PHASE).values_list(
                    "employee_id", "unit_id", "day", "mode", "source", "reason"
                )
            )
            scratch = Roster.objects.filter(phase__slug=PHASE).first()
            scratch_copy = Roster.objects.create(
                phase=scratch.phase, opd=scratch.opd, version=10_000 + run
            )
            null = "\\N"
            text = "".join(
                f"{scratch_copy.pk}\t{e}\t{null if u is None else u}\t{d.isoformat()}"
                f"\t{m}\t{s}\t{r}\n"
                for e, u, d, m, s, r in sample
            )
            del sample
            with connection.cursor() as cur:
                t0 = time.perf_counter()
                cur.cursor.copy_expert(
                    "COPY wfh_assignment (roster_id, employee_id, unit_id, day, mode, source, "
                    "reason) FROM STDIN",
                    io.StringIO(text),
                )
                copy_times.append(time.perf_counter() - t0)
            del text
            print(f"run {run + 1}: raw COPY {copy_times[-1]:.2f} s")
            scratch_copy.delete()

        worker_peaks = [peak_rss_mib(p) for p in [worker.pid, *children(worker.pid)]]
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    g, c = statistics.median(gen_times), statistics.median(copy_times)
    runs_g = ", ".join(f"{t:.2f}" for t in gen_times)
    runs_c = ", ".join(f"{t:.2f}" for t in copy_times)
    print()
    print(f"machine           {platform.machine()}, {os.cpu_count()} cores")
    print(f"employees         {Employee.objects.count():,}")
    print(f"assignment rows   {rows:,}")
    print(f"generate (median) {g:.2f} s  ({rows / g:,.0f} rows/s) runs: {runs_g}")
    print(f"raw COPY (median) {c:.2f} s  ({rows / c:,.0f} rows/s) runs: {runs_c}")
    print(f"ratio             {g / c:.2f}x the raw COPY")
    print(
        f"peak memory       command {max(cmd_peaks):.0f} MiB; worker processes "
        f"{', '.join(f'{p:.0f}' for p in worker_peaks)} MiB (VmHWM)"
    )


if __name__ == "__main__":
    main()
