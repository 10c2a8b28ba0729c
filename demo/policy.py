"""Demo policy as it moves: a few disciplinary sanctions and recent moves (so some employees are
not eligible, with the reason and the date they become eligible), and one phase change (the 2026
WFH weekday moved from a date), regenerated and published in this process like the rest of the
demo schedules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from buildings.models import UnitSeat
from opd.models import DisciplinarySanction, Employee, SanctionKind, Unit, UnitRole
from opd.services import placements_sync
from wfh import selectors
from wfh.models import Phase, Roster
from wfh.phase_versions.changes import change_parse, phase_change
from wfh.rosters import generation, publication

PHASE = "jabar-2026-kamis"
PEMKOT = "PEMKOT"  # demo.buildings' centre
CHANGE_REFERENCE = "SE Wali Kota Bekasi (demo) tentang perubahan hari WFH"
SANCTIONS = (
    (SanctionKind.EXAMINATION, 20, None),
    (SanctionKind.LIGHT, 45, 75),
    (SanctionKind.MODERATE, 90, 270),
)
MOVED_DAYS_AGO = (45, 75)


@dataclass
class PolicyResult:
    sanctioned: int
    moved: int


def _candidates():
    """Staff without a login or subordinates in a non-frontline unit, oldest id first; none seated
    in the Pemkot centre, whose WFH Thursdays stay the demo's clean example of nearly empty floors
    (buildings_seed runs before this; without buildings nobody is left out)."""
    pemkot = UnitSeat.objects.filter(zone__building__code=PEMKOT).values("unit_id")
    return (
        Employee.objects.exclude(unit_id__in=pemkot)
        .filter(
            unit_role=UnitRole.STAFF,
            user__isnull=True,
            wfh_eligible=True,
            unit__frontline=False,
            active_to__isnull=True,
        )
        .annotate(team=Count("subordinates"))
        .filter(team=0)
        .order_by("id")
    )


def eligibility_records_seed(*, today: dt.date) -> PolicyResult:
    """Three sanctions and two rotations to another unit of the same OPD, recent enough to
    bar those employees from WFH now (before the rosters are built, so they respect it)."""
    people = list(_candidates()[:40])
    sanctioned = 0
    for (kind, ago, length), employee in zip(SANCTIONS, people[:3], strict=False):
        start = today - dt.timedelta(days=ago)
        DisciplinarySanction.objects.get_or_create(
            employee=employee,
            kind=kind,
            start=start,
            defaults={
                "end": None if length is None else start + dt.timedelta(days=length),
                "reference": f"800/{100 + sanctioned}/BKPSDM (demo)",
                "note": "Data demo",
            },
        )
        sanctioned += 1
    moved = 0
    for employee in people[3:]:
        if moved == len(MOVED_DAYS_AGO):
            break
        other = (
            Unit.objects.filter(opd_id=employee.opd_id, frontline=False)
            .exclude(pk=employee.unit_id)
            .order_by("id")
            .first()
        )
        if other is None:
            continue
        Employee.objects.filter(pk=employee.pk).update(unit=other)
        placements_sync(
            employee_ids=[employee.pk],
            effective=today - dt.timedelta(days=MOVED_DAYS_AGO[moved]),
        )
        moved += 1
    return PolicyResult(sanctioned=sanctioned, moved=moved)


def phase_change_seed(*, today: dt.date) -> str:
    """Move the 2026 WFH weekday from Thursday to Monday from the Monday after next, and
    regenerate and publish every OPD's roster from that day. "" when the phase has no room."""
    phase = Phase.objects.filter(slug=PHASE).first()
    if phase is None:
        return ""
    day = today + dt.timedelta(days=14 - today.weekday())
    if not phase.start < day <= phase.end or phase.versions.exists():
        return ""
    spec = change_parse(
        {"valid_from": day, "wfh_weekdays": ["senin"], "reference": CHANGE_REFERENCE}
    )
    phase_change(phase=phase, spec=spec, today=today, regenerate=False)
    for opd in selectors.phase_opds(phase):
        if not Roster.objects.filter(phase=phase, opd=opd).exists():
            continue
        roster = Roster.objects.create(
            phase=phase,
            opd=opd,
            version=selectors.next_version(phase, opd),
            composition=selectors.effective_composition(phase, opd),
            regenerate_from=day,
        )
        generation.roster_claim(roster_id=roster.pk)
        roster = generation.roster_build(roster_id=roster.pk)
        if roster.status == Roster.Status.READY:
            publication.roster_publish(roster=roster, from_date=day)
    return CHANGE_REFERENCE
