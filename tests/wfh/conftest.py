"""Fixtures of the scheduling tests."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from opd.services import placements_sync
from tests.factories import make_employee
from wfh.models import Phase


@pytest.fixture
def sched(world):
    """The world plus the jabar-2025 programme and enough staff for rotations and piket."""
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    for n in range(5):
        make_employee(world.kominfo, world.it, name=f"Staf TIK {n}")
        make_employee(world.kominfo, world.sek, name=f"Staf Sekretariat {n}")
    make_employee(world.dukcapil, world.counter, name="Rina Loket")
    placements_sync(effective=dt.date(2025, 1, 1))
    return SimpleNamespace(
        world=world,
        phase1=Phase.objects.get(slug="jabar-2025-tahap-1"),
        phase2=Phase.objects.get(slug="jabar-2025-tahap-2"),
    )
