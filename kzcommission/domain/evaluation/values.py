"""Turning user input into scores and percentages, refusing what cannot be one.

Accepted: ``Decimal``, ``int`` and numeric strings ("4.5", "4,5" with the
Russian decimal comma, surrounding spaces). Refused with a ``RuleError`` naming
the rule and the field: floats (inexact), booleans, NaN and infinities, empty
or non-numeric strings, negatives, scores above 5.

A score is chosen by a person and must already have at most two decimals: it
is refused rather than rounded, since rounding 0.245 would silently move it out
of the 0-0.24 range it was meant for. A percentage is computed (actual / plan),
so it is rounded by the one rule of ``rounding.py`` (see ``kpi.py``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation.rounding import round2

# What the public functions accept for a score or a percentage.
Number = Decimal | int | str

SCORE_MIN = Decimal("0")
SCORE_MAX = Decimal("5")  # "от 0 до 5-ти", Order 13 App. 1 §19, App. 2 §18


def to_decimal(value: object, *, field: str, rule_id: str | None) -> Decimal:
    """``value`` as a finite Decimal, or a RuleError naming ``field``."""
    # bool is an int subclass: True must not count as a score of 1.
    if isinstance(value, bool) or isinstance(value, float):
        raise RuleError(
            f"{field}: {type(value).__name__} {value!r} is not accepted; "
            "give a Decimal or a string such as '4.75'",
            rule_id=rule_id,
            field=field,
            key="eva_number_type_refused",
            params={"type": type(value).__name__, "value": value},
        )
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # the source writes "4,75"
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise RuleError(
                f"{field}: {value!r} is not a number",
                rule_id=rule_id,
                field=field,
                key="eva_not_a_number",
                params={"value": value},
            ) from None
    else:
        raise RuleError(
            f"{field}: a number is required, not {type(value).__name__}",
            rule_id=rule_id,
            field=field,
            key="eva_number_required",
            params={"type": type(value).__name__},
        )
    if not number.is_finite():
        raise RuleError(
            f"{field}: {value!r} is not a finite number",
            rule_id=rule_id,
            field=field,
            key="eva_not_finite",
            params={"value": value},
        )
    return number


def to_score(
    value: object, *, field: str, rule_id: str | None, maximum: Decimal = SCORE_MAX
) -> Decimal:
    """A score between 0 and ``maximum`` (5 unless capped), with at most two decimals."""
    number = to_decimal(value, field=field, rule_id=rule_id)
    if number < SCORE_MIN or number > maximum:
        raise RuleError(
            f"{field}: score {value} is outside 0-{maximum}",
            rule_id=rule_id,
            field=field,
            key="eva_score_outside",
            params={"value": value, "maximum": maximum},
        )
    if round2(number) != number:
        raise RuleError(
            f"{field}: score {value} has more than two decimals",
            rule_id=rule_id,
            field=field,
            key="eva_score_decimals",
            params={"value": value},
        )
    return round2(number)


def to_percent(value: object, *, field: str = "percent", rule_id: str | None) -> Decimal:
    """A non-negative percentage of realisation, not yet rounded (see ``kpi.percent_band``)."""
    number = to_decimal(value, field=field, rule_id=rule_id)
    if number < 0:
        raise RuleError(
            f"{field}: percentage {value} is negative",
            rule_id=rule_id,
            field=field,
            key="eva_percent_negative",
            params={"value": value},
        )
    return number


def to_count(value: object, *, field: str, rule_id: str | None) -> int:
    """A non-negative whole number (of days, of persons)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(
            f"{field}: a whole number is required, not {value!r}",
            rule_id=rule_id,
            field=field,
            key="eva_whole_number_required",
            params={"value": value},
        )
    if value < 0:
        raise RuleError(
            f"{field}: {value} is negative",
            rule_id=rule_id,
            field=field,
            key="eva_count_negative",
            params={"value": value},
        )

    return value
