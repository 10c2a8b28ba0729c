"""Crafted days: a published WFO Monday and WFH Tuesday for Sari; office and home coordinates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wfh.models import Mode, PatternKind, Phase, Programme, Roster, ScheduleDay

OFFICE = (Decimal("-6.238270"), Decimal("106.975571"))  # Kota Bekasi civic centre
HOME = (Decimal("-6.300000"), Decimal("106.950000"))
WFO_DAY = dt.date(2025, 12, 1)  # Monday
WFH_DAY = dt.date(2025, 12, 2)  # Tuesday


def publish(employee, day: dt.date, mode: str) -> ScheduleDay:
    programme, _ = Programme.objects.get_or_create(slug="uji", defaults={"name": "Uji"})
    phase, _ = Phase.objects.get_or_create(
        slug="uji-des",
        defaults={
            "programme": programme,
            "name": "Desember",
            "start": dt.date(2025, 12, 1),
            "end": dt.date(2025, 12, 31),
            "pattern": PatternKind.ROTATION,
            "ratio": Decimal("0.5"),
        },
    )
    roster, _ = Roster.objects.get_or_create(
        phase=phase,
        opd=employee.opd,
        version=1,
        defaults={"status": Roster.Status.READY, "workflow": Roster.Workflow.PUBLISHED},
    )
    return ScheduleDay.objects.create(
        employee=employee,
        day=day,
        mode=mode,
        phase=phase,
        opd=employee.opd,
        unit=employee.unit,
        roster=roster,
    )


@pytest.fixture
def days(world):
    world.kominfo.latitude, world.kominfo.longitude = OFFICE
    world.kominfo.radius_m = 150
    world.kominfo.save()
    world.staff.home_latitude, world.staff.home_longitude = HOME
    world.staff.home_radius_m = 100
    world.staff.save()
    publish(world.staff, WFO_DAY, Mode.WFO)
    publish(world.staff, WFH_DAY, Mode.WFH)
    return world
