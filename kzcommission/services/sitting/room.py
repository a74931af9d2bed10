"""What the room display may show: the public face of the sitting, nothing more.

The display is a second window for a projector. It shows the sitting, the
quorum, the current case and, when the secretary chooses, the count of the
last vote and what was adopted. :class:`RoomView` has no field for anything
the law keeps within the commission: no scorecards, no comments or opinions,
no reasons for an absence or a recusal, no fitness or test results (R-DEC-5:
the restricted flag would reveal a failed test, so only options that received
votes are listed), no evaluation data (R-CAL-4). What is not in the view
cannot leak onto the wall.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from kzcommission.domain.names import Names
from kzcommission.domain.quorum import QuorumState
from kzcommission.services.sitting import voting
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.names import names_of


@dataclass(frozen=True)
class RoomResult:
    subject: str  # decision / grade
    number: int
    counts: tuple[tuple[str, int], ...]  # options that received votes, in offered order
    adopted: str | None
    casting_vote_used: bool


@dataclass(frozen=True)
class RoomView:
    commission: str | Names  # per language (v13): the screen shows its own
    sitting_number: str
    held_on: date
    quorum: QuorumState
    case_number: int | None  # None: no case chosen
    cases_total: int
    person_name: str
    kind: str
    # interview / voting / counted / postponed / absent / decided_by_rule
    phase: str
    voting_subject: str = ""
    voting_round: int = 0
    decision_by_rule: str | None = None
    result: RoomResult | None = None  # only when the secretary shows it


def _phase(case: models.Case, rounds: list[voting.RoundView]) -> str:
    # The console opens a round as soon as the case is on screen; the room sees a vote
    # only from its first ballot (a show of hands has begun).
    if any(r.status == "open" and r.ballots for r in rounds):
        return "voting"
    if case.status == "postponed":
        return "postponed"
    if case.decision is not None and case.decision_rule in ("R-SIT-4", "R-SIT-5"):
        return "decided_by_rule"
    if case.appearance.startswith("absent"):
        return "absent"
    if any(r.status == "closed" for r in rounds):
        return "counted"
    return "interview"


@read("records.view")  # an id, no result: F10 asks it of whoever runs the console
def last_counted_round(case_id: int) -> int | None:
    """The id of the case's latest closed round: what F10 puts on the wall."""
    closed = [r for r in voting.rounds_of(case_id) if r.status == "closed"]
    return max((r.id for r in closed), default=None)


def _result(rounds: list[voting.RoundView], round_id: int | None) -> RoomResult | None:
    shown = next((r for r in rounds if r.id == round_id and r.status == "closed"), None)
    if shown is None:
        return None
    return RoomResult(
        shown.subject,
        shown.number,
        tuple((o, n) for o, n in shown.counts().items() if n > 0),
        shown.adopted,
        shown.casting_vote_used,
    )


@read("results.view")
def room_view(sitting_id: int, case_id: int | None, shown_round: int | None = None) -> RoomView:
    """The room's view of the sitting with ``case_id`` as the current case.

    ``shown_round`` is the counted round the secretary chose to show (F10); a
    round of another case, or one still open, shows nothing.
    """
    from kzcommission.services.sitting.sittings import quorum_state

    sitting = models.Sitting.get_by_id(sitting_id)
    total = models.Case.select().where(models.Case.sitting == sitting).count()
    base = RoomView(
        commission=names_of(sitting.commission, "name"),
        sitting_number=sitting.number,
        held_on=sitting.held_on,
        quorum=quorum_state(sitting_id),
        case_number=None,
        cases_total=total,
        person_name="",
        kind="",
        phase="none",
    )
    case = None
    if case_id is not None:
        case = models.Case.get_or_none(
            (models.Case.id == case_id) & (models.Case.sitting == sitting)
        )
    if case is None:
        return base
    rounds = voting.rounds_of(case.id)
    phase = _phase(case, rounds)
    open_round = next((r for r in rounds if r.status == "open" and r.ballots), None)
    return replace(
        base,
        case_number=case.order + 1,
        person_name=case.person.full_name,
        kind=case.kind,
        phase=phase,
        voting_subject=open_round.subject if open_round else "",
        voting_round=open_round.number if open_round else 0,
        decision_by_rule=case.decision if phase == "decided_by_rule" else None,
        result=_result(rounds, shown_round),
    )
