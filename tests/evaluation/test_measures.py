"""Each measure on a fixture with a known answer, and missing inputs said as missing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from attendance.models import DailyRecord, DayStatus, ReportState
from evaluation import measures as m
from evaluation.models import OperatingCost, PerformanceTarget, ServiceOutput
from evaluation.selectors import evaluation_report
from opd.models import Opd
from tests.evaluation.conftest import DEC, NOV, OCT, summary
from wfh.calendar import working_days

TAHAP1 = "jabar-2025-tahap-1"
TAHAP2 = "jabar-2025-tahap-2"


def q(value, places="0.1"):
    return value.quantize(Decimal(places))


def record(employee, day, **kw):
    defaults = {
        "opd": employee.opd,
        "unit": employee.unit,
        "scheduled_mode": "WFO",
        "status": DayStatus.HADIR_WFO,
        "computed_at": timezone.now(),
    }
    defaults.update(kw)
    return DailyRecord.objects.create(employee=employee, day=day, **defaults)


def kominfo_attendance(world):
    k = world.kominfo
    summary(k, dt.date(2025, 10, 6), headcount=10, present_wfo=8, on_leave=1, late=2, early=1)
    summary(k, dt.date(2025, 10, 7), headcount=10, present_wfo=9, late=1, mismatches=1)
    summary(k, dt.date(2025, 11, 6), headcount=10, present_wfh=6, present_wfo=4, mismatches=2)
    record(world.staff, dt.date(2025, 10, 6), late_minutes=25, status=DayStatus.TERLAMBAT)
    record(world.other, dt.date(2025, 10, 6), late_minutes=9, early_minutes=17)
    record(
        world.staff,
        dt.date(2025, 11, 6),
        scheduled_mode="WFH",
        status=DayStatus.HADIR_WFH,
        present_mode="WFH",
        report_state=ReportState.APPROVED,
    )
    record(
        world.other,
        dt.date(2025, 11, 6),
        scheduled_mode="WFH",
        status=DayStatus.HADIR_WFH,
        present_mode="WFH",
        report_state=ReportState.MISSING,
    )


def test_attendance_punctuality_and_compliance_from_the_day_summaries(world, plan):
    kominfo_attendance(world)
    report = evaluation_report(plan=plan, opds=[world.kominfo])
    oct_, nov = report.opds[0].periods["baseline"], report.opds[0].periods[TAHAP1]
    # 17 present of 20 - 1 on leave
    assert q(oct_.attendance_rate.value, "0.01") == Decimal("89.47")
    assert [i.value for i in oct_.attendance_rate.inputs] == [17, 19]
    assert q(oct_.late_share.value) == Decimal("17.6")  # 3 / 17
    assert q(oct_.early_share.value) == Decimal("5.9")  # 1 / 17
    assert q(oct_.compliance.value) == Decimal("94.1")  # 1 - 1/17
    assert q(oct_.late_minutes.value, "0.01") == Decimal("2.00")  # 34 minutes / 17
    assert q(oct_.early_minutes.value, "0.01") == Decimal("1.00")  # 17 / 17
    assert nov.attendance_rate.value == 100
    assert nov.compliance.value == 80  # 1 - 2/10
    # 1 approved report over 6 present WFH days (from the summary)
    assert q(nov.reports_per_wfh_day.value, "0.01") == Decimal("0.17")
    comparison = report.opds[0].comparisons[TAHAP1]
    assert q(comparison.compliance_change.value) == Decimal("-14.1")
    assert comparison.compliance_change.unit == m.POINTS
    # only 2 of 23 October working days summarised: the figure says so
    assert any("2 dari 23" in n for n in oct_.attendance_rate.notes)


def test_no_attendance_summaries_say_no_data_not_zero(world, plan):
    report = evaluation_report(plan=plan, opds=[world.dukcapil])
    dec = report.opds[0].periods[TAHAP2]
    for fig in (dec.attendance_rate, dec.late_share, dec.compliance, dec.reports_per_wfh_day):
        assert fig.value is None
        assert fig.missing.startswith("tidak ada data")
        assert "rekap presensi" in fig.missing


def test_cost_per_employee_day_and_saving_with_known_answer(world, plan):
    k = world.kominfo
    OperatingCost.objects.create(
        opd=k, month=OCT, electricity_rp=10_000_000, water_rp=1_000_000, internet_rp=2_000_000
    )
    OperatingCost.objects.create(
        opd=k, month=NOV, electricity_rp=8_000_000, water_rp=900_000, internet_rp=2_000_000
    )
    report = evaluation_report(plan=plan, opds=[k])
    ev = report.opds[0]
    staff = 3  # head, staff, other
    oct_days = len(working_days(OCT, dt.date(2025, 10, 31)))
    nov_days = len(working_days(NOV, dt.date(2025, 11, 30)))
    assert (oct_days, nov_days) == (23, 20)
    base = ev.periods["baseline"].cost_per_employee_day
    nov = ev.periods[TAHAP1].cost_per_employee_day
    assert base.rounded() == Decimal("188406")  # 13,000,000 / (3 x 23)
    assert nov.rounded() == Decimal("181667")  # 10,900,000 / (3 x 20)
    assert base.inputs[1].value == staff * oct_days
    assert "pegawai aktif" in base.inputs[1].label
    saving = ev.comparisons[TAHAP1].saving
    expected_pct = (
        (Decimal(13_000_000) / 69 - Decimal(10_900_000) / 60) / (Decimal(13_000_000) / 69) * 100
    )
    assert q(saving.percent.value, "0.001") == q(expected_pct, "0.001")
    assert saving.per_month.rounded() == Decimal("404348")  # diff per employee-day x 60


def test_a_missing_cost_month_names_the_month_and_gives_no_saving(world, plan):
    k = world.kominfo
    OperatingCost.objects.create(opd=k, month=OCT, electricity_rp=10_000_000)
    OperatingCost.objects.create(opd=k, month=NOV, electricity_rp=8_000_000)
    ev = evaluation_report(plan=plan, opds=[k]).opds[0]
    dec = ev.periods[TAHAP2].cost_per_employee_day
    assert dec.value is None
    assert dec.missing == "tidak ada data: biaya operasional Desember 2025 belum diisi"
    saving = ev.comparisons[TAHAP2].saving
    assert saving.percent.value is None and saving.per_month.value is None
    assert "Desember 2025" in saving.per_month.missing
    assert ev.comparisons[TAHAP1].saving.percent.ok


def test_a_component_left_empty_in_one_month_is_left_out_of_every_month(world, plan):
    k = world.kominfo
    OperatingCost.objects.create(opd=k, month=OCT, electricity_rp=9_000_000, internet_rp=1_000_000)
    OperatingCost.objects.create(opd=k, month=NOV, electricity_rp=9_000_000, internet_rp=None)
    OperatingCost.objects.create(opd=k, month=DEC, electricity_rp=9_000_000, internet_rp=1_000_000)
    ev = evaluation_report(plan=plan, opds=[k]).opds[0]
    base = ev.periods["baseline"].cost_per_employee_day
    assert base.inputs[0].value == 9_000_000  # internet not counted, not zero either
    assert any("internet" in n for n in base.notes)


def test_empty_costs_for_every_component_are_no_data(world, plan):
    OperatingCost.objects.create(opd=world.kominfo, month=OCT)
    ev = evaluation_report(plan=plan, opds=[world.kominfo]).opds[0]
    assert not ev.periods["baseline"].cost_per_employee_day.ok
    assert "komponen" in ev.periods["baseline"].cost_per_employee_day.missing


def test_service_output_per_working_day_and_its_change(world, plan):
    d = world.dukcapil
    ServiceOutput.objects.create(
        opd=d,
        start=dt.date(2025, 10, 6),
        end=dt.date(2025, 10, 10),
        services_delivered=100,
        complaints=5,
        avg_response_minutes=Decimal("20"),
    )
    ServiceOutput.objects.create(
        opd=d,
        start=dt.date(2025, 11, 3),
        end=dt.date(2025, 11, 7),
        services_delivered=90,
        complaints=None,
        avg_response_minutes=Decimal("30"),
    )
    ServiceOutput.objects.create(
        opd=d,
        start=dt.date(2025, 11, 10),
        end=dt.date(2025, 11, 10),
        services_delivered=10,
        complaints=None,
        avg_response_minutes=None,
    )
    ev = evaluation_report(plan=plan, opds=[d]).opds[0]
    oct_, nov = ev.periods["baseline"], ev.periods[TAHAP1]
    assert oct_.services_per_day.value == 20  # 100 / 5
    assert q(nov.services_per_day.value, "0.01") == Decimal("16.67")  # 100 / 6
    assert oct_.complaints_per_day.value == 1
    assert nov.complaints_per_day.value is None
    assert "pengaduan" in nov.complaints_per_day.missing
    assert nov.response_minutes.value == 30  # weighted by services that report it
    assert q(ev.comparisons[TAHAP1].service_change.value) == Decimal("-16.7")
    assert "belum diimpor" in ev.periods[TAHAP2].services_per_day.missing


def test_average_ekinerja_attainment_per_opd(world, plan):
    PerformanceTarget.objects.create(employee=world.staff, month=OCT, attainment_percent=80)
    PerformanceTarget.objects.create(employee=world.other, month=OCT, attainment_percent=90)
    PerformanceTarget.objects.create(employee=world.head, month=NOV, attainment_percent=95)
    ev = evaluation_report(plan=plan, opds=[world.kominfo]).opds[0]
    assert ev.periods["baseline"].attainment.value == 85
    assert ev.periods[TAHAP1].attainment.value == 95
    assert ev.comparisons[TAHAP1].attainment_change.value == 10
    missing = ev.periods[TAHAP2].attainment.missing
    assert missing.startswith("tidak ada data: capaian e-Kinerja") and "belum diimpor" in missing


def test_pemda_sums_the_inputs_of_the_opds_with_data(world, plan):
    kominfo_attendance(world)
    summary(world.dukcapil, dt.date(2025, 10, 6), headcount=5, present_wfo=5)
    OperatingCost.objects.create(opd=world.kominfo, month=OCT, electricity_rp=6_900_000)
    OperatingCost.objects.create(opd=world.kominfo, month=NOV, electricity_rp=5_400_000)
    report = evaluation_report(plan=plan, opds=list(Opd.objects.order_by("code")))
    pemda = report.pemda
    assert q(pemda.periods["baseline"].attendance_rate.value, "0.01") == Decimal("91.67")  # 22/24
    nov_saving = pemda.comparisons[TAHAP1].saving
    # kominfo alone: 100,000 -> 90,000 per employee-day, 60 employee-days in November
    assert nov_saving.per_month.value == Decimal("600000")
    assert nov_saving.percent.value == 10
    assert any(item.startswith("DISDUKCAPIL") for item in pemda.cost_missing)


def test_figure_arithmetic_is_plain_functions():
    fig = m.ratio(m.Input("a", 1), m.Input("b", 4))
    assert fig.value == 25 and fig.rounded() == Decimal("25.0")
    zero = m.ratio(m.Input("a", 1), m.Input("hari", 0))
    assert zero.value is None and "hari nol" in zero.missing
    none = m.ratio(m.Input("biaya", None), m.Input("hari", 4))
    assert none.value is None and "biaya belum ada" in none.missing
    assert m.change(fig, none).value is None
