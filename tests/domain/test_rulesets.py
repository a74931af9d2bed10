"""Rule sets by edition; decision options (R-DEC-1, R-DEC-2, R-DEC-4, R-DEC-5)."""

from datetime import date

import pytest

from kzcommission.domain.errors import RuleError
from kzcommission.domain.rulesets import DECREE_490, ORDER_880, ruleset_for


def test_regular_and_repeat_fall_under_order_880():
    assert ruleset_for("regular", date(2025, 1, 10)) is ORDER_880
    assert ruleset_for("repeat", date(2025, 1, 10)) is ORDER_880


def test_extraordinary_falls_under_decree_490():
    assert ruleset_for("extraordinary", date(2024, 6, 1)) is DECREE_490


def test_nothing_governs_extraordinary_before_the_decree():
    with pytest.raises(RuleError):
        ruleset_for("extraordinary", date(2023, 12, 31))


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
