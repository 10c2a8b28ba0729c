"""What the report's tables show: each period's measures, each phase against the baseline, an
OPD's (or the Pemda's) evaluation, the report, and MEASURES, the rows of the page and workbook."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as N_

from evaluation import measures as m
from evaluation.models import EvaluationPlan
from evaluation.report.periods import Period


@dataclass
class PeriodMeasures:
    attendance_rate: m.Figure
    late_share: m.Figure
    early_share: m.Figure
    late_minutes: m.Figure
    early_minutes: m.Figure
    compliance: m.Figure
    cost_per_employee_day: m.Figure
    services_per_day: m.Figure
    complaints_per_day: m.Figure
    response_minutes: m.Figure
    reports_per_wfh_day: m.Figure
    attainment: m.Figure


@dataclass
class Comparison:
    """One phase against the baseline."""

    saving: m.Saving
    attendance_change: m.Figure
    compliance_change: m.Figure
    late_change: m.Figure
    service_change: m.Figure
    complaints_change: m.Figure
    attainment_change: m.Figure


@dataclass
class OpdEvaluation:
    opd_id: int | None  # None: the whole Pemda
    code: str
    name: str
    periods: dict[str, PeriodMeasures]
    comparisons: dict[str, Comparison]
    frontline_share: m.Figure | None = None
    cost_missing: list[str] = field(default_factory=list)
    url: str = ""  # the OPD's evaluation page, set by the view


# (key, label, sheet title, attribute of PeriodMeasures, attribute of Comparison or "")
MEASURES = (
    (
        "attendance",
        N_("Tingkat kehadiran"),
        N_("Kehadiran"),
        "attendance_rate",
        "attendance_change",
    ),
    ("late", N_("Terlambat (TL), porsi hari hadir"), N_("Terlambat"), "late_share", "late_change"),
    ("early", N_("Pulang sebelum waktu (PSW), porsi hari hadir"), N_("PSW"), "early_share", ""),
    ("late_minutes", N_("Menit TL per hari hadir"), N_("Menit TL"), "late_minutes", ""),
    ("early_minutes", N_("Menit PSW per hari hadir"), N_("Menit PSW"), "early_minutes", ""),
    (
        "compliance",
        N_("Kepatuhan mode (WFH/WFO sesuai jadwal)"),
        N_("Kepatuhan mode"),
        "compliance",
        "compliance_change",
    ),
    (
        "cost",
        N_("Biaya operasional per orang-hari"),
        N_("Biaya per orang-hari"),
        "cost_per_employee_day",
        "",
    ),
    (
        "services",
        N_("Layanan diselesaikan per hari kerja"),
        N_("Layanan"),
        "services_per_day",
        "service_change",
    ),
    (
        "complaints",
        N_("Pengaduan per hari kerja"),
        N_("Pengaduan"),
        "complaints_per_day",
        "complaints_change",
    ),
    ("response", N_("Rata-rata waktu tanggap"), N_("Waktu tanggap"), "response_minutes", ""),
    (
        "reports",
        N_("Laporan kinerja disetujui per hari WFH"),
        N_("Laporan kinerja"),
        "reports_per_wfh_day",
        "",
    ),
    (
        "attainment",
        N_("Rata-rata capaian e-Kinerja"),
        N_("e-Kinerja"),
        "attainment",
        "attainment_change",
    ),
)


@dataclass
class Report:
    plan: EvaluationPlan
    periods: list[Period]
    opds: list[OpdEvaluation]
    pemda: OpdEvaluation

    @property
    def phases(self) -> list[Period]:
        return [p for p in self.periods if not p.is_baseline]

    @property
    def baseline(self) -> Period:
        return self.periods[0]
