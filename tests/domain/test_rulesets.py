"""Rule sets by edition; decision options (R-DEC-1, R-DEC-2, R-DEC-4, R-DEC-5)."""

from dataclasses import replace
from datetime import date

import pytest

from kzcommission.domain.eligibility import extraordinary_period
from kzcommission.domain.errors import RuleError
from kzcommission.domain.rulesets import DECREE_490, ORDER_880, RULESETS, ruleset_for


def test_regular_and_repeat_fall_under_order_880():
    assert ruleset_for("regular", date(2025, 1, 10)) is ORDER_880
    assert ruleset_for("repeat", date(2025, 1, 10)) is ORDER_880


def test_extraordinary_falls_under_decree_490():
    assert ruleset_for("extraordinary", date(2024, 6, 1)) is DECREE_490


# R-ELIG-7 Reading: Decree 490 governs sittings from 01.04.2024 to 31.12.2024 only.
R_ELIG_7_SITTINGS = [
    (date(2023, 12, 31), False),
    (date(2024, 2, 28), False),  # the Decree signed, its campaign not begun
    (date(2024, 3, 31), False),
    (date(2024, 4, 1), True),
    (date(2024, 12, 31), True),
    (date(2025, 1, 1), False),
    (date(2026, 3, 10), False),
]


@pytest.mark.parametrize(("held_on", "governed"), R_ELIG_7_SITTINGS)
def test_r_elig_7_decree_490_window(held_on: date, governed: bool) -> None:
    if governed:
        assert ruleset_for("extraordinary", held_on) is DECREE_490
        return
    with pytest.raises(RuleError) as caught:
        ruleset_for("extraordinary", held_on)
    assert caught.value.rule_id == "R-ELIG-7" and caught.value.field == "kind"
    assert "01.04.2024-31.12.2024" in str(caught.value)  # the window is named


def test_r_elig_7_extension_is_a_new_edition() -> None:
    """R-ELIG-7: an extension is data (another edition), the 2024 edition unchanged."""
    extension = replace(
        DECREE_490,
        code="DECREE_490_2026",
        edition="Decree 490 as extended (test edition)",
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
    )
    editions = (*RULESETS, extension)
    assert ruleset_for("extraordinary", date(2026, 3, 10), editions) is extension
    assert ruleset_for("extraordinary", date(2024, 6, 1), editions) is DECREE_490
    with pytest.raises(RuleError) as caught:
        ruleset_for("extraordinary", date(2025, 6, 1), editions)
    assert caught.value.rule_id == "R-ELIG-7"
    assert "31.12.2024" in str(caught.value) and "01.01.2026" in str(caught.value)


def test_r_elig_7_campaign_period_comes_from_the_rule_set() -> None:
    assert extraordinary_period(date(2024, 6, 1)) == (date(2024, 4, 1), date(2024, 12, 31))
    assert extraordinary_period(date(2026, 3, 10)) == (date(2024, 4, 1), date(2024, 12, 31))


def test_order_880_has_no_window() -> None:
    assert ruleset_for("regular", date(2030, 1, 1)) is ORDER_880


def test_options():
    """R-DEC-1, R-DEC-2, R-DEC-4, R-DEC-5."""
    assert ORDER_880.decision_options("regular") == ("fits", "recertify", "unfit")
    assert ORDER_880.decision_options("repeat") == ("fits", "unfit")
    assert DECREE_490.decision_options("extraordinary") == (
        "fits_promote",
        "fits",
        "unfit_demote",
        "unfit_transfer",
        "unfit_dismiss",
    )
    assert DECREE_490.decision_options("extraordinary", restricted=True) == (
        "unfit_demote",
        "unfit_transfer",
        "unfit_dismiss",
    )
    with pytest.raises(RuleError):
        ORDER_880.decision_options("regular", restricted=True)


def test_both_use_the_chairs_casting_vote():
    """R-VOTE-3: Decree 490 §19; Order 880 silent, same rule applied."""
    assert ORDER_880.tie_policy == DECREE_490.tie_policy == "chair"


def test_grade_vote_follows_positive_decisions_only():
    """R-DEC-3."""
    assert ORDER_880.grade_vote_follows("fits")
    assert not ORDER_880.grade_vote_follows("unfit")
    assert not DECREE_490.grade_vote_follows("fits")


def test_recording_required_in_extraordinary():
    """R-SIT-2."""
    assert DECREE_490.recording_required and not ORDER_880.recording_required
