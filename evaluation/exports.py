"""The report as an XLSX workbook: every table of the page, with the same rounded numbers.

A cell without data holds the text "tidak ada data" and a comment sheet lists the reasons, so the
workbook never shows a zero that is not one.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from common.tabular import xlsx_append
from evaluation import measures as m
from evaluation.models import Option
from evaluation.report.tables import MEASURES, Report

NO_DATA = "tidak ada data"
NUMBER_FORMATS = {
    m.RUPIAH: "#,##0",
    m.PERCENT: "0.0",
    m.POINTS: "+0.0;-0.0;0.0",
    m.PER_DAY: "0.00",
    m.MINUTES: "0.0",
}


def cell_value(fig: m.Figure | None):
    if fig is None:
        return None
    if not fig.ok:
        return _(NO_DATA)
    return float(fig.rounded())


def measure_rows(report: Report, key: str, attribute: str, change: str, include_pemda: bool):
    """Header and rows of one measure's table (the page renders the same rows)."""
    header = [_("Kode OPD"), _("OPD")] + [p.label for p in report.periods]
    if change:
        header += [_("Perubahan %(phase)s") % {"phase": p.label} for p in report.phases]
    rows = []
    evaluations = ([report.pemda] if include_pemda else []) + report.opds
    for ev in evaluations:
        figures = [getattr(ev.periods[p.key], attribute) for p in report.periods]
        if change:
            figures += [getattr(ev.comparisons[p.key], change) for p in report.phases]
        rows.append((ev, figures))
    return header, rows


def saving_rows(report: Report, include_pemda: bool):
    header = [_("Kode OPD"), _("OPD")]
    for p in report.phases:
        header += [
            _("Hemat %(phase)s (%%)") % {"phase": p.label},
            _("Hemat %(phase)s (Rp per bulan)") % {"phase": p.label},
        ]
    rows = []
    for ev in ([report.pemda] if include_pemda else []) + report.opds:
        figures = []
        for p in report.phases:
            sav = ev.comparisons[p.key].saving
            figures += [sav.percent, sav.per_month]
        rows.append((ev, figures))
    return header, rows


def report_xlsx(*, report: Report, include_pemda: bool, recommendations: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    summary = wb.active
    summary.title = _("Ringkasan")
    xlsx_append(summary, [_("Kajian uji coba WFH"), str(report.plan)])
    xlsx_append(
        summary,
        [_("Periode dasar"), report.baseline.label, report.baseline.start, report.baseline.end],
    )
    for p in report.phases:
        xlsx_append(summary, [_("Tahap"), p.label, p.start, p.end])
    reasons: list[list] = []

    def sheet(title: str, header: list, rows):
        ws = wb.create_sheet(title[:31])
        xlsx_append(ws, header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for ev, figures in rows:
            values = [ev.code, ev.name] + [cell_value(f) for f in figures]
            xlsx_append(ws, values)
            for col, fig in enumerate(figures, start=3):
                if fig is not None and fig.ok:
                    ws.cell(ws.max_row, col).number_format = NUMBER_FORMATS.get(fig.unit, "0.00")
                elif fig is not None:
                    reasons.append([title, ev.code, header[col - 1], fig.missing])
        ws.column_dimensions["B"].width = 40
        return ws

    header, rows = saving_rows(report, include_pemda)
    sheet(_("Penghematan"), header, rows)
    for key, _label, title, attribute, change in MEASURES:
        header, rows = measure_rows(report, key, attribute, change, include_pemda)
        sheet(str(title), header, rows)
    ws = wb.create_sheet(_("Rekomendasi"))
    xlsx_append(
        ws,
        [
            _("Kode OPD"),
            _("OPD"),
            _("Rekomendasi sistem"),
            _("Alasan"),
            _("Keputusan HR"),
            _("Pilihan akhir"),
            _("Catatan"),
        ],
    )
    labels = dict(Option.choices)
    for ev in report.opds:
        rec = recommendations.get(ev.opd_id)
        computed, why = rec["computed"]
        stored = rec.get("stored")
        xlsx_append(
            ws,
            [
                ev.code,
                ev.name,
                str(labels[computed]),
                " ".join(why),
                stored.get_decision_display() if stored else _("menunggu keputusan HR"),
                str(labels[stored.final_option]) if stored else "",
                stored.decision_note if stored else "",
            ],
        )
    ws = wb.create_sheet(_("Tidak ada data"))
    xlsx_append(ws, [_("Tabel"), _("Kode OPD"), _("Kolom"), _("Alasan")])
    for row in reasons:
        xlsx_append(ws, row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
