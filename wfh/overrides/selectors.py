"""Read-side queries of the overrides: the lists of the pages and the API, what an employee's
day says about them, and the overrides a roster page shows beside its grid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from opd.models import Employee, Opd
from wfh.models import Roster, ScheduleDay, Source
from wfh.overrides.models import DeclaredDay, OverrideStatus, WfhOrder


def declarations() -> QuerySet[DeclaredDay]:
    return DeclaredDay.objects.prefetch_related(
        "opds", "exempt_opds", "exempt_units__opd", "frontline_units__opd"
    ).order_by("-start", "-id")


def orders_for(opds: QuerySet[Opd] | Iterable[Opd]) -> QuerySet[WfhOrder]:
    return (
        WfhOrder.objects.filter(opd__in=opds)
        .select_related("opd")
        .prefetch_related("employees")
        .order_by("-start", "-id")
    )


@dataclass(frozen=True)
class DayNote:
    """Why an employee's day is what it is, when an override decided it."""

    kind: str  # "declared" or "order"
    label: str  # "WFA", "WFH", "Perintah WFH"
    reference: str  # the circular's or the order's number
    text: str  # one line for the page: "WFA nasional — SE MenPANRB 2/2026"


def day_notes(*, employee: Employee, start: dt.date, end: dt.date) -> dict[dt.date, DayNote]:
    """The days between start and end that a declaration or an order decided for the employee
    (their published row carries its source), with its reference. Two queries, plus one when
    the employee has order days."""
    rows = dict(
        ScheduleDay.objects.filter(
            employee=employee,
            day__gte=start,
            day__lte=end,
            source__in=(Source.DECLARED, Source.ORDER),
        ).values_list("day", "source")
    )
    if not rows:
        return {}
    notes: dict[dt.date, DayNote] = {}
    declared_days = [d for d, s in rows.items() if s == Source.DECLARED]
    if declared_days:
        found = list(
            DeclaredDay.objects.filter(
                status=OverrideStatus.ACTIVE,
                start__lte=max(declared_days),
                end__gte=min(declared_days),
            ).order_by("-created_at", "-id")
        )
        for day in declared_days:
            d = next((x for x in found if x.start <= day <= x.end), None)
            if d is not None:
                share = (
                    _(" bergilir %(pct)s%%") % {"pct": int(d.share * 100)}
                    if d.share is not None
                    else ""
                )
                text = f"{d.mode}{share} — {d.title + ', ' if d.title else ''}{d.reference}"
                notes[day] = DayNote("declared", d.mode, d.reference, text)
    order_days = [d for d, s in rows.items() if s == Source.ORDER]
    if order_days:
        found = list(
            WfhOrder.objects.filter(
                employees=employee,
                status=OverrideStatus.ACTIVE,
                start__lte=max(order_days),
                end__gte=min(order_days),
            ).order_by("-created_at", "-id")
        )
        for day in order_days:
            o = next((x for x in found if x.start <= day <= x.end), None)
            if o is not None:
                text = _("Perintah WFH %(number)s (%(reason)s)") % {
                    "number": o.number,
                    "reason": o.get_reason_display(),
                }
                notes[day] = DayNote("order", _("Perintah WFH"), o.number, text)
    return notes


def roster_overrides(roster: Roster, days: list[dt.date]) -> dict:
    """The declarations and orders over the days a roster page shows, for its legend."""
    if not days:
        return {"declared": [], "orders": []}
    first, last = min(days), max(days)
    covering = Q(opds=roster.opd) | Q(opds__isnull=True)
    declared = [
        d
        for d in DeclaredDay.objects.filter(
            status=OverrideStatus.ACTIVE, start__lte=last, end__gte=first
        )
        .filter(covering)
        .exclude(exempt_opds=roster.opd)
        .distinct()
        .order_by("start")
        if roster.opd.kind not in (d.exempt_kinds or ())
    ]
    orders = list(
        WfhOrder.objects.filter(
            opd=roster.opd, status=OverrideStatus.ACTIVE, start__lte=last, end__gte=first
        )
        .annotate(people=Count("employees"))
        .prefetch_related("employees")
        .order_by("start", "id")
    )
    return {"declared": declared, "orders": orders}


def orders_with_departures(*, start: dt.date, end: dt.date, opd_ids: Iterable[int] | None = None):
    """The orders in force between start and end that departed from a limit, with their reason
    (the evaluation lists them)."""
    qs = (
        WfhOrder.objects.filter(start__lte=end, end__gte=start)
        .exclude(departures=[])
        .select_related("opd")
        .annotate(people=Count("employees"))
        .order_by("start", "opd__code", "id")
    )
    if opd_ids is not None:
        qs = qs.filter(opd_id__in=list(opd_ids))
    return qs
