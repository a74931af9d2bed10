"""Corps "B": the quarterly evaluation sheet, the annual score, deadlines, eligibility.

Order 13, Appendix 2 (Model methodology for corps "B"), edition of 28.07.2025;
the two sheet forms are in its Appendix 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation.eligibility import Eligibility, tenure_eligibility
from kzcommission.domain.evaluation.rounding import mean2, printed
from kzcommission.domain.evaluation.values import SCORE_MAX, Number, to_count, to_score

MIN_MONTHS_IN_POSITION = 1  # R-EVB-2, App. 2 §6
QUARTER_DEADLINE_DAY = 20  # R-EVB-1, App. 2 §5: by the 20th of the month after the quarter
ANNUAL_DEADLINE = (1, 30)  # R-EVB-1, App. 2 §5: by 30 January of the next year
MAX_EVALUATED_BY_ONE = 20  # R-EVB-5, App. 2 §18: "превышает двадцать человек"


class CorpsBBand(StrEnum):
    """Result bands of R-EVB-3 (App. 2 §8); labels live in the catalogues."""

    EFFECTIVE = "effective"  # 4 - 5
    PROPER = "proper"  # 3 - 3.99
    SATISFACTORY = "satisfactory"  # 2 - 2.99
    UNSATISFACTORY = "unsatisfactory"  # 0 - 1.99


LEADING = "leading"
NON_LEADING = "non_leading"

# The five parameters of each form, in the printed order (App. 2, Appendix 1).
FORMS: dict[str, tuple[str, ...]] = {
    # "Оценочный лист лица, занимающего руководящую должность"
    LEADING: (
        "supervised_task_quality",  # 1. качественное выполнение задач в курируемых подразделениях
        "supervised_task_deadlines",  # 2. соблюдение сроков в курируемых подразделениях
        "leadership_and_decisions",  # 3. лидерство и навыки принятия решений
        "labour_discipline",  # 4. соблюдение трудовой дисциплины
        "no_disciplinary_penalties",  # 5. отсутствие дисциплинарных взысканий
    ),
    # "Оценочный лист лица, занимающего не руководящую должность"
    NON_LEADING: (
        "duty_quality",  # 1. качество выполнения функциональных обязанностей
        "task_deadlines",  # 2. соблюдение сроков выполнения задач
        "independence_and_initiative",  # 3. самостоятельность и инициативность
        "labour_discipline",  # 4. соблюдение трудовой дисциплины
        "no_disciplinary_penalties",  # 5. отсутствие дисциплинарных взысканий
    ),
}
PENALTY_PARAMETER = "no_disciplinary_penalties"

# R-EVB-4: penalties that cap parameter 5 at 2.99 ("замечание, выговор, строгий выговор");
# any other penalty caps it at 1.99.
LIGHT_PENALTIES: frozenset[str] = frozenset({"remark", "reprimand", "severe_reprimand"})
LIGHT_PENALTY_CAP = Decimal("2.99")
OTHER_PENALTY_CAP = Decimal("1.99")


def corps_b_band(final: Decimal) -> CorpsBBand:
    """The R-EVB-3 band of a score, read from its printed value (R-EVA-3/R-EVB-3 Reading)."""
    final = printed(final)
    if final >= 4:
        return CorpsBBand.EFFECTIVE
    if final >= 3:
        return CorpsBBand.PROPER
    if final >= 2:
        return CorpsBBand.SATISFACTORY
    return CorpsBBand.UNSATISFACTORY


def parameter5_cap(penalty: str | None) -> Decimal:
    """Highest score of parameter 5 given the quarter's penalty (R-EVB-4).

    ``None`` means no penalty in the quarter. With several penalties, pass the
    most severe. Reading: any penalty id other than the three light ones gets the
    1.99 cap, so an unknown or misspelled id errs on the strict side.
    """
    if penalty is None:
        return SCORE_MAX
    if not isinstance(penalty, str) or not penalty.strip():
        raise RuleError(
            "penalty must be a penalty id, or None for no penalty",
            rule_id="R-EVB-4",
            field="penalty",
            key="evb_penalty_id",
        )
    return LIGHT_PENALTY_CAP if penalty in LIGHT_PENALTIES else OTHER_PENALTY_CAP


def _ordered_scores(
    scores: Mapping[str, Number] | Sequence[Number], form: str | None
) -> list[tuple[str, Number]]:
    """(field, score) pairs in the form's order; the form is inferred from mapping keys."""
    if form is not None and (not isinstance(form, str) or form not in FORMS):
        raise RuleError(
            f"unknown form {form!r}; allowed: {', '.join(FORMS)}",
            rule_id="R-EVB-3",
            field="form",
            key="evb_unknown_form",
            params={
                "form": form,
                "leading_key": f"eval.form.{LEADING}",
                "non_leading_key": f"eval.form.{NON_LEADING}",
            },
        )
    if isinstance(scores, Mapping):
        keys = set(scores)
        matching = [name for name, params in FORMS.items() if set(params) == keys]
        if not matching or (form is not None and form not in matching):
            expected = FORMS[form] if form else " or ".join(str(p) for p in FORMS.values())
            raise RuleError(
                f"the sheet's parameters must be {expected}, got {sorted(map(str, keys))}",
                rule_id="R-EVB-3",
                field="scores",
                key="evb_parameters",
                params={"expected": expected, "got": sorted(map(str, keys))},
            )
        return [(key, scores[key]) for key in FORMS[matching[0]]]
    # A string is a Sequence too: "12345" must not pass as five scores.
    if isinstance(scores, str | bytes) or not isinstance(scores, Sequence):
        raise RuleError(
            "scores must be a mapping of parameters or a list of five",
            rule_id="R-EVB-3",
            field="scores",
            key="evb_scores_shape",
        )
    if len(scores) != 5:
        raise RuleError(
            f"the sheet has five parameters, got {len(scores)}",
            rule_id="R-EVB-3",
            field="scores",
            key="evb_five_parameters",
            params={"got": len(scores)},
        )
    names = FORMS[form] if form else [f"parameter_{n}" for n in range(1, 5)] + [PENALTY_PARAMETER]
    return list(zip(names, scores, strict=True))


