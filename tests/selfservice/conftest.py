"""A published November 2025 schedule for the shared world, with "today" fixed at 3 November.

DISKOMINFO's IT unit (TIK, minimum 1 on site) holds Budi Kepala (head, supervisor of Sari), Sari
Staf (user `pegawai`) and Rudi Rekan (user `rekan`); the secretariat holds Dewi. Everyone is WFO
on every working day of November except the WFH days in `WFH_DAYS`; the schedule is written as
a published roster version (its Assignment rows) and as ScheduleDay rows, as publishing does.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from opd.services import placements_sync
from selfservice.models import SwapRequest, SwapStatus
from selfservice.services import swap_rules, swaps
from tests.factories import make_employee, make_user
from wfh.calendar import working_days
from wfh.models import (
    Assignment,
    Mode,
    PatternKind,
    Phase,
    Programme,
    Roster,
    ScheduleDay,
)

TODAY = dt.date(2025, 11, 3)  # a Monday
PHASE_START, PHASE_END = dt.date(2025, 11, 3), dt.date(2025, 12, 31)
PUBLISHED_UNTIL = dt.date(2025, 11, 28)
THU = dt.date(2025, 11, 13)  # Sari WFO, Rudi WFH: the swap everyone can make

WFH_DAYS = {
    # Sari: one WFH day in the week of the 10th, two in the week of the 17th (the cap is 2)
    "sari": [
        dt.date(2025, 11, 4),
        dt.date(2025, 11, 11),
        dt.date(2025, 11, 17),
        dt.date(2025, 11, 18),
    ],
    "rudi": [dt.date(2025, 11, 6), THU, dt.date(2025, 11, 20)],
    "dewi": [THU],
    "budi": [dt.date(2025, 11, 7)],
}
LEAVE_DAYS = {"rudi": [dt.date(2025, 11, 25)]}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Every "today" of the selfservice pages is 3 November 2025 (the OPD's local date)."""
    monkeypatch.setattr("selfservice.services.swap_rules.local_today", lambda opd: TODAY)
    return TODAY


def publish_month(world) -> SimpleNamespace:
    rekan_user = make_user("rekan", Role.EMPLOYEE, password=world.password, email="rudi@example.id")
    rudi = make_employee(
        world.kominfo, world.it, name="Rudi Rekan", supervisor=world.head, user=rekan_user
    )
    placements_sync(effective=dt.date(2025, 1, 1))
    world.staff.email = "sari@example.id"
    world.staff.save(update_fields=["email"])
    world.head.email = "budi@example.id"
    world.head.save(update_fields=["email"])
    programme = Programme.objects.create(slug="uji", name="Uji WFH")
    phase = Phase.objects.create(
        programme=programme,
        slug="uji-tahap-2",
        name="Tahap II",
        start=PHASE_START,
        end=PHASE_END,
        pattern=PatternKind.ROTATION,
        ratio=0.5,
        weekly_cap=2,
        wfh_note="Rapat penting dilakukan daring.",
    )
    people = {"sari": world.staff, "rudi": rudi, "dewi": world.other, "budi": world.head}
    rosters = {}
    for opd in (world.kominfo, world.dukcapil):
        rosters[opd.pk] = Roster.objects.create(
            phase=phase,
            opd=opd,
            status=Roster.Status.READY,
            workflow=Roster.Workflow.PUBLISHED,
            published_at=timezone.now(),
            published_from=PHASE_START,
        )
    everyone = [*people.values(), world.clerk]
    cells, days = [], []
    for day in working_days(PHASE_START, PUBLISHED_UNTIL):
        for emp in everyone:
            key = next((k for k, e in people.items() if e.pk == emp.pk), None)
            mode = Mode.WFO
            if key and day in WFH_DAYS.get(key, ()):
                mode = Mode.WFH
            if key and day in LEAVE_DAYS.get(key, ()):
                mode = Mode.LEAVE
            roster = rosters[emp.opd_id]
            cells.append(Assignment(roster=roster, employee=emp, unit=emp.unit, day=day, mode=mode))
            days.append(
                ScheduleDay(
                    employee=emp,
                    day=day,
                    mode=mode,
                    phase=phase,
                    opd_id=emp.opd_id,
                    unit=emp.unit,
                    roster=roster,
                )
            )
    Assignment.objects.bulk_create(cells)
    ScheduleDay.objects.bulk_create(days)
    return SimpleNamespace(
        world=world,
        phase=phase,
        roster=rosters[world.kominfo.pk],
        sari=world.staff,
        rudi=rudi,
        dewi=world.other,
        budi=world.head,
        rekan_user=rekan_user,
    )


@pytest.fixture
def sched(world):
    return publish_month(world)


def mode_of(employee, day: dt.date) -> str:
    return ScheduleDay.objects.get(employee=employee, day=day).mode


# -- helpers of the swap tests ---------------------------------------------------------------------

NEW, MINE, QUEUE = "/saya/tukar/", "/saya/tukar/daftar/", "/saya/tukar/persetujuan/"
HTMX = {"HTTP_HX_REQUEST": "true"}
CAP_WEEK_THU = dt.date(2025, 11, 20)  # Sari WFO, Rudi WFH; Sari already WFH on the 17th and 18th


def check(sched, colleague, day):
    return swap_rules.swap_check(requester=sched.sari, colleague=colleague, day=day, today=TODAY)


def preview(client, day, colleague=None) -> str:
    params = {"day": day.isoformat()}
    if colleague is not None:
        params["colleague"] = colleague.pk
    response = client.get(NEW, params, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def request_swap(client, sched, day=THU, note="Anak sakit") -> SwapRequest:
    """Sari asks Rudi; the request waits for Rudi."""
    response = client.post(NEW, {"day": day.isoformat(), "colleague": sched.rudi.pk, "note": note})
    assert response.status_code == 302, response.content.decode()
    return SwapRequest.objects.get(requester=sched.sari, day=day, status=SwapStatus.COLLEAGUE)


def request_agreed(client, sched, day=THU) -> SwapRequest:
    """Sari asks Rudi and Rudi agrees: the request waits for the supervisor."""
    swap = request_swap(client, sched, day=day)
    swaps.swap_agree(swap=swap, user=sched.rekan_user, today=TODAY)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.PENDING
    return swap


def answer(client, swap, action, note=""):
    return client.post(
        reverse("selfservice:swap_answer", args=[swap.pk]), {"action": action, "note": note}
    )
