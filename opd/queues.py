"""What every review queue shares (flagged check-ins, work reports, swaps, leave requests): the
filters by OPD, unit, date and one kind/status choice read from the query string, the bulk form's
choice and ticked ids, and deciding many items through the per-item service, each in its own
savepoint with its own access check, so one refused item is named and the others still decided."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.views import is_htmx
from opd import access
from opd.models import Opd, Unit

# the queries the filter form adds to a queue's page (the OPDs, the units); with the header's
# waiting count, QUEUE_PAGE_QUERIES: page tests' query bounds add these for a queue
FILTER_QUERIES = 2
QUEUE_PAGE_QUERIES = FILTER_QUERIES + 1


@dataclass
class QueueFilters:
    """A queue's filters from the GET parameters, and the first bad one. `choice` is the queue's
    own filter (a reason, a status, a kind) under the parameter `choice_name`."""

    opd: Opd | None = None
    unit_id: int | None = None
    day: dt.date | None = None
    choice: str = ""
    choice_name: str = ""
    error: str = ""

    def params(self) -> dict[str, str]:
        """The filters as query parameters, for the links back to the same view."""
        values = {
            "opd": self.opd.code if self.opd else "",
            "unit": str(self.unit_id or ""),
            "date": self.day.isoformat() if self.day else "",
        }
        if self.choice_name:
            values[self.choice_name] = self.choice
        return {k: v for k, v in values.items() if v}

    def apply(self, qs, *, employee: str = "employee", day_field: str = ""):
        """The queryset narrowed to the OPD, unit and (with `day_field`) the date."""
        if self.opd:
            qs = qs.filter(**{f"{employee}__opd_id": self.opd.pk})
        if self.unit_id:
            qs = qs.filter(**{f"{employee}__unit_id": self.unit_id})
        if self.day and day_field:
            qs = qs.filter(**{day_field: self.day})
        return qs


def queue_filters(
    request,
    data,
    *,
    choice_name: str = "",
    choice_label: str = "",
    choices: Iterable[str] = (),
    default: str = "",
) -> QueueFilters:
    """Read the filters; an OPD the user may not see is refused (403), an unknown one is 404."""
    filters = QueueFilters(choice_name=choice_name)
    opd_code = data.get("opd", "").strip()
    if opd_code:
        filters.opd = get_object_or_404(Opd, code=opd_code)
        access.require(access.can_view_opd(request.user, filters.opd))
    unit = data.get("unit", "").strip()
    if unit:
        if unit.isdigit():
            filters.unit_id = int(unit)
        else:
            filters.error = _("Unit: pilih unit dari daftar.")
    day = data.get("date", "").strip()
    if day:
        try:
            filters.day = dt.date.fromisoformat(day)
        except ValueError:
            filters.error = _("Tanggal: %(value)s bukan tanggal (tulis seperti 2025-12-01).") % {
                "value": day
            }
    if choice_name:
        choice = data.get(choice_name, default).strip()
        if choice in set(choices):
            filters.choice = choice
        elif choice:
            filters.error = _("%(field)s: %(value)s tidak dikenal; pilih dari daftar.") % {
                "field": choice_label or choice_name,
                "value": choice,
            }
    return filters


def filter_context(request, scope: access.Scope, filters: QueueFilters) -> dict[str, Any]:
    """The filter form's lists: the OPDs (only for who sees more than one) and their units."""
    opds = access.visible_opds(request.user).order_by("code")
    units = Unit.objects.filter(opd__in=[filters.opd] if filters.opd else opds).select_related(
        "opd"
    )
    return {
        "opds": opds if scope.is_hr or len(scope.opd_ids) > 1 else None,
        "units": units.order_by("opd__code", "code"),
        "filters": filters,
        "opd_code": filters.opd.code if filters.opd else "",
        "chosen": filters.opd,
    }


@dataclass
class BulkChoice:
    """The bulk form: which action, which ids, and why it cannot go ahead ('' = it can)."""

    action: str = ""
    ids: list[int] = field(default_factory=list)
    note: str = ""
    error: str = ""


def bulk_choice(
    request, actions: Iterable[str], *, unknown_action: str, nothing_ticked: str
) -> BulkChoice:
    choice = BulkChoice(
        action=request.POST.get("action", ""),
        ids=[int(v) for v in request.POST.getlist("ids") if v.isdigit()],
        note=request.POST.get("note", ""),
    )
    if choice.action not in set(actions):
        choice.error = unknown_action
    elif not choice.ids:
        choice.error = nothing_ticked
    return choice


@dataclass
class Outcome:
    """One item of a bulk decision: the item, and why it was not decided ('' = decided)."""

    item: Any
    error: str = ""


def decide_each(items: Iterable, decide: Callable[[Any], Any], *, denied: str) -> list[Outcome]:
    """`decide(item)` for each item in its own savepoint: a ValidationError or PermissionDenied
    names the item and the others go on. `decide` returns the decided item (or None: the same)."""
    results: list[Outcome] = []
    for item in items:
        try:
            with transaction.atomic():
                decided = decide(item)
            results.append(Outcome(item if decided is None else decided))
        except ValidationError as exc:
            results.append(Outcome(item, " ".join(exc.messages)))
        except PermissionDenied:
            results.append(Outcome(item, denied))
    return results


def report_outcomes(
    request, results: list[Outcome], *, done_text: str, name_of: Callable[[Any], str]
) -> None:
    """One message for those decided (`done_text` with %(n)s), one per refused item."""
    done = [r for r in results if not r.error]
    if done:
        messages.success(request, done_text % {"n": len(done)})
    for r in results:
        if r.error:
            messages.error(
                request, _("%(name)s: %(error)s") % {"name": name_of(r.item), "error": r.error}
            )


@dataclass
class BulkQueue:
    """One queue's bulk decision: its two actions (accept first), its messages, how to decide the
    ticked ids (ids, accept, note) -> outcomes, the queue's context and partial for htmx, and the
    queue's URL for a plain POST."""

    actions: tuple[str, str]
    unknown_action: str
    nothing_ticked: str
    decide: Callable[[list[int], bool, str], list[Outcome]]
    done_text: Callable[[bool, int], str]
    name_of: Callable[[Any], str]
    context: Callable[[], dict]
    template: str
    back: str


def bulk_answer(request, queue: BulkQueue):
    """Decide the ticked items with one note and answer: htmx gets the queue again (its partial
    swaps the header's count out of band), a plain POST goes back to the queue with its filters."""
    choice = bulk_choice(
        request,
        queue.actions,
        unknown_action=queue.unknown_action,
        nothing_ticked=queue.nothing_ticked,
    )
    error = choice.error
    accept = choice.action == queue.actions[0]
    results = None
    if not error:
        try:
            results = queue.decide(choice.ids, accept, choice.note)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            done = len([r for r in results if not r.error])
            report_outcomes(
                request, results, done_text=queue.done_text(accept, done), name_of=queue.name_of
            )
    if error:
        messages.error(request, error)
    if is_htmx(request):
        context = queue.context()
        context.update({"note": choice.note if error else "", "is_partial": True})
        context["results"] = results
        return render(request, queue.template, context)
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{queue.back}?{query}" if query else queue.back)
