"""Who presides over each case, and so holds the casting vote (R-VOTE-4).

The Reading is ``kzcommission.domain.sitting.presiding_seat`` (and whom the
secretary may name, ``check_naming``). Here: the naming is stored on the case
(``Case.presiding``); every counted round records who presided over it
(``VoteRound.presiding``), and the review, minutes and sheets print that
recorded fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Role
from kzcommission.domain.sitting import case_voters, check_naming, presiding_seat
from kzcommission.services.errors import NotFound, rules
from kzcommission.services.sitting.cases import bump, editable_case, ruleset_of, voters_of
from kzcommission.services.sitting.sittings import presence_at
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models

FIELD = "presiding"


@dataclass(frozen=True)
class PresidingView:
    case_id: int
    chair_id: int | None
    named_id: int | None  # the member named for this case, if any
    presiding_id: int | None  # who presides now; None: nobody (a tie cannot be counted)
    voters: tuple[int, ...]  # the case's voters now, among whom the presiding member is

    @property
    def candidates(self) -> tuple[int, ...]:
        """Whom the secretary may name: the case's voters other than the chair."""
        return tuple(v for v in self.voters if v != self.chair_id)

    @property
    def chair_presides(self) -> bool:
        return self.chair_id is not None and self.chair_id in self.voters


@read("records.view")
def chair_seat_of(commission_id: int) -> int | None:
    return (
        models.Seat.select(models.Seat.id)
        .where(
            (models.Seat.commission == commission_id)
            & (models.Seat.role == Role.CHAIR.value)
            & (models.Seat.order >= 0)
        )
        .scalar()
    )


@read("records.view")
def presiding_among(
    case: models.Case, chair_id: int | None, voters: Sequence[int]
) -> tuple[int | None, RuleError | None]:
    """Who presides given the case's voters now, and why nobody does when the member
    named for the case is not voting now (R-VOTE-4)."""
    try:
        return presiding_seat(chair_id, voters, case.presiding_id), None
    except RuleError as exc:
        return None, exc


def _case(case_id: int) -> models.Case:
    case = models.Case.get_or_none(models.Case.id == case_id)
    if case is None:
        raise NotFound(f"no case {case_id}", key="not_found_case", params={"id": case_id})
    return case


def _view(case: models.Case, voters: Sequence[int] | None = None) -> PresidingView:
    chair = chair_seat_of(case.sitting.commission_id)
    voters = tuple(voters_of(case.id) if voters is None else voters)
    presiding, _why = presiding_among(case, chair, voters)
    return PresidingView(case.id, chair, case.presiding_id, presiding, voters)


@read("records.view")
def presiding_of(case_id: int, voters: Sequence[int] | None = None) -> PresidingView:
    """Who presides over the case now, who is named for it, and who may be named.

    ``voters``: the case's voters when the caller has just read them (the vote panel).
    """
    return _view(_case(case_id), voters)


def _counted(case: models.Case) -> bool:
    """Every vote of the case is counted: nothing is left for a presiding member."""
    if case.status == "postponed":
        return True
    if case.decision is None:
        return False
    return case.grade_result is not None or not ruleset_of(case).grade_vote_follows(case.decision)


@write("sitting.edit")
def name_presiding(case_id: int, seat_id: int | None) -> PresidingView:
    """Name (or change, or clear with None) the member presiding over one case (R-VOTE-4).

    Only where the chair does not vote on the case, only a voter on it, and only
    while the case still has a vote to count; the rounds already counted keep
    who presided over them.
    """
    case = editable_case(case_id)
    view = _view(case)
    with rules():
        check_naming(view.chair_id, view.voters, seat_id, counted=_counted(case))
    before = case.presiding.uuid if case.presiding_id else None
    seat = models.Seat.get_by_id(seat_id) if seat_id is not None else None
    case.presiding = seat
    bump(case)
    record_history(
        "case.presiding",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        before={FIELD: before},
        after={FIELD: seat.uuid if seat else None},
    )
    return _view(case)


@read("records.view")
def presided(sitting_id: int) -> dict[int, int | None]:
    """Per case of the sitting, who presided over it (R-VOTE-4, R-DOC-1 Reading).

    The member recorded on the round that decided it (the last counted decision
    round, else the last counted round); for a case without a counted round, who
    presides over it now. Never the chair where he did not vote on the case.
    """
    sitting = models.Sitting.get_by_id(sitting_id)
    chair = chair_seat_of(sitting.commission_id)
    present = presence_at(sitting.id, sitting.commission_id).present
    cases = list(
        models.Case.select(models.Case.id, models.Case.presiding).where(
            models.Case.sitting == sitting
        )
    )
    recorded: dict[int, tuple[tuple[bool, int], int | None]] = {}
    for r in (
        models.VoteRound.select(
            models.VoteRound.case,
            models.VoteRound.subject,
            models.VoteRound.number,
            models.VoteRound.presiding,
        )
        .join(models.Case)
        .where((models.Case.sitting == sitting) & (models.VoteRound.status == "closed"))
    ):
        rank = (r.subject == "decision", r.number)
        if r.case_id not in recorded or rank > recorded[r.case_id][0]:
            recorded[r.case_id] = (rank, r.presiding_id)
    recused: dict[int, set[int]] = {}
    for case_id, seat in (
        models.Recusal.select(models.Recusal.case, models.Recusal.seat)
        .join(models.Case)
        .where(models.Case.sitting == sitting)
        .tuples()
    ):
        recused.setdefault(case_id, set()).add(seat)
    result: dict[int, int | None] = {}
    for case in cases:
        if case.id in recorded:
            result[case.id] = recorded[case.id][1]
        else:
            voters = case_voters(present, recused.get(case.id, set()))
            result[case.id] = presiding_among(case, chair, voters)[0]
    return result
