"""The figures of one period (evaluation.measures over the aggregates): attendance, lateness,
compliance, cost per employee-day, service output, reports and attainment, and each phase
against the baseline."""

from __future__ import annotations

from decimal import Decimal

from evaluation import measures as m
from evaluation.i18n import tr as _
from evaluation.models import COST_FIELDS
from evaluation.report.aggregates import Attendance, ServiceTotals
from evaluation.report.periods import Period, month_label
from evaluation.report.tables import Comparison, PeriodMeasures

SRC_SUMMARY = "rekap presensi harian OPD (OpdDaySummary)"
SRC_RECORDS = "rekap harian pegawai (DailyRecord)"
SRC_COST = "biaya operasional per bulan"
SRC_SERVICE = "keluaran layanan publik"
SRC_EKINERJA = "capaian e-Kinerja"


def cost_figures(periods, cost_rows, employee_days):
    """Cost per employee-day per period over the components reported in every month entered,
    so that each period counts the same components. Also the list of what is missing."""
    reported = [
        f
        for f, _label in COST_FIELDS
        if cost_rows and all(row[f] is not None for row in cost_rows.values())
    ]
    left_out = [
        str(label)
        for f, label in COST_FIELDS
        if f not in reported and any(row[f] is not None for row in cost_rows.values())
    ]
    figures, missing_all = {}, []
    for p in periods:
        missing = [mth for mth in p.months() if mth not in cost_rows]
        days, days_label = employee_days[p.key]
        notes = ()
        if left_out:
            notes = (
                _("Tidak dihitung karena tidak diisi di semua bulan: %(parts)s.")
                % {"parts": ", ".join(left_out)},
            )
        if missing:
            reason = _("biaya operasional %(months)s belum diisi") % {
                "months": ", ".join(month_label(mth) for mth in missing)
            }
            missing_all.append(reason)
            figures[p.key] = m.no_data(m.RUPIAH, reason, source=SRC_COST)
            continue
        if not reported:
            reason = _("tidak ada komponen biaya yang diisi di semua bulan")
            missing_all.append(reason)
            figures[p.key] = m.no_data(m.RUPIAH, reason, source=SRC_COST)
            continue
        total = sum((cost_rows[mth][f] for mth in p.months() for f in reported), start=Decimal(0))
        parts = ", ".join(str(label) for f, label in COST_FIELDS if f in reported)
        fig = m.cost_per_employee_day(
            cost=total,
            employee_days=days,
            cost_label=_("biaya %(months)s (%(parts)s), Rp")
            % {"months": ", ".join(month_label(mth) for mth in p.months()), "parts": parts},
            days_label=days_label,
            missing_cost="",
            source=SRC_COST,
        )
        figures[p.key] = m.Figure(fig.value, fig.unit, fig.inputs, fig.source, fig.missing, notes)
    return figures, missing_all


