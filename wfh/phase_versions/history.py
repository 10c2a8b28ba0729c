"""A phase's history in words, as its page, the command and the API show it:
"Kamis s.d. 16 Februari 2026, Senin sejak 17 Februari 2026" (the issue's wording)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opd.models import OpdKind
from wfh.models import WEEKDAY_NAMES, PatternKind, Phase
from wfh.phase_versions.spans import Span, Terms


def short_date(day: dt.date) -> str:
    return date_format(day, "j F Y")


def terms_label(terms: Terms, pattern: str, previous: Terms | None = None) -> str:
    """What a stretch runs with; the cap and the exemptions only where they changed."""
    if pattern == PatternKind.ROTATION:
        pct = round(float(terms.ratio) * 100) if terms.ratio is not None else 0
        parts = [_("rotasi %(p)s%%") % {"p": pct}]
    else:
        names = [str(WEEKDAY_NAMES[d]) for d in terms.wfh_weekdays]
        parts = [_(" dan ").join(names) if names else _("tanpa hari WFH")]
    if previous is not None and terms.weekly_cap != previous.weekly_cap:
        parts.append(_("batas %(n)s hari per minggu") % {"n": terms.weekly_cap})
    if previous is not None and terms.exempt_kinds != previous.exempt_kinds:
        labels = dict(OpdKind.choices)
        if terms.exempt_kinds:
            parts.append(
                _("kecuali %(kinds)s")
                % {"kinds": ", ".join(str(labels.get(k, k)) for k in terms.exempt_kinds)}
            )
        else:
            parts.append(_("tanpa jenis OPD yang dikecualikan"))
    return " (".join([parts[0], ", ".join(parts[1:])]) + ")" if len(parts) > 1 else parts[0]


@dataclass(frozen=True)
class HistoryItem:
    text: str
    start: dt.date
    end: dt.date
    reference: str
    current: bool


def history(phase: Phase, spans: list[Span], *, today: dt.date) -> list[HistoryItem]:
    """One item per stretch; empty when the phase never changed."""
    if len(spans) < 2:
        return []
    items = []
    previous = None
    for k, span in enumerate(spans):
        label = terms_label(span.terms, phase.pattern, previous)
        if k == 0:
            text = _("%(what)s s.d. %(end)s") % {"what": label, "end": short_date(span.end)}
        elif k == len(spans) - 1:
            text = _("%(what)s sejak %(start)s") % {
                "what": label,
                "start": short_date(span.start),
            }
        else:
            text = _("%(what)s %(start)s s.d. %(end)s") % {
                "what": label,
                "start": short_date(span.start),
                "end": short_date(span.end),
            }
        items.append(
            HistoryItem(
                text=text,
                start=span.start,
                end=span.end,
                reference=span.reference,
                current=span.start <= today <= span.end,
            )
        )
        previous = span.terms
    return items


def history_line(items: list[HistoryItem]) -> str:
    return ", ".join(i.text for i in items)
