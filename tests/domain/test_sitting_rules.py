"""R-COMP-1..3, R-QUO-3, R-SIT-3..6, R-VOTE-4."""

import pytest

from kzcommission.domain.composition import SeatInfo, check_composition, voting_seats
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Appearance, Role
from kzcommission.domain.rulesets import DECREE_490, ORDER_880
from kzcommission.domain.sitting import absence_outcome, case_voters

CHAIR, M1, PUB, SECRETARY, M9 = 1, 2, 3, 4, 9  # seat ids are ints (issue 20)
SEATS = [
    SeatInfo(CHAIR, Role.CHAIR, "p0"),
    SeatInfo(M1, Role.MEMBER, "p1"),
    SeatInfo(PUB, Role.MEMBER, "p2", is_public=True),
    SeatInfo(SECRETARY, Role.SECRETARY, "p3"),
]


def test_secretary_does_not_count_public_member_does():
    """R-COMP-2, R-QUO-3."""
    assert [s.seat_id for s in voting_seats(SEATS)] == [CHAIR, M1, PUB]


@pytest.mark.parametrize(
    "seats, field",
    [
        (SEATS[1:], "chair"),
        (SEATS[:3], "secretary"),
        ([SEATS[0], SEATS[3]], "members"),
        ([*SEATS, SeatInfo(M9, Role.MEMBER, "p1")], "holder"),
    ],
)
def test_bad_compositions(seats, field):
    """R-COMP-1, R-COMP-3."""
    with pytest.raises(RuleError) as err:
        check_composition(seats)
    assert err.value.field == field


def test_recused_member_is_left_out_of_voters_only():
    """R-SIT-6 Reading."""
    assert case_voters([CHAIR, M1, PUB], {M1}) == (CHAIR, PUB)


def test_absences():
    """R-SIT-3, R-SIT-4, R-SIT-5 Reading."""
    assert absence_outcome(ORDER_880, Appearance.PRESENT) is None
    excused = absence_outcome(ORDER_880, Appearance.ABSENT_EXCUSED)
    assert excused.postpone and excused.rule_id == "R-SIT-3"
    regular = absence_outcome(ORDER_880, Appearance.ABSENT_UNEXCUSED)
    assert regular.proposed_decision == "unfit" and regular.rule_id == "R-SIT-4"
    first = absence_outcome(DECREE_490, Appearance.ABSENT_UNEXCUSED, 0)
    assert first.postpone and first.proposed_decision is None and first.rule_id == "R-SIT-5"
    second = absence_outcome(DECREE_490, Appearance.ABSENT_UNEXCUSED, 1)
    assert second.proposed_decision == "unfit_dismiss"
