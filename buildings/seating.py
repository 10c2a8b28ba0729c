"""Which zone a unit sits in on a day under the accepted consolidation plans (one query for a
range): used by the occupancy counts and the employee's day page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from buildings.models_plans import ConsolidationPlan, PlanStatus, UnitMove


def moves_in_force(
    *, unit_ids: Iterable[int] | None = None, zone_ids: Iterable[int] | None = None, start, end
) -> dict[tuple[int, int], list[tuple[ConsolidationPlan, int]]]:
    """{(unit id, weekday): [(plan, host zone id)]} of the accepted (or withdrawn, for the days
    before) plans overlapping start..end, for the units given or the moves into or out of the
    zones given (one query); `ConsolidationPlan.applies_on` says which day each one covers."""
    q = Q()
    if unit_ids is not None:
        q |= Q(unit_id__in=list(unit_ids))
    if zone_ids is not None:
        zone_ids = list(zone_ids)
        q |= Q(from_zone_id__in=zone_ids) | Q(to_zone_id__in=zone_ids)
    moves = (
        UnitMove.objects.filter(q, plan__start__lte=end, plan__end__gte=start)
        .exclude(plan__status=PlanStatus.WITHDRAWN, plan__withdrawn_on__lte=start)
        .select_related("plan")
        .order_by("plan_id", "id")
    )
    out: dict[tuple[int, int], list[tuple[ConsolidationPlan, int]]] = {}
    for move in moves:
        out.setdefault((move.unit_id, move.weekday), []).append((move.plan, move.to_zone_id))
    return out


def host_on(moves: list[tuple[ConsolidationPlan, int]] | None, day: dt.date) -> int | None:
    """The host zone of a unit on a day from its `moves_in_force` entry, or None."""
    for plan, zone_id in moves or ():
        if plan.applies_on(day):
            return zone_id
    return None
