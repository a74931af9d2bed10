"""The rules of a sitting beyond quorum: voters of a case, presiding, absences.

R-SIT-3 to R-SIT-6 and R-VOTE-4. The functions take plain ids so the store,
the GUI and the exchange import share one reading.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Appearance
from kzcommission.domain.rulesets import RuleSet
from kzcommission.domain.seats import SeatId


def case_voters(
    present_voting_seats: Sequence[SeatId], recused: Collection[SeatId]
) -> tuple[SeatId, ...]:
    """Voters on one case: voting members present, minus the recused (R-VOTE-2 Reading).

    R-SIT-6 Reading: a member being certified stays present for quorum and is
    only left out of the voters of his own case, which the caller passes in
    ``recused``.
    """
    return tuple(seat for seat in present_voting_seats if seat not in recused)


def presiding_seat(
    chair_seat: SeatId | None, voters: Sequence[SeatId], named: SeatId | None = None
) -> SeatId | None:
    """Who presides over a case, and so holds the casting vote (R-VOTE-4).

    R-VOTE-4 Reading: who presides is a fact of each case (and each round), not
    of the whole sitting. The chair presides over every case on which he votes
    (present and not recused). On a case where he is recused or absent the
    secretary names the presiding member for that case (``named``), who must be
    a voter on it. None when nobody presides: then an exact half/half split is
    not counted until someone is named (``voting.tally`` refuses it); it never
    becomes a re-vote of the same two options. The minutes and the sheet name,
    per case, who presided.
    """
    if chair_seat in voters:
        return chair_seat
    if named is None:
        return None
    if named not in voters:
        raise RuleError(
            "the member presiding in the chair's place must be a voter on the case",
            rule_id="R-VOTE-4",
            field="presiding",
            key="presiding_not_a_voter",
        )
    return named


def check_naming(
    chair_seat: SeatId | None,
    voters: Sequence[SeatId],
    named: SeatId | None,
    *,
    counted: bool = False,
) -> None:
    """Whom the secretary may name to preside over a case (R-VOTE-4, see ``presiding_seat``).

    Nobody (None) clears the naming. Otherwise a voter on the case other than the
    chair, on a case the chair does not vote on; and only while a vote of the case
    is still to be counted (the rounds counted keep who presided over them).
    """
    if counted:
        raise RuleError(
            "the votes of this case are counted; who presided is recorded with them",
            rule_id="R-VOTE-4",
            field="presiding",
            key="presiding_after_count",
        )
    if named is None:
        return
    if named == chair_seat:
        raise RuleError(
            "the chair presides himself when he votes; name a member in his place",
            rule_id="R-VOTE-4",
            field="presiding",
            key="presiding_chair_named",
        )
    if chair_seat in voters:
        raise RuleError(
            "the chair votes on this case and presides over it",
            rule_id="R-VOTE-4",
            field="presiding",
            key="presiding_chair_votes",
        )
    presiding_seat(chair_seat, voters, named)  # he must be a voter on the case


def check_vote_follows_interview(appearance: str) -> None:
    """R-SIT-1: the commission votes after listening to the person, so only on a
    case whose person is marked present."""
    if appearance != Appearance.PRESENT.value:
        raise RuleError(
            "the vote follows the interview: mark the person present first",
            rule_id="R-SIT-1",
            field="appearance",
            key="sit_vote_after_interview",
        )


@dataclass(frozen=True)
class AbsenceOutcome:
    """What an absence of the certified person leads to (R-SIT-3, R-SIT-4, R-SIT-5)."""

    postpone: bool  # the case moves to a later sitting
    proposed_decision: str | None  # the decision the rule set proposes, if any
    rule_id: str


def absence_outcome(
    ruleset: RuleSet, appearance: Appearance, earlier_unexcused: int = 0
) -> AbsenceOutcome | None:
    """The consequence of the person's appearance, or None when he is present.

    ``earlier_unexcused`` counts the unexcused absences already recorded for the
    same person in the same kind of certification. R-SIT-5 Reading: under
    Decree 490 a first unexcused absence moves the case and is recorded; the
    second yields decision 5 (dismissal recommended).
    """
    if appearance in (Appearance.PRESENT, Appearance.PENDING):
        return None
    if appearance == Appearance.ABSENT_EXCUSED:
        return AbsenceOutcome(postpone=True, proposed_decision=None, rule_id="R-SIT-3")
    rule_id = "R-SIT-5" if ruleset.unexcused_absences_for_decision > 1 else "R-SIT-4"
    if earlier_unexcused + 1 >= ruleset.unexcused_absences_for_decision:
        return AbsenceOutcome(
            postpone=False, proposed_decision=ruleset.unexcused_absence_decision, rule_id=rule_id
        )
    return AbsenceOutcome(postpone=True, proposed_decision=None, rule_id=rule_id)
