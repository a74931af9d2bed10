"""Members' scorecards, Order 880 Appendix 2 (R-DOC-4)."""

from __future__ import annotations

from dataclasses import dataclass

from kzcommission.domain.kinds import Score
from kzcommission.services.cases import editable_case, ruleset_of
from kzcommission.services.context import current_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
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
        raise ServiceError(f"seat {seat_id} is not in this commission", field="seat")
    if actor.role in ("member", "chair") and actor.seat_uuid != seat.uuid:
        raise PermissionDenied("a member enters only his own scorecard")
    if seat.role == "secretary":
        raise ServiceError(
            "the secretary does not fill a scorecard", field="seat", rule_id="R-COMP-2"
        )
    if score not in {s.value for s in Score}:
        raise ServiceError(
            f"score must be one of {', '.join(s.value for s in Score)}",
            field="score",
            rule_id="R-DOC-4",
        )
    if decision and decision not in ruleset_of(case).decision_options(case.kind):
        raise ServiceError(
            f"{decision!r} is not a decision of this kind of certification",
            field="decision",
            rule_id="R-DOC-4",
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
