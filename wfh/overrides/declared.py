"""Declared days: HR turns a day or a range into WFA/WFH for every OPD or some, under a circular.

A declaration overrides the phase on its days (precedence in `wfh.overrides.precedence`) and is
written into the published schedule at once, days not yet lived only (from each OPD's today on):
`declaration_plan` works out every in-scope employee's mode on those days with the pure roster
engine, `declaration_apply` writes it through `published_days_rewrite` (the published rows and the
same cells of each current roster version, each change logged), and the affected employees are
mailed once the transaction commits. Revoking is `wfh.overrides.revoking`.

Who is in scope: the chosen OPDs (none chosen: every active OPD), less the exempt OPDs and OPD
kinds; in them every unit but the exempt ones and the frontline units not named to take part.
Without a share every eligible employee there is at home on every declared day (duty officers
kept on site where a unit minimum needs them, as on a phase's WFH weekday; the circular governs
the week, so the weekly cap does not hold these days back). With a share (0.5) the declared days
are a rotation with that ratio: at most ceil(share x eligible present) at home per unit and day,
the unit minimum on site, fair turns (|WFH days - target| <= 1), head and deputy never both at
home, within the phases' weekly cap, exactly as the engine keeps a phase's rotation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from common.tasks import queue_on_commit
from opd import access
from opd.models import Employee, Opd, Unit
from wfh import engine
from wfh.engine.types import (
    NO_UNIT_ENGINE_ID,
    EmployeeIn,
    Limits,
    RosterInput,
    RotationPattern,
    UnitIn,
    WeekdayPattern,
)
from wfh.models import Mode, Phase, ScheduleDay, Source
from wfh.overrides.inputs import DeclarationSpec
from wfh.overrides.models import DeclaredDay, DeclaredMode, OverrideStatus
from wfh.overrides.precedence import override_takes
from wfh.rosters.published_days import DayRewrite, published_days_rewrite

ALL_WEEKDAYS = frozenset(range(7))
NO_CAP = 7  # a full declared day is not held back by the weekly cap: the circular governs


@dataclass(frozen=True)
class Terms:
    """A declaration's terms, saved or not yet (the preview): ids, not rows."""

    start: dt.date
    end: dt.date
    reference: str
    mode: str = DeclaredMode.WFA
    share: Decimal | None = None
    opd_ids: frozenset[int] = frozenset()  # empty: every active OPD
    exempt_opd_ids: frozenset[int] = frozenset()
    exempt_kinds: frozenset[str] = frozenset()
    exempt_unit_ids: frozenset[int] = frozenset()
    frontline_unit_ids: frozenset[int] = frozenset()
    seed: int = 0

    @classmethod
    def of_spec(cls, spec: DeclarationSpec) -> Terms:
        return cls(
            start=spec.start,
            end=spec.end,
            reference=spec.reference,
            mode=spec.mode,
            share=spec.share,
            opd_ids=frozenset(o.pk for o in spec.opds),
            exempt_opd_ids=frozenset(o.pk for o in spec.exempt_opds),
            exempt_kinds=frozenset(spec.exempt_kinds),
            exempt_unit_ids=frozenset(u.pk for u in spec.exempt_units),
            frontline_unit_ids=frozenset(u.pk for u in spec.frontline_units),
            seed=spec.seed,
        )

    @classmethod
    def of(cls, declared: DeclaredDay) -> Terms:
        return cls(
            start=declared.start,
            end=declared.end,
            reference=declared.reference,
            mode=declared.mode,
            share=declared.share,
            opd_ids=frozenset(declared.opds.values_list("id", flat=True)),
            exempt_opd_ids=frozenset(declared.exempt_opds.values_list("id", flat=True)),
            exempt_kinds=frozenset(declared.exempt_kinds or ()),
            exempt_unit_ids=frozenset(declared.exempt_units.values_list("id", flat=True)),
            frontline_unit_ids=frozenset(declared.frontline_units.values_list("id", flat=True)),
            seed=declared.seed,
        )

    @property
    def why(self) -> str:
        """The reason AssignmentChange rows keep: stored text, in Indonesian (as leave's)."""
        dates = self.start.isoformat()
        if self.end != self.start:
            dates += f" s.d. {self.end.isoformat()}"
        share = f" {int(self.share * 100)}%" if self.share is not None else ""
        return f"{self.mode}{share} {dates} ({self.reference})"

    def unit_exempt(self, unit: Unit | None) -> bool:
        if unit is None:
            return False
        if unit.pk in self.exempt_unit_ids:
            return True
        return unit.frontline and unit.pk not in self.frontline_unit_ids


