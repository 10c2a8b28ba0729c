"""wfh.engine.ratio: the rotation's ratio cap is ceil(r x present) computed exactly."""

from decimal import Decimal
from fractions import Fraction

from wfh.engine.ratio import below_ratio, exact_ratio, rotation_cap


def test_a_float_ratio_is_read_as_the_decimal_it_was_written_as():
    assert exact_ratio(0.28) == Fraction(7, 25)
    assert exact_ratio(Decimal("0.28")) == Fraction(7, 25)
    assert exact_ratio(1) == 1


def test_the_cap_is_exact_for_every_two_decimal_ratio_and_headcount_up_to_500():
    for hundredths in range(101):
        as_float = float(Decimal(hundredths) / 100)
        as_decimal = Decimal(hundredths) / 100
        for present in range(501):
            exact = -(-hundredths * present // 100)
            assert rotation_cap(as_float, present) == exact, (as_float, present)
            assert rotation_cap(as_decimal, present) == exact, (as_decimal, present)


def test_below_ratio_compares_before_rounding_up():
    assert not below_ratio(7, 0.28, 25)  # 0.28 x 25 is 7, not 7.000000000000001
    assert below_ratio(6, 0.28, 25)
    assert below_ratio(2, 0.5, 5) and not below_ratio(3, 0.5, 5)
