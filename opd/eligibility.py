"""Who may work from home on a given day: the one rule (PermenPANRB 4/2025 art. 25).

Not eligible while serving, or under process of, a disciplinary sanction, or while new in the
position (new hire, promotion, transfer, rotation): from the start of the post until `months`
later (the setting ELIGIBILITY_NEW_IN_POST_MONTHS, 12 by default: the first year). The manual
flag of HR (Employee.wfh_eligible = False with a reason) is an override: it always makes the
employee not eligible and its reason is the one shown; a manual "new in post" with its date ends
when the period ends, any other manual reason lasts until HR lifts it.

Pure: plain values in, plain values out, no database and no clock; `opd.eligibility_records`
reads the facts from the registry. The roster engine's input, the pages and the API all ask this
module, per date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

DISCIPLINARY = "disciplinary"
NEW_IN_POST = "new_in_post"

# what started a "new in post" period (Placement.kind values, and two of the employee's own)
APPOINTMENT = "appointment"  # new hire: TMT as CPNS / PPPK
POST = "post"  # TMT jabatan given by HR (new_in_post_since)
MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class Sanction:
    """A disciplinary sanction or its examination, `end` inclusive (None: not ended yet)."""

    start: dt.date
    end: dt.date | None
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """What the registry knows about one employee that bears on eligibility."""

    appointed_on: dt.date | None = None
    moves: tuple[tuple[dt.date, str], ...] = ()  # (first day in the new post, Placement.kind)
    post_since: dt.date | None = None  # TMT jabatan (Employee.new_in_post_since)
    sanctions: tuple[Sanction, ...] = ()
    manual_reason: str = ""  # HR's override: set when Employee.wfh_eligible is False
    manual_note: str = ""


@dataclass(frozen=True, slots=True)
class Eligibility:
    """The answer for one day. `until` is the first day eligible again (None: open-ended, or
    eligible now); `since` when the cause started; `cause` what started it (a Placement.kind,
    APPOINTMENT, POST, a sanction kind, MANUAL)."""

    eligible: bool
    reason: str = ""
    cause: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    note: str = ""
    manual: bool = False


ELIGIBLE = Eligibility(eligible=True)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month where it has fewer days)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _post_starts(facts: Facts) -> list[tuple[dt.date, str]]:
    starts = [(start, kind) for start, kind in facts.moves]
    if facts.appointed_on:
        starts.append((facts.appointed_on, APPOINTMENT))
    if facts.post_since:
        starts.append((facts.post_since, POST))
    return sorted(starts)


def _blocks(facts: Facts, months: int) -> list[tuple[dt.date, dt.date | None, Eligibility]]:
    """Every period of not being eligible from the records: (first day, first day after or None,
    the answer inside it), manual override first, then sanctions, then posts."""
    blocks: list[tuple[dt.date, dt.date | None, Eligibility]] = []
    if facts.manual_reason:
        since = facts.post_since if facts.manual_reason == NEW_IN_POST else None
        end = add_months(since, months) if since else None
        blocks.append(
            (
                since or dt.date.min,
                end,
                Eligibility(
                    False, facts.manual_reason, MANUAL, since, end, facts.manual_note, manual=True
                ),
            )
        )
    for s in facts.sanctions:
        after = s.end + dt.timedelta(days=1) if s.end else None
        blocks.append((s.start, after, Eligibility(False, DISCIPLINARY, s.kind, s.start, after)))
    starts = _post_starts(facts)
    for i, (start, kind) in enumerate(starts):
        end = add_months(start, months)
        if i + 1 < len(starts):  # a later move starts a new period of its own
            end = min(end, starts[i + 1][0])
        if end > start:
            answer = Eligibility(False, NEW_IN_POST, kind, start, add_months(start, months))
            blocks.append((start, end, answer))
    return blocks


def _covers(block, day: dt.date) -> bool:
    start, end, _answer = block
    return start <= day and (end is None or day < end)


def eligibility_on(facts: Facts, day: dt.date, *, months: int) -> Eligibility:
    """Eligibility on `day`. Not eligible: the first block covering the day gives the reason
    (manual, then disciplinary, then new in post); `until` is the first day no block covers."""
    blocks = _blocks(facts, months)
    covering = [b for b in blocks if _covers(b, day)]
    if not covering:
        return ELIGIBLE
    first = covering[0][2]
    return Eligibility(
        False,
        first.reason,
        first.cause,
        first.since,
        _free_from(blocks, day),
        first.note,
        first.manual,
    )


def _free_from(blocks, day: dt.date) -> dt.date | None:
    """The first day on or after `day` that no block covers (None: never)."""
    current = day
    while True:
        covering = [b for b in blocks if _covers(b, current)]
        if not covering:
            return current
        if any(end is None for _s, end, _a in covering):
            return None
        current = max(end for _s, end, _a in covering)


def eligibility_periods(
    facts: Facts, start: dt.date, end: dt.date, *, months: int
) -> list[tuple[dt.date, dt.date, Eligibility]]:
    """start..end (inclusive) cut into consecutive pieces (first, last, answer) of the same
    answer; a day where nothing changes is never a boundary."""
    if end < start:
        return []
    blocks = _blocks(facts, months)
    edges = {start}
    for b_start, b_end, _answer in blocks:
        for edge in (b_start, b_end):
            if edge is not None and start < edge <= end:
                edges.add(edge)
    cuts = sorted(edges)
    pieces: list[tuple[dt.date, dt.date, Eligibility]] = []
    for i, lo in enumerate(cuts):
        hi = cuts[i + 1] - dt.timedelta(days=1) if i + 1 < len(cuts) else end
        answer = eligibility_on(facts, lo, months=months)
        if pieces and pieces[-1][2] == answer:
            pieces[-1] = (pieces[-1][0], hi, answer)
        else:
            pieces.append((lo, hi, answer))
    return pieces
