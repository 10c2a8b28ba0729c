"""Fixtures of the kajian tests: the shared world, the jabar-2025 phases and a plan comparing
October 2025 with them, and hand-countable inputs for DISKOMINFO and DISDUKCAPIL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from attendance.models import OpdDaySummary
from evaluation import services
from wfh.models import Phase
from wfh.presets import preset_load

OCT = dt.date(2025, 10, 1)
NOV = dt.date(2025, 11, 1)
DEC = dt.date(2025, 12, 1)


@pytest.fixture
def plan(world):
    preset_load(name="jabar-2025")
    phases = list(Phase.objects.filter(slug__startswith="jabar-2025-tahap").order_by("start"))
    return services.plan_ensure(
        programme=phases[0].programme,
        baseline_label="Oktober 2025",
        baseline_start=dt.date(2025, 10, 1),
        baseline_end=dt.date(2025, 10, 31),
        phases=phases,
        next_period="Tahun 2026",
    )


def summary(opd, day, **counts):
    values = {
        "headcount": 0,
        "scheduled_wfh": 0,
        "scheduled_wfo": 0,
        "present_wfh": 0,
        "present_wfo": 0,
        "absent": 0,
        "late": 0,
        "early": 0,
        "on_leave": 0,
        "mismatches": 0,
        "reports_missing": 0,
    }
    values.update(counts)
    return OpdDaySummary.objects.create(opd=opd, day=day, computed_at=timezone.now(), **values)


def rp(value: int) -> Decimal:
    return Decimal(value)
