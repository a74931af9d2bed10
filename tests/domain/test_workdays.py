"""Kazakhstan working days and month arithmetic (R-DL-9)."""

from __future__ import annotations

from datetime import date

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcommission.domain.workdays import (
    add_months,
    add_working_days,
    is_provisional,
    is_working_day,
    provisional_years,
    whole_months,
    working_days_between,
)

D = date


# R-DL-9: weekends, public holidays, observed (moved) days and Government transfers.
@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2025, 3, 20), True, "Thursday before Nauryz"),
        (D(2025, 3, 21), False, "Nauryz"),
        (D(2025, 3, 24), False, "Nauryz 22.03 (Saturday) observed on Monday"),
        (D(2025, 3, 25), False, "Nauryz 23.03 (Sunday) observed on Tuesday"),
        (D(2025, 3, 26), True, "first working day after Nauryz 2025"),
        (D(2024, 3, 25), False, "Nauryz 23.03.2024 (Saturday) observed on Monday"),
        (D(2024, 7, 6), False, "Capital Day on a Saturday"),
        (D(2024, 7, 8), False, "Capital Day observed on Monday"),
        (D(2024, 1, 1), False, "New Year"),
        (D(2024, 1, 2), False, "New Year, second day"),
        (D(2024, 1, 3), True, "first working day of 2024"),
        (D(2024, 1, 7), False, "Orthodox Christmas (a Sunday, not moved)"),
        (D(2025, 1, 7), False, "Orthodox Christmas 2025 (Tuesday)"),
        (D(2024, 6, 17), True, "Kurban Ait 16.06.2024 fell on Sunday and is not moved"),
        (D(2025, 6, 6), False, "Kurban Ait 2025"),
        (D(2024, 5, 8), False, "day off transferred from Saturday 04.05.2024"),
        (D(2024, 5, 4), True, "Saturday made a working day by the 2024 transfer"),
        (D(2025, 1, 3), False, "day off transferred from Sunday 05.01.2025"),
        (D(2025, 1, 5), True, "Sunday made a working day by the 2025 transfer"),
        (D(2013, 12, 28), True, "Saturday worked for 03.01.2014, decreed in the next year"),
        (D(2025, 11, 22), False, "an ordinary Saturday"),
        (D(2025, 11, 24), True, "an ordinary Monday"),
    ],
)
def test_r_dl_9_is_working_day(day: date, working: bool, why: str) -> None:
    assert is_working_day(day) is working, why


# R-DL-9: "within N working days": the start day is day 0.
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2025, 3, 20), 1, D(2025, 3, 26)),  # across Nauryz and its observed days
        (D(2025, 3, 26), -1, D(2025, 3, 20)),
        (D(2024, 12, 30), 3, D(2025, 1, 6)),  # across New Year, 03.01 off, 05.01 worked
        (D(2025, 1, 3), 1, D(2025, 1, 5)),  # the transferred Sunday counts
        (D(2024, 7, 5), 1, D(2024, 7, 9)),  # Capital Day observed on Monday
        (D(2025, 6, 5), 1, D(2025, 6, 9)),  # Kurban Ait on Friday
        (D(2024, 5, 6), 3, D(2024, 5, 14)),  # 07, 08 and 09 May off: 10, 13, 14
        (D(2024, 5, 3), 1, D(2024, 5, 4)),  # working Saturday
        (D(2025, 11, 24), 0, D(2025, 11, 24)),
        (D(2025, 11, 22), 0, D(2025, 11, 22)),  # n == 0 keeps even a day off
        (D(2025, 11, 22), 1, D(2025, 11, 24)),
        (D(2025, 11, 22), -1, D(2025, 11, 21)),
        (D(2024, 1, 3), -1, D(2023, 12, 29)),  # back across the year end
        (D(2024, 2, 28), 2, D(2024, 3, 1)),  # leap day is a Thursday, worked
    ],
)
def test_r_dl_9_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


# R-DL-9: working_days_between counts (start, end]; negative when end < start.
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 3, 20), D(2025, 3, 26), 1),
        (D(2025, 3, 26), D(2025, 3, 20), -1),
        (D(2025, 3, 20), D(2025, 3, 20), 0),
        (D(2024, 12, 31), D(2025, 1, 10), 5),  # worked: 05 (Sunday), 06, 08, 09, 10
        (D(2023, 12, 31), D(2025, 12, 31), 249 + 246),
        (D(2025, 3, 21), D(2025, 3, 25), 0),  # wholly inside Nauryz
    ],
)
def test_r_dl_9_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize("year", [2013, 2014, 2020, 2024, 2025, 2026])
def test_r_dl_9_year_totals_match_the_library(year: int) -> None:
    # The per-year cache must agree with the library's own (slow) count, transfers included.
    cal = holidays.country_holidays("KZ", years=(year, year + 1))
    expected = cal.get_working_days_count(D(year, 1, 1), D(year, 12, 31))
    assert working_days_between(D(year - 1, 12, 31), D(year, 12, 31)) == expected


# R-DL-9: property: the count of working days inverts the addition.
@given(
    start=st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31)),
    n=st.integers(min_value=-800, max_value=800),
)
def test_r_dl_9_between_inverts_add(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)


# R-DL-9: years the library has no firm data for are provisional.
@pytest.mark.parametrize(
    ("year", "provisional"),
    [(1985, True), (2019, False), (2024, False), (2025, False), (2099, True), (2101, True)],
)
def test_r_dl_9_is_provisional(year: int, provisional: bool) -> None:
    assert is_provisional(year) is provisional


def test_r_dl_9_provisional_years_sorted_unique() -> None:
    assert provisional_years([2099, 2024, 2099, 1985]) == [1985, 2099]


# Month arithmetic used by R-ELIG-1..6 and R-DL-1: month ends clamp.
@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2028, 2, 29), 36, D(2031, 2, 28)),
        (D(2028, 2, 29), 48, D(2032, 2, 29)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2025, 5, 31), 0, D(2025, 5, 31)),
    ],
)
def test_add_months_clamps_month_ends(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


# whole_months inverts add_months (used for the R-ELIG-2 three-year cycles).
@given(
    start=st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)),
    end=st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)),
)
def test_whole_months_inverts_add_months(start: date, end: date) -> None:
    m = whole_months(start, end)
    assert add_months(start, m) <= end < add_months(start, m + 1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 1, 31), D(2025, 2, 28), 1),  # the clamped step lands on the month's end
        (D(2028, 1, 31), D(2028, 2, 28), 0),  # leap February: the step is the 29th
        (D(2028, 2, 29), D(2031, 2, 28), 36),
        (D(2025, 3, 15), D(2025, 3, 14), -1),
    ],
)
def test_whole_months_month_ends(start: date, end: date, expected: int) -> None:
    assert whole_months(start, end) == expected
