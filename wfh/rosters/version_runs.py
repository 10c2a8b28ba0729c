"""Running the engine once per version of the phase (wfh.phase_versions): each stretch with its
own weekday, ratio, weekly cap and exempt OPD kinds, the results read back as one.

A stretch that starts mid-week sees the week's earlier days (as the previous stretch made them)
as frozen cells, so the weekly cap holds across the change; those days are written by the
stretch they belong to. Frozen cells of the roster (days before `regenerate_from`, manual
changes) stay frozen in whichever stretch holds them: days before a change stay as lived.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from wfh import selectors
from wfh.engine.types import RosterInput, RotationPattern, WeekdayPattern
from wfh.models import Roster
from wfh.phase_versions.selectors import phase_spans
from wfh.phase_versions.spans import Span, lead_in

SUMMED = ("target_total", "unit_days", "unit_days_below_minimum", "piket_total", "frozen_dropped")
HIGHEST = ("employees", "max_target_gap", "max_weekday_spread")


def versioned_result(
    inp: RosterInput,
    *,
    roster: Roster,
    run: Callable,
    progress: Callable[[int, int], None] | None = None,
):
    """`run(inp, progress=...)`'s result for the roster's phase, one run per version stretch
    (a plain single run when the phase has one stretch and the OPD's kind is not exempt)."""
    phase, opd = roster.phase, roster.opd
    all_spans = phase_spans(phase)
    if len(all_spans) == 1 and opd.kind not in all_spans[0].terms.exempt_kinds:
        return run(inp, progress=progress)
    extra = set(selectors.effective_weekdays(phase, opd)) - set(phase.wfh_weekdays or [])
    runs: list[tuple[Span, object]] = []
    previous = None
    for span in all_spans:
        sub = span_input(inp, span, extra_weekdays=extra, opd_kind=opd.kind, previous=previous)
        if sub is None:
            continue
        result = run(sub, progress=progress)
        runs.append((span, result))
        previous = result
    return SpannedResult(runs)


def span_input(
    inp: RosterInput,
    span: Span,
    *,
    extra_weekdays: set[int] = frozenset(),
    opd_kind: str = "",
    previous=None,
) -> RosterInput | None:
    """The part of `inp` in `span` with the span's terms, or None when it has no working day.
    `previous` (the earlier stretch's result) gives the lead-in days of a mid-week start."""
    own = [d for d in inp.working_days if span.start <= d <= span.end]
    if not own:
        return None
    lead = lead_in(inp.working_days, span.start) if previous is not None else []
    days = tuple(lead + own)
    first, last = days[0], own[-1]
    terms = span.terms
    employees = []
    for e in inp.employees:
        lo = max(e.active_from or first, first)
        hi = min(e.active_to or last, last)
        if lo > hi or (e.active_to or last) < span.start:
            continue
        employees.append(
            replace(
                e,
                active_from=lo,
                active_to=hi,
                leave=frozenset(d for d in e.leave if lo <= d <= hi),
            )
        )
    ids = {e.id for e in employees}
    frozen = {k: m for k, m in inp.frozen.items() if k[0] in ids and first <= k[1] <= last}
    for day in lead:
        for e in employees:
            if (e.id, day) in frozen or not (e.active_from <= day <= e.active_to):
                continue
            mode = previous.mode_of(e.id, day)
            if mode is not None:
                frozen[e.id, day] = mode
    units = inp.units
    if opd_kind and opd_kind in terms.exempt_kinds:
        units = tuple(replace(u, frontline=True) for u in units)
    if isinstance(inp.pattern, WeekdayPattern):
        pattern = WeekdayPattern(wfh_weekdays=frozenset(set(terms.wfh_weekdays) | extra_weekdays))
    else:
        ratio = float(terms.ratio) if terms.ratio is not None else inp.pattern.ratio
        pattern = RotationPattern(ratio=ratio, composition=inp.pattern.composition)
    return replace(
        inp,
        working_days=days,
        units=units,
        employees=tuple(employees),
        pattern=pattern,
        limits=replace(inp.limits, weekly_cap=terms.weekly_cap),
        frozen=frozen,
    )


class SpannedResult:
    """The stretches' results as one: each stretch's own days only, stats merged."""

    def __init__(self, runs: list[tuple[Span, object]]):
        self.runs = runs
        self.modes: Counter = Counter()
        self.stats = MergedStats(self)

    def iter_rows(self):
        self.modes.clear()
        for span, result in self.runs:
            lo, hi = span.start, span.end
            for row in result.iter_rows():
                if lo <= row[1] <= hi:
                    self.modes[str(row[2])] += 1
                    yield row

    def mode_of(self, employee_id: int, day: dt.date):
        for span, result in self.runs:
            if span.start <= day <= span.end:
                return result.mode_of(employee_id, day)
        return None


class MergedStats:
    """The stretches' stats summaries merged: counts added, worst cases kept, shortfalls and
    piket turns of each stretch's own days; modes as written (lead-in days once)."""

    def __init__(self, spanned: SpannedResult):
        self._spanned = spanned

    @property
    def shortfalls(self):
        return [
            s
            for span, r in self._spanned.runs
            for s in r.stats.shortfalls
            if span.start <= s.day <= span.end
        ]

    def to_dict(self) -> dict:
        parts = [(span, r.stats.to_dict()) for span, r in self._spanned.runs]
        if not parts:
            return {}
        out: dict = {"pattern": parts[0][1].get("pattern", "")}
        for key in SUMMED:
            out[key] = sum(p.get(key, 0) for _s, p in parts)
        for key in HIGHEST:
            out[key] = max(p.get(key, 0) for _s, p in parts)
        out["target_total"] = round(out["target_total"], 2)
        modes = dict.fromkeys(("WFH", "WFO", "LEAVE"), 0)
        if self._spanned.modes:
            modes.update(self._spanned.modes)
        else:
            for _s, p in parts:
                for k, v in p.get("modes", {}).items():
                    modes[k] = modes.get(k, 0) + v
        out["modes"] = modes
        out["assignments"] = sum(modes.values())
        worked = modes["WFH"] + modes["WFO"]
        out["wfh_share"] = round(modes["WFH"] / worked, 4) if worked else 0.0
        for key in ("wfh_by_weekday", "shortfalls_by_reason", "piket_by_employee"):
            merged: Counter = Counter()
            for _s, p in parts:
                merged.update(p.get(key, {}))
            out[key] = dict(sorted(merged.items())) if key != "wfh_by_weekday" else dict(merged)
        out["shortfalls"] = [
            item
            for span, p in parts
            for item in p.get("shortfalls", [])
            if span.start.isoformat() <= item["day"] <= span.end.isoformat()
        ]
        out["spans"] = [
            {"start": s.start.isoformat(), "end": s.end.isoformat(), "reference": s.reference}
            for s, _p in parts
        ]
        return out
