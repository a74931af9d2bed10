"""Lengths of service for items 5 and 6 of the certification sheet (R-DOC-2 Reading)."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.domain.errors import RuleError
from kzcommission.domain.service_length import ServiceLength, service_length


@pytest.mark.parametrize(
    ("start", "on", "expected"),
    [
        (date(2020, 3, 1), date(2020, 3, 1), ServiceLength(0, 0, 0)),
        (date(2020, 3, 1), date(2020, 4, 1), ServiceLength(0, 1, 0)),
        (date(2006, 9, 1), date(2025, 3, 14), ServiceLength(18, 6, 13)),
        (date(2024, 12, 15), date(2025, 1, 14), ServiceLength(0, 0, 30)),
        # Month ends: the 31st reaches a shorter month on its last day.
        (date(2023, 1, 31), date(2023, 2, 28), ServiceLength(0, 1, 0)),
        (date(2023, 1, 31), date(2023, 3, 1), ServiceLength(0, 1, 1)),
        (date(2023, 1, 31), date(2023, 4, 30), ServiceLength(0, 3, 0)),
        (date(2023, 8, 31), date(2024, 8, 30), ServiceLength(0, 11, 30)),
        # Leap years: 29 February reaches 28 February in a common year.
        (date(2020, 2, 29), date(2021, 2, 28), ServiceLength(1, 0, 0)),
        (date(2020, 2, 29), date(2024, 2, 29), ServiceLength(4, 0, 0)),
        (date(2020, 2, 28), date(2020, 3, 28), ServiceLength(0, 1, 0)),
        (date(2024, 1, 30), date(2024, 2, 29), ServiceLength(0, 1, 0)),
        (date(2023, 12, 31), date(2024, 12, 31), ServiceLength(1, 0, 0)),
    ],
)
def test_service_length_in_years_months_days(start, on, expected):
    """R-DOC-2 Reading: items 5 and 6 are lengths reckoned to the sitting's date."""
    assert service_length(start, on) == expected


def test_service_that_starts_after_the_sitting_is_refused():
    with pytest.raises(RuleError) as caught:
        service_length(date(2025, 6, 1), date(2025, 5, 31))
    assert caught.value.rule_id == "R-DOC-2" and caught.value.field == "service_start"
