"""The periods the kajian compares (the plan's baseline and its phases) and their working days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format

from evaluation.models import EvaluationPlan
from wfh.calendar import days_off

BASELINE = "baseline"


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: dt.date
    end: dt.date

    @property
    def is_baseline(self) -> bool:
        return self.key == BASELINE

    def months(self) -> list[dt.date]:
        month, result = self.start.replace(day=1), []
        while month <= self.end:
            result.append(month)
            month = (month + dt.timedelta(days=32)).replace(day=1)
        return result

    @property
    def month_start(self) -> dt.date:
        return self.start.replace(day=1)

    @property
    def month_end(self) -> dt.date:
        last = self.months()[-1]
        return (last + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def plan_periods(plan: EvaluationPlan) -> list[Period]:
    periods = [Period(BASELINE, plan.baseline_label, plan.baseline_start, plan.baseline_end)]
    for phase in plan.phases.order_by("start", "order"):
        periods.append(Period(phase.slug, phase.name, phase.start, phase.end))
    return periods


def month_label(month: dt.date) -> str:
    return date_format(month, "F Y")


def _span(periods: list[Period]) -> tuple[dt.date, dt.date]:
    return min(p.month_start for p in periods), max(p.month_end for p in periods)


def working_days(periods: list[Period]) -> dict[str, list[dt.date]]:
    start, end = _span(periods)
    off = days_off(start, end)
    result = {}
    for p in periods:
        day, days = p.start, []
        while day <= p.end:
            if day.weekday() < 5 and day not in off:
                days.append(day)
            day += dt.timedelta(days=1)
        result[p.key] = days
    return result


def working_day_set(periods: list[Period]) -> set[dt.date]:
    start, end = _span(periods)
    off = days_off(start, end)
    day, days = start, set()
    while day <= end:
        if day.weekday() < 5 and day not in off:
            days.add(day)
        day += dt.timedelta(days=1)
    return days
