"""One measure across the OPDs, ranked: what the summary page and a measure's drill-down show
instead of one table of every OPD (those stay in the workbook).

An OPD is ranked by its figure in the last phase (the period the recommendation looks at); an OPD
without that figure is counted apart, never ranked as a zero. "Better" depends on the measure:
more attendance is better, more minutes late is worse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as N_

from evaluation import measures as m
from evaluation.report.periods import Period
from evaluation.report.tables import MEASURES, OpdEvaluation, Report

TOP_N = 10
SAVING = "saving"
# measures where a lower figure is the better one
LOWER_IS_BETTER = {
    "late",
    "early",
    "late_minutes",
    "early_minutes",
    "cost",
    "complaints",
    "response",
}


@dataclass(frozen=True)
class MeasureSpec:
    key: str
    label: str
    attribute: str  # of PeriodMeasures ("" for the saving, which lives on Comparison)
    change: str  # attribute of Comparison, or ""
    higher_is_better: bool


def measure_specs() -> list[MeasureSpec]:
    """The saving first (the question the kajian answers), then the page's measures in order."""
    specs = [MeasureSpec(SAVING, N_("Penghematan biaya operasional"), "", "", True)]
    for key, label, _title, attribute, change in MEASURES:
        specs.append(MeasureSpec(key, label, attribute, change, key not in LOWER_IS_BETTER))
    return specs


def spec_for(key: str) -> MeasureSpec | None:
    return next((s for s in measure_specs() if s.key == key), None)


@dataclass
class RankedRow:
    ev: OpdEvaluation
    figures: list[m.Figure]  # the row's columns, as in the workbook's sheet
    value: Decimal | None  # what it is ranked by
    ranked: m.Figure | None = None  # the figure of that value (with its reason when missing)


@dataclass
class Ranking:
    spec: MeasureSpec
    header: list[str]
    ranked_by: str  # the column the ranking uses
    rows: list[RankedRow]  # best first, only OPDs with a figure
    without_data: list[OpdEvaluation]
    pemda: RankedRow | None = None
    unit: str = m.NUMBER
    columns: list[str] = field(default_factory=list)  # period labels drawn in the chart

    @property
    def best(self) -> list[RankedRow]:
        return self.rows[:TOP_N]

    @property
    def worst(self) -> list[RankedRow]:
        """The lowest TOP_N, worst first; none that are already among the best."""
        tail = self.rows[max(TOP_N, len(self.rows) - TOP_N) :]
        return list(reversed(tail))


def _row(report: Report, ev: OpdEvaluation, spec: MeasureSpec) -> RankedRow:
    last: Period = report.periods[-1]
    if spec.key == SAVING:
        figures = []
        for p in report.phases:
            sav = ev.comparisons[p.key].saving
            figures += [sav.percent, sav.per_month]
        ranked = ev.comparisons[last.key].saving.percent if report.phases else None
    else:
        figures = [getattr(ev.periods[p.key], spec.attribute) for p in report.periods]
        if spec.change:
            figures += [getattr(ev.comparisons[p.key], spec.change) for p in report.phases]
        ranked = getattr(ev.periods[last.key], spec.attribute)
    value = ranked.value if ranked is not None and ranked.ok else None
    return RankedRow(ev=ev, figures=figures, value=value, ranked=ranked)


def _header(report: Report, spec: MeasureSpec) -> list[str]:
    from django.utils.translation import gettext as _

    if spec.key == SAVING:
        header = []
        for p in report.phases:
            header += [
                _("Hemat %(phase)s (%%)") % {"phase": p.label},
                _("Hemat %(phase)s (Rp per bulan)") % {"phase": p.label},
            ]
        return header
    header = [p.label for p in report.periods]
    if spec.change:
        header += [_("Perubahan %(phase)s") % {"phase": p.label} for p in report.phases]
    return header


def measure_ranking(report: Report, spec: MeasureSpec, *, include_pemda: bool) -> Ranking:
    """The OPDs of `report` ranked on `spec`, best first (ties by OPD code)."""
    rows = [_row(report, ev, spec) for ev in report.opds]
    with_data = [r for r in rows if r.value is not None]
    sign = -1 if spec.higher_is_better else 1
    with_data.sort(key=lambda r: (sign * r.value, r.ev.code))
    last = report.periods[-1]
    if spec.key == SAVING:
        unit, ranked_by, columns = m.PERCENT, f"{last.label} (%)", [p.label for p in report.phases]
    else:
        sample = getattr(report.pemda.periods[last.key], spec.attribute)
        unit, ranked_by = sample.unit, last.label
        columns = [p.label for p in report.periods]
    return Ranking(
        spec=spec,
        header=_header(report, spec),
        ranked_by=ranked_by,
        rows=with_data,
        without_data=[r.ev for r in rows if r.value is None],
        pemda=_row(report, report.pemda, spec) if include_pemda else None,
        unit=unit,
        columns=columns,
    )


CHART_SLOTS = 6  # --chart-1 .. --chart-6 in static/css/evaluation.css


def chart_data(report: Report, ranking: Ranking) -> dict:
    """Every ranked OPD for the drill-down's chart (best first); the script sorts and cuts it."""

    def val(fig: m.Figure):
        return float(fig.rounded()) if fig.ok else None

    spec = ranking.spec
    keys = [p.key for p in report.periods]
    if spec.key == SAVING:
        drawn = report.phases
        series = [
            [val(r.ev.comparisons[p.key].saving.percent) for r in ranking.rows] for p in drawn
        ]
    else:
        drawn = report.periods
        series = [
            [val(getattr(r.ev.periods[p.key], spec.attribute)) for r in ranking.rows] for p in drawn
        ]
    return {
        "title": str(spec.label),
        "opds": [r.ev.code for r in ranking.rows],
        "names": [r.ev.name for r in ranking.rows],
        "series": series,
        "labels": ranking.columns,
        # one colour per period on every chart: its place among the plan's periods (--chart-N
        # in static/css/evaluation.css), whether the chart starts at the baseline or not
        "slots": [keys.index(p.key) % CHART_SLOTS + 1 for p in drawn],
        "higher_is_better": spec.higher_is_better,
        "top": TOP_N,
    }
