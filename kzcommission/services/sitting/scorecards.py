"""Members' scorecards, Order 880 Appendix 2 (R-DOC-4)."""

from __future__ import annotations

from dataclasses import dataclass

from kzcommission.domain.errors import option_term
from kzcommission.domain.kinds import Score
from kzcommission.services.context import current_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.sitting.cases import editable_case, ruleset_of
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models


@dataclass(frozen=True)
class ScorecardView:
    seat_id: int
    score: str
    decision: str
    grounds: str
    grade: str
    grade_grounds: str


OPINIONS = ("decision", "grade")  # the scorecard fields a member's own ballots answer


def _adopted_ballots(case_id: int, subject: str) -> dict[int, str]:
    """Each member's ballot in the round that adopted the case's decision (or grade)."""
    adopted = (
        models.VoteRound.select()
        .where(
            (models.VoteRound.case == case_id)
            & (models.VoteRound.subject == subject)
            & models.VoteRound.adopted.is_null(False)
        )
        .order_by(models.VoteRound.number.desc())
        .first()
    )
    if adopted is None:
        return {}
    return {
        b.seat_id: b.option for b in models.Ballot.select().where(models.Ballot.round == adopted)
    }


@read("results.view")
def opinions_from_ballots(case_id: int) -> dict[int, dict[str, str]]:
    """R-DOC-4: what each member's own ballots say of the decision and the grade."""
    result: dict[int, dict[str, str]] = {}
    for name in OPINIONS:  # the vote subjects are named as the scorecard fields
        for seat, option in _adopted_ballots(case_id, name).items():
            result.setdefault(seat, {})[name] = option
    return result


def take_opinions_from_ballots(case: models.Case, subject: str, ballots: dict[int, str]) -> None:
    """A round has adopted: scorecards saved before it take the member's ballot where the
    secretary typed no decision (grade) of his own (R-DOC-4). Inside the count's transaction."""
    for card in models.Scorecard.select().where(models.Scorecard.case == case):
        if getattr(card, subject) or card.seat_id not in ballots:
            continue
        setattr(card, subject, ballots[card.seat_id])
        card.save()
        record_history(
            "scorecard.save",
            "case",
            case.uuid,
            sitting=case.sitting.uuid,
            after={"seat": card.seat.uuid, subject: ballots[card.seat_id], "from": "ballot"},
        )


@write("scorecard.record")
def save_scorecard(
    case_id: int,
    seat_id: int,
    *,
    score: str,
    decision: str = "",
    grounds: str = "",
    grade: str = "",
    grade_grounds: str = "",
) -> ScorecardView:
    case = editable_case(case_id)
    actor = current_actor()
    seat = models.Seat.get_or_none(models.Seat.id == seat_id)
    if seat is None or seat.commission_id != case.sitting.commission_id:
        raise ServiceError(
            f"seat {seat_id} is not in this commission",
            field="seat",
            key="seat_not_in_commission",
            params={"seat": seat_id},
        )
    if actor.role in ("member", "chair") and actor.seat_uuid != seat.uuid:
        raise PermissionDenied("a member enters only his own scorecard", key="scorecard_own_only")
    if seat.role == "secretary":
        raise ServiceError(
            "the secretary does not fill a scorecard",
            field="seat",
            rule_id="R-COMP-2",
            key="secretary_no_scorecard",
        )
    if score not in {s.value for s in Score}:
        raise ServiceError(
            f"score must be one of {', '.join(s.value for s in Score)}",
            field="score",
            rule_id="R-DOC-4",
            key="score_not_offered",
            params={"scores_keys": [f"score.{s.value}" for s in Score]},
        )
    # R-DOC-4: a decision or grade left empty is the member's own ballot, once counted.
    ballots = {name: _adopted_ballots(case.id, name).get(seat.id, "") for name in OPINIONS}
    decision, grade = decision or ballots["decision"], grade or ballots["grade"]
    if decision and decision not in ruleset_of(case).decision_options(case.kind):
        raise ServiceError(
            f"{decision!r} is not a decision of this kind of certification",
            field="decision",
            rule_id="R-DOC-4",
            key="decision_not_of_kind",
            params={"decision_key": option_term(decision)},
        )
    values = dict(
        score=score, decision=decision, grounds=grounds, grade=grade, grade_grounds=grade_grounds
    )
    models.Scorecard.insert(case=case, seat=seat, entered_at=models.now(), **values).on_conflict(
        conflict_target=[models.Scorecard.case, models.Scorecard.seat],
        update={
            **{getattr(models.Scorecard, k): v for k, v in values.items()},
            models.Scorecard.entered_at: models.now(),
        },
    ).execute()
    record_history(
        "scorecard.save",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"seat": seat.uuid, **values},
    )
    return ScorecardView(seat_id, **values)


@read("results.view")  # R-CAL-4: a viewer sees no scores
def scorecards_of(case_id: int) -> dict[int, ScorecardView]:
    query = models.Scorecard.select().where(models.Scorecard.case == case_id)
    return {
        s.seat_id: ScorecardView(
            s.seat_id, s.score, s.decision, s.grounds, s.grade, s.grade_grounds
        )
        for s in query
    }
