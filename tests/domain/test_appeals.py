"""R-DOC-8 (appeals) and R-SIT-1 (the vote follows the interview), read in the domain."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.domain.appeals import check_filing, check_outcome
from kzcommission.domain.errors import RuleError
from kzcommission.domain.sitting import check_vote_follows_interview

DECIDED = date(2025, 3, 12)

# (filed on, outcome, outcome on, refused field or None)
R_DOC_8 = [
    (date(2025, 3, 12), "rejected", date(2025, 3, 12), None),
    (date(2025, 4, 1), "cancelled", date(2025, 4, 20), None),
    (date(2025, 3, 11), "rejected", date(2025, 3, 20), "filed_on"),
    (date(2025, 3, 20), "rejected", date(2025, 3, 19), "on"),
    (date(2025, 3, 20), "upheld", date(2025, 3, 21), "outcome"),
]


@pytest.mark.parametrize(("filed", "outcome", "on", "field"), R_DOC_8)
def test_r_doc_8_appeal_dates_and_outcomes(filed, outcome, on, field):
    try:
        check_filing(DECIDED, filed)
        check_outcome(outcome, filed, on)
    except RuleError as error:
        assert (error.rule_id, error.field) == ("R-DOC-8", field)
    else:
        assert field is None


@pytest.mark.parametrize(
    ("appearance", "allowed"),
    [("present", True), ("pending", False), ("absent_excused", False), ("absent_unexcused", False)],
)
def test_r_sit_1_vote_only_after_the_interview(appearance, allowed):
    if allowed:
        check_vote_follows_interview(appearance)
        return
    with pytest.raises(RuleError) as caught:
        check_vote_follows_interview(appearance)
    assert (caught.value.rule_id, caught.value.field) == ("R-SIT-1", "appearance")
