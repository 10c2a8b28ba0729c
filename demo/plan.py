"""The demo city as plain data: `build_plan(employees=..., seed=...)` draws everything from one
`random.Random(seed)`, so the same seed gives the same OPDs, units and people (NIP, name, unit,
position, supervisor). Every unit that is not frontline keeps 1-3 people on site so a 50% rotation
fits. demo/city.py writes a plan.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from demo.data.dinas import DEMO_OPD, DEMO_UNIT
from demo.data.opds import CITY_HALL, CITY_OPDS, LAT_RANGE, LON_RANGE, UPTDS
from demo.data.positions import GENERIC_STAFF, PART_TIME_STAFF, REGION_STAFF
from demo.data.regions import (
    EXTRA_PUSKESMAS,
    KECAMATAN,
    KECAMATAN_UNITS,
    KELURAHAN_UNITS,
    PUSKESMAS_UNITS,
)
from demo.errors import DemoError
from demo.logins import DEMO_EMPLOYEE_NAME, DEMO_SUPERVISOR_NAME, EMPLOYEE_USERNAME
from demo.people import NameMaker, NipMaker, male_share, with_degree
from demo.specs import OpdSpec, UnitSpec, code_of
from opd.models import AsnType, IneligibleReason, OpdKind, UnitRole

MIN_EMPLOYEES = 250
MAX_EMPLOYEES = 1_000_000


def region_opds() -> tuple[OpdSpec, ...]:
    """Kecamatan first (they are parents), then their kelurahan, then the puskesmas."""
    kecamatan, kelurahan, puskesmas = [], [], []
    for kec, (centre, kels) in KECAMATAN.items():
        kec_code = f"KEC-{code_of(kec)}"
        kecamatan.append(
            OpdSpec(
                code=kec_code,
                name=f"Kecamatan {kec}",
                kind=OpdKind.KECAMATAN,
                weight=30,
                head=f"Camat {kec}",
                deputy="Sekretaris Kecamatan",
                units=KECAMATAN_UNITS,
                staff=REGION_STAFF,
                location=centre,
            )
        )
        for kel in kels:
            kelurahan.append(
                OpdSpec(
                    code=f"KEL-{code_of(kel)}",
                    name=f"Kelurahan {kel}",
                    kind=OpdKind.KELURAHAN,
                    weight=16.5,
                    head=f"Lurah {kel}",
                    deputy="Sekretaris Kelurahan",
                    units=KELURAHAN_UNITS,
                    staff=REGION_STAFF,
                    parent=kec_code,
                    location=centre,
                )
            )
    for place, kec in (*((k, k) for k in KECAMATAN), *EXTRA_PUSKESMAS):
        puskesmas.append(
            OpdSpec(
                code=f"PKM-{code_of(place)}",
                name=f"Puskesmas {place}",
                kind=OpdKind.PUSKESMAS,
                weight=24,
                head=f"Kepala Puskesmas {place}",
                deputy="Kepala Subbagian Tata Usaha",
                units=PUSKESMAS_UNITS,
                staff=("Perawat", "Bidan", "Sanitarian", "Perekam Medis"),
                parent="DINKES",
                location=KECAMATAN[kec][0],
            )
        )
    return (*kecamatan, *kelurahan, *puskesmas)


def all_opd_specs() -> tuple[OpdSpec, ...]:
    """Every OPD of the demo city; an OPD comes after its parent."""
    return (*CITY_OPDS, *region_opds(), *UPTDS)


@dataclass(slots=True)
class PlannedOpd:
    code: str
    name: str
    kind: str
    parent: str
    latitude: Decimal
    longitude: Decimal
    radius_m: int


@dataclass(slots=True)
class PlannedUnit:
    opd: str
    code: str
    name: str
    frontline: bool
    min_onsite: int
    headcount: int


@dataclass(slots=True)
class PlannedEmployee:
    nip: str
    name: str
    asn_type: str
    opd: str
    unit: str
    position: str
    unit_role: str
    supervisor: int | None  # index in DemoPlan.employees
    level: int  # 0 OPD head, 1 head of a child OPD, 2 unit head, 3 everyone else
    active_from: dt.date
    wfh_eligible: bool = True
    ineligible_reason: str = ""
    new_in_post_since: dt.date | None = None
    email: str = ""
    phone: str = ""
    part_time: bool = False


@dataclass
class DemoPlan:
    seed: int
    opds: list[PlannedOpd] = field(default_factory=list)
    units: list[PlannedUnit] = field(default_factory=list)
    employees: list[PlannedEmployee] = field(default_factory=list)
    supervisor_index: int = -1  # atasan.demo
    employee_index: int = -1  # pegawai.demo


def allocate(total: int, weights: Sequence[float], minimums: Sequence[int]) -> list[int]:
    """Split `total` over the weights (largest remainder), giving each at least its minimum."""
    rest = total - sum(minimums)
    if rest < 0:
        raise DemoError(f"{total} orang tidak cukup untuk minimum {sum(minimums)}.")
    weight_sum = sum(weights)
    quotas = [rest * w / weight_sum for w in weights]
    shares = [int(q) for q in quotas]
    left = rest - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return [m + s for m, s in zip(minimums, shares, strict=True)]


def merge_lone_members(per_unit: list[int]) -> list[int]:
    """A unit of one would be a head with nobody to lead: move such people to the largest unit.

    The lead unit (index 0) keeps its single member, the head of the OPD.
    """
    merged = list(per_unit)
    for i in range(1, len(merged)):
        if merged[i] == 1:
            merged[i] = 0
            largest = max(range(len(merged)), key=lambda j: (merged[j], -j))
            merged[largest] += 1
    return merged


def min_onsite_for(headcount: int, is_frontline: bool) -> int:
    """Frontline: about 60% of the unit, at least one. Others: 1-3, never more than half."""
    if is_frontline:
        return max(1, (headcount * 3 + 4) // 5)
    if headcount <= 1:
        return 0  # a one-person unit with a minimum could never rotate
    return min(3, max(1, headcount // 4))


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def _place(rng: random.Random, spec: OpdSpec) -> tuple[Decimal, Decimal]:
    if spec.location == CITY_HALL:
        lat, lon = CITY_HALL
    elif spec.location is not None:
        spread = 0.015 if spec.kind == OpdKind.KELURAHAN else 0.008
        lat = spec.location[0] + rng.uniform(-spread, spread)
        lon = spec.location[1] + rng.uniform(-spread, spread)
    else:
        lat = CITY_HALL[0] + rng.uniform(-0.02, 0.02)
        lon = CITY_HALL[1] + rng.uniform(-0.02, 0.02)
    lat, lon = _clamp(lat, LAT_RANGE), _clamp(lon, LON_RANGE)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


@dataclass(slots=True)
class _Slot:
    """One person to create: where, in which role; filled in by _person."""

    opd: OpdSpec
    unit: UnitSpec
    role: str
    lead: bool  # in the lead unit of the OPD


def build_plan(*, employees: int, seed: int) -> DemoPlan:
    """The whole demo city as plain data. Same arguments, same plan."""
    if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
        raise DemoError(
            f"Jumlah pegawai harus {MIN_EMPLOYEES:,}–{MAX_EMPLOYEES:,}, bukan {employees:,}."
        )
    rng = random.Random(seed)
    specs = all_opd_specs()
    plan = DemoPlan(seed=seed)

    for spec in specs:
        lat, lon = _place(rng, spec)
        radius = 200 if spec.kind == OpdKind.RSUD else rng.choice((100, 125, 150, 175, 200))
        plan.opds.append(PlannedOpd(spec.code, spec.name, spec.kind, spec.parent, lat, lon, radius))

    # Headcount per OPD, then per unit, then who is head or deputy.
    weights = [
        rng.uniform(12.0, 21.0)  # 8-15 people each at 3,000
        if s.kind == OpdKind.KELURAHAN
        else s.weight * rng.uniform(0.85, 1.15)
        for s in specs
    ]
    minimums = [5 if s.code == DEMO_OPD else 1 for s in specs]
    per_opd = allocate(employees, weights, minimums)

    slots_by_opd: list[list[list[_Slot]]] = []
    for spec, headcount in zip(specs, per_opd, strict=True):
        unit_minimums = [
            1 if i == 0 else 2 if (spec.code, u.code) == (DEMO_OPD, DEMO_UNIT) else 0
            for i, u in enumerate(spec.units)
        ]
        unit_weights = [u.weight * rng.uniform(0.8, 1.2) for u in spec.units]
        per_unit = merge_lone_members(allocate(headcount, unit_weights, unit_minimums))
        units = []
        for i, (unit, k) in enumerate(zip(spec.units, per_unit, strict=True)):
            plan.units.append(
                PlannedUnit(
                    spec.code,
                    unit.code,
                    unit.name,
                    unit.frontline,
                    min_onsite_for(k, unit.frontline),
                    k,
                )
            )
            lead = i == 0
            has_deputy = k >= 3 if lead else k >= 4 and rng.random() < 0.85
            roles = [UnitRole.HEAD] * min(k, 1) + [UnitRole.DEPUTY] * has_deputy
            roles += [UnitRole.STAFF] * (k - len(roles))
            units.append([_Slot(spec, unit, role, lead) for role in roles])
        slots_by_opd.append(units)

    staff_count = sum(
        1 for units in slots_by_opd for slots in units for s in slots if s.role == UnitRole.STAFF
    )
    pppk_share = min(0.6, 0.32 * employees / max(staff_count, 1))

    nips, names = NipMaker(rng), NameMaker(rng)
    head_index: dict[str, int] = {}
    for spec, units in zip(specs, slots_by_opd, strict=True):
        for slots in units:
            unit_head: int | None = None
            for slot in slots:
                demo = ""
                if (spec.code, slot.unit.code) == (DEMO_OPD, DEMO_UNIT):
                    if slot.role == UnitRole.HEAD:
                        demo = "supervisor"
                    elif slot.role == UnitRole.STAFF and plan.employee_index < 0:
                        demo = "employee"
                if slot.role == UnitRole.HEAD and slot.lead:
                    parent = head_index.get(spec.parent)
                    supervisor, level = parent, (0 if parent is None else 1)
                elif slot.role == UnitRole.HEAD:
                    supervisor, level = head_index[spec.code], 2
                else:
                    supervisor, level = unit_head, 3
                person = _person(
                    rng,
                    nips,
                    names,
                    slot,
                    pppk_share,
                    supervisor=supervisor,
                    level=level,
                    demo=demo,
                )
                plan.employees.append(person)
                index = len(plan.employees) - 1
                if slot.role == UnitRole.HEAD:
                    unit_head = index
                    if slot.lead:
                        head_index[spec.code] = index
                if demo == "supervisor":
                    plan.supervisor_index = index
                elif demo == "employee":
                    plan.employee_index = index
    return plan


def _person(
    rng: random.Random,
    nips: NipMaker,
    names: NameMaker,
    slot: _Slot,
    pppk_share: float,
    *,
    supervisor: int | None,
    level: int,
    demo: str,
) -> PlannedEmployee:
    spec, unit, role = slot.opd, slot.unit, slot.role
    part_time = role == UnitRole.STAFF and not demo and rng.random() < pppk_share * 0.09
    pppk = part_time or (role == UnitRole.STAFF and not demo and rng.random() < pppk_share)
    if role == UnitRole.HEAD:
        position = spec.head if slot.lead else unit.head or f"Kepala {unit.name}"
    elif role == UnitRole.DEPUTY:
        position = spec.deputy if slot.lead else unit.deputy or f"Koordinator {unit.name}"
    elif part_time:
        position = rng.choice(PART_TIME_STAFF)
    else:
        pool = unit.staff or spec.staff
        if unit.frontline and unit.staff:
            pool = unit.staff if rng.random() < 0.85 else spec.staff or GENERIC_STAFF
        elif rng.random() < 0.3:
            pool = GENERIC_STAFF if not slot.lead else spec.staff or GENERIC_STAFF
        position = rng.choice(pool or GENERIC_STAFF)
    if demo:
        gender = "L" if demo == "supervisor" else "P"
    else:
        gender = "L" if rng.random() < male_share(position) else "P"

    if pppk:
        birth = nips.birth(1968, 2001)
        nip, active_from = nips.pppk(birth, gender, part_time=part_time)
    else:
        years, ages = {
            0: ((1966, 1978), (22, 30)),
            1: ((1966, 1982), (22, 32)),
            2: ((1968, 1985), (21, 32)),
        }.get(level, ((1966, 2001), (19, 35)))
        if role == UnitRole.DEPUTY:
            years = (1968, 1990)
        birth = nips.birth(*years)
        nip, active_from = nips.pns(birth, gender, age_range=ages)

    plain = names.name(gender)
    health = spec.kind in (OpdKind.RSUD, OpdKind.PUSKESMAS) or spec.code == "DINKES"
    name = with_degree(rng, plain, position, role, spec.kind, health=health)
    if demo == "supervisor":
        name = DEMO_SUPERVISOR_NAME
    elif demo == "employee":
        name, position = DEMO_EMPLOYEE_NAME, "Pranata Komputer Ahli Muda"

    person = PlannedEmployee(
        nip=nip,
        name=name,
        asn_type=AsnType.PPPK if pppk else AsnType.PNS,
        opd=spec.code,
        unit=unit.code,
        position=position,
        unit_role=role,
        supervisor=supervisor,
        level=level,
        active_from=active_from,
        part_time=part_time,
    )
    roll = rng.random()
    if not demo and level >= 2:
        if roll < 0.02:
            person.wfh_eligible = False
            person.ineligible_reason = IneligibleReason.DISCIPLINARY
        elif roll < 0.05:
            person.wfh_eligible = False
            person.ineligible_reason = IneligibleReason.NEW_IN_POST
            person.new_in_post_since = dt.date(2025, 1, 2) + dt.timedelta(days=rng.randrange(300))
    if demo or rng.random() < 0.45:
        person.email = names.email(name)
    if demo or rng.random() < 0.55:
        person.phone = names.phone()
    return person


def demo_colleague(plan: DemoPlan) -> int:
    """The colleague of the demo employee who gets the rekan.demo login: the first other staff
    member of the same unit under the same supervisor who may work from home, full-time. Chosen
    after planning, so the rest of the demo city is the same with or without this login."""
    employee = plan.employees[plan.employee_index]
    for index, person in enumerate(plan.employees):
        if (
            index != plan.employee_index
            and person.opd == employee.opd
            and person.unit == employee.unit
            and person.unit_role == UnitRole.STAFF
            and person.supervisor == employee.supervisor
            and person.wfh_eligible
            and not person.part_time
        ):
            return index
    raise DemoError(f"Unit {DEMO_UNIT} tidak punya rekan untuk {EMPLOYEE_USERNAME}.")
