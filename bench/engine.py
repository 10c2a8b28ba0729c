"""Engine benchmark: a synthetic OPD of 100,000 employees in ~5,000 units, one month's rotation.

Prints the median of 3 runs of `generate` (the engine alone), employees/s and cells/s, and the
time to stream every row with `iter_rows()` (what a bulk writer consumes).

    .venv/bin/python bench/engine.py [--employees N] [--unit-size N] [--runs N] [--weekday]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wfh.engine import generate  # noqa: E402
from wfh.engine.types import (  # noqa: E402
    Composition,
    EmployeeIn,
    Limits,
    RosterInput,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)


def working_days(start: date, end: date, off: set[date]) -> tuple[date, ...]:
    days = []
    d = start
    while d <= end:
        if d.weekday() < 5 and d not in off:
            days.append(d)
        d += timedelta(days=1)
    return tuple(days)


def organisation(n_employees: int, unit_size: int, days: tuple[date, ...], seed: int = 1):
    """Units of ~unit_size with a head and a deputy, 5% frontline units, 5% ineligible staff,
    a minimum of 2-4 on site, and 10% of staff with 1-3 leave days."""
    rng = random.Random(seed)
    units = []
    employees = []
    eid = 1
    uid = 1
    while eid <= n_employees:
        size = min(n_employees - eid + 1, rng.randint(unit_size - 5, unit_size + 5))
        units.append(UnitIn(id=uid, min_onsite=rng.randint(2, 4), frontline=rng.random() < 0.05))
        for k in range(size):
            leave = frozenset()
            if rng.random() < 0.10:
                leave = frozenset(rng.sample(days, rng.randint(1, 3)))
            role = "head" if k == 0 else "deputy" if k == 1 else "staff"
            employees.append(
                EmployeeIn(
                    id=eid, unit_id=uid, role=role, eligible=rng.random() > 0.05, leave=leave
                )
            )
            eid += 1
        uid += 1
    return tuple(units), tuple(employees)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--unit-size", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--weekday", action="store_true", help="Thursday pattern instead")
    parser.add_argument("--composition", default="balanced", choices=[c.value for c in Composition])
    args = parser.parse_args()

    days = working_days(date(2025, 12, 1), date(2025, 12, 31), {date(2025, 12, 25)})
    units, employees = organisation(args.employees, args.unit_size, days)
    if args.weekday:
        pattern = WeekdayPattern(wfh_weekdays=frozenset({3}))
    else:
        pattern = RotationPattern(ratio=0.5, composition=Composition(args.composition))
    inp = RosterInput(
        working_days=days,
        units=units,
        employees=employees,
        pattern=pattern,
        limits=Limits(weekly_cap=3),
        seed=2025,
    )
    times = []
    cpu = []
    result = None
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = generate(inp)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    t0 = time.perf_counter()
    rows = sum(1 for _ in result.iter_rows())
    stream = time.perf_counter() - t0
    median = statistics.median(times)
    summary = result.stats.to_dict()
    print(f"pattern           {summary['pattern']}")
    print(f"employees         {len(employees):,} in {len(units):,} units, {len(days)} working days")
    print(f"cells             {rows:,}")
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"generate median   {median:.2f} s of {args.runs} runs ({runs})")
    print(f"cpu median        {statistics.median(cpu):.2f} s (wall time grows on a busy machine)")
    print(f"employees/s       {len(employees) / median:,.0f}")
    print(f"cells/s           {rows / median:,.0f}")
    print(f"iter_rows         {stream:.2f} s")
    print(f"wfh share         {summary['wfh_share']}, max target gap {summary['max_target_gap']}")
    print(f"shortfalls        {summary['shortfalls_by_reason']}")


if __name__ == "__main__":
    main()
