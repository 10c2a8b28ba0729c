"""What every calendar, phase and roster page shares (wfh.views_calendar, wfh.views_phase,
wfh.views_schedule): who may open them, reading a bounded number from the query, turning a
form's or a service's errors into flash messages, and queueing a generation from a form.

HR sees everything; an OPD admin only their OPDs; supervisors and employees get 403 on these
pages (their schedule lives on their own pages).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from opd import access
from opd.access import Scope
from opd.models import Opd
from wfh.models import Phase, Roster
from wfh.rosters import generation


def schedule_scope(request) -> Scope:
    """HR and OPD admins only: everyone else gets 403 on the schedule pages."""
    scope = access.scope_for(request.user)
    access.require(scope.sees_registry)
    return scope


def bounded_int(value, default: int, low: int, high: int) -> int:
    """`value` as an int if it is one between low and high inclusive, else `default`."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def flash_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def run_service(request, service, success: str, **kwargs) -> bool:
    """Call a write service; a ValidationError becomes a flash message (PermissionDenied: 403)."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    if success:
        messages.success(request, success)
    return True


def generation_start(
    request, *, phase: Phase, opds: list[Opd] | None, data: dict
) -> list[Roster] | None:
    """Queue the generations a GenerateForm or RegenerateForm asks for (its cleaned data): the
    queued rosters, or None with the refusal flashed."""
    try:
        return generation.rosters_start(
            phase=phase,
            opds=opds,
            user=request.user,
            seed=data["seed"],
            composition=data.get("composition", ""),
            regenerate_from=data["regenerate_from"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
