"""Organisation import benchmark: 100,000 employees from one CSV into PostgreSQL.

Creates 60 OPDs with 8 units each, writes an employees CSV with valid unique NIPs (PNS and PPPK
forms, a head per unit, staff reporting to their head, some not eligible for WFH) to a temporary
directory, then measures in the same process, --repeat times each:

  (a) import     import_org on empty employee tables (employees, placements, accounts deleted
                 between runs): read, validate, write, accounts, supervisors, placements
  (b) re-import  the same file again: every row unchanged, nothing written
  (c) raw COPY   psycopg2 COPY opd_employee (...) FROM STDIN of the same rows, already resolved
                 to ids (the floor for getting these rows into the table), then deleted

and prints the medians, rows/s and the ratio import/COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench \\
        .venv/bin/python bench/import_org.py [--employees 100000] [--repeat 3] [--profile]

The database named in DATABASE_URL is created (and migrated) if missing; its OPD, unit, employee
and placement tables (and every table referring to them) are emptied with TRUNCATE ... CASCADE.
Use a database of its own, never a real one. PostgreSQL only.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

OPDS = 60
UNITS_PER_OPD = 8
COPY_COLUMNS = (
    "nip",
    "name",
    "asn_type",
    "opd_id",
    "unit_id",
    "position",
    "unit_role",
    "wfh_eligible",
    "ineligible_reason",
    "email",
    "phone",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--profile", action="store_true", help="print the top functions of one extra import"
    )
    return parser.parse_args()


def require_postgres() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if urlparse(url).scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(
            "bench/import_org.py measures PostgreSQL (COPY, the production database) and refuses "
            "to run on SQLite.\nSet DATABASE_URL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench"
        )
    return url


def ensure_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    params = {
        "host": parts.hostname,
        "port": parts.port or 5432,
        "user": parts.username,
        "password": parts.password,
    }
    conn = psycopg2.connect(dbname="postgres", **{k: v for k, v in params.items() if v})
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
    conn.close()


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def nip_for(i: int) -> tuple[str, str]:
    """A valid NIP unique per i: birth date and serial vary with i; every third is PPPK."""
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=i // 999)
    serial = i % 999 + 1
    gender = 1 + i % 2
    if i % 3 == 0:
        return f"{birth:%Y%m%d}{birth.year + 30:04d}21{gender}{serial:03d}", "PPPK"
    return f"{birth:%Y%m%d}{birth.year + 25:04d}{1 + i % 12:02d}{gender}{serial:03d}", "PNS"


def make_org() -> list[tuple[str, str]]:
    from django.db import connection

    from opd.models import Opd, Unit

    with connection.cursor() as cur:
        cur.execute("TRUNCATE opd_opd, opd_unit RESTART IDENTITY CASCADE")
    opds = Opd.objects.bulk_create(
        Opd(code=f"OPD{o:02d}", name=f"Dinas Uji {o:02d}", kind="dinas") for o in range(OPDS)
    )
    Unit.objects.bulk_create(
        Unit(opd=opd, code=f"U{u}", name=f"Bidang {u}", min_onsite=1)
        for opd in opds
        for u in range(UNITS_PER_OPD)
    )
    return [(f"OPD{o:02d}", f"U{u}") for o in range(OPDS) for u in range(UNITS_PER_OPD)]


def write_csv(path: Path, count: int, units: list[tuple[str, str]]) -> list[dict]:
    """The employees CSV; returns the rows (for the COPY baseline)."""
    import csv

    head_of: dict[tuple[str, str], str] = {}
    rows = []
    for i in range(count):
        nip, asn_type = nip_for(i)
        unit = units[i % len(units)]
        is_head = unit not in head_of
        if is_head:
            head_of[unit] = nip
        eligible = i % 10 != 7
        rows.append(
            {
                "nip": nip,
                "name": f"Pegawai Uji {i:06d}",
                "asn_type": asn_type,
                "opd_code": unit[0],
                "unit_code": unit[1],
                "position": "Kepala Bidang" if is_head else "Analis Kebijakan",
                "role": "kepala" if is_head else "staf",
                "supervisor_nip": "" if is_head else head_of[unit],
                "wfh_eligible": "ya" if eligible else "tidak",
                "ineligible_reason": "" if eligible else "hukuman_disiplin",
                "email": f"pegawai{i:06d}@example.go.id",
                "phone": f"0812{i:08d}",
            }
        )
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


def clean() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("TRUNCATE opd_placement, opd_employee RESTART IDENTITY CASCADE")
        cur.execute("DELETE FROM accounts_user WHERE username ~ '^[0-9]{18}$'")
        cur.execute("ANALYZE opd_employee, opd_placement, accounts_user")


def copy_payload(rows: list[dict]) -> str:
    from opd.models import Opd, Unit

    opd_ids = dict(Opd.objects.values_list("code", "id"))
    unit_ids = {
        (code, unit): pk for pk, code, unit in Unit.objects.values_list("id", "opd__code", "code")
    }
    reasons = {"": "", "hukuman_disiplin": "disciplinary"}
    out = io.StringIO()
    for r in rows:
        out.write(
            "\t".join(
                (
                    r["nip"],
                    r["name"],
                    r["asn_type"],
                    str(opd_ids[r["opd_code"]]),
                    str(unit_ids[(r["opd_code"], r["unit_code"])]),
                    r["position"],
                    "head" if r["role"] == "kepala" else "staff",
                    "t" if r["wfh_eligible"] == "ya" else "f",
                    reasons[r["ineligible_reason"]],
                    r["email"],
                    r["phone"],
                )
            )
            + "\n"
        )
    return out.getvalue()


def raw_copy(payload: str) -> float:
    from django.db import connection

    raw = connection.connection  # the psycopg2 connection under Django's
    start = time.perf_counter()
    with raw.cursor() as cur:
        cur.copy_expert(
            f"COPY opd_employee ({', '.join(COPY_COLUMNS)}) FROM STDIN", io.StringIO(payload)
        )
    raw.commit()
    elapsed = time.perf_counter() - start
    clean()
    return elapsed


def timed_import(path: Path, today: dt.date):
    from common.tabular import Upload
    from opd.importing.services import org_import

    start = time.perf_counter()
    result = org_import(employees=Upload(path.name, path.read_bytes()), today=today)
    elapsed = time.perf_counter() - start
    if result.errors:
        sys.exit("import reported errors:\n" + "\n".join(str(e) for e in result.errors[:20]))
    return elapsed, result.counts["employees"]


def main() -> None:
    args = parse_args()
    url = require_postgres()
    ensure_database(url)
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/import_org.py needs PostgreSQL; DATABASE_URL points elsewhere.")
    connection.ensure_connection()
    server = connection.cursor().connection.server_version
    today = dt.date(2025, 11, 3)
    clean()
    units = make_org()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "employees.csv"
        rows = write_csv(path, args.employees, units)
        payload = copy_payload(rows)
        pppk = sum(1 for r in rows if r["asn_type"] == "PPPK")
        size_mb = path.stat().st_size / 1e6
        imports, reimports, copies = [], [], []
        for run in range(1, args.repeat + 1):
            clean()
            seconds, counts = timed_import(path, today)
            assert counts.created == args.employees, counts
            imports.append(seconds)
            seconds, counts = timed_import(path, today)
            assert counts.unchanged == args.employees, counts
            reimports.append(seconds)
            clean()
            copies.append(raw_copy(payload))
            print(
                f"run {run}: import {imports[-1]:.2f} s, re-import {reimports[-1]:.2f} s, "
                f"COPY {copies[-1]:.2f} s",
                flush=True,
            )
        if args.profile:
            clean()
            profiler = cProfile.Profile()
            profiler.enable()
            timed_import(path, today)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        clean()

    n = args.employees
    med_import = statistics.median(imports)
    med_reimport = statistics.median(reimports)
    med_copy = statistics.median(copies)
    print()
    print(
        f"machine           {os.cpu_count()} CPU, {platform.python_implementation()} "
        f"{platform.python_version()}, PostgreSQL {server // 10000}.{server % 10000}"
    )
    print(
        f"employees         {n:,} ({n - pppk:,} PNS, {pppk:,} PPPK) in {OPDS} OPDs, "
        f"{len(units)} units; CSV {size_mb:.1f} MB"
    )
    print(f"repeat            {args.repeat} (medians below)")
    for label, median, runs in (
        ("import (fresh)", med_import, imports),
        ("re-import (same)", med_reimport, reimports),
        ("raw COPY", med_copy, copies),
    ):
        print(
            f"{label:<17} {median:6.2f} s  {n / median:>10,.0f} rows/s  "
            f"(runs: {', '.join(f'{t:.2f}' for t in runs)})"
        )
    print(f"ratio import/COPY {med_import / med_copy:.1f}x")


if __name__ == "__main__":
    main()
