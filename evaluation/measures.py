"""The measures of the kajian as pure functions: numbers in, a `Figure` out.

A Figure carries its value together with what it was computed from (numerator, denominator, their
labels and the source), so the page can show the data behind every number. A missing input gives
a Figure without a value and with the reason ("tidak ada data: ..."), never a zero.

No Django queries here: evaluation.report.aggregates sums the rows and evaluation.report.figures
calls these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from evaluation.i18n import tr as _

PERCENT = "%"
RUPIAH = "Rp"
PER_DAY = "per_day"
NUMBER = "number"
MINUTES = "minutes"
POINTS = "points"  # percentage points (a difference of two percentages)


@dataclass(frozen=True)
class Input:
    label: str
    value: Decimal | int | None
    unit: str = NUMBER

    @property
    def missing(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Figure:
    """One number of the report with the data behind it."""

    value: Decimal | None
    unit: str
    inputs: tuple[Input, ...] = ()
    source: str = ""
    missing: str = ""  # why there is no value (only when value is None)
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.value is not None

    def rounded(self, places: int | None = None) -> Decimal | None:
        if self.value is None:
            return None
        if places is None:
            places = 0 if self.unit == RUPIAH else 2 if self.unit == PER_DAY else 1
        q = Decimal(1).scaleb(-places)
        return self.value.quantize(q, rounding=ROUND_HALF_UP)

    def as_dict(self) -> dict:
        return {
            "value": None if self.value is None else float(self.rounded()),
            "unit": self.unit,
            "missing": self.missing,
            "source": self.source,
            "inputs": [
                {"label": i.label, "value": None if i.value is None else float(i.value)}
                for i in self.inputs
            ],
            "notes": list(self.notes),
        }


def no_data(unit: str, reason: str, inputs: tuple[Input, ...] = (), source: str = "") -> Figure:
    return Figure(None, unit, inputs, source, _("tidak ada data: %(reason)s") % {"reason": reason})


def _d(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def ratio(
    numerator: Input,
    denominator: Input,
    *,
    unit: str = PERCENT,
    source: str = "",
    missing: str = "",
    complement: bool = False,
) -> Figure:
    """numerator / denominator (x 100 for a percentage); `complement` gives 1 - that.

    A missing input, or a zero denominator, gives no value with `missing` (or a reason naming the
    missing input) as its reason.
    """
    inputs = (numerator, denominator)
    for part in inputs:
        if part.value is None:
            return no_data(
                unit, missing or _("%(what)s belum ada") % {"what": part.label}, inputs, source
            )
    if not denominator.value:
        return no_data(
            unit, missing or _("%(what)s nol") % {"what": denominator.label}, inputs, source
        )
    value = _d(numerator.value) / _d(denominator.value)
    if complement:
        value = 1 - value
    if unit == PERCENT:
        value *= 100
    return Figure(value, unit, inputs, source)


def attendance_rate(
    *, present: int | None, headcount: int | None, on_leave: int | None, source: str
) -> Figure:
    """Present / (headcount - on leave), in %: the share of those expected who worked."""
    if headcount is None or present is None or on_leave is None or not headcount:
        return no_data(
            PERCENT, _("belum ada rekap presensi harian untuk periode ini"), source=source
        )
    return ratio(
        Input(_("hadir (WFH + WFO), orang-hari"), present),
        Input(_("pegawai dikurangi cuti/sakit/dinas, orang-hari"), headcount - on_leave),
        source=source,
    )


def share_of_present(*, count: int | None, present: int | None, label: str, source: str) -> Figure:
    """count / present days in % (late share, PSW share)."""
    if present is None:
        return no_data(
            PERCENT, _("belum ada rekap presensi harian untuk periode ini"), source=source
        )
    return ratio(Input(label, count), Input(_("hadir, orang-hari"), present), source=source)


def minutes_per_present_day(
    *, minutes: int | None, present: int | None, label: str, source: str
) -> Figure:
    if present is None or minutes is None:
        return no_data(
            MINUTES, _("belum ada rekap presensi harian untuk periode ini"), source=source
        )
    return ratio(
        Input(label, minutes, MINUTES),
        Input(_("hadir, orang-hari"), present),
        unit=MINUTES,
        source=source,
    )


def mode_compliance(*, mismatches: int | None, present: int | None, source: str) -> Figure:
    """1 - mismatches / present, in %: the share of present days in the scheduled mode."""
    if present is None or mismatches is None:
        return no_data(
            PERCENT, _("belum ada rekap presensi harian untuk periode ini"), source=source
        )
    return ratio(
        Input(_("mode tidak sesuai jadwal, orang-hari"), mismatches),
        Input(_("hadir, orang-hari"), present),
        complement=True,
        source=source,
    )


def cost_per_employee_day(
    *,
    cost: Decimal | None,
    employee_days: int | None,
    cost_label: str,
    days_label: str,
    missing_cost: str,
    source: str,
) -> Figure:
    return ratio(
        Input(cost_label, cost, RUPIAH),
        Input(days_label, employee_days),
        unit=RUPIAH,
        source=source,
        missing=missing_cost if cost is None else "",
    )


@dataclass(frozen=True)
class Saving:
    """The saving of a phase against the baseline, normalised per employee-day."""

    percent: Figure
    per_month: Figure  # Rp per month at the phase's employee-days


def saving(
    *, baseline: Figure, phase: Figure, phase_employee_days_per_month: Decimal | None, source: str
) -> Saving:
    """(baseline - phase) per employee-day; in % of the baseline and in Rp per month."""
    inputs = (
        Input(_("biaya per orang-hari, periode dasar"), baseline.value, RUPIAH),
        Input(_("biaya per orang-hari, tahap"), phase.value, RUPIAH),
    )
    if not baseline.ok or not phase.ok:
        reason = baseline.missing if not baseline.ok else phase.missing
        reason = reason.removeprefix(_("tidak ada data: "))
        return Saving(
            no_data(PERCENT, reason, inputs, source), no_data(RUPIAH, reason, inputs, source)
        )
    diff = baseline.value - phase.value
    percent = ratio(Input(_("selisih per orang-hari"), diff, RUPIAH), inputs[0], source=source)
    if phase_employee_days_per_month is None:
        per_month = no_data(RUPIAH, _("jumlah orang-hari per bulan belum ada"), inputs, source)
    else:
        per_month = Figure(
            diff * phase_employee_days_per_month,
            RUPIAH,
            (*inputs, Input(_("orang-hari per bulan, tahap"), phase_employee_days_per_month)),
            source,
        )
    return Saving(percent, per_month)


def per_working_day(
    *, total: int | Decimal | None, working_days: int | None, label: str, missing: str, source: str
) -> Figure:
    return ratio(
        Input(label, total),
        Input(_("hari kerja yang dilaporkan"), working_days),
        unit=PER_DAY,
        source=source,
        missing=missing if total is None else "",
    )


def average(
    *,
    total: Decimal | None,
    count: int | None,
    label: str,
    count_label: str,
    unit: str,
    missing: str,
    source: str,
) -> Figure:
    inputs = (Input(label, total), Input(count_label, count))
    if not count or total is None:
        return no_data(unit, missing, inputs, source)
    return Figure(_d(total) / _d(count), unit, inputs, source)


def change(before: Figure, after: Figure) -> Figure:
    """after - before, in the unit of both (percentage points for percentages)."""
    unit = POINTS if before.unit == PERCENT else before.unit
    inputs = (Input(_("periode dasar"), before.value), Input(_("tahap"), after.value))
    if not before.ok:
        return Figure(None, unit, inputs, missing=before.missing)
    if not after.ok:
        return Figure(None, unit, inputs, missing=after.missing)
    return Figure(after.value - before.value, unit, inputs)


def relative_change(before: Figure, after: Figure) -> Figure:
    """(after - before) / before in %; no value when either is missing or before is zero."""
    inputs = (Input(_("periode dasar"), before.value), Input(_("tahap"), after.value))
    if not before.ok:
        return Figure(None, PERCENT, inputs, missing=before.missing)
    if not after.ok:
        return Figure(None, PERCENT, inputs, missing=after.missing)
    if not before.value:
        return no_data(PERCENT, _("nilai periode dasar nol"), inputs)
    return Figure((after.value - before.value) / before.value * 100, PERCENT, inputs)