def opds_in_scope(terms: Terms) -> list[Opd]:
    """The OPDs a declaration covers, by code."""
    qs = Opd.objects.filter(id__in=terms.opd_ids) if terms.opd_ids else Opd.objects.all()
    qs = qs.filter(active=True).exclude(id__in=terms.exempt_opd_ids)
    if terms.exempt_kinds:
        qs = qs.exclude(kind__in=terms.exempt_kinds)
    return list(qs.order_by("code"))


@dataclass
class OpdPlan:
    """What a declaration does in one OPD (the preview's line)."""

    opd: Opd
    days: list[dt.date] = field(default_factory=list)
    employees: int = 0  # in-scope employees with a published day
    wfh: int = 0  # employee-days at home
    wfo: int = 0  # employee-days on site (ineligible, piket, the rotation's other half)
    exempt_units: list[str] = field(default_factory=list)
    shortfalls: int = 0  # unit-days whose minimum the staff could not meet


@dataclass
class Plan:
    rewrites: list[DayRewrite] = field(default_factory=list)
    opds: list[OpdPlan] = field(default_factory=list)
    # employee id -> [(day, mode)] of every in-scope day (the mail says each day)
    days_of: dict[int, list[tuple[dt.date, str]]] = field(default_factory=dict)
    lived_from: dt.date | None = None  # the first day written; earlier days were lived

    @property
    def employee_ids(self) -> list[int]:
        return sorted(self.days_of)

    @property
    def totals(self) -> dict:
        return {
            "opds": sum(1 for p in self.opds if p.employees),
            "employees": sum(p.employees for p in self.opds),
            "wfh": sum(p.wfh for p in self.opds),
            "wfo": sum(p.wfo for p in self.opds),
            "shortfalls": sum(p.shortfalls for p in self.opds),
        }


def _today_of(opd: Opd, today: dt.date | None) -> dt.date:
    return today or opd.local_today()


def declaration_plan(
    terms: Terms, *, today: dt.date | None = None, opd_ids: set[int] | None = None
) -> Plan:
    """Every in-scope employee's mode on the declaration's days not yet lived, and the rewrites
    that put it in the published schedule (only where `override_takes`). `opd_ids` narrows it to
    some OPDs (a roster published later). One engine run per OPD; a few queries per OPD."""
    plan = Plan()
    opds = [o for o in opds_in_scope(terms) if opd_ids is None or o.pk in opd_ids]
    for opd in opds:
        cut = max(terms.start, _today_of(opd, today))
        plan.lived_from = cut if plan.lived_from is None else min(plan.lived_from, cut)
        line = OpdPlan(opd=opd)
        plan.opds.append(line)
        if cut > terms.end:
            continue
        _plan_opd(terms, opd, cut, plan, line)
    return plan


