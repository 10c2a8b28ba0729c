"""The demo's accepted consolidation plan: on the Thursdays of the 2025 trial's Phase I (November
2025, the period the energy evaluation reads) the Pemkot centre's nearly empty floors close and
their few people on piket sit on a floor that stays open anyway.

Accepted through the planner's own service (buildings.plans.plan_accept) as HR would have on the
phase's first day, so the plan, its closures and moves are what the page would have recorded; the
2026 phase is left without a plan, for HR to propose and accept in the walk-through.
"""

from __future__ import annotations

from accounts.models import User
from buildings import plans
from buildings.models import Building
from buildings.models_plans import ConsolidationPlan
from demo.logins import HR_USERNAME
from wfh.models import Phase

PHASE = "jabar-2025-tahap-1"
BUILDING = "PEMKOT"
THURSDAY = 3


def consolidation_seed() -> ConsolidationPlan | None:
    """The trial's Thursday plan for the Pemkot centre, accepted by hr.demo on the phase's first
    day; None when the demo lacks the phase, the building or the login, or nothing can close."""
    phase = Phase.objects.filter(slug=PHASE).first()
    building = Building.objects.filter(code=BUILDING).first()
    user = User.objects.filter(username=HR_USERNAME).first()
    if phase is None or building is None or user is None:
        return None
    ConsolidationPlan.objects.filter(phase=phase, buildings=building).delete()
    args = {"phase": phase, "buildings": [building], "weekdays": [THURSDAY], "today": phase.start}
    proposal = plans.proposal_build(**args)
    if not proposal.plan.closures:
        return None
    return plans.plan_accept(**args, user=user, fingerprint=proposal.fingerprint)
