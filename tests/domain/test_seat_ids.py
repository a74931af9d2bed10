"""Issue 20: one seat-id type from the database to the rules. A seat reaches the rules
as its database key, an int (``domain.seats.SeatId``); a string (an id turned to text at
a boundary, a package's uuid) is refused as a caller's mistake, never counted as a
voter who is not on the case."""

from __future__ import annotations

import pytest

from kzcommission.domain.recount import CaseRecord, RoundRecord, recount_case
from kzcommission.domain.rulesets import ORDER_880
from kzcommission.domain.voting import tally

OPTIONS = ("fits", "recertify", "unfit")


UNANIMOUS = {1: "fits", 2: "fits", 3: "fits"}


@pytest.mark.parametrize(
    ("ballots", "voters", "chair"),
    [
        # What the services passed before issue 20: every id turned to text.
        ({"1": "fits", "2": "fits", "3": "fits"}, ["1", "2", "3"], "1"),
        ({1: "fits", "2": "fits", 3: "fits"}, [1, 2, 3], 1),  # a ballot's seat
        (UNANIMOUS, [1, "2", 3], 1),  # a voter
        (UNANIMOUS, [1, 2, 3], "1"),  # the presiding seat
    ],
)
def test_the_tally_refuses_a_seat_id_that_is_not_an_int(ballots, voters, chair):
    with pytest.raises(TypeError, match="SeatId"):
        tally(ballots, voters=voters, chair=chair, options=OPTIONS)


def test_the_same_vote_with_int_seats_counts():
    """R-VOTE-2: what the refusals above refuse is the type, not the vote."""
    assert tally(UNANIMOUS, voters=[1, 2, 3], chair=1, options=OPTIONS).adopted == "fits"


def test_the_recount_refuses_a_package_s_seat_uuids():
    """What the exchange import did before issue 20: a package's seat uuids passed
    straight to the recount. It numbers them first now (tests/exchange)."""
    seats = ("0b9e6c1e-0000-4000-8000-000000000001", "0b9e6c1e-0000-4000-8000-000000000002")
    record = CaseRecord(
        kind="regular",
        appearance="present",
        restricted=False,
        decision="fits",
        decision_rule="R-VOTE-2",
        grade_result="no_grade",
        recused=frozenset(),
        rounds=(
            RoundRecord(
                "decision",
                1,
                OPTIONS,
                "closed",
                "fits",
                False,
                (),
                seats[0],
                dict.fromkeys(seats, "fits"),
            ),
        ),  # fmt: skip
        voting_seats=frozenset(seats),
        chair=seats[0],
    )
    with pytest.raises(TypeError, match="SeatId"):
        recount_case(record, ORDER_880)
