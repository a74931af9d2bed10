"""R-QUO-1 and R-QUO-2."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcommission.domain.errors import RuleError
from kzcommission.domain.quorum import (
    QuorumState,
    check_quorum_for_vote,
    has_quorum,
    required_quorum,
)


@pytest.mark.parametrize(
    "members, required", [(1, 1), (3, 2), (7, 5), (8, 6), (9, 6), (10, 7), (12, 8), (15, 10)]
)
def test_required_quorum_two_thirds(members, required):
    """R-QUO-1 Reading: ceil(2n/3)."""
    assert required_quorum(members) == required


@pytest.mark.parametrize(
    "present, members, valid",
    [
        (6, 9, True),
        (5, 9, False),
        (6, 8, True),
        (5, 8, False),
        (7, 10, True),
        (6, 10, False),
        (0, 1, False),
        (1, 1, True),
    ],
)
def test_has_quorum(present, members, valid):
    """R-QUO-1: 3 * present >= 2 * members."""
    assert has_quorum(present, members) is valid


@given(st.integers(1, 300))
def test_required_is_the_least_valid_count(members):
    """R-QUO-1: required_quorum and has_quorum agree at the threshold."""
    required = required_quorum(members)
    assert has_quorum(required, members)
    assert not has_quorum(required - 1, members)


@pytest.mark.parametrize(
    "present, members, field", [(0, 0, "members"), (-1, 9, "present"), (10, 9, "present")]
)
def test_bad_counts_are_refused(present, members, field):
    with pytest.raises(RuleError) as err:
        has_quorum(present, members)
    assert err.value.field == field and err.value.rule_id == "R-QUO-1"


def test_no_vote_without_quorum():
    """R-QUO-2."""
    check_quorum_for_vote(QuorumState.of(6, 9))
    with pytest.raises(RuleError) as err:
        check_quorum_for_vote(QuorumState.of(5, 9))
    assert err.value.rule_id == "R-QUO-2" and "5 of 9" in str(err.value)
