"""Planner benchmark: a city's buildings (default 50 buildings, 400 zones, 2,000 units seating
25,000 people) over a year's working days of a rotation, every weekday planned.

Prints the median of N runs of `buildings.planner.plan` (the planner alone, no database), with the
zone-days closed and the moves it proposes.

    .venv/bin/python bench/planner.py [--buildings N] [--zones N] [--units N] [--days N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from buildings.planner import EnergyIn, PlanInput, TariffIn, UnitIn, ZoneIn, plan  # noqa: E402


def city(n_buildings: int, n_zones: int, n_units: int, n_days: int, seed: int = 1) -> PlanInput:
    """Zones of 20-80 seats spread over the buildings, 5 % always on; units of 5-25 people, 5 %
    frontline; on each day about half of a unit's people on site (a 50:50 rotation)."""
    rng = random.Random(seed)
    days = []
    d = date(2026, 1, 5)
    while len(days) < n_days:
        if d.weekday() < 5:
            days.append(d)
        d += timedelta(days=1)
    tariffs = (TariffIn(date(2025, 1, 1), Decimal("1444.70")),)
    zones = [
        ZoneIn(
            id=z,
            building_id=1 + z % n_buildings,
            capacity=rng.randint(20, 80),
            always_on=rng.random() < 0.05,
            energy=(EnergyIn(1 + z % n_buildings, Decimal(rng.randint(40, 300)), tariffs),),
        )
        for z in range(1, n_zones + 1)
    ]
    units = []
    onsite = {}
    for u in range(1, n_units + 1):
        size = rng.randint(5, 25)
        units.append(UnitIn(id=u, zone_id=rng.randint(1, n_zones), frontline=rng.random() < 0.05))
        for day in days:
            onsite[(u, day)] = sum(rng.random() < 0.5 for _ in range(size))
    return PlanInput(days=tuple(days), zones=tuple(zones), units=tuple(units), onsite=onsite)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=50)
    parser.add_argument("--zones", type=int, default=400)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    inp = city(args.buildings, args.zones, args.units, args.days)
    times = []
    result = None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        result = plan(inp)
        times.append(time.perf_counter() - t0)
    print(
        f"planner: {args.buildings} buildings, {args.zones} zones, {args.units} units, "
        f"{args.days} working days, every weekday"
    )
    print(
        f"  median {statistics.median(times):.3f} s of {args.runs} runs "
        f"(min {min(times):.3f} s, max {max(times):.3f} s)"
    )
    print(
        f"  {result.closed_zone_days:,} zone-days closed, {len(result.moves):,} moves, "
        f"{result.kwh:,.0f} kWh, Rp {result.rupiah:,.0f}"
    )


if __name__ == "__main__":
    main()
