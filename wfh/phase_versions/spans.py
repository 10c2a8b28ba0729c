"""Pure logic of phase versions: the terms in force on each stretch of a phase.

No Django: a phase's own terms govern from its first day; each change governs from its
`valid_from` until the day before the next change. Days before a change keep what was lived;
the roster engine runs once per stretch with that stretch's terms (wfh.rosters.engine_io).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal


@dataclass(frozen=True)
class Terms:
    """The parameters a change may move: WFH weekdays (weekday pattern), ratio (rotation), the
    weekly cap and the OPD kinds exempt (all their staff on site)."""

    wfh_weekdays: tuple[int, ...] = ()
    ratio: Decimal | None = None
    weekly_cap: int = 2
    exempt_kinds: tuple[str, ...] = ()

    def with_changes(
        self,
        *,
        wfh_weekdays: Iterable[int] | None = None,
        ratio: Decimal | None = None,
        weekly_cap: int | None = None,
        exempt_kinds: Iterable[str] | None = None,
    ) -> Terms:
        """These terms with the given values changed (None: unchanged)."""
        changed = {}
        if wfh_weekdays is not None:
            changed["wfh_weekdays"] = tuple(sorted(set(wfh_weekdays)))
        if ratio is not None:
            changed["ratio"] = ratio
        if weekly_cap is not None:
            changed["weekly_cap"] = weekly_cap
        if exempt_kinds is not None:
            changed["exempt_kinds"] = tuple(sorted(set(exempt_kinds)))
        return replace(self, **changed)

    def differences(self, other: Terms) -> list[str]:
        """Names of the terms that differ from `other`, in a fixed order."""
        return [
            name
            for name in ("wfh_weekdays", "ratio", "weekly_cap", "exempt_kinds")
            if getattr(self, name) != getattr(other, name)
        ]


@dataclass(frozen=True)
class Change:
    valid_from: dt.date
    terms: Terms
    reference: str = ""


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date
    terms: Terms
    reference: str = ""  # the change's circular; "" for the phase's own terms


def spans(*, start: dt.date, end: dt.date, base: Terms, changes: Iterable[Change]) -> list[Span]:
    """start..end cut at each change's date, each stretch with the terms in force. A change
    outside (start, end] is ignored; two changes on one date: the later in the list wins."""
    by_day: dict[dt.date, Change] = {}
    for change in changes:
        if start < change.valid_from <= end:
            by_day[change.valid_from] = change
    out: list[Span] = []
    lo, terms, reference = start, base, ""
    for day in sorted(by_day):
        out.append(Span(lo, day - dt.timedelta(days=1), terms, reference))
        lo, terms, reference = day, by_day[day].terms, by_day[day].reference
    out.append(Span(lo, end, terms, reference))
    return out


def terms_on(all_spans: list[Span], day: dt.date) -> Terms:
    """The terms in force on `day` (the first stretch's before it, the last one's after)."""
    for span in all_spans:
        if span.start <= day <= span.end:
            return span.terms
    return all_spans[0].terms if day < all_spans[0].start else all_spans[-1].terms


def lead_in(days: Iterable[dt.date], span_start: dt.date) -> list[dt.date]:
    """The days of `days` before `span_start` in its ISO week: a stretch that starts mid-week
    counts the week's earlier WFH days (kept as lived) toward the weekly cap."""
    week = span_start.isocalendar()[:2]
    return sorted(d for d in days if d < span_start and d.isocalendar()[:2] == week)
