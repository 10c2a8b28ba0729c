"""Consolidation plans: build the planner's input from the database, explain its proposal, record
an accepted plan, withdraw one, and say where a unit sits on a day.

The planner itself (buildings/planner.py) is pure; this module reads the zones, seats, meters,
tariffs and the published schedule (buildings/occupancy.py) and writes ConsolidationPlan,
ZoneClosure and UnitMove. Who may plan which building: the buildings `user` sees
(buildings.selectors, from opd.access.building_opd_ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from buildings import planner, selectors
from buildings.models import Building, Meter, MeterKind, Tariff, UnitSeat, Zone
from buildings.models_plans import ConsolidationPlan, PlanStatus, UnitMove, ZoneClosure
from buildings.occupancy import onsite_by_unit_day
from buildings.seating import host_on, moves_in_force
from opd import access
from wfh.calendar import working_days
from wfh.dates import long_date
from wfh.models import WEEKDAY_NAMES, PatternKind, Phase, ScheduleDay

WORKING_WEEKDAYS = (0, 1, 2, 3, 4)


class PlanError(Exception):
    """A plan that cannot be made or accepted; the message says why, for the page."""


def visible_buildings(user: User) -> QuerySet[Building]:
    return selectors.visible_buildings(user).filter(active=True)


def visible_plans(user: User) -> QuerySet[ConsolidationPlan]:
    """The plans all of whose buildings `user` may plan."""
    plans = ConsolidationPlan.objects.all()
    scope = access.scope_for(user)
    if scope.is_hr:
        return plans
    if not scope.sees_registry:
        return plans.none()
    hidden = Building.objects.exclude(pk__in=visible_buildings(user).values("pk"))
    return (
        plans.exclude(buildings__in=hidden).filter(buildings__in=visible_buildings(user)).distinct()
    )


def default_weekdays(phase: Phase) -> list[int]:
    """The phase's WFH weekdays (with the optional one), or every working weekday for a
    rotation, where every day has some people at home."""
    if phase.pattern == PatternKind.WEEKDAY and phase.wfh_weekdays:
        days = set(phase.wfh_weekdays)
        if phase.optional_weekday is not None:
            days.add(phase.optional_weekday)
        return sorted(days)
    return list(WORKING_WEEKDAYS)


def plan_range(phase: Phase, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days a plan made today covers: from today (or the phase's start) to its end, or to
    the day before a change of the phase's terms (a PhaseVersion) takes effect after that start:
    the WFH days a plan is made for may move then, so a plan for the old days stops there."""
    start = max(phase.start, today)
    if start > phase.end:
        raise PlanError(
            _("Tahap %(phase)s sudah selesai: pilih tahap yang masih berjalan atau akan datang.")
            % {"phase": phase.name}
        )
    change = (
        phase.versions.filter(valid_from__gt=start, valid_from__lte=phase.end)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    return start, (change - dt.timedelta(days=1)) if change else phase.end


# -- the proposal ----------------------------------------------------------------------------------


@dataclass
class ZoneLine:
    """One zone on one weekday of the proposal, explained."""

    zone: Zone
    day: planner.ZoneDay
    reason: str
    units: list[str] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.day.closed


@dataclass
class WeekdayBlock:
    weekday: int
    name: str
    days: tuple[dt.date, ...]
    buildings: list[tuple[Building, list[ZoneLine]]]
    closed: int = 0


@dataclass
class Proposal:
    phase: Phase
    buildings: list[Building]
    weekdays: list[int]
    start: dt.date
    end: dt.date
    plan: planner.Plan
    blocks: list[WeekdayBlock]
    moves: list[tuple]  # (move, unit, from zone, to zone, weekday name)
    zones: dict[int, Zone]
    unpriced: bool = False  # some closed zone-day had kWh but no tariff in force

    @property
    def fingerprint(self) -> str:
        return self.plan.fingerprint()


def zone_label(zone: Zone) -> str:
    """How people name a zone: "Lantai 3, Zona B" (the floor when there is one)."""
    if zone.floor:
        return _("Lantai %(floor)s, %(zone)s") % {"floor": zone.floor, "zone": zone.name}
    return zone.name


def zone_meter_shares(meters: Iterable[Meter], zones: Iterable[Zone]) -> dict[int, list]:
    """{zone id: [(meter, share 0..1)]}: the one rule for a zone's part of an electricity meter.

    A zone's sub-meter counts whole for it; a building meter is shared by meter_share, and the
    zones without one share what is left of the meter in proportion to their seats."""
    by_building: dict[int, list[Zone]] = {}
    for zone in zones:
        by_building.setdefault(zone.building_id, []).append(zone)
    out: dict[int, list] = {z.pk: [] for members in by_building.values() for z in members}
    for meter in meters:
        if meter.zone_id is not None:
            if meter.zone_id in out:
                out[meter.zone_id].append((meter, Decimal(1)))
            continue
        members = by_building.get(meter.building_id, [])
        given = sum((z.meter_share for z in members if z.meter_share is not None), Decimal(0))
        rest = max(Decimal(1) - given, Decimal(0))
        seats = sum(z.capacity for z in members if z.meter_share is None)
        for zone in members:
            if zone.meter_share is not None:
                share = zone.meter_share
            else:
                share = rest * zone.capacity / seats if seats else Decimal(0)
            out[zone.pk].append((meter, share))
    return out


def _energy(buildings: Sequence[Building], zones: Sequence[Zone]) -> dict[int, list]:
    """{zone id: [EnergyIn]}: each active electricity meter with a daily estimate, shared out
    (zone_meter_shares)."""
    meters = (
        Meter.objects.filter(
            building__in=buildings,
            kind=MeterKind.ELECTRICITY,
            active=True,
            daily_estimate__isnull=False,
        )
        .prefetch_related(Prefetch("tariffs", queryset=Tariff.objects.order_by("valid_from")))
        .order_by("id")
    )
    out: dict[int, list] = {z.pk: [] for z in zones}
    for zone_id, shares in zone_meter_shares(meters, zones).items():
        for meter, share in shares:
            tariffs = tuple(planner.TariffIn(t.valid_from, t.price_rp) for t in meter.tariffs.all())
            kwh = (meter.daily_estimate * share).quantize(Decimal("0.01"))
            out[zone_id].append(planner.EnergyIn(meter.pk, kwh, tariffs))
    return out


def closed_zone_days(
    *, buildings: Iterable[Building], start: dt.date, end: dt.date
) -> list[tuple[int, int, dt.date, Decimal]]:
    """(zone id, electricity meter id, day, the zone's share of that meter) for each working day
    in [start, end] on which an accepted plan (or a withdrawn one, before its withdrawal) closes
    the zone: what the savings ledger counts as saved by closed zones (three queries)."""
    buildings = list(buildings)
    closures = list(
        ZoneClosure.objects.filter(
            zone__building__in=buildings, plan__start__lte=end, plan__end__gte=start
        ).select_related("plan")
    )
    if not closures:
        return []
    zones = list(Zone.objects.filter(building__in=buildings))
    meters = Meter.objects.filter(
        building__in=buildings, kind=MeterKind.ELECTRICITY, active=True
    ).order_by("id")
    shares = zone_meter_shares(meters, zones)
    days = working_days(start, end)
    out = []
    for closure in closures:
        for day in days:
            if day.weekday() == closure.weekday and closure.plan.applies_on(day):
                out.extend(
                    (closure.zone_id, meter.pk, day, share)
                    for meter, share in shares.get(closure.zone_id, [])
                )
    return out


def proposal_build(
    *, phase: Phase, buildings: Iterable[Building], weekdays: Iterable[int], today: dt.date
) -> Proposal:
    """The planner's proposal for the buildings on the weekdays of the phase from today on."""
    buildings = sorted(buildings, key=lambda b: b.code)
    weekdays = sorted({int(w) for w in weekdays})
    if not buildings:
        raise PlanError(_("Pilih sedikitnya satu gedung."))
    if not weekdays:
        raise PlanError(_("Pilih sedikitnya satu hari."))
    start, end = plan_range(phase, today)
    days = tuple(d for d in working_days(start, end) if d.weekday() in weekdays)
    zones = list(
        Zone.objects.filter(building__in=buildings).select_related("building").order_by("id")
    )
    seats = list(
        UnitSeat.objects.filter(zone__in=zones)
        .select_related("unit", "unit__opd")
        .order_by("unit_id")
    )
    opd_ids = {s.unit.opd_id for s in seats}
    published = set(
        ScheduleDay.objects.filter(opd_id__in=opd_ids, day__gte=start, day__lte=end)
        .values_list("opd_id", flat=True)
        .distinct()
        .order_by()
    )
    onsite = onsite_by_unit_day(unit_ids=[s.unit_id for s in seats], start=start, end=end)
    energy = _energy(buildings, zones)
    inp = planner.PlanInput(
        days=days,
        zones=tuple(
            planner.ZoneIn(
                id=z.pk,
                building_id=z.building_id,
                capacity=z.capacity,
                always_on=z.always_on,
                energy=tuple(energy[z.pk]),
            )
            for z in zones
        ),
        units=tuple(
            planner.UnitIn(
                id=s.unit_id,
                zone_id=s.zone_id,
                frontline=s.unit.frontline,
                published=s.unit.opd_id in published,
            )
            for s in seats
        ),
        onsite=onsite,
    )
    result = planner.plan(inp)
    return _explain(phase, buildings, weekdays, start, end, result, zones, seats)


def _explain(phase, buildings, weekdays, start, end, result, zones, seats) -> Proposal:
    zone_of = {z.pk: z for z in zones}
    units_of: dict[int, list] = {}
    unit_of = {}
    for s in seats:
        units_of.setdefault(s.zone_id, []).append(s.unit)
        unit_of[s.unit_id] = s.unit
    hosts_of: dict[tuple[int, int], list[int]] = {}
    for m in result.moves:
        hosts = hosts_of.setdefault((m.from_zone, m.weekday), [])
        if m.to_zone not in hosts:
            hosts.append(m.to_zone)
    by_weekday: dict[int, list[planner.ZoneDay]] = {}
    for zd in result.zone_days:
        by_weekday.setdefault(zd.weekday, []).append(zd)
    blocks = []
    unpriced = False
    for weekday in result.weekdays:
        lines: dict[int, list[ZoneLine]] = {}
        block_days: tuple[dt.date, ...] = ()
        closed = 0
        for zd in by_weekday.get(weekday, []):
            zone = zone_of[zd.zone_id]
            block_days = zd.days
            hosts = [zone_label(zone_of[h]) for h in hosts_of.get((zd.zone_id, weekday), [])]
            line = ZoneLine(
                zone=zone,
                day=zd,
                reason=_reason(zd, zone, units_of.get(zone.pk, []), hosts),
                units=[u.name for u in units_of.get(zone.pk, [])],
            )
            if zd.closed:
                closed += 1
                unpriced = unpriced or not zd.priced
            lines.setdefault(zone.building_id, []).append(line)
        blocks.append(
            WeekdayBlock(
                weekday=weekday,
                name=str(WEEKDAY_NAMES[weekday]),
                days=block_days,
                buildings=[(b, lines.get(b.pk, [])) for b in buildings],
                closed=closed,
            )
        )
    moves = [
        (m, unit_of[m.unit_id], zone_of[m.from_zone], zone_of[m.to_zone], WEEKDAY_NAMES[m.weekday])
        for m in result.moves
    ]
    return Proposal(
        phase=phase,
        buildings=list(buildings),
        weekdays=weekdays,
        start=start,
        end=end,
        plan=result,
        blocks=blocks,
        moves=moves,
        zones=zone_of,
        unpriced=unpriced,
    )


def _reason(zd: planner.ZoneDay, zone: Zone, units: list, hosts: list[str]) -> str:
    Why = planner.Why
    if zd.why == Why.ALWAYS_ON:
        note = zone.always_on_note or _("beban selalu menyala")
        return _("Tetap buka: %(note)s tidak dimatikan.") % {"note": note}
    if zd.why == Why.FRONTLINE:
        names = ", ".join(u.name for u in units if u.frontline)
        return _("Tetap buka: unit layanan langsung %(units)s bekerja di sini.") % {"units": names}
    if zd.why == Why.UNPUBLISHED:
        return _(
            "Tetap buka: jadwal OPD unit di sini belum terbit untuk hari-hari ini, jadi jumlah "
            "orangnya belum diketahui. Terbitkan jadwalnya lalu buat rencana lagi."
        )
    if zd.why == Why.HOST:
        return _(
            "Tetap buka dan menampung %(guests)s orang dari zona yang ditutup: %(load)s dari "
            "%(cap)s kursi terisi."
        ) % {"guests": zd.guests, "load": zd.load, "cap": zone.capacity}
    if zd.why == Why.NO_ROOM:
        return _(
            "Tetap buka: %(people)s orang di sini tidak muat di zona lain yang buka "
            "(kurang %(short)s kursi, unit tidak dipisah)."
        ) % {"people": zd.people, "short": zd.short}
    if zd.why == Why.EMPTY:
        return _("Ditutup: tidak ada yang dijadwalkan di kantor, tidak ada yang pindah.")
    return _("Ditutup: %(people)s orang pindah ke %(hosts)s.") % {
        "people": zd.people,
        "hosts": "; ".join(hosts),
    }


# -- accepting and withdrawing ---------------------------------------------------------------------


def _overlapping(buildings: Sequence[Building], start: dt.date, end: dt.date, weekdays):
    plans = (
        ConsolidationPlan.objects.filter(
            buildings__in=buildings, status=PlanStatus.ACCEPTED, start__lte=end, end__gte=start
        )
        .distinct()
        .order_by("id")
    )
    return [p for p in plans if set(p.weekdays) & set(weekdays)]


@transaction.atomic
def plan_accept(
    *,
    phase: Phase,
    buildings: Sequence[Building],
    weekdays: Iterable[int],
    today: dt.date,
    user: User,
    fingerprint: str,
) -> ConsolidationPlan:
    """Record the proposal as it stands now, if it is still the one the user saw (`fingerprint`)
    and no accepted plan covers the same building, weekday and days."""
    # one accept at a time per building: lock the buildings' rows
    list(Building.objects.select_for_update().filter(pk__in=[b.pk for b in buildings]))
    proposal = proposal_build(phase=phase, buildings=buildings, weekdays=weekdays, today=today)
    if proposal.fingerprint != fingerprint:
        raise PlanError(
            _(
                "Jadwal atau data gedung berubah sejak pratinjau, jadi rencananya juga berubah. "
                "Periksa pratinjau yang baru lalu terima lagi."
            )
        )
    if not proposal.plan.closures:
        raise PlanError(_("Rencana ini tidak menutup satu zona pun: tidak ada yang perlu dicatat."))
    clash = _overlapping(proposal.buildings, proposal.start, proposal.end, proposal.weekdays)
    if clash:
        other = clash[0]
        raise PlanError(
            _(
                "Gedung ini sudah punya rencana yang diterima untuk hari yang sama "
                "(%(start)s s.d. %(end)s). Tarik rencana itu dahulu."
            )
            % {"start": long_date(other.start), "end": long_date(other.end)}
        )
    result = proposal.plan
    plan = ConsolidationPlan.objects.create(
        phase=phase,
        weekdays=proposal.weekdays,
        start=proposal.start,
        end=proposal.end,
        zone_days=result.closed_zone_days,
        kwh=result.kwh.quantize(Decimal("0.01")),
        rupiah=result.rupiah.quantize(Decimal("0.01")),
        fingerprint=proposal.fingerprint,
        accepted_by=user,
        accepted_at=timezone.now(),
    )
    plan.buildings.set(proposal.buildings)
    ZoneClosure.objects.bulk_create(
        ZoneClosure(
            plan=plan,
            zone_id=zd.zone_id,
            weekday=zd.weekday,
            days=len(zd.days),
            emptied=zd.why == planner.Why.MOVED,
            kwh=zd.kwh.quantize(Decimal("0.01")),
            rupiah=zd.rupiah.quantize(Decimal("0.01")),
        )
        for zd in result.closures
    )
    UnitMove.objects.bulk_create(
        UnitMove(
            plan=plan,
            unit_id=m.unit_id,
            weekday=m.weekday,
            from_zone_id=m.from_zone,
            to_zone_id=m.to_zone,
            people=m.people,
        )
        for m in result.moves
    )
    return plan


@transaction.atomic
def plan_withdraw(*, plan: ConsolidationPlan, user: User, today: dt.date) -> ConsolidationPlan:
    """Withdraw a plan from today on: days already lived keep it; a second withdraw is refused."""
    updated = ConsolidationPlan.objects.filter(pk=plan.pk, status=PlanStatus.ACCEPTED).update(
        status=PlanStatus.WITHDRAWN,
        withdrawn_by=user,
        withdrawn_at=timezone.now(),
        withdrawn_on=max(today, plan.start),
    )
    if updated != 1:
        raise PlanError(_("Rencana ini sudah ditarik."))
    plan.refresh_from_db()
    return plan


# -- where a unit sits -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    zone: Zone
    moved: bool
    home: Zone | None = None

    @property
    def label(self) -> str:
        return zone_label(self.zone)


def seat_on(*, unit_id: int | None, day: dt.date) -> Seat | None:
    """Where a unit's people sit on a day: a plan's host zone, else the unit's own zone."""
    if unit_id is None:
        return None
    seat = UnitSeat.objects.filter(unit_id=unit_id).select_related("zone__building").first()
    host = host_on(
        moves_in_force(unit_ids=[unit_id], start=day, end=day).get((unit_id, day.weekday())), day
    )
    if host is not None:
        zone = Zone.objects.select_related("building").get(pk=host)
        return Seat(zone=zone, moved=True, home=seat.zone if seat else None)
    if seat is None:
        return None
    return Seat(zone=seat.zone, moved=False)