def period_measures(
    p: Period,
    a: Attendance | None,
    cost: m.Figure,
    svc: ServiceTotals | None,
    att: tuple[Decimal, int] | None,
    n_workdays: int,
) -> PeriodMeasures:
    has = a is not None and a.days > 0
    present = a.present if has else None
    partial = ()
    if has and a.days < n_workdays:
        partial = (
            _("Rekap ada untuk %(n)s dari %(total)s hari kerja.")
            % {"n": a.days, "total": n_workdays},
        )

    def with_notes(fig: m.Figure) -> m.Figure:
        return (
            m.Figure(fig.value, fig.unit, fig.inputs, fig.source, fig.missing, fig.notes + partial)
            if fig.ok
            else fig
        )

    rec = has and a.has_records
    no_svc = _("keluaran layanan %(period)s belum diimpor") % {"period": p.label}
    return PeriodMeasures(
        attendance_rate=with_notes(
            m.attendance_rate(
                present=present,
                headcount=a.headcount if has else None,
                on_leave=a.on_leave if has else None,
                source=SRC_SUMMARY,
            )
        ),
        late_share=with_notes(
            m.share_of_present(
                count=a.late if has else None,
                present=present,
                label=_("terlambat, orang-hari"),
                source=SRC_SUMMARY,
            )
        ),
        early_share=with_notes(
            m.share_of_present(
                count=a.early if has else None,
                present=present,
                label=_("pulang sebelum waktu, orang-hari"),
                source=SRC_SUMMARY,
            )
        ),
        late_minutes=with_notes(
            m.minutes_per_present_day(
                minutes=a.late_minutes if rec else None,
                present=present,
                label=_("menit terlambat"),
                source=SRC_RECORDS,
            )
        ),
        early_minutes=with_notes(
            m.minutes_per_present_day(
                minutes=a.early_minutes if rec else None,
                present=present,
                label=_("menit pulang sebelum waktu"),
                source=SRC_RECORDS,
            )
        ),
        compliance=with_notes(
            m.mode_compliance(
                mismatches=a.mismatches if has else None, present=present, source=SRC_SUMMARY
            )
        ),
        cost_per_employee_day=cost,
        services_per_day=m.per_working_day(
            total=svc.services if svc else None,
            working_days=svc.days if svc else None,
            label=_("layanan diselesaikan"),
            missing=no_svc,
            source=SRC_SERVICE,
        ),
        complaints_per_day=m.per_working_day(
            total=svc.complaints if svc and svc.complaint_days else None,
            working_days=svc.complaint_days if svc else None,
            label=_("pengaduan"),
            missing=no_svc if not svc else _("jumlah pengaduan tidak dilaporkan"),
            source=SRC_SERVICE,
        ),
        response_minutes=m.average(
            total=svc.response_weighted if svc and svc.response_services else None,
            count=svc.response_services if svc else None,
            label=_("menit tanggap x layanan"),
            count_label=_("layanan"),
            unit=m.MINUTES,
            missing=no_svc if not svc else _("waktu tanggap tidak dilaporkan"),
            source=SRC_SERVICE,
        ),
        reports_per_wfh_day=(
            m.ratio(
                m.Input(_("laporan kinerja disetujui"), a.approved_reports),
                m.Input(_("hadir WFH, orang-hari"), a.present_wfh),
                unit=m.PER_DAY,
                source=SRC_RECORDS,
                missing=_("tidak ada hari WFH pada %(period)s") % {"period": p.label},
            )
            if rec
            else m.no_data(
                m.PER_DAY,
                _("belum ada rekap presensi harian untuk periode ini"),
                source=SRC_RECORDS,
            )
        ),
        attainment=m.average(
            total=att[0] if att else None,
            count=att[1] if att else None,
            label=_("jumlah capaian (%)"),
            count_label=_("pegawai-bulan"),
            unit=m.PERCENT,
            missing=_("capaian e-Kinerja %(period)s belum diimpor") % {"period": p.label},
            source=SRC_EKINERJA,
        ),
    )


def phase_comparison(base: PeriodMeasures, phase: PeriodMeasures, saving: m.Saving) -> Comparison:
    return Comparison(
        saving=saving,
        attendance_change=m.change(base.attendance_rate, phase.attendance_rate),
        compliance_change=m.change(base.compliance, phase.compliance),
        late_change=m.change(base.late_share, phase.late_share),
        service_change=m.relative_change(base.services_per_day, phase.services_per_day),
        complaints_change=m.relative_change(base.complaints_per_day, phase.complaints_per_day),
        attainment_change=m.change(base.attainment, phase.attainment),
    )


def period_employee_days(p, a, staff, n_workdays_month):
    """Employee-days of the months a period overlaps, with where the number came from."""
    if a is not None and a.days >= n_workdays_month and a.headcount:
        return a.headcount, _("orang-hari (rekap presensi, %(n)s hari kerja)") % {"n": a.days}
    if staff:
        return (
            staff * n_workdays_month,
            _("orang-hari (%(staff)s pegawai aktif x %(days)s hari kerja)")
            % {"staff": staff, "days": n_workdays_month},
        )
    return None, _("orang-hari")
