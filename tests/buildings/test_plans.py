"""The planner's services on the test campus: the proposal and its reasons, accepting (stale
previews and overlapping plans refused), withdrawing, and the occupancy and seat that follow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from buildings import plans
from buildings.models_plans import ConsolidationPlan, PlanStatus, UnitMove, ZoneClosure
from buildings.occupancy import onsite_by_zone_day
from buildings.planner import Why
from tests.buildings.conftest import PRICE, THURSDAY, TODAY


def _propose(campus, weekdays=(THURSDAY,), today=TODAY):
    return plans.proposal_build(
        phase=campus.phase, buildings=[campus.pemkot], weekdays=weekdays, today=today
    )


def _accept(campus, world, weekdays=(THURSDAY,), today=TODAY):
    proposal = _propose(campus, weekdays, today)
    return plans.plan_accept(
        phase=campus.phase,
        buildings=[campus.pemkot],
        weekdays=weekdays,
        today=today,
        user=world.hr,
        fingerprint=proposal.fingerprint,
    )


def test_thursday_proposal_closes_the_two_upper_floors_and_keeps_the_counter(campus, world):
    proposal = _propose(campus)
    [block] = proposal.blocks
    assert block.days == tuple(campus.thursdays)
    [(building, lines)] = block.buildings
    why = {line.zone.code: line.day.why for line in lines}
    assert why == {"A": Why.FRONTLINE, "B": Why.MOVED, "C": Why.EMPTY}
    [(move, unit, src, dst, _day)] = proposal.moves
    assert (unit, src, dst, move.people) == (world.it, campus.zone_b, campus.zone_a, 1)
    reasons = {line.zone.code: line.reason for line in lines}
    assert "Loket Pelayanan" in reasons["A"]
    assert "1 orang pindah ke Lantai 1, Zona A" in reasons["B"]
    n = len(campus.thursdays)
    # Zona B 40 % and Zona C the remaining 40 % of 500 kWh on each Thursday
    assert proposal.plan.closed_zone_days == 2 * n
    assert proposal.plan.kwh == Decimal("400") * n
    assert proposal.plan.rupiah == Decimal("400") * n * PRICE


def test_a_unit_whose_schedule_is_not_published_keeps_its_zone_open(campus, world):
    from wfh.models import ScheduleDay

    ScheduleDay.objects.filter(opd=world.kominfo).delete()
    lines = _propose(campus).blocks[0].buildings[0][1]
    assert {line.zone.code: line.day.why for line in lines} == {
        "A": Why.FRONTLINE,
        "B": Why.UNPUBLISHED,
        "C": Why.UNPUBLISHED,
    }


def test_an_always_on_zone_never_closes_but_hosts(campus, world):
    campus.zone_c.always_on = True
    campus.zone_c.always_on_note = "ruang server"
    campus.zone_c.save()
    lines = _propose(campus).blocks[0].buildings[0][1]
    zone_c = next(line for line in lines if line.zone.code == "C")
    assert zone_c.day.why == Why.ALWAYS_ON and "ruang server" in zone_c.reason


def test_a_finished_phase_is_refused_with_its_name(campus):
    with pytest.raises(plans.PlanError, match="Kamis Januari 2027 sudah selesai"):
        _propose(campus, today=dt.date(2027, 2, 1))


def test_a_plan_stops_the_day_before_a_change_of_the_phase_takes_effect(campus):
    from wfh.phase_versions.models import PhaseVersion

    change = campus.thursdays[2] - dt.timedelta(days=3)  # the Monday before the third Thursday
    PhaseVersion.objects.create(
        phase=campus.phase,
        valid_from=change,
        wfh_weekdays=[0],
        weekly_cap=1,
        reference="SE perubahan",
    )
    proposal = _propose(campus)
    assert proposal.end == change - dt.timedelta(days=1)
    assert proposal.blocks[0].days == tuple(campus.thursdays[:2])


def test_accepting_records_closures_and_moves(campus, world, django_assert_max_num_queries):
    fingerprint = _propose(campus).fingerprint
    with django_assert_max_num_queries(
        18
    ):  # the proposal rebuilt (10 with leave and the phase's next change), the lock, the rows
        plan = plans.plan_accept(
            phase=campus.phase,
            buildings=[campus.pemkot],
            weekdays=[THURSDAY],
            today=TODAY,
            user=world.hr,
            fingerprint=fingerprint,
        )
    assert plan.status == PlanStatus.ACCEPTED
    assert (plan.start, plan.end, plan.weekdays) == (TODAY, campus.phase.end, [THURSDAY])
    assert plan.zone_days == 2 * len(campus.thursdays)
    assert set(plan.buildings.all()) == {campus.pemkot}
    assert set(ZoneClosure.objects.values_list("zone__code", "weekday", "emptied")) == {
        ("B", THURSDAY, True),
        ("C", THURSDAY, False),
    }
    assert list(UnitMove.objects.values_list("unit", "from_zone", "to_zone")) == [
        (world.it.pk, campus.zone_b.pk, campus.zone_a.pk)
    ]


def test_a_stale_preview_is_refused(campus, world):
    fingerprint = _propose(campus).fingerprint
    world.staff.schedule.filter(day=campus.thursdays[1]).update(mode="WFO")
    world.other.schedule.filter(day=campus.thursdays[1]).update(mode="WFO")
    with pytest.raises(plans.PlanError, match="berubah sejak pratinjau"):
        plans.plan_accept(
            phase=campus.phase,
            buildings=[campus.pemkot],
            weekdays=[THURSDAY],
            today=TODAY,
            user=world.hr,
            fingerprint=fingerprint,
        )
    assert not ConsolidationPlan.objects.exists()


def test_a_second_plan_for_the_same_building_and_weekday_is_refused(campus, world):
    _accept(campus, world)
    with pytest.raises(plans.PlanError, match="sudah punya rencana"):
        _accept(campus, world)
    assert ConsolidationPlan.objects.count() == 1


def test_occupancy_counts_moved_units_in_their_host_zone(campus, world):
    zones = [campus.zone_a.pk, campus.zone_b.pk, campus.zone_c.pk]
    thursday, friday = campus.thursdays[0], campus.thursdays[0] + dt.timedelta(days=1)
    before = onsite_by_zone_day(zone_ids=zones, start=thursday, end=friday)
    assert before[(campus.zone_b.pk, thursday)] == 1
    _accept(campus, world)
    after = onsite_by_zone_day(zone_ids=zones, start=thursday, end=friday)
    assert (campus.zone_b.pk, thursday) not in after
    assert after[(campus.zone_a.pk, thursday)] == 2  # the clerk and TIK's head
    assert after[(campus.zone_b.pk, friday)] == 2  # Friday: TIK at home in Zona B
    # asking for the host zone alone still finds its guests
    host_only = onsite_by_zone_day(zone_ids=[campus.zone_a.pk], start=thursday, end=thursday)
    assert host_only == {(campus.zone_a.pk, thursday): 2}


def test_withdrawing_keeps_lived_days_and_frees_the_rest(campus, world):
    plan = _accept(campus, world)
    first, second = campus.thursdays[0], campus.thursdays[1]
    plans.plan_withdraw(plan=plan, user=world.hr, today=second)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.WITHDRAWN and plan.withdrawn_on == second
    counts = onsite_by_zone_day(zone_ids=[campus.zone_a.pk], start=first, end=second)
    assert (counts[(campus.zone_a.pk, first)], counts[(campus.zone_a.pk, second)]) == (2, 1)
    with pytest.raises(plans.PlanError, match="sudah ditarik"):
        plans.plan_withdraw(plan=plan, user=world.hr, today=second)
    # the building may be planned again from then on
    assert _accept(campus, world, today=second).start == second


def test_seat_on_says_where_the_unit_sits(campus, world):
    thursday = campus.thursdays[0]
    assert plans.seat_on(unit_id=world.it.pk, day=thursday).zone == campus.zone_b
    _accept(campus, world)
    seat = plans.seat_on(unit_id=world.it.pk, day=thursday)
    assert (seat.zone, seat.moved, seat.home, seat.label) == (
        campus.zone_a,
        True,
        campus.zone_b,
        "Lantai 1, Zona A",
    )
    friday = thursday + dt.timedelta(days=1)
    assert plans.seat_on(unit_id=world.it.pk, day=friday).moved is False
    assert plans.seat_on(unit_id=None, day=thursday) is None


def test_an_opd_admin_plans_only_the_buildings_where_their_opd_sits(campus, world):
    assert list(plans.visible_buildings(world.opd_admin)) == [campus.pemkot]
    assert set(plans.visible_buildings(world.hr)) == {campus.pemkot, campus.dinkes}
    assert not plans.visible_buildings(world.pegawai_user).exists()


def test_an_opd_admin_sees_a_plan_of_two_of_their_buildings_once(campus, world):
    from buildings.models import Building

    annex = Building.objects.create(code="ANEKS", name="Gedung Aneks")
    annex.opds.add(world.kominfo)
    plan = _accept(campus, world)
    plan.buildings.add(annex)
    assert list(plans.visible_plans(world.opd_admin)) == [plan]


def test_the_ledger_reads_the_zone_days_an_accepted_plan_closes(campus, world):
    """The savings ledger's closed zone-days come from the accepted plans: Zona B and Zona C on
    each Thursday, each with its share of the building's meter; withdrawing stops them."""
    from evaluation.energy import closed_zone_days_for

    first, last = campus.thursdays[0], campus.thursdays[-1]
    assert closed_zone_days_for(buildings=[campus.pemkot], start=first, end=last) == []
    plan = _accept(campus, world)
    closed = closed_zone_days_for(buildings=[campus.pemkot], start=first, end=last)
    by_zone = {(c.zone_id, c.day): c.share for c in closed}
    assert set(by_zone) == {
        (zone.pk, day) for zone in (campus.zone_b, campus.zone_c) for day in campus.thursdays
    }
    assert by_zone[(campus.zone_b.pk, first)] == Decimal("0.4")
    assert by_zone[(campus.zone_c.pk, first)] == Decimal("0.4")  # what is left, by seats
    assert {c.meter_id for c in closed} == {campus.meter.pk}
    plans.plan_withdraw(plan=plan, user=world.hr, today=campus.thursdays[1])
    closed = closed_zone_days_for(buildings=[campus.pemkot], start=first, end=last)
    assert {c.day for c in closed} == {first}
