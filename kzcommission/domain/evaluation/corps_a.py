"""Corps "A": final score, its band, who is evaluated, the National Commission's options.

Order 13, Appendix 1 (Methodology for corps "A"), edition of 28.07.2025.
The KPI tables of Appendices 4 and 5 are in ``kpi.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation.eligibility import Eligibility, tenure_eligibility
from kzcommission.domain.evaluation.kpi import validate_kpi_score
from kzcommission.domain.evaluation.rounding import mean2, printed
from kzcommission.domain.evaluation.values import Number, to_score

KPI_COUNT = 5  # R-EVA-1, App. 1 §11: "Количество КЦИ составляет 5"
MIN_MONTHS_IN_POSITION = 3  # R-EVA-4, App. 1 §3


class CorpsABand(StrEnum):
    """Final-score bands of R-EVA-3 (App. 1 §21); labels live in the catalogues."""

    UNSATISFACTORY = "unsatisfactory"  # 0 - 2.99
    SATISFACTORY = "satisfactory"  # 3 - 3.99
    EFFECTIVE = "effective"  # 4 and above


# R-EVA-5, App. 1 §29: the same option ids as certification (kinds.py).
NATIONAL_COMMISSION_OPTIONS: tuple[str, ...] = ("fits", "unfit")


@dataclass(frozen=True)
class Kpi:
    """One line of the evaluation sheet (App. 1, Appendix 3)."""

    percent: Number
    score: Number
    # True only for the KPI on executing instructions (§8 1), §9 1)): Appendix 4.
    mandatory: bool = False


def corps_a_band(final: Decimal) -> CorpsABand:
    """The R-EVA-3 band of a final score, read from its printed value (R-EVA-3 Reading)."""
    final = printed(final)
    if final >= 4:
        return CorpsABand.EFFECTIVE
    if final >= 3:
        return CorpsABand.SATISFACTORY
    return CorpsABand.UNSATISFACTORY


CATEGORIES = (1, 2)  # R-EVA-1: the agreement's category of position (Appendices 1-2)


def check_agreement(titles: Sequence[str], mandatory: Sequence[bool], category: int) -> None:
    """R-EVA-1: five KPIs, each titled, exactly one of them the mandatory KPI on
    executing instructions (§8 1), §9 1)), in an agreement of category 1 or 2."""
    if category not in CATEGORIES:
        raise RuleError(
            "category must be 1 or 2", rule_id="R-EVA-1", field="category", key="eva_category"
        )
    _five(titles, "kpis")
    for index, title in enumerate(titles):
        if not isinstance(title, str) or not title.strip():
            raise RuleError(
                f"KPI {index + 1}: a title is required",
                rule_id="R-EVA-1",
                field=f"kpis[{index}]",
                key="eva_kpi_title_required",
            )
    if sum(1 for flag in mandatory if flag) != 1:
        raise RuleError(
            "exactly one KPI is the mandatory KPI on executing instructions",
            rule_id="R-EVA-1",
            field="kpis",
            key="eva_one_mandatory_kpi",
        )


def check_results_cover(expected: Sequence[int], given: Sequence[int]) -> None:
    """R-EVA-1: a result for each KPI of the agreement, no more, no less."""
    if len(given) != len(expected) or sorted(given) != sorted(expected):
        raise RuleError(
            f"a result for each of the {len(expected)} KPIs is required",
            rule_id="R-EVA-1",
            field="kpis",
            key="eva_result_per_kpi",
            params={"count": len(expected)},
        )


def _five(items: object, what: str) -> Sequence[object]:
    # A string is a Sequence too: "12345" must not pass as five scores.
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise RuleError(
            f"{what} must be a list of {KPI_COUNT}",
            rule_id="R-EVA-1",
            field=what,
            key="eva_kpi_list",
            params={"count": KPI_COUNT},
        )
    if len(items) != KPI_COUNT:
        raise RuleError(
            f"{KPI_COUNT} KPIs are required, got {len(items)}",
            rule_id="R-EVA-1",
            field=what,
            key="eva_kpi_count",
            params={"count": KPI_COUNT, "got": len(items)},
        )
    return items


def corps_a_final(scores: Sequence[Number]) -> tuple[Decimal, str]:
    """Final score and band: the mean of the five KPI scores (R-EVA-1, R-EVA-3).

    The mean is rounded half up to two decimals before its band is read.
    """
    values = [
        to_score(score, field=f"scores[{index}]", rule_id="R-EVA-3")
        for index, score in enumerate(_five(scores, "scores"))
    ]
    final = mean2(values)
    return final, corps_a_band(final)


def corps_a_sheet(kpis: Sequence[Kpi]) -> tuple[Decimal, str]:
    """Each KPI's score checked against its table (R-EVA-2), then ``corps_a_final``."""
    scores = []
    for index, kpi in enumerate(_five(kpis, "kpis")):
        if not isinstance(kpi, Kpi):
            raise RuleError(
                "each KPI must be a Kpi",
                rule_id="R-EVA-1",
                field=f"kpis[{index}]",
                key="eva_kpi_type",
            )
        try:
            scores.append(validate_kpi_score(kpi.percent, kpi.mandatory, kpi.score))
        except RuleError as error:
            detail = str(error).removeprefix(f"[{error.rule_id}] ")
            # The field names the KPI; its reason is the score's own.
            raise RuleError(  # refusal: passes on
                f"KPI {index + 1}: {detail}",
                rule_id=error.rule_id,
                field=f"kpis[{index}]",
                key=error.key,
                params=error.params,
            ) from error
    return corps_a_final(scores)


def corps_a_eligible(
    *, appointed_on: date, period_start: date, period_end: date, days_worked: int
) -> Eligibility:
    """R-EVA-4: at least three months in the position and 15 working days worked."""
    return tenure_eligibility(
        appointed_on=appointed_on,
        period_start=period_start,
        period_end=period_end,
        days_worked=days_worked,
        months=MIN_MONTHS_IN_POSITION,
        rule_id="R-EVA-4",
    )


def validate_national_commission_decision(option: str) -> str:
    """R-EVA-5: the National Commission decides "fits" or "unfit" (App. 1 §29)."""
    if option not in NATIONAL_COMMISSION_OPTIONS:
        raise RuleError(
            f"{option!r} is not a National Commission decision; "
            f"allowed: {', '.join(NATIONAL_COMMISSION_OPTIONS)}",
            rule_id="R-EVA-5",
            field="decision",
            key="eva_national_decision",
            params={
                "option": option,
                "fits_key": "eval.decision.fits",
                "unfit_key": "eval.decision.unfit",
            },
        )
    return option
