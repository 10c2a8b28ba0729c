"""Readiness and recommendation rules (pure: no database)."""

from decimal import Decimal

from evaluation import rules
from evaluation.rules import Evidence, recommend

GOOD = {"online_tasks": 4, "devices": 3, "online_sop": 3, "supervision": 3, "data_security": 3}


def test_readiness_index_is_the_mean_score_as_a_share_of_four():
    assert rules.readiness_index(GOOD) == Decimal(16) / 20 * 100
    assert rules.readiness_index(None) is None


def test_an_opd_mostly_in_frontline_units_stays_frontline_whatever_its_scores():
    result = recommend(Evidence(scores=GOOD, frontline_share=Decimal("75")))
    assert result.option == rules.FRONTLINE
    assert "75,0%" in result.reasons[0]


def test_an_opd_not_assessed_is_not_ready_and_is_told_to_fill_the_checklist():
    result = recommend(Evidence(scores=None, frontline_share=Decimal("0")))
    assert result.option == rules.NOT_READY
    assert any("belum dinilai" in r for r in result.reasons)


def test_a_zero_criterion_or_a_low_index_is_not_ready():
    zero = recommend(Evidence(scores={**GOOD, "data_security": 0}, frontline_share=Decimal(0)))
    assert zero.option == rules.NOT_READY and any("data_security" in r for r in zero.reasons)
    low = dict.fromkeys(GOOD, 1)
    assert recommend(Evidence(scores=low, frontline_share=Decimal(0))).option == rules.NOT_READY


def test_good_readiness_and_measures_give_a_rotation_with_the_numbers_as_reasons():
    result = recommend(
        Evidence(
            scores=GOOD,
            frontline_share=Decimal("10"),
            compliance=Decimal("95"),
            service_change=Decimal("-2"),
            attendance_change=Decimal("1"),
        )
    )
    assert result.option == rules.ROTATION
    assert any("95,0%" in r for r in result.reasons)


def test_missing_measures_hold_a_ready_opd_at_thursday_wfh_and_say_which():
    result = recommend(Evidence(scores=GOOD, frontline_share=Decimal("10")))
    assert result.option == rules.THURSDAY_WFH
    assert any("tidak ada data" in r for r in result.reasons)


def test_low_compliance_or_a_small_service_drop_gives_thursday_wfh():
    base = {"scores": GOOD, "frontline_share": Decimal(0), "service_change": Decimal(0)}
    low = recommend(Evidence(**base, compliance=Decimal("80")))
    assert low.option == rules.THURSDAY_WFH
    drop = recommend(
        Evidence(
            scores=GOOD,
            frontline_share=Decimal(0),
            compliance=Decimal(99),
            service_change=Decimal("-7"),
        )
    )
    assert drop.option == rules.THURSDAY_WFH


def test_a_large_service_or_attendance_drop_is_not_ready():
    service = recommend(
        Evidence(
            scores=GOOD,
            frontline_share=Decimal(0),
            compliance=Decimal(99),
            service_change=-(rules.SERVICE_DROP_MAX + 1),
        )
    )
    assert service.option == rules.NOT_READY
    attendance = recommend(
        Evidence(scores=GOOD, frontline_share=Decimal(0), attendance_change=Decimal("-6"))
    )
    assert attendance.option == rules.NOT_READY
