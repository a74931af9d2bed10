"""R-VOTE-1 to R-VOTE-4: the tally, by example and by property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcommission.domain.errors import BallotError, RuleError
from kzcommission.domain.seats import seat_text
from kzcommission.domain.voting import tally

OPTIONS = ("fits", "recertify", "unfit")
SECRETARY = 99  # seat ids are ints (issue 20): member mN is seat N


def ballots_of(*groups: tuple[str, int]) -> dict[int, str]:
    result, n = {}, 0
    for option, count in groups:
        for _ in range(count):
            result[n] = option
            n += 1
    return result


def run(ballots, options=OPTIONS, chair=0, tie_policy="chair"):
    return tally(ballots, voters=list(ballots), chair=chair, options=options, tie_policy=tie_policy)


def test_unanimous():
    """R-VOTE-2."""
    t = run(ballots_of(("fits", 9)))
    assert t.adopted == "fits" and t.counts == {"fits": 9, "recertify": 0, "unfit": 0}
    assert not t.casting_vote_used and t.runoff == ()


def test_simple_majority_of_voters():
    """R-VOTE-2: more than half of those voting."""
    assert run(ballots_of(("unfit", 5), ("fits", 4))).adopted == "unfit"


def test_exact_split_goes_to_the_chair():
    """R-VOTE-3: 4-4, the chair (m0) voted unfit."""
    t = run(ballots_of(("unfit", 4), ("fits", 4)))
    assert t.adopted == "unfit" and t.casting_vote_used and t.runoff == ()


def test_presiding_member_holds_the_casting_vote():
    """R-VOTE-4: the chair is absent; m5 presides."""
    t = run(ballots_of(("unfit", 4), ("fits", 4)), chair=5)
    assert t.adopted == "fits" and t.casting_vote_used


def test_exact_split_employee_policy_takes_the_favourable_option():
    """R-VOTE-3: the alternative policy, a tie goes to the employee."""
    t = run(ballots_of(("unfit", 4), ("fits", 4)), tie_policy="employee")
    assert t.adopted == "fits" and not t.casting_vote_used


def test_three_three_one_runs_off_the_two_leaders():
    """R-VOTE-3 Reading."""
    t = run(ballots_of(("fits", 3), ("unfit", 3), ("recertify", 1)))
    assert t.adopted is None and t.runoff == ("fits", "unfit") and not t.casting_vote_used


def test_three_two_two_runs_off_all_three():
    """R-VOTE-3 Reading: every option tied at the cut is kept."""
    t = run(ballots_of(("fits", 3), ("unfit", 2), ("recertify", 2)))
    assert t.adopted is None and t.runoff == OPTIONS


def test_four_three_one_is_no_majority():
    """R-VOTE-3: not an exact split, so no casting vote; runoff of the top two."""
    t = run(ballots_of(("fits", 4), ("unfit", 3), ("recertify", 1)))
    assert t.adopted is None and t.runoff == ("fits", "unfit")


def test_split_with_nobody_presiding_is_refused_never_a_revote():
    """R-VOTE-4 Reading: a 2-2 split with nobody presiding is not counted at all."""
    for chair in (None, SECRETARY):
        with pytest.raises(RuleError) as err:
            run(ballots_of(("unfit", 2), ("fits", 2)), chair=chair)
        assert err.value.rule_id == "R-VOTE-4" and err.value.field == "presiding"


def test_ballot_from_a_non_voter_is_an_error():
    with pytest.raises(BallotError) as err:
        tally({0: "fits", SECRETARY: "fits"}, voters=[0], chair=0, options=OPTIONS)
    assert err.value.voter == SECRETARY and seat_text(SECRETARY) in str(err.value)


def test_option_not_offered_is_an_error():
    with pytest.raises(BallotError) as err:
        tally({0: "promote"}, voters=[0], chair=0, options=OPTIONS)
    assert err.value.voter == 0 and "promote" in str(err.value)


def test_missing_ballot_is_an_error():
    with pytest.raises(BallotError) as err:
        tally({0: "fits"}, voters=[0, 1], chair=0, options=OPTIONS)
    assert err.value.voter == 1


def test_unknown_tie_policy_is_an_error():
    with pytest.raises(RuleError):
        tally({0: "fits"}, voters=[0], chair=0, options=OPTIONS, tie_policy="coin")


@st.composite
def votes(draw):
    options = draw(st.sampled_from([OPTIONS, ("fits", "unfit"), ("a", "b", "c", "d", "e")]))
    n = draw(st.integers(1, 15))
    picks = draw(st.lists(st.sampled_from(options), min_size=n, max_size=n))
    ballots = dict(enumerate(picks))
    chair = draw(st.sampled_from(sorted(ballots)))
    policy = draw(st.sampled_from(["chair", "employee"]))
    return ballots, options, chair, policy


@given(votes())
def test_tally_properties(case):
    """R-VOTE-2 / R-VOTE-3 as properties of every possible vote."""
    ballots, options, chair, policy = case
    t = tally(ballots, voters=list(ballots), chair=chair, options=options, tie_policy=policy)
    n = len(ballots)
    assert list(t.counts) == list(options)
    assert sum(t.counts.values()) == n
    top = max(t.counts.values())
    leaders = [o for o in options if t.counts[o] == top]
    if t.adopted is not None:
        assert t.runoff == ()
        majority = 2 * t.counts[t.adopted] > n
        exact_split = len(leaders) == 2 and 2 * top == n and t.adopted in leaders
        assert majority or exact_split
        assert t.casting_vote_used == (not majority and policy == "chair")
        if t.casting_vote_used:
            assert ballots[chair] == t.adopted
        if not majority and policy == "employee":
            assert t.adopted == leaders[0]
    else:
        assert not any(2 * c > n for c in t.counts.values())
        assert len(t.runoff) >= 2
        if len(leaders) >= 2:
            assert set(t.runoff) == set(leaders)
        cut = min(t.counts[o] for o in t.runoff)
        assert set(t.runoff) == {o for o in options if t.counts[o] >= cut}


def test_exact_split_is_two_options_half_and_half():
    """R-VOTE-3 Reading."""
    from kzcommission.domain.voting import is_exact_split

    assert is_exact_split({"fits": 4, "unfit": 4, "recertify": 0}, 8)
    assert not is_exact_split({"fits": 3, "unfit": 3, "recertify": 1}, 7)
    assert not is_exact_split({"fits": 2, "unfit": 2, "recertify": 2}, 6)
    assert not is_exact_split({"fits": 0, "unfit": 0}, 0)
