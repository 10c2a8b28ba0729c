"""A city for the overrides: the shared world with jabar-2025 published for three more OPDs
(DISHUB, a puskesmas, DISPERKIM) beside DISKOMINFO and DISDUKCAPIL."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import TestCase

from opd.models import UnitRole
from opd.services import placements_sync
from tests.factories import make_employee, make_opd, make_unit
from wfh.models import Phase, Roster, ScheduleDay
from wfh.rosters import generation, publication

D = dt.date
TODAY = D(2025, 11, 1)  # before both phases


def publish(phase, opd):
    with TestCase.captureOnCommitCallbacks(execute=True):
        (roster,) = generation.rosters_start(phase=phase, opds=[opd])
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error
    with TestCase.captureOnCommitCallbacks(execute=True):
        publication.roster_publish(roster=roster)
    return roster


def schedule(**filters):
    rows = ScheduleDay.objects.filter(**filters).values_list("employee_id", "day", "mode", "source")
    return {(e, d): (m, s) for e, d, m, s in rows}


@pytest.fixture
def city(world):
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    w = world
    w.deputy = make_employee(w.kominfo, w.it, name="Wati Wakil", unit_role=UnitRole.DEPUTY)
    for n in range(6):
        make_employee(w.kominfo, w.it, name=f"Staf TIK {n}", email=f"tik{n}@example.go.id")
        make_employee(w.kominfo, w.sek, name=f"Staf Sekretariat {n}")
    w.staff.email = "sari@example.go.id"
    w.staff.save()
    w.dishub = make_opd("DISHUB", name="Dinas Perhubungan")
    w.dishub_unit = make_unit(w.dishub, "LLAJ", name="Bidang Lalu Lintas", min_onsite=1)
    w.pkm = make_opd("PKM-BEKASI", name="Puskesmas Bekasi Jaya", kind="puskesmas")
    w.pkm_unit = make_unit(w.pkm, "TU", name="Tata Usaha", min_onsite=1)
    w.perkim = make_opd("DISPERKIM", name="Dinas Perumahan")
    w.perkim_unit = make_unit(w.perkim, "PRM", name="Bidang Perumahan", min_onsite=2)
    for n in range(4):
        make_employee(w.dishub, w.dishub_unit, name=f"Staf Dishub {n}")
        make_employee(w.pkm, w.pkm_unit, name=f"Staf Puskesmas {n}")
        make_employee(w.perkim, w.perkim_unit, name=f"Staf Perkim {n}")
    make_employee(w.perkim, w.perkim_unit, name="Kepala Perkim", unit_role=UnitRole.HEAD)
    make_employee(w.perkim, w.perkim_unit, name="Wakil Perkim", unit_role=UnitRole.DEPUTY)
    make_employee(w.dukcapil, w.counter, name="Rina Loket")
    placements_sync(effective=D(2025, 1, 1))
    w.phase1 = Phase.objects.get(slug="jabar-2025-tahap-1")
    w.phase2 = Phase.objects.get(slug="jabar-2025-tahap-2")
    w.opds = [w.kominfo, w.dukcapil, w.dishub, w.pkm, w.perkim]
    for opd in w.opds:
        publish(w.phase1, opd)
    return SimpleNamespace(w=w, today=TODAY)
