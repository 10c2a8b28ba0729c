"""Occupancy of every building for a month (issue 16), beside a plain SQL GROUP BY.

Seeds, in a scratch database it creates (and refuses to reuse) and drops at the end, --employees
staff (default 100,000) in OPDs of 1,000 and units of 50, every OPD's units seated in the zones
(10 units a floor) of one of 20 buildings, December 2025 published (one row per person per
working day, WFH and WFO alternating; INSERT ... SELECT, set-wise) and approved leave for 1% of
them. Then, taking turns for --repeat rounds (default 7), it times:

(a) forecast  buildings.forecast.buildings_month(every building, December): zones x working days,
              people on site (WFO minus approved leave) and the days published
(b) plain     SELECT zone_id, day, count(*) FROM scheduleday JOIN unitseat USING (unit_id)
              WHERE day in December AND mode = 'WFO' GROUP BY zone_id, day

and prints the medians and the ratio (target: within 1.5x).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wfh_bench_occupancy \\
        .venv/bin/python bench/occupancy.py [--employees 100000] [--repeat 7]

PostgreSQL only.
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

from bench.api import create_database, drop_database, make_nip  # noqa: E402

MONTH = (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
OPD_SIZE, UNIT_SIZE, UNITS_PER_ZONE, BUILDINGS = 1000, 50, 10, 20


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="leave the scratch database behind")
    return parser.parse_args()


def seed(employees: int) -> list[dt.date]:
    from django.db import connection

    from buildings.models import Building, UnitSeat, Zone
    from leave.models import LeaveKind, LeaveRecord
    from opd.models import AsnType, Employee, Opd, OpdKind, Unit, UnitRole
    from wfh.calendar import working_days
    from wfh.models import PatternKind, Phase, Programme, Roster

    n_opds = (employees + OPD_SIZE - 1) // OPD_SIZE
    opds = Opd.objects.bulk_create(
        [Opd(code=f"OPD{o:03d}", name=f"Dinas {o:03d}", kind=OpdKind.DINAS) for o in range(n_opds)]
    )
    per_opd = OPD_SIZE // UNIT_SIZE
    units = Unit.objects.bulk_create(
        [
            Unit(opd=opd, code=f"U{u:02d}", name=f"Bidang {u:02d}")
            for opd in opds
            for u in range(per_opd)
        ],
        batch_size=5000,
    )
    staff = Employee.objects.bulk_create(
        [
            Employee(
                nip=make_nip(i + 1),
                name=f"Pegawai {i + 1:06d}",
                asn_type=AsnType.PNS,
                opd=opds[i // OPD_SIZE],
                unit=units[i // UNIT_SIZE],
                unit_role=UnitRole.HEAD if i % UNIT_SIZE == 0 else UnitRole.STAFF,
            )
            for i in range(employees)
        ],
        batch_size=5000,
    )
    buildings = Building.objects.bulk_create(
        [Building(code=f"GD{b:02d}", name=f"Gedung {b:02d}") for b in range(BUILDINGS)]
    )
    through = Building.opds.through
    through.objects.bulk_create(
        [through(building=buildings[i % BUILDINGS], opd=opd) for i, opd in enumerate(opds)]
    )
    zones, seats = [], []
    for i, opd in enumerate(opds):
        own = units[i * per_opd : (i + 1) * per_opd]
        for z in range(0, len(own), UNITS_PER_ZONE):
            zones.append(
                Zone(
                    building=buildings[i % BUILDINGS],
                    code=f"{opd.code}-L{z // UNITS_PER_ZONE + 1}",
                    name=f"Lantai {opd.code} {z // UNITS_PER_ZONE + 1}",
                    capacity=UNITS_PER_ZONE * UNIT_SIZE,
                )
            )
            seats += [(len(zones) - 1, u) for u in own[z : z + UNITS_PER_ZONE]]
    Zone.objects.bulk_create(zones, batch_size=5000)
    UnitSeat.objects.bulk_create(
        [UnitSeat(unit=u, zone=zones[i]) for i, u in seats], batch_size=5000
    )
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
    rosters = Roster.objects.bulk_create(
        [
            Roster(
                phase=phase,
                opd=opd,
                version=1,
                status=Roster.Status.READY,
                workflow=Roster.Workflow.PUBLISHED,
            )
            for opd in opds
        ]
    )
    roster_of = {r.opd_id: r.pk for r in rosters}
    days = working_days(*MONTH)
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_roster (opd_id int, roster_id int)")
        cur.executemany("INSERT INTO bench_roster VALUES (%s, %s)", list(roster_of.items()))
        cur.execute(
            """
            INSERT INTO wfh_scheduleday (employee_id, day, mode, source, phase_id, opd_id,
                                         unit_id, roster_id)
            SELECT e.id, d.day, CASE WHEN (e.id + d.n) %% 2 = 0 THEN 'WFO' ELSE 'WFH' END,
                   'generated', %s, e.opd_id, e.unit_id, r.roster_id
            FROM opd_employee e
            JOIN bench_roster r ON r.opd_id = e.opd_id
            CROSS JOIN unnest(%s::date[]) WITH ORDINALITY AS d(day, n)
            """,
            [phase.pk, days],
        )
        cur.execute("ANALYZE")
    LeaveRecord.objects.bulk_create(
        [
            LeaveRecord(employee=e, kind=LeaveKind.CUTI_TAHUNAN, start=days[3], end=days[4])
            for e in staff[::100]
        ]
    )
    return days


PLAIN = """
    SELECT s.zone_id, d.day, count(*)
    FROM wfh_scheduleday d JOIN buildings_unitseat s ON s.unit_id = d.unit_id
    WHERE d.day BETWEEN %s AND %s AND d.mode = 'WFO'
    GROUP BY s.zone_id, d.day
