"""The rotation's ratio cap, computed exactly: the one home of "at most r of those present".

Rule 3 (DESIGN section 4.3): on a rotation day a unit has at most ceil(r x eligible staff
present) people at home. The engine keeps it when it generates a roster (`rotation`), and
wfh.limits checks it when HR or an OPD admin edits one cell; both call `rotation_cap`, so they
can never disagree.

The ratio is a decimal with two places (`Phase.ratio`); the engine gets it as a float, whose
binary value is a little above or below the decimal (0.28 x 25 = 7.000000000000001 in floats).
`exact_ratio` reads the float back as the decimal it was written as (its shortest repr), so
0.28 x 25 is exactly 7 and the cap is 7.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache


@lru_cache(maxsize=256)
def exact_ratio(ratio: float | Decimal | Fraction | int) -> Fraction:
    """The ratio as the exact decimal it stands for: the float 0.28 -> 7/25 (not its binary
    value, 0.28000000000000002665...)."""
    if isinstance(ratio, float):
        return Fraction(repr(ratio))
    return Fraction(ratio)


def rotation_cap(ratio: float | Decimal | Fraction | int, present: int) -> int:
    """The most WFH places a unit has on a rotation day: ceil(ratio x present), exactly.

    `present`: the unit's eligible staff present that day (not on leave)."""
    num, den = exact_ratio(ratio).as_integer_ratio()
    return -(-num * present // den)


def below_ratio(count: int, ratio: float | Decimal | Fraction | int, present: int) -> bool:
    """Whether `count` is less than ratio x present (exactly, before rounding up)."""
    num, den = exact_ratio(ratio).as_integer_ratio()
    return count * den < num * present
