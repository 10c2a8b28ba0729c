"""The work calendar: which days are working days, for everyone or for one OPD.

A working day is Monday to Friday, minus national holidays and cuti bersama (from the `holidays`
package, categories public and government, Indonesian names) and minus local days off that HR
adds (for all OPDs or some). This module is the one place that rule lives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.utils.translation import gettext_lazy

from wfh.models import LocalDayOff

CATEGORY_PUBLIC = "public"
CATEGORY_GOVERNMENT = "government"


# what each kind of day off is called on the pages (the calendar, the phase and its preview)
DAY_OFF_LABELS = {
    "holiday": gettext_lazy("libur nasional"),
    "cuti_bersama": gettext_lazy("cuti bersama"),
    "local": gettext_lazy("libur lokal"),
}


@dataclass(frozen=True)
class DayOff:
    day: dt.date
    name: str
    kind: str  # "holiday" (libur nasional), "cuti_bersama", "local" (libur lokal), "weekend"

    @property
    def label(self) -> str:
        """The kind in the active language ("libur nasional"), or the kind itself if unnamed."""
        return str(DAY_OFF_LABELS.get(self.kind, self.kind))


@lru_cache(maxsize=64)
def national_days_off(year: int) -> tuple[DayOff, ...]:
    """National holidays and cuti bersama of a year, sorted by date."""
    public = holidays.country_holidays(
        "ID", years=year, categories=(CATEGORY_PUBLIC,), language="id"
    )
    government = holidays.country_holidays(
        "ID", years=year, categories=(CATEGORY_GOVERNMENT,), language="id"
    )
    days = [DayOff(day, name, "holiday") for day, name in public.items()]
    days += [DayOff(day, name, "cuti_bersama") for day, name in government.items()]
    return tuple(sorted(days, key=lambda d: (d.day, d.kind)))


def days_off(start: dt.date, end: dt.date, *, opd_id: int | None = None) -> dict[dt.date, DayOff]:
    """Every non-weekend day off between start and end inclusive (national and local).

    With `opd_id` the local days off of that OPD count; without it, only those for all OPDs.
    """
    result: dict[dt.date, DayOff] = {}
    for year in range(start.year, end.year + 1):
        for off in national_days_off(year):
            if start <= off.day <= end:
                result.setdefault(off.day, off)
    local = LocalDayOff.objects.filter(date__gte=start, date__lte=end).prefetch_related("opds")
    for off in local:
        opd_ids = {o.pk for o in off.opds.all()}
        if not opd_ids or (opd_id is not None and opd_id in opd_ids):
            result.setdefault(off.date, DayOff(off.date, off.name, "local"))
    return result


def working_days(start: dt.date, end: dt.date, *, opd_id: int | None = None) -> list[dt.date]:
    """Monday to Friday between start and end inclusive, minus every day off."""
    off = days_off(start, end, opd_id=opd_id)
    day, result = start, []
    while day <= end:
        if day.weekday() < 5 and day not in off:
            result.append(day)
        day += dt.timedelta(days=1)
    return result


def month_view(year: int, month: int, *, opd_id: int | None = None) -> list[list[dict]]:
    """Weeks (Monday first) of a month, each day with whether it works and why not."""
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    off = days_off(first, last, opd_id=opd_id)
    day = first - dt.timedelta(days=first.weekday())
    weeks = []
    while day <= last or day.weekday() != 0:
        if day.weekday() == 0:
            weeks.append([])
        in_month = day.month == month
        reason = off.get(day) if in_month else None
        weeks[-1].append(
            {
                "day": day,
                "in_month": in_month,
                "weekend": day.weekday() >= 5,
                "off": reason,
                "working": in_month and day.weekday() < 5 and reason is None,
            }
        )
        day += dt.timedelta(days=1)
    return weeks