"""


def run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from buildings import forecast
    from buildings.models import Building

    call_command("migrate", verbosity=0)
    print(f"seeding {args.employees:,} employees and December 2025 …", flush=True)
    started = time.perf_counter()
    days = seed(args.employees)
    rows = args.employees * len(days)
    print(f"seeded {rows:,} schedule rows in {time.perf_counter() - started:.1f} s", flush=True)
    buildings = list(Building.objects.order_by("code"))

    def ours():
        return forecast.buildings_month(buildings, start=MONTH[0], end=MONTH[1])

    def plain():
        with connection.cursor() as cur:
            cur.execute(PLAIN, [MONTH[0], MONTH[1]])
            return cur.fetchall()

    # the two agree (before leave is taken out): the forecast's totals plus the leave days
    months, baseline = ours(), plain()
    ours_total = sum(c.onsite for m in months for c in m.totals)
    plain_total = sum(n for _z, _d, n in baseline)
    print(f"people-days on site: forecast {ours_total:,}, plain {plain_total:,} (minus leave)")
    assert 0 <= plain_total - ours_total <= args.employees // 100 * 2
    timings = {"forecast": [], "plain": []}
    for _ in range(args.repeat):
        for name, fn in (("forecast", ours), ("plain", plain)):
            t = time.perf_counter()
            fn()
            timings[name].append(time.perf_counter() - t)
    med = {name: statistics.median(values) for name, values in timings.items()}
    print(
        f"{len(buildings)} buildings, {sum(len(m.rows) for m in months)} zones, "
        f"{len(days)} working days, {rows:,} rows, PostgreSQL {connection.pg_version // 10000}"
    )
    print(f"forecast median {med['forecast'] * 1000:.0f} ms")
    print(f"plain GROUP BY median {med['plain'] * 1000:.0f} ms")
    print(f"ratio {med['forecast'] / med['plain']:.2f}x (target <= 1.5x)")


def main() -> None:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/occupancy.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("REDIS_URL", None)
    name = create_database(url)
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept the scratch database {name}")
        else:
            drop_database(url, name)


if __name__ == "__main__":
    main()
