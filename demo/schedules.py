"""Demo schedules: the West Java presets, with the rosters of the phases around today generated
and published for every OPD, so that a new user sees who works from home on which day.

Rosters are built in this process (not queued to a worker): the demo must be complete when
`seed_demo` returns, whether or not a Celery worker runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from wfh import selectors
from wfh.models import Phase, Roster
from wfh.presets import preset_load
from wfh.rosters import generation, publication

PRESETS = ("jabar-2025", "jabar-2026")


@dataclass
class ScheduleResult:
    phases: list[str]
    rosters: int
    failed: list[str]
    published_rows: int


def schedules_seed(*, start: dt.date, end: dt.date, progress=None) -> ScheduleResult:
    """Load the presets; generate and publish every OPD's roster of each phase overlapping
    [start, end]. A roster that fails is named in the result, the others are still published."""
    for name in PRESETS:
        preset_load(name=name)
    phases = list(
        Phase.objects.filter(Q(start__lte=end) & Q(end__gte=start)).order_by("start", "slug")
    )
    result = ScheduleResult([p.slug for p in phases], 0, [], 0)
    for phase in phases:
        opds = list(selectors.phase_opds(phase))
        for i, opd in enumerate(opds, start=1):
            roster = Roster.objects.create(
                phase=phase,
                opd=opd,
                version=selectors.next_version(phase, opd),
                composition=selectors.effective_composition(phase, opd),
            )
            generation.roster_claim(roster_id=roster.pk)
            roster = generation.roster_build(roster_id=roster.pk)
            if roster.status != Roster.Status.READY:
                result.failed.append(f"{phase.slug}/{opd.code}: {roster.error}")
                continue
            result.published_rows += publication.roster_publish(
                roster=roster, from_date=phase.start
            )
            result.rosters += 1
            if progress:
                progress(phase.slug, i, len(opds))
    return result
