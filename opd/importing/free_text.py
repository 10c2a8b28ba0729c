"""Cells HR fills by hand, read with tolerance: the reason someone may not work from home ("baru
mutasi sejak 2025-10-01"), the role in the unit ("Kepala Bidang"), yes/no variants, and a date
written inside a sentence. The word lists are data in opd.importing.words.

Each reader returns what it understood; the import shows it in the preview ("dibaca sebagai").
Text that names no known reason is kept as "other" with the text as its note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opd.eligibility import add_months
from opd.importing import words
from opd.importing.errors import CellError
from opd.models import IneligibleReason, PlacementKind, SanctionKind

_NON_WORD = re.compile(r"[^0-9a-z✓]+")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_MONTH_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{4})\b")


def normalise(text: str) -> str:
    """Lowercase, punctuation and underscores as single spaces."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def _has(norm: str, phrase: str) -> bool:
    return f" {normalise(phrase)} " in f" {norm} "


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(
            _("Tanggal di %(value)s tidak ada di kalender; tulis mis. 2025-10-01 atau 1/10/2025.")
            % {"value": text}
        ) from None


def find_date(text: str) -> dt.date | None:
    """The first date written in `text`: 2025-10-01, 01/10/2025 (day first), 1 Oktober 2025,
    October 1, 2025, or Oktober 2025 (its first day). None when there is none; CellError for a
    date that does not exist (31/02/2025)."""
    lowered = text.lower()
    if m := _ISO.search(lowered):
        return _date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _DMY.search(lowered):
        return _date(int(m[3]), int(m[2]), int(m[1]), text)
    for m in _DAY_MONTH_YEAR.finditer(lowered):
        if m[2] in words.MONTHS:
            return _date(int(m[3]), words.MONTHS[m[2]], int(m[1]), text)
    for m in _MONTH_DAY_YEAR.finditer(lowered):
        if m[1] in words.MONTHS:
            return _date(int(m[3]), words.MONTHS[m[1]], int(m[2]), text)
    for m in _MONTH_YEAR.finditer(lowered):
        if m[1] in words.MONTHS:
            return _date(int(m[2]), words.MONTHS[m[1]], 1, text)
    return None


@dataclass(frozen=True, slots=True)
class ReasonReading:
    """How an ineligible_reason cell was read."""

    reason: str  # an IneligibleReason value
    cause: str = ""  # transfer, rotation, promotion, appointment, examination, or ""
    since: dt.date | None = None
    note: str = ""  # the text as written, unless it was one of the exact codes
    free: bool = False  # not one of the exact codes


def read_reason(text: str) -> ReasonReading:
    """The reason in HR's words. Unrecognised text is "other" with the text as its note."""
    norm = normalise(text)
    if text.strip().lower() in words.REASON_CODES:
        for reason, phrases in words.REASON_PHRASES:
            if any(_has(norm, p) for p, _c in phrases):
                return ReasonReading(reason)
    since = find_date(text)
    note = " ".join(text.split())[:200]
    for reason, phrases in words.REASON_PHRASES:
        for phrase, cause in phrases:
            if _has(norm, phrase):
                return ReasonReading(reason, cause, since, note, free=True)
    return ReasonReading("other", "", since, note, free=True)


def read_role(text: str) -> str | None:
    """head, deputy or staff from words such as "Kepala Bidang", "Plh", "Pelaksana"; None when
    no word is known."""
    norm = normalise(text)
    for role, phrases in words.ROLE_PHRASES:
        if any(_has(norm, p) for p in phrases):
            return role
    return None


def read_yes_no(text: str) -> bool | None:
    """True or False from ya/y/yes/true/1/benar/... and tidak/t/no/false/0/bukan/...; None when
    the cell is neither."""
    lowered = " ".join(text.lower().replace(".", " ").split())
    if lowered in words.YES:
        return True
    if lowered in words.NO:
        return False
    return None


def tidy(text: str) -> str:
    """A free text cell (name, position) with its runs of spaces and line breaks as one space."""
    return " ".join(text.split())


def describe_reading(reading: ReasonReading) -> str:
    """What the preview shows for a reason cell, e.g. "Tidak boleh WFH: Baru menduduki jabatan
    (mutasi), sejak 1 Oktober 2025, memenuhi syarat mulai 1 Oktober 2026"."""
    text = str(IneligibleReason(reading.reason).label)
    if reading.cause in PlacementKind.values:
        text += f" ({str(PlacementKind(reading.cause).label).lower()})"
    elif reading.cause in SanctionKind.values:
        text += f" ({str(SanctionKind(reading.cause).label).lower()})"
    if reading.since:
        text += ", " + _("sejak %(day)s") % {"day": date_format(reading.since, "j F Y")}
        if reading.reason == IneligibleReason.NEW_IN_POST:
            until = add_months(reading.since, settings.ELIGIBILITY_NEW_IN_POST_MONTHS)
            text += ", " + _("memenuhi syarat mulai %(day)s") % {"day": date_format(until, "j F Y")}
    if reading.reason == IneligibleReason.OTHER and reading.note:
        text += ", " + _("keterangan: %(note)s") % {"note": reading.note}
    return _("Tidak boleh WFH: %(reason)s") % {"reason": text}
