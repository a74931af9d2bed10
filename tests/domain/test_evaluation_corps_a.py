"""Corps "A" evaluation (Order 13, Appendix 1): KPI tables, final score, eligibility,
National Commission decisions, editions and the rounding rule.

Each test names the rule it proves (R-EVA-1..5); the expected tables below are
copied from the seed text of Appendices 4 and 5, not from the code.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from decimal import ROUND_DOWN, Context, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation import (
    NATIONAL_COMMISSION_OPTIONS,
    ORDER_13_2025,
    Kpi,
    chapters_in_force,
    corps_a_band,
    corps_a_eligible,
    corps_a_final,
    corps_a_sheet,
    edition_for,
    is_part_in_force,
    kpi_score_bounds,
    round2,
    validate_kpi_score,
    validate_national_commission_decision,
)
from kzcommission.domain.evaluation.rounding import mean2

D = Decimal

# (band "from", band "to" as read, Appendix 4 maximum, Appendix 5 range low, high).
# The 40 band is printed "40-44,49" in the source; read as 40-44.99 (R-EVA-2 Reading).
TABLE = [
    ("95", "99.99", "4.75", "4.75", "4.99"),
    ("90", "94.99", "4.50", "4.50", "4.74"),
    ("85", "89.99", "4.25", "4.25", "4.49"),
    ("80", "84.99", "4.00", "4.00", "4.24"),
    ("75", "79.99", "3.75", "3.75", "3.99"),
    ("70", "74.99", "3.50", "3.50", "3.74"),
    ("65", "69.99", "3.25", "3.25", "3.49"),
    ("60", "64.99", "3.00", "3.00", "3.24"),
    ("55", "59.99", "2.75", "2.75", "2.99"),
    ("50", "54.99", "2.50", "2.50", "2.74"),
    ("45", "49.99", "2.25", "2.25", "2.49"),
    ("40", "44.99", "2.00", "2.00", "2.24"),
    ("35", "39.99", "1.75", "1.75", "1.99"),
    ("30", "34.99", "1.50", "1.50", "1.74"),
    ("25", "29.99", "1.25", "1.25", "1.49"),
    ("20", "24.99", "1.00", "1.00", "1.24"),
    ("15", "19.99", "0.75", "0.75", "0.99"),
    ("10", "14.99", "0.50", "0.50", "0.74"),
    ("5", "9.99", "0.25", "0.25", "0.49"),
    ("0", "4.99", "0.00", "0.00", "0.24"),
]
# Every band at both of its edges.
EDGES = [(edge, row) for row in TABLE for edge in (row[0], row[1])]
TOP = ["100", "100.00", "100.01", "150", "1000000", "1E+40"]  # "100 и выше" -> 5


# ---- R-EVA-2: Appendix 4 (mandatory KPI on executing instructions) ----------------


@pytest.mark.parametrize(("percent", "row"), EDGES)
def test_r_eva_2_appendix_4_maximum_at_both_edges_of_every_band(percent, row):
    assert kpi_score_bounds(D(percent), True) == (D("0.00"), D(row[2]))


@pytest.mark.parametrize("percent", TOP)
def test_r_eva_2_appendix_4_hundred_and_above_scores_up_to_5(percent):
    assert kpi_score_bounds(D(percent), True) == (D("0"), D("5"))


@pytest.mark.parametrize(("percent", "row"), EDGES)
def test_r_eva_2_appendix_4_allows_maximum_and_lower_refuses_above(percent, row):
    maximum = D(row[2])
    assert validate_kpi_score(percent, True, maximum) == maximum
    assert validate_kpi_score(percent, True, "0") == D("0.00")  # "вправе выставить более низкую"
    with pytest.raises(RuleError) as caught:
        validate_kpi_score(percent, True, maximum + D("0.01"))
    assert caught.value.rule_id == "R-EVA-2"
    assert caught.value.field == "score"
    assert f"0.00-{maximum}" in str(caught.value)


# ---- R-EVA-2: Appendix 5 (other KPIs) ------------------------------------------------


@pytest.mark.parametrize(("percent", "row"), EDGES)
def test_r_eva_2_appendix_5_range_at_both_edges_of_every_band(percent, row):
    assert kpi_score_bounds(percent, False) == (D(row[3]), D(row[4]))


@pytest.mark.parametrize("percent", TOP)
def test_r_eva_2_appendix_5_hundred_and_above_is_exactly_5(percent):
    assert kpi_score_bounds(percent, False) == (D("5"), D("5"))


@pytest.mark.parametrize(("percent", "row"), EDGES)
def test_r_eva_2_appendix_5_refuses_just_outside_the_range(percent, row):
    low, high = D(row[3]), D(row[4])
    assert validate_kpi_score(percent, False, low) == low
    assert validate_kpi_score(percent, False, high) == high
    for outside in (low - D("0.01"), high + D("0.01")):
        if outside < 0:
            continue
        with pytest.raises(RuleError) as caught:
            validate_kpi_score(percent, False, outside)
        assert caught.value.rule_id == "R-EVA-2"
        assert f"{low}-{high}" in str(caught.value)  # the message names the allowed values


@pytest.mark.parametrize(
    ("percent", "mandatory_max", "range_"),
    [
        # R-EVA-2 Reading: the misprinted "40-44,49" band runs to 44.99.
        ("44.49", "2.00", ("2.00", "2.24")),
        ("44.5", "2.00", ("2.00", "2.24")),
        ("44.50", "2.00", ("2.00", "2.24")),
        ("44.99", "2.00", ("2.00", "2.24")),
        ("45", "2.25", ("2.25", "2.49")),
        # Percentages are rounded half up to two decimals first (rounding.py).
        ("44.994", "2.00", ("2.00", "2.24")),
        ("44.995", "2.25", ("2.25", "2.49")),
        ("4.994", "0.00", ("0.00", "0.24")),
        ("4.995", "0.25", ("0.25", "0.49")),
        ("99.994", "4.75", ("4.75", "4.99")),
        ("99.995", "5.00", ("5.00", "5.00")),
    ],
)
def test_r_eva_2_forty_percent_band_and_percent_rounding(percent, mandatory_max, range_):
    assert kpi_score_bounds(percent, True) == (D(0), D(mandatory_max))
    assert kpi_score_bounds(percent, False) == (D(range_[0]), D(range_[1]))


def test_r_eva_2_accepts_int_str_and_decimal_comma():
    assert kpi_score_bounds(85, False) == kpi_score_bounds("85,00", False) == (D("4.25"), D("4.49"))
    assert validate_kpi_score(" 97,5 ", False, "4,80") == D("4.80")


@pytest.mark.parametrize(
    "percent",
    [
        -1,
        "-1",
        D("-0.01"),
        44.5,
        100.0,
        True,
        None,
        "abc",
        "",
        "  ",
        "NaN",
        "Infinity",
        [],
        "1,2,3",
    ],
)
def test_r_eva_2_hostile_percentages_are_refused_naming_the_field(percent):
    with pytest.raises(RuleError) as caught:
        kpi_score_bounds(percent, False)
    assert caught.value.rule_id == "R-EVA-2"
    assert caught.value.field == "percent"


@pytest.mark.parametrize(
    "score", [-1, "-0.01", "5.01", 6, 4.5, False, None, "abc", "", "sNaN", "-Infinity", "4.755"]
)
def test_r_eva_2_hostile_scores_are_refused_naming_the_field(score):
    with pytest.raises(RuleError) as caught:
        validate_kpi_score("100", False, score)
    assert caught.value.rule_id == "R-EVA-2"
    assert caught.value.field == "score"


def test_r_eva_2_mandatory_must_be_a_bool():
    with pytest.raises(RuleError) as caught:
        kpi_score_bounds("50", "yes")
    assert caught.value.field == "mandatory"


two_decimal_percents = st.decimals(
    min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False
)


@given(two_decimal_percents)
def test_r_eva_2_property_appendix_4_maximum_is_appendix_5_floor(percent):
    # The two tables share their bands: the maximum of one is the floor of the other.
    _, maximum = kpi_score_bounds(percent, True)
    low, high = kpi_score_bounds(percent, False)
    assert maximum == low <= high <= low + D("0.24")


@given(two_decimal_percents, two_decimal_percents)
def test_r_eva_2_property_bounds_grow_with_the_percentage(a, b):
    a, b = sorted((a, b))
    assert kpi_score_bounds(a, False)[0] <= kpi_score_bounds(b, False)[0]
    assert kpi_score_bounds(a, True)[1] <= kpi_score_bounds(b, True)[1]


# ---- R-EVA-1 / R-EVA-3: final score and bands ---------------------------------------


@pytest.mark.parametrize(
    ("scores", "final", "band"),
    [
        (["0"] * 5, "0.00", "unsatisfactory"),
        (["2.99"] * 5, "2.99", "unsatisfactory"),
        (["3"] * 5, "3.00", "satisfactory"),
        (["3.99"] * 5, "3.99", "satisfactory"),
        (["4"] * 5, "4.00", "effective"),
        (["5"] * 5, "5.00", "effective"),
        # 14.97 / 5 = 2.994 -> 2.99; 14.99 / 5 = 2.998 -> 3.00 (half up, then banded)
        (["3", "3", "3", "3", "2.97"], "2.99", "unsatisfactory"),
        (["5", "4", "3", "2", "0.99"], "3.00", "satisfactory"),
        (["4", "4", "4", "4", "3.99"], "4.00", "effective"),
        ([D("4.75"), 4, "4,5", "3.25", D("2")], "3.70", "satisfactory"),
    ],
)
def test_r_eva_3_final_is_the_mean_of_five_banded(scores, final, band):
    assert corps_a_final(scores) == (D(final), band)


@pytest.mark.parametrize(
    ("final", "band"),
    [
        ("0", "unsatisfactory"),
        ("2.99", "unsatisfactory"),
        ("3.00", "satisfactory"),
        ("3.99", "satisfactory"),
        ("4.00", "effective"),
        ("5", "effective"),
    ],
)
def test_r_eva_3_band_edges(final, band):
    assert corps_a_band(D(final)) == band


@pytest.mark.parametrize("scores", [[], ["4"] * 4, ["4"] * 6, "12345", None, 5, {"a": 1}])
def test_r_eva_1_five_kpis_are_required(scores):
    with pytest.raises(RuleError) as caught:
        corps_a_final(scores)
    assert caught.value.rule_id == "R-EVA-1"


@pytest.mark.parametrize("bad", [4.0, "abc", "-1", "5.5", "1.001", None])
def test_r_eva_3_hostile_scores_name_their_position(bad):
    with pytest.raises(RuleError) as caught:
        corps_a_final(["4", "4", bad, "4", "4"])
    assert caught.value.field == "scores[2]"


@given(st.lists(st.decimals(min_value=0, max_value=5, places=2), min_size=5, max_size=5))
def test_r_eva_3_property_final_lies_between_lowest_and_highest(scores):
    final, _ = corps_a_final(scores)
    assert min(scores) <= final <= max(scores)


def test_r_eva_2_sheet_checks_each_kpi_against_its_table():
    kpis = [
        Kpi(percent="100", score="5", mandatory=True),
        Kpi(percent="87.5", score="4.40"),
        Kpi(percent="60", score="3.10"),
        Kpi(percent="44.7", score="2.24"),
        Kpi(percent="3", score="0.1"),
    ]
    assert corps_a_sheet(kpis) == (D("2.97"), "unsatisfactory")  # 14.84 / 5 = 2.968
    kpis[1] = Kpi(percent="87.5", score="4.50")
    with pytest.raises(RuleError) as caught:
        corps_a_sheet(kpis)
    assert caught.value.rule_id == "R-EVA-2"
    assert caught.value.field == "kpis[1]"
    assert str(caught.value).count("[R-EVA-2]") == 1


def test_r_eva_1_sheet_needs_five_kpi_lines():
    with pytest.raises(RuleError) as caught:
        corps_a_sheet([Kpi(percent="100", score="5")] * 4)
    assert caught.value.rule_id == "R-EVA-1"
    with pytest.raises(RuleError):
        corps_a_sheet(["5"] * 5)


# ---- R-EVA-4: eligibility -----------------------------------------------------------

YEAR = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}


@pytest.mark.parametrize(
    ("appointed", "days", "eligible"),
    [
        (date(2020, 5, 5), 200, True),  # in the position before the period
        (date(2025, 1, 1), 200, True),
        (date(2025, 10, 1), 60, True),  # 1 October - 31 December: three months
        (date(2025, 10, 2), 60, False),  # one day short
        (date(2025, 12, 31), 1, False),
        (date(2026, 1, 5), 0, False),  # appointed after the period
        (date(2020, 5, 5), 15, True),  # at least fifteen days actually worked
        (date(2020, 5, 5), 14, False),
    ],
)
def test_r_eva_4_three_months_and_fifteen_days(appointed, days, eligible):
    result = corps_a_eligible(appointed_on=appointed, days_worked=days, **YEAR)
    assert bool(result) is eligible
    assert all(reason.startswith("[R-EVA-4]") for reason in result.reasons)
    assert bool(result.reasons) is not eligible


def test_r_eva_4_reports_every_reason_and_accepts_datetimes():
    result = corps_a_eligible(appointed_on=datetime(2025, 11, 1, 9, 0), days_worked=10, **YEAR)
    assert not result
    assert len(result.reasons) == 2


@pytest.mark.parametrize("days", [-1, True, 15.0, "15", None])
def test_r_eva_4_hostile_days_worked(days):
    with pytest.raises(RuleError) as caught:
        corps_a_eligible(appointed_on=date(2020, 1, 1), days_worked=days, **YEAR)
    assert (caught.value.rule_id, caught.value.field) == ("R-EVA-4", "days_worked")


def test_r_eva_4_refuses_a_period_ending_before_it_starts_and_non_dates():
    with pytest.raises(RuleError):
        corps_a_eligible(
            appointed_on=date(2020, 1, 1),
            period_start=date(2025, 12, 31),
            period_end=date(2025, 1, 1),
            days_worked=100,
        )
    with pytest.raises(RuleError) as caught:
        corps_a_eligible(appointed_on="2020-01-01", days_worked=100, **YEAR)
    assert caught.value.field == "appointed_on"


# ---- R-EVA-5: National Commission ---------------------------------------------------


def test_r_eva_5_national_commission_fits_or_does_not_fit():
    assert NATIONAL_COMMISSION_OPTIONS == ("fits", "unfit")
    for option in NATIONAL_COMMISSION_OPTIONS:
        assert validate_national_commission_decision(option) == option


@pytest.mark.parametrize("option", ["recertify", "", "FITS", None, "fits_promote"])
def test_r_eva_5_other_decisions_are_refused(option):
    with pytest.raises(RuleError) as caught:
        validate_national_commission_decision(option)
    assert caught.value.rule_id == "R-EVA-5"
    assert "fits, unfit" in str(caught.value)


# ---- Editions (RULEBOOK: rules change by edition) -----------------------------------

TRANSITIONAL = {"corps_a.chapter_5", "corps_a.appendix_8", "corps_a.appendix_9"}
TRANSITIONAL |= {"corps_a.appendix_10"}


def test_edition_of_28_07_2025_applies_from_1_july_2025():
    assert edition_for(date(2025, 7, 1)) is ORDER_13_2025
    assert edition_for(date(2025, 12, 31)) is ORDER_13_2025
    assert edition_for(date(2030, 3, 31)) is ORDER_13_2025
    with pytest.raises(RuleError) as caught:
        edition_for(date(2025, 6, 30))
    assert caught.value.field == "period_end"


@pytest.mark.parametrize("period", [date(2025, 7, 31), date(2025, 12, 31), date(2026, 2, 28)])
def test_chapter_5_and_appendices_8_10_offered_for_past_periods(period):
    assert TRANSITIONAL <= set(chapters_in_force(period))


@pytest.mark.parametrize("period", [date(2026, 3, 1), date(2026, 3, 31), date(2027, 12, 31)])
def test_expired_chapter_5_never_offered_for_a_later_period(period):
    offered = set(chapters_in_force(period))
    assert not TRANSITIONAL & offered
    assert {"corps_a.chapter_3", "corps_a.appendix_4", "corps_a.appendix_5"} <= offered
    assert {"corps_b.chapter_3", "corps_b.appendix_1"} <= offered
    assert not is_part_in_force("corps_a.chapter_5", period)


@given(st.dates(min_value=date(2026, 3, 1), max_value=date(2100, 12, 31)))
def test_property_no_expired_part_after_1_march_2026(period):
    assert not TRANSITIONAL & set(chapters_in_force(period))


# ---- The rounding rule (rounding.py) -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rounded"),
    [("2.995", "3.00"), ("2.994", "2.99"), ("44.995", "45.00"), ("0.005", "0.01"), ("-0", "0.00")],
)
def test_round_half_up_to_two_decimals(value, rounded):
    assert str(round2(D(value))) == rounded


def test_rounding_ignores_the_callers_decimal_context():
    with localcontext(Context(prec=2, rounding=ROUND_DOWN)):
        assert round2(D("2.995")) == D("3.00")
        assert mean2([D("3"), D("3"), D("3"), D("3"), D("2.99")]) == D("3.00")
        assert corps_a_final(["5", "4", "3", "2", "0.99"])[0] == D("3.00")


def test_domain_evaluation_imports_no_gui_store_or_pdf_library():
    blocked = ["PySide6", "peewee", "reportlab", "keyring"]
    code = (
        "import sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None\n"
        "import kzcommission.domain.evaluation as e\n"
        "from datetime import date\n"
        "e.calibration_deadlines(date(2025, 11, 5), date(2025, 11, 3))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
