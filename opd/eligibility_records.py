"""The facts opd.eligibility decides on, read from the registry, and its answer in words.

`facts_of` reads them for many employees in three queries (employees, placements that were a
move, sanctions); `eligibility_between` and `eligibility_today` ask the pure rule; `describe`
says why someone is not eligible and until when, as the roster, the pages and the API show it
("Baru menduduki jabatan sejak 1 Oktober 2026: memenuhi syarat mulai 1 Oktober 2027").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opd import eligibility
from opd.eligibility import Eligibility, Facts, Sanction
from opd.models import (
    MOVE_KINDS,
    DisciplinarySanction,
    Employee,
    IneligibleReason,
    Placement,
    PlacementKind,
    SanctionKind,
)
from opd.nip import NipError, parse_nip

BATCH = 20_000


def months() -> int:
    return settings.ELIGIBILITY_NEW_IN_POST_MONTHS


def appointed_on(nip: str, active_from: dt.date | None) -> dt.date | None:
    """The appointment as ASN: the employee's active_from, else the CPNS month of a PNS NIP
    (a PPPK NIP holds only the year, too vague to bar anyone on)."""
    if active_from:
        return active_from
    try:
        info = parse_nip(nip)
    except NipError:
        return None
    if info.start_month:
        return dt.date(info.start_year, info.start_month, 1)
    return None


def _facts(
    rows: Iterable[tuple], moves: dict[int, list], sanctions: dict[int, list]
) -> dict[int, Facts]:
    facts = {}
    for pk, nip, active_from, ok, reason, note, since in rows:
        facts[pk] = Facts(
            appointed_on=appointed_on(nip, active_from),
            moves=tuple(sorted(moves.get(pk, ()))),
            post_since=since,
            sanctions=tuple(sorted(sanctions.get(pk, ()), key=lambda s: s.start)),
            manual_reason="" if ok else (reason or IneligibleReason.OTHER),
            manual_note="" if ok else note,
        )
    return facts


def _records(employee_ids) -> tuple[dict[int, list], dict[int, list]]:
    """The moves and the sanctions of these employees: two queries."""
    moves: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for emp, start, kind in (
        Placement.objects.filter(employee_id__in=employee_ids, kind__in=MOVE_KINDS)
        .values_list("employee_id", "valid_from", "kind")
        .iterator(chunk_size=BATCH)
    ):
        moves[emp].append((start, kind))
    sanctions: dict[int, list[Sanction]] = defaultdict(list)
    for emp, start, end, kind in DisciplinarySanction.objects.filter(
        employee_id__in=employee_ids
    ).values_list("employee_id", "start", "end", "kind"):
        sanctions[emp].append(Sanction(start, end, kind))
    return moves, sanctions


FIELDS = (
    "id",
    "nip",
    "active_from",
    "wfh_eligible",
    "ineligible_reason",
    "ineligible_note",
    "new_in_post_since",
)


def facts_of(employee_ids: Iterable[int] | QuerySet) -> dict[int, Facts]:
    """Each employee's facts, in three queries whatever the headcount."""
    if not isinstance(employee_ids, QuerySet):
        employee_ids = list(employee_ids)
    moves, sanctions = _records(employee_ids)
    rows = Employee.objects.filter(id__in=employee_ids).values_list(*FIELDS)
    return _facts(rows.iterator(chunk_size=BATCH), moves, sanctions)


def facts_of_loaded(employees: list[Employee]) -> dict[int, Facts]:
    """The same for employees already read (two queries)."""
    moves, sanctions = _records([e.pk for e in employees])
    rows = ([getattr(e, "pk" if f == "id" else f) for f in FIELDS] for e in employees)
    return _facts(rows, moves, sanctions)


def eligibility_between(
    employee_ids: Iterable[int] | QuerySet, start: dt.date, end: dt.date
) -> dict[int, list[tuple[dt.date, dt.date, Eligibility]]]:
    """start..end of each employee cut into pieces of the same answer (opd.eligibility)."""
    n = months()
    return {
        pk: eligibility.eligibility_periods(f, start, end, months=n)
        for pk, f in facts_of(employee_ids).items()
    }


def eligibility_on(employee_ids: Iterable[int] | QuerySet, day: dt.date) -> dict[int, Eligibility]:
    n = months()
    return {
        pk: eligibility.eligibility_on(f, day, months=n) for pk, f in facts_of(employee_ids).items()
    }


def eligibility_of_loaded(employees: list[Employee], day: dt.date) -> dict[int, Eligibility]:
    n = months()
    return {
        pk: eligibility.eligibility_on(f, day, months=n)
        for pk, f in facts_of_loaded(employees).items()
    }


def employee_eligibility(employee: Employee, day: dt.date | None = None) -> Eligibility:
    """One employee's answer on `day` (default: today in their OPD)."""
    day = day or employee.opd.local_today()
    return eligibility_of_loaded([employee], day)[employee.pk]


def _long(day: dt.date) -> str:
    return date_format(day, "j F Y")


def _cause_label(answer: Eligibility) -> str:
    if answer.reason == eligibility.DISCIPLINARY and answer.cause in SanctionKind.values:
        return str(SanctionKind(answer.cause).label)
    if answer.reason == eligibility.NEW_IN_POST:
        if answer.cause in (
            PlacementKind.TRANSFER,
            PlacementKind.ROTATION,
            PlacementKind.PROMOTION,
        ):
            return _("Baru menduduki jabatan (%(kind)s)") % {
                "kind": str(PlacementKind(answer.cause).label).lower()
            }
        if answer.cause == eligibility.APPOINTMENT:
            return _("Pegawai baru")
    try:
        return str(IneligibleReason(answer.reason).label)
    except ValueError:
        return answer.reason


def describe(answer: Eligibility) -> str:
    """Why not eligible and until when, in one sentence; "" when eligible."""
    if answer.eligible:
        return ""
    text = _cause_label(answer)
    if answer.note and answer.note.lower() != text.lower():
        text += f" ({answer.note})"
    if answer.since and answer.since != dt.date.min:
        text += " " + _("sejak %(day)s") % {"day": _long(answer.since)}
    if answer.until:
        text += ": " + _("memenuhi syarat mulai %(day)s") % {"day": _long(answer.until)}
    elif answer.manual:
        text += ": " + _("ditetapkan HR, berlaku sampai dicabut")
    else:
        text += ": " + _("belum ada tanggal akhir")
    return text