def _plan_opd(terms: Terms, opd: Opd, cut: dt.date, plan: Plan, line: OpdPlan) -> None:
    rows = list(
        ScheduleDay.objects.filter(opd=opd, day__gte=cut, day__lte=terms.end)
        .order_by("employee_id", "day")
        .values_list("employee_id", "day", "mode", "source", "unit_id", "phase_id")
    )
    if not rows:
        return
    units = {u.pk: u for u in Unit.objects.filter(id__in={r[4] for r in rows if r[4]})}
    line.exempt_units = sorted(f"{u.code} {u.name}" for u in units.values() if terms.unit_exempt(u))
    people = {
        e["id"]: e
        for e in Employee.objects.filter(id__in={r[0] for r in rows}).values(
            "id", "unit_role", "wfh_eligible"
        )
    }
    by_employee: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        by_employee[row[0]].append(row)
    current = {(r[0], r[1]): (r[2], r[3]) for r in rows}
    days = sorted({r[1] for r in rows})
    line.days = days
    employees = []
    unit_of: dict[int, int | None] = {}
    for emp_id, own in by_employee.items():
        unit_id = own[0][4]
        unit_of[emp_id] = unit_id
        employees.append(
            EmployeeIn(
                id=emp_id,
                unit_id=unit_id or NO_UNIT_ENGINE_ID,
                role=people[emp_id]["unit_role"],
                eligible=people[emp_id]["wfh_eligible"],
                leave=frozenset(r[1] for r in own if r[2] == Mode.LEAVE),
                active_from=own[0][1],
                active_to=own[-1][1],
            )
        )
    engine_units = [
        UnitIn(
            id=u.pk,
            min_onsite=u.min_onsite,
            frontline=terms.unit_exempt(u),  # the engine keeps an exempt unit on site
        )
        for u in units.values()
    ]
    if any(e.unit_id == NO_UNIT_ENGINE_ID for e in employees):
        engine_units.append(UnitIn(id=NO_UNIT_ENGINE_ID))
    if terms.share is None:
        pattern: WeekdayPattern | RotationPattern = WeekdayPattern(wfh_weekdays=ALL_WEEKDAYS)
        cap = NO_CAP
    else:
        pattern = RotationPattern(ratio=float(terms.share))
        caps = Phase.objects.filter(id__in={r[5] for r in rows}).values_list(
            "weekly_cap", flat=True
        )
        cap = min(caps, default=2)
    result = engine.generate(
        RosterInput(
            working_days=tuple(days),
            units=tuple(sorted(engine_units, key=lambda u: u.id)),
            employees=tuple(sorted(employees, key=lambda e: e.id)),
            pattern=pattern,
            limits=Limits(weekly_cap=cap),
            seed=terms.seed,
        )
    )
    line.shortfalls = sum(
        1
        for s in result.stats.shortfalls
        if s.unit_id in units and not terms.unit_exempt(units[s.unit_id])
    )
    why = terms.why
    counted: set[int] = set()
    for emp_id, day, mode, reason in result.iter_rows():
        unit = units.get(unit_of.get(emp_id))
        now = current.get((emp_id, day))
        if now is None or terms.unit_exempt(unit) or mode == Mode.LEAVE:
            continue
        if emp_id not in counted:
            counted.add(emp_id)
            line.employees += 1
        plan.days_of.setdefault(emp_id, []).append((day, mode))
        if mode == Mode.WFH:
            line.wfh += 1
        else:
            line.wfo += 1
        if not override_takes(incoming=Source.DECLARED, mode=now[0], source=now[1]):
            continue
        plan.rewrites.append(
            DayRewrite(
                emp_id,
                day,
                mode,
                why=why,
                source=Source.DECLARED,
                reason="declared" if mode == Mode.WFH else reason,
                restamp=True,
            )
        )


def declaration_apply(plan: Plan, *, user=None) -> int:
    """Write a plan into the published schedule; the number of published rows changed."""
    done = published_days_rewrite(rewrites=plan.rewrites, user=user)
    return len(done.rows)


def _require_hr(user) -> None:
    if user is not None and not access.scope_for(user).is_hr:
        raise PermissionDenied


@transaction.atomic
def declared_days_declare(
    *, spec: DeclarationSpec, user=None, today: dt.date | None = None, notify: bool = True
) -> tuple[DeclaredDay, Plan]:
    """HR declares the days in `spec` (checked by `declaration_parse`); `user=None` is the
    command line. Writes the declaration and its days, mails the affected employees on commit
    (unless `notify` is False: the demo data)."""
    _require_hr(user)
    declared = DeclaredDay.objects.create(
        start=spec.start,
        end=spec.end,
        mode=spec.mode,
        reference=spec.reference,
        title=spec.title,
        share=spec.share,
        exempt_kinds=list(spec.exempt_kinds),
        seed=spec.seed,
        created_by=user,
    )
    declared.opds.set(spec.opds)
    declared.exempt_opds.set(spec.exempt_opds)
    declared.exempt_units.set(spec.exempt_units)
    declared.frontline_units.set(spec.frontline_units)
    plan = declaration_plan(Terms.of_spec(spec), today=today)
    rows = declaration_apply(plan, user=user)
    declared.stats = {**plan.totals, "rows": rows, "at": timezone.now().isoformat()}
    declared.save(update_fields=["stats"])
    if notify:
        queue_on_commit("wfh.overrides_mail", "declared", declared.pk, plan.employee_ids)
    return declared, plan


def declarations_active_between(start: dt.date, end: dt.date):
    return DeclaredDay.objects.filter(
        status=OverrideStatus.ACTIVE, start__lte=end, end__gte=start
    ).order_by("created_at", "id")
