"""The demo data: a plan, three months of costs with savings, gaps that show as no data."""

from demo.evaluation import evaluation_seed
from evaluation.models import EvaluationPlan, OperatingCost, PerformanceTarget, ReadinessAssessment
from evaluation.selectors import current_plan, evaluation_report
from opd.models import Opd
from tests.factories import make_employee, make_opd


def test_evaluation_seed_gives_savings_gaps_and_readiness_without_attendance(world):
    for i in range(10):
        opd = make_opd(f"DINAS{i}")
        for _j in range(4):
            make_employee(opd)
    result = evaluation_seed(seed=7)
    assert EvaluationPlan.objects.count() == 1
    opds = list(Opd.objects.filter(active=True))
    assert ReadinessAssessment.objects.count() == len(opds)
    assert PerformanceTarget.objects.exists()
    assert OperatingCost.objects.count() == 3 * len(opds) - len(result.missing_months)
    report = evaluation_report(plan=current_plan(), opds=opds)
    savings = [
        ev.comparisons["jabar-2025-tahap-2"].saving.percent
        for ev in report.opds
        if ev.code not in result.no_saving
    ]
    ok = [s.value for s in savings if s.ok]
    assert ok and all(8 < v < 35 for v in ok)
    assert sum(1 for s in savings if not s.ok) >= 1  # a missing month shows as no data
    assert not report.pemda.periods["baseline"].attendance_rate.ok
    # the same seed gives the same rows
    before = list(
        OperatingCost.objects.order_by("opd__code", "month").values_list("electricity_rp")
    )
    evaluation_seed(seed=7)
    after = list(OperatingCost.objects.order_by("opd__code", "month").values_list("electricity_rp"))
    assert before == after


def test_the_demo_recommends_for_the_coming_year_once_this_one_is_half_gone():
    import datetime as dt

    from demo.evaluation import _next_period

    assert _next_period(dt.date(2026, 12, 2)) == "Tahun 2027"
    assert _next_period(dt.date(2026, 7, 1)) == "Tahun 2027"
    assert _next_period(dt.date(2026, 3, 10)) == "Tahun 2026"
