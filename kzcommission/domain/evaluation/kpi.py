"""Corps "A" KPI scores against the percentage of realisation (R-EVA-2).

Order 13, Appendix 1, §19: for the mandatory KPI on executing instructions
(§8 1) and §9 1)) the evaluator may not exceed the maximum of Appendix 4 and may
give less; for every other KPI (the other mandatory ones included) the score is
chosen inside the range of Appendix 5. Both tables have bands of five
percentage points, 100% and above scoring 5.

``mandatory=True`` in this module means exactly that one KPI on executing
instructions, the only one Appendix 4 governs.
"""

from __future__ import annotations

from decimal import Decimal

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation.rounding import round2
from kzcommission.domain.evaluation.values import Number, to_percent, to_score

RULE = "R-EVA-2"

_D = Decimal

# (lowest percentage of the band, maximum score), Appendix 4, from the top band down.
# Reading (R-EVA-2): the source prints the 40% band as "40-44,49"; it is 40-44.99
# like every other band, so 44.5-44.99 score as the 40% band and 45.00 as the next.
APPENDIX_4: tuple[tuple[Decimal, Decimal], ...] = (
    (_D("100"), _D("5")),
    (_D("95"), _D("4.75")),
    (_D("90"), _D("4.5")),
    (_D("85"), _D("4.25")),
    (_D("80"), _D("4")),
    (_D("75"), _D("3.75")),
    (_D("70"), _D("3.5")),
    (_D("65"), _D("3.25")),
    (_D("60"), _D("3")),
    (_D("55"), _D("2.75")),
    (_D("50"), _D("2.5")),
    (_D("45"), _D("2.25")),
    (_D("40"), _D("2")),  # printed "40-44,49", read 40-44.99
    (_D("35"), _D("1.75")),
    (_D("30"), _D("1.5")),
    (_D("25"), _D("1.25")),
    (_D("20"), _D("1")),
    (_D("15"), _D("0.75")),
    (_D("10"), _D("0.5")),
    (_D("5"), _D("0.25")),
    (_D("0"), _D("0")),
)

# (lowest percentage of the band, lowest score, highest score), Appendix 5.
APPENDIX_5: tuple[tuple[Decimal, Decimal, Decimal], ...] = (
    (_D("100"), _D("5"), _D("5")),
    (_D("95"), _D("4.75"), _D("4.99")),
    (_D("90"), _D("4.5"), _D("4.74")),
    (_D("85"), _D("4.25"), _D("4.49")),
    (_D("80"), _D("4"), _D("4.24")),
    (_D("75"), _D("3.75"), _D("3.99")),
    (_D("70"), _D("3.5"), _D("3.74")),
    (_D("65"), _D("3.25"), _D("3.49")),
    (_D("60"), _D("3"), _D("3.24")),
    (_D("55"), _D("2.75"), _D("2.99")),
    (_D("50"), _D("2.5"), _D("2.74")),
    (_D("45"), _D("2.25"), _D("2.49")),
    (_D("40"), _D("2"), _D("2.24")),  # printed "40-44,49", read 40-44.99
    (_D("35"), _D("1.75"), _D("1.99")),
    (_D("30"), _D("1.5"), _D("1.74")),
    (_D("25"), _D("1.25"), _D("1.49")),
    (_D("20"), _D("1"), _D("1.24")),
    (_D("15"), _D("0.75"), _D("0.99")),
    (_D("10"), _D("0.5"), _D("0.74")),
    (_D("5"), _D("0.25"), _D("0.49")),
    (_D("0"), _D("0"), _D("0.24")),
)


def percent_band(percent: Number) -> Decimal:
    """The lowest percentage of the band ``percent`` falls in (100 for 100% and above).

    Reading (R-EVA-2): the tables state percentages with two decimals, so a
    percentage is first rounded half up to two decimals (``rounding.round2``):
    44.994 -> 44.99 (40% band), 44.995 -> 45.00 (45% band), 99.995 -> 100.00 (5).
    """
    value = to_percent(percent, rule_id=RULE)
    # Checked before rounding: an absurdly large percentage is still "100 and above".
    if value >= 100:
        return _D("100")
    value = round2(value)
    for lowest, _max in APPENDIX_4:
        if value >= lowest:
            return lowest
    raise AssertionError("unreachable: the last band starts at 0")  # pragma: no cover


def kpi_score_bounds(percent: Number, mandatory: bool) -> tuple[Decimal, Decimal]:
    """Allowed (lowest, highest) score for a KPI realised at ``percent`` (R-EVA-2).

    Mandatory KPI on executing instructions: (0, maximum of Appendix 4).
    Any other KPI: the range of Appendix 5.
    """
    if not isinstance(mandatory, bool):
        raise RuleError(
            "mandatory must be True or False",
            rule_id=RULE,
            field="mandatory",
            key="eva_mandatory_flag",
        )
    band = percent_band(percent)
    if mandatory:
        maximum = dict(APPENDIX_4)[band]
        return round2(_D(0)), round2(maximum)
    for lowest, low, high in APPENDIX_5:
        if lowest == band:
            return round2(low), round2(high)
    raise AssertionError("unreachable: both tables have the same bands")  # pragma: no cover


def validate_kpi_score(percent: Number, mandatory: bool, score: Number) -> Decimal:
    """The score as a Decimal if the tables allow it, else a RuleError (R-EVA-2)."""
    low, high = kpi_score_bounds(percent, mandatory)
    value = to_score(score, field="score", rule_id=RULE)
    if not low <= value <= high:
        band = percent_band(percent)
        realised = (
            "100% and above" if band == 100 else f"{round2(to_percent(percent, rule_id=RULE))}%"
        )
        table = "Appendix 4 (maximum)" if mandatory else "Appendix 5 (range)"
        message = (
            f"score {value} is not allowed for a KPI realised at {realised}: "
            f"allowed {low}-{high} by {table}"
        )
        table_key = f"refusal.term.{'appendix_4' if mandatory else 'appendix_5'}"
        if band == 100:
            raise RuleError(
                message,
                rule_id=RULE,
                field="score",
                key="eva_kpi_score_at_100",
                params={"value": value, "low": low, "high": high, "table_key": table_key},
            )
        raise RuleError(
            message,
            rule_id=RULE,
            field="score",
            key="eva_kpi_score_not_allowed",
            params={
                "value": value,
                "realised": realised,
                "low": low,
                "high": high,
                "table_key": table_key,
            },
        )

    return value