def corps_b_sheet(
    scores: Mapping[str, Number] | Sequence[Number],
    penalty: str | None = None,
    *,
    form: str | None = None,
) -> tuple[Decimal, str]:
    """Final score and band of one quarterly sheet (R-EVB-3, R-EVB-4).

    ``scores`` maps the parameter keys of one form (``FORMS``) to scores 0-5, or
    lists the five scores in the printed order. Reading (R-EVB-4): a parameter 5
    score above the penalty's cap is refused with a RuleError, not clamped: the
    evaluator must choose the score, the product does not lower it silently.
    """
    cap = parameter5_cap(penalty)
    values = []
    for field, score in _ordered_scores(scores, form):
        value = to_score(score, field=field, rule_id="R-EVB-3")
        if field == PENALTY_PARAMETER and value > cap:
            raise RuleError(
                f"parameter 5 (no disciplinary penalties) may not exceed {cap} "
                f"with the penalty {penalty!r} in the quarter; got {value}",
                rule_id="R-EVB-4",
                field=field,
                key="evb_parameter5_cap",
                params={
                    "cap": cap,
                    "penalty_key": f"eval.penalty.{penalty}"
                    if penalty in LIGHT_PENALTIES
                    else "eval.penalty.other",
                    "value": value,
                },
            )
        values.append(value)
    final = mean2(values)
    return final, corps_b_band(final)


def corps_b_annual(
    quarter_scores: Sequence[Number] | Mapping[int, Number],
) -> tuple[Decimal, str]:
    """Annual score and band: the mean of the quarters evaluated (R-EVB-1).

    Quarters not evaluated (R-EVB-2) are left out, not counted as zero. A
    mapping is keyed by quarter number 1-4.
    """
    if isinstance(quarter_scores, Mapping):
        for quarter in quarter_scores:
            _quarter(quarter)
        items = list(quarter_scores.values())
    elif isinstance(quarter_scores, str | bytes) or not isinstance(quarter_scores, Sequence):
        raise RuleError(
            "quarter scores must be a list",
            rule_id="R-EVB-1",
            field="quarter_scores",
            key="evb_quarter_scores_list",
        )
    else:
        items = list(quarter_scores)
    if not 1 <= len(items) <= 4:
        raise RuleError(
            f"one to four quarterly scores are needed, got {len(items)}",
            rule_id="R-EVB-1",
            field="quarter_scores",
            key="evb_quarter_count",
            params={"got": len(items)},
        )
    values = [
        to_score(score, field=f"quarter_scores[{index}]", rule_id="R-EVB-1")
        for index, score in enumerate(items)
    ]
    final = mean2(values)
    return final, corps_b_band(final)


def _quarter(quarter: object) -> int:
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise RuleError(
            f"quarter {quarter!r} is not 1-4",
            rule_id="R-EVB-1",
            field="quarter",
            key="evb_quarter_range",
            params={"quarter": quarter},
        )
    return quarter


def _year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year < 9999:
        raise RuleError(
            f"year {year!r} is not valid",
            rule_id="R-EVB-1",
            field="year",
            key="evb_year_invalid",
            params={"year": year},
        )

    return year


def corps_b_quarter_deadline(year: int, quarter: int) -> date:
    """R-EVB-1: the 20th of the month after the quarter (Q4: 20 January of the next year)."""
    year, quarter = _year(year), _quarter(quarter)
    if quarter == 4:
        return date(year + 1, 1, QUARTER_DEADLINE_DAY)
    return date(year, quarter * 3 + 1, QUARTER_DEADLINE_DAY)


def corps_b_annual_deadline(year: int) -> date:
    """R-EVB-1: the annual score is formed by 30 January of the next year."""
    month, day = ANNUAL_DEADLINE
    return date(_year(year) + 1, month, day)


def corps_b_eligible(
    *, appointed_on: date, period_start: date, period_end: date, days_worked: int
) -> Eligibility:
    """R-EVB-2: at least one month in the position and 15 working days worked."""
    return tenure_eligibility(
        appointed_on=appointed_on,
        period_start=period_start,
        period_end=period_end,
        days_worked=days_worked,
        months=MIN_MONTHS_IN_POSITION,
        rule_id="R-EVB-2",
    )


def needs_additional_evaluators(count: int) -> bool:
    """R-EVB-5: more than twenty persons to evaluate: the evaluator names more evaluators."""
    return to_count(count, field="count", rule_id="R-EVB-5") > MAX_EVALUATED_BY_ONE
