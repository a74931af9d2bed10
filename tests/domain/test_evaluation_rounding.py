"""R-EVA-3 / R-EVB-3 Reading: the mean rounded half up to two decimals, the band read
from that printed value (kzcommission/domain/evaluation/rounding.py)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kzcommission.domain.evaluation.corps_a import corps_a_band, corps_a_final
from kzcommission.domain.evaluation.corps_b import corps_b_band
from kzcommission.domain.evaluation.rounding import mean2, printed

# (unrounded mean, printed, corps A band R-EVA-3, corps B band R-EVB-3)
READING = [
    ("3.995", "4.00", "effective", "effective"),
    ("3.996", "4.00", "effective", "effective"),
    ("2.994", "2.99", "unsatisfactory", "satisfactory"),
    ("2.995", "3.00", "satisfactory", "proper"),
    ("3.994", "3.99", "satisfactory", "proper"),
    ("1.995", "2.00", "unsatisfactory", "satisfactory"),
    ("1.994", "1.99", "unsatisfactory", "unsatisfactory"),
]


@pytest.mark.parametrize(("mean", "shown", "band_a", "band_b"), READING)
def test_r_eva_3_and_r_evb_3_band_from_the_printed_value(mean, shown, band_a, band_b):
    assert str(printed(D(mean))) == shown
    assert corps_a_band(D(mean)) == band_a  # R-EVA-3
    assert corps_b_band(D(mean)) == band_b  # R-EVB-3
    # Read from the printed value: the unrounded and the printed give the same band.
    assert corps_a_band(D(shown)) == band_a and corps_b_band(D(shown)) == band_b


@pytest.mark.parametrize(
    ("scores", "final", "band"),
    [
        (["4", "4", "4", "4", "3.98"], "4.00", "effective"),  # 3.996 printed 4.00
        (["4", "4", "4", "4", "3.97"], "3.99", "satisfactory"),  # 3.994
        (["3", "3", "3", "3", "2.98"], "3.00", "satisfactory"),  # 2.996
        (["3", "3", "3", "3", "2.97"], "2.99", "unsatisfactory"),  # 2.994
    ],
)
def test_r_eva_3_final_score_of_five_kpis(scores, final, band):
    got, got_band = corps_a_final(scores)
    assert str(got) == final and got_band == band
    assert mean2([D(s) for s in scores]) == D(final)
