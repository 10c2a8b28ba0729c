"""Reading a phase's versions: its own terms, the stretches each version governs."""

from __future__ import annotations

import datetime as dt

from wfh.models import Phase, PhaseVersion
from wfh.phase_versions.spans import Span, Terms, spans


def phase_terms(phase: Phase) -> Terms:
    """The terms the phase was set up with (in force from its first day)."""
    return Terms(
        wfh_weekdays=tuple(sorted(phase.wfh_weekdays or [])),
        ratio=phase.ratio,
        weekly_cap=phase.weekly_cap,
        exempt_kinds=tuple(sorted(phase.exempt_kinds or [])),
    )


def versions_of(phase: Phase):
    return PhaseVersion.objects.filter(phase=phase).order_by("valid_from")


def phase_spans(phase: Phase, versions=None) -> list[Span]:
    """The phase cut into the stretches each version governs (one query unless given)."""
    rows = list(versions_of(phase)) if versions is None else list(versions)
    return spans(
        start=phase.start,
        end=phase.end,
        base=phase_terms(phase),
        changes=[v.change() for v in rows],
    )


def phase_terms_on(phase: Phase, day: dt.date) -> Terms:
    for span in phase_spans(phase):
        if span.start <= day <= span.end:
            return span.terms
    return phase_terms(phase)
