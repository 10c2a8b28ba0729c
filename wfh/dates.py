"""How a day is written for people in messages, mails and exports: "Kamis, 6 November 2025" in
Indonesian, "Thursday, 6 November 2025" in English (the active language decides). Templates use
the same format through Django's `date` filter: `{{ day|date:"l, j F Y" }}`."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format

LONG_DATE = "l, j F Y"


def long_date(day: dt.date) -> str:
    return date_format(day, LONG_DATE)
