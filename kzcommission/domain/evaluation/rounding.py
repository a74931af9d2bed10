"""The one rounding rule of performance evaluation (Order 13).

Every score and every percentage of realisation is a ``Decimal`` stated with
two decimals, the precision in which Order 13 prints its tables (Appendices 4
and 5: "95-99,99", "4,75-4,99") and its bands ("0 - 2,99", "3 - 3,99").

R-EVA-3 / R-EVB-3 Reading (the rulebook's, implemented here and nowhere else):
Order 13 says nothing of rounding; the final score is the mean rounded half up
to two decimals, and the band is read from that printed value, so a printed
4.00 is always "effective". Hence 3.995 -> 4.00 (effective), 3.996 -> 4.00,
2.994 -> 2.99, 2.995 -> 3.00, 44.995 -> 45.00. The band functions of corps A
and corps B read their band through :func:`printed`, never from an unrounded
value.

Binary floats are never used: 4.99 has no exact float value.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

# Two decimals, as printed in the source.
QUANTUM = Decimal("0.01")
ROUNDING = ROUND_HALF_UP
# Our own context, so a caller that changed the global decimal context cannot
# change a score; 28 digits is the decimal module's default precision.
_CONTEXT = Context(prec=28, rounding=ROUND_HALF_UP)


def round2(value: Decimal) -> Decimal:
    """``value`` rounded half up to two decimals (the rule stated above)."""
    with localcontext(_CONTEXT):
        rounded = value.quantize(QUANTUM, rounding=ROUNDING)
    # A negative zero would print as "-0.00".
    return rounded if rounded != 0 else Decimal("0.00")


def printed(value: Decimal) -> Decimal:
    """The value as the sheet prints it, which is the value its band is read from."""
    return round2(value)


def mean2(values: Sequence[Decimal]) -> Decimal:
    """Arithmetic mean of ``values`` rounded by ``round2``; the caller ensures it is not empty."""
    with localcontext(_CONTEXT):
        exact = sum(values, Decimal(0)) / len(values)
    return round2(exact)
