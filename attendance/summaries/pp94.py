"""PP 94/2021: cumulative unexcused absence per year -> the sanction level reached."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

# Lowest first. The label is what DailyRecord.pp94_level stores; show it through `pp94_label`.
PP94_LEVELS: tuple[tuple[int, str], ...] = (
    (3, N_("teguran lisan")),
    (4, N_("teguran tertulis")),
    (7, N_("pernyataan tidak puas")),
    (11, N_("potong TPP 25% 6 bulan")),
    (14, N_("potong TPP 25% 9 bulan")),
    (17, N_("potong TPP 25% 12 bulan")),
    (21, N_("penurunan jabatan")),
    (25, N_("pembebasan dari jabatan")),
    (28, N_("pemberhentian")),
)


def pp94_level(unexcused: int) -> str:
    """The PP 94/2021 level reached by this many unexcused absences in a year ("" below 3)."""
    reached = ""
    for threshold, label in PP94_LEVELS:
        if unexcused >= threshold:
            reached = label
    return reached


def pp94_label(level: str) -> str:
    """A stored level in the user's language."""
    return gettext(level) if level else ""
