"""wfh.limits: the limits shared by the roster edit and the swap, checked without a database."""

import datetime as dt
import math
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from wfh import limits
from wfh.engine import generate
from wfh.engine.types import EmployeeIn, Limits, RosterInput, RotationPattern, UnitIn

THU = dt.date(2025, 12, 11)

# ratios whose float product with the headcount lands just above a whole number
# (0.28 x 25 = 7.000000000000001): the edit check used to allow one more than the engine
FLOAT_NOISE = [(0.28, 25, 7), (0.56, 25, 14), (0.55, 100, 55), (0.14, 50, 7), (0.5, 5, 3)]


def engine_cap(ratio: float, present: int) -> int:
    """The most WFH the engine allows a unit of `present` eligible staff on one rotation day."""
    day = dt.date(2025, 12, 8)
    result = generate(
        RosterInput(
            working_days=(day,),
            units=(UnitIn(id=1),),
            employees=tuple(
                EmployeeIn(id=n, unit_id=1, role="staff", eligible=True)
                for n in range(1, present + 1)
            ),
            pattern=RotationPattern(ratio=ratio),
            limits=Limits(weekly_cap=5),
        )
    )
    unit_day = result.stats.unit_days[1, day]
    assert unit_day.wfh <= unit_day.wfh_cap
    return unit_day.wfh_cap


def edit_allows(wfh_after: int, ratio, present: int) -> bool:
    """Whether the single-day edit check lets the unit reach `wfh_after` at home."""
    return limits.rotation_ratio(wfh_after=wfh_after, ratio=ratio, present=present) is None


def assert_same_cap(ratio: Decimal, present: int) -> int:
    """The engine (given the float, as wfh.rosters passes it) and the edit check (given the
    float or the phase's Decimal) stop at the same number; returns that number."""
    cap = engine_cap(float(ratio), present)
    for value in (float(ratio), ratio):
        assert edit_allows(cap, value, present), (ratio, present, cap)
        assert not edit_allows(cap + 1, value, present), (ratio, present, cap)
    return cap


def test_week_bounds_are_the_iso_week():
    assert limits.week_bounds(THU) == (dt.date(2025, 12, 8), dt.date(2025, 12, 14))
    assert limits.week_bounds(dt.date(2025, 12, 14)) == (
        dt.date(2025, 12, 8),
        dt.date(2025, 12, 14),
    )


def test_each_limit_is_kept_up_to_its_edge_and_named_past_it():
    assert limits.weekly_cap(name="Sari", wfh_days=1, cap=2, day=THU) is None
    message = limits.weekly_cap(name="Sari", wfh_days=2, cap=2, day=THU)
    assert message.startswith("Batas mingguan: Sari sudah 2 hari WFH")
    assert "Senin, 8 Desember 2025" in message and "maksimal 2" in message

    assert limits.onsite_minimum(unit_name="TIK", onsite=1, minimum=1, day=THU) is None
    assert "hanya 0 orang" in limits.onsite_minimum(unit_name="TIK", onsite=0, minimum=1, day=THU)

    # 50% of 5 present rounds up to 3 places
    assert limits.rotation_ratio(wfh_after=3, ratio=0.5, present=5) is None
    assert "maksimal 3 (50% dari 5" in limits.rotation_ratio(wfh_after=4, ratio=0.5, present=5)

    assert limits.frontline(unit_name="Loket", is_frontline=False, name="Andi") is None
    assert "selalu WFO" in limits.frontline(unit_name="Loket", is_frontline=True, name="Andi")
    assert limits.eligibility(eligible=True, name="Andi", why="") is None
    assert "Batas kelayakan" in limits.eligibility(eligible=False, name="Andi", why="CPNS")
    assert limits.leaders(rotation=False, partner_home=True) is None
    assert limits.leaders(rotation=True, partner_home=False) is None
    assert "Batas pimpinan" in limits.leaders(rotation=True, partner_home=True)


def test_messages_follow_the_active_language():
    with translation.override("en"):
        message = limits.weekly_cap(name="Sari", wfh_days=2, cap=2, day=THU)
    assert "Batas mingguan" not in message and "Sari" in message


@pytest.mark.parametrize(("ratio", "present", "cap"), FLOAT_NOISE)
def test_the_edit_check_allows_exactly_the_engines_ratio_cap_despite_float_noise(
    ratio, present, cap
):
    assert assert_same_cap(Decimal(str(ratio)), present) == cap


@st.composite
def two_decimal_ratio_and_headcount(draw) -> tuple[int, int]:
    """A ratio in hundredths and a headcount up to 500; half the time one whose product with
    the ratio is a whole number, the only place float noise can round up (0.28 x 25)."""
    hundredths = draw(st.integers(0, 100))
    step = 100 // math.gcd(hundredths, 100)  # present = a multiple of step: r x present whole
    whole = st.integers(1, 500 // step).map(lambda m: m * step)
    return hundredths, draw(st.one_of(st.integers(1, 500), whole))


@settings(max_examples=500, deadline=None)
@given(two_decimal_ratio_and_headcount())
def test_engine_and_edit_check_agree_on_the_cap_for_every_two_decimal_ratio(case):
    hundredths, present = case
    ratio = Decimal(hundredths) / 100
    assert assert_same_cap(ratio, present) == -(-hundredths * present // 100)
