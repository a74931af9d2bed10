"""Corps "B" evaluation (Order 13, Appendix 2): the sheet forms, bands, penalty caps,
annual score, deadlines, eligibility and additional evaluators (R-EVB-1..5).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation import (
    FORMS,
    corps_b_annual,
    corps_b_annual_deadline,
    corps_b_band,
    corps_b_eligible,
    corps_b_quarter_deadline,
    corps_b_sheet,
    needs_additional_evaluators,
    parameter5_cap,
)

D = Decimal

# Parameter keys of the two forms of Appendix 1 to the corps "B" methodology.
LEADING_KEYS = (
    "supervised_task_quality",
    "supervised_task_deadlines",
    "leadership_and_decisions",
    "labour_discipline",
    "no_disciplinary_penalties",
)
NON_LEADING_KEYS = (
    "duty_quality",
    "task_deadlines",
    "independence_and_initiative",
    "labour_discipline",
    "no_disciplinary_penalties",
)


def sheet(keys, values):
    return dict(zip(keys, values, strict=True))


# ---- R-EVB-3: forms and bands --------------------------------------------------------


def test_r_evb_3_two_forms_with_five_parameters_each():
    assert FORMS == {"leading": LEADING_KEYS, "non_leading": NON_LEADING_KEYS}


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("0", "unsatisfactory"),
        ("1.99", "unsatisfactory"),
        ("2", "satisfactory"),
        ("2.99", "satisfactory"),
        ("3", "proper"),
        ("3.99", "proper"),
        ("4", "effective"),
        ("5", "effective"),
    ],
)
def test_r_evb_3_band_edges(score, band):
    assert corps_b_band(D(score)) == band
    # The same edges through a whole sheet of equal scores, for both forms.
    for keys in (LEADING_KEYS, NON_LEADING_KEYS):
        assert corps_b_sheet(sheet(keys, [score] * 5)) == (D(score), band)


@pytest.mark.parametrize(
    ("scores", "final", "band"),
    [
        (["5", "5", "4", "4", "3"], "4.20", "effective"),
        (["4", "4", "4", "4", "3.99"], "4.00", "effective"),  # 19.99 / 5 = 3.998 -> 4.00
        (["4", "4", "4", "4", "3.97"], "3.99", "proper"),  # 3.994 -> 3.99
        (["2", "2", "2", "2", "1.97"], "1.99", "unsatisfactory"),
        (["0", "0", "0", "0", "0"], "0.00", "unsatisfactory"),
    ],
)
def test_r_evb_3_final_is_the_mean_of_five(scores, final, band):
    assert corps_b_sheet(scores) == (D(final), band)
    assert corps_b_sheet(sheet(LEADING_KEYS, scores), form="leading") == (D(final), band)


def test_r_evb_3_form_is_inferred_from_the_keys_or_checked_against_them():
    scores = sheet(NON_LEADING_KEYS, ["4"] * 5)
    assert corps_b_sheet(scores)[0] == D("4.00")
    assert corps_b_sheet(scores, form="non_leading")[0] == D("4.00")
    with pytest.raises(RuleError) as caught:
        corps_b_sheet(scores, form="leading")
    assert (caught.value.rule_id, caught.value.field) == ("R-EVB-3", "scores")


@pytest.mark.parametrize(
    "scores",
    [
        {k: "4" for k in LEADING_KEYS[:4]},  # a parameter missing
        {**{k: "4" for k in LEADING_KEYS}, "extra": "4"},
        {**{k: "4" for k in LEADING_KEYS[:4]}, "duty_quality": "4"},  # keys of both forms
        ["4"] * 4,
        ["4"] * 6,
        "44444",
        None,
        4,
    ],
)
def test_r_evb_3_wrong_sheet_shapes_are_refused(scores):
    with pytest.raises(RuleError) as caught:
        corps_b_sheet(scores)
    assert caught.value.rule_id == "R-EVB-3"


@pytest.mark.parametrize("form", ["manager", "", 1, ["leading"]])
def test_r_evb_3_unknown_form(form):
    with pytest.raises(RuleError) as caught:
        corps_b_sheet(["4"] * 5, form=form)
    assert caught.value.field == "form"


@pytest.mark.parametrize("bad", ["-1", "5.01", 4.5, True, None, "abc", "", "NaN", "3.333"])
def test_r_evb_3_hostile_parameter_scores_name_the_parameter(bad):
    scores = sheet(LEADING_KEYS, ["4", bad, "4", "4", "4"])
    with pytest.raises(RuleError) as caught:
        corps_b_sheet(scores)
    assert (caught.value.rule_id, caught.value.field) == ("R-EVB-3", "supervised_task_deadlines")


@given(st.lists(st.decimals(min_value=0, max_value=5, places=2), min_size=5, max_size=5))
def test_r_evb_3_property_final_between_lowest_and_highest(scores):
    final, band = corps_b_sheet(scores)
    assert min(scores) <= final <= max(scores)
    assert band == corps_b_band(final)


# ---- R-EVB-4: parameter 5 caps ------------------------------------------------------

CAPS = [
    (None, "5"),
    ("remark", "2.99"),  # замечание
    ("reprimand", "2.99"),  # выговор
    ("severe_reprimand", "2.99"),  # строгий выговор
    ("demotion", "1.99"),  # any other penalty
    ("dismissal", "1.99"),
    ("warning_of_incomplete_conformity", "1.99"),
    ("unknown_or_misspelled", "1.99"),  # errs on the strict side
]


@pytest.mark.parametrize(("penalty", "cap"), CAPS)
def test_r_evb_4_cap_of_parameter_5(penalty, cap):
    assert parameter5_cap(penalty) == D(cap)
    for keys in (LEADING_KEYS, NON_LEADING_KEYS):
        ok = sheet(keys, ["5", "5", "5", "5", cap])
        # 22.99 / 5 = 4.598 -> 4.60; 21.99 / 5 = 4.398 -> 4.40
        expected = {"5": "5.00", "2.99": "4.60", "1.99": "4.40"}[cap]
        assert corps_b_sheet(ok, penalty) == (D(expected), "effective")


@pytest.mark.parametrize(("penalty", "cap"), [c for c in CAPS if c[0] is not None])
def test_r_evb_4_over_the_cap_is_refused_not_clamped(penalty, cap):
    over = D(cap) + D("0.01")
    for keys in (LEADING_KEYS, NON_LEADING_KEYS):
        with pytest.raises(RuleError) as caught:
            corps_b_sheet(sheet(keys, ["5", "5", "5", "5", over]), penalty)
        assert caught.value.rule_id == "R-EVB-4"
        assert caught.value.field == "no_disciplinary_penalties"
        assert cap in str(caught.value)
    with pytest.raises(RuleError) as caught:
        corps_b_sheet(["5", "5", "5", "5", over], penalty)  # a list: parameter 5 is the last
    assert caught.value.rule_id == "R-EVB-4"


def test_r_evb_4_cap_applies_to_parameter_5_only():
    assert corps_b_sheet(["5", "5", "5", "5", "1.99"], "dismissal") == (D("4.40"), "effective")


@pytest.mark.parametrize("penalty", ["", "   ", 1, True, ["remark"]])
def test_r_evb_4_hostile_penalty(penalty):
    with pytest.raises(RuleError) as caught:
        corps_b_sheet(["4"] * 5, penalty)
    assert (caught.value.rule_id, caught.value.field) == ("R-EVB-4", "penalty")


# ---- R-EVB-1: annual score and deadlines ---------------------------------------------


@pytest.mark.parametrize(
    ("quarters", "final", "band"),
    [
        (["4", "4", "3", "3"], "3.50", "proper"),
        (["4.5", "3.5"], "4.00", "effective"),  # quarters not evaluated are left out
        (["1.99"], "1.99", "unsatisfactory"),
        (["4", "4", "4.01"], "4.00", "effective"),  # 4.00333 -> 4.00
        (["2", "2", "1.99", "1.99"], "2.00", "satisfactory"),  # 1.995 -> 2.00, half up
        ({1: "3", 2: "4", 4: "5"}, "4.00", "effective"),
    ],
)
def test_r_evb_1_annual_is_the_mean_of_the_quarters(quarters, final, band):
    assert corps_b_annual(quarters) == (D(final), band)


@pytest.mark.parametrize(
    "quarters", [[], ["4"] * 5, {0: "4"}, {5: "4"}, {True: "4"}, "4444", None, ["4", 4.0]]
)
def test_r_evb_1_annual_hostile_input(quarters):
    with pytest.raises(RuleError) as caught:
        corps_b_annual(quarters)
    assert caught.value.rule_id == "R-EVB-1"


@pytest.mark.parametrize(
    ("year", "quarter", "deadline"),
    [
        (2026, 1, date(2026, 4, 20)),
        (2026, 2, date(2026, 7, 20)),
        (2026, 3, date(2026, 10, 20)),
        (2025, 4, date(2026, 1, 20)),
    ],
)
def test_r_evb_1_quarter_deadline_is_the_20th_of_the_next_month(year, quarter, deadline):
    assert corps_b_quarter_deadline(year, quarter) == deadline


def test_r_evb_1_annual_score_formed_by_30_january():
    assert corps_b_annual_deadline(2025) == date(2026, 1, 30)


@pytest.mark.parametrize(("year", "quarter"), [(2026, 0), (2026, 5), (2026, True), ("2026", 1)])
def test_r_evb_1_deadline_hostile_input(year, quarter):
    with pytest.raises(RuleError) as caught:
        corps_b_quarter_deadline(year, quarter)
    assert caught.value.rule_id == "R-EVB-1"


# ---- R-EVB-2: eligibility ------------------------------------------------------------

Q1 = {"period_start": date(2026, 1, 1), "period_end": date(2026, 3, 31)}


@pytest.mark.parametrize(
    ("appointed", "days", "eligible"),
    [
        (date(2024, 6, 1), 60, True),
        (date(2026, 3, 1), 20, True),  # 1-31 March: one month
        (date(2026, 3, 2), 20, False),  # one day short
        (date(2026, 2, 28), 15, True),
        (date(2024, 6, 1), 15, True),
        (date(2024, 6, 1), 14, False),  # fewer than fifteen working days worked
        (date(2026, 4, 1), 0, False),
    ],
)
def test_r_evb_2_one_month_and_fifteen_days(appointed, days, eligible):
    result = corps_b_eligible(appointed_on=appointed, days_worked=days, **Q1)
    assert bool(result) is eligible
    assert all(reason.startswith("[R-EVB-2]") for reason in result.reasons)


def test_r_evb_2_month_counted_to_a_short_month():
    # Appointed 31 August, third quarter ends 30 September: a whole month (to 30.09).
    q3 = {"period_start": date(2026, 7, 1), "period_end": date(2026, 9, 30)}
    assert corps_b_eligible(appointed_on=date(2026, 8, 31), days_worked=20, **q3)
    assert corps_b_eligible(appointed_on=date(2026, 9, 1), days_worked=20, **q3)
    assert not corps_b_eligible(appointed_on=date(2026, 9, 2), days_worked=20, **q3)


# ---- R-EVB-5: additional evaluators ---------------------------------------------------


@pytest.mark.parametrize(("count", "needed"), [(0, False), (1, False), (20, False), (21, True)])
def test_r_evb_5_more_than_twenty_evaluated(count, needed):
    assert needs_additional_evaluators(count) is needed


@pytest.mark.parametrize("count", [-1, True, 21.0, "21", None])
def test_r_evb_5_hostile_count(count):
    with pytest.raises(RuleError) as caught:
        needs_additional_evaluators(count)
    assert (caught.value.rule_id, caught.value.field) == ("R-EVB-5", "count")
