"""Recounting a recorded case from its ballots, for packages received from another office.

A decision that does not follow from its ballots under the rule set is a
problem, named by field and rule. Used by the exchange import; pure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import NO_GRADE_OPTION, Appearance
from kzcommission.domain.quorum import required_quorum
from kzcommission.domain.rulesets import RuleSet
from kzcommission.domain.seats import SeatId, seat_text
from kzcommission.domain.voting import tally

DISCARDED = "discarded"  # a round's status when R-DEC-5 changed its options while open


@dataclass(frozen=True)
class RoundRecord:
    subject: str  # decision / grade
    number: int
    options: tuple[str, ...]
    status: str
    adopted: str | None
    casting_vote_used: bool
    runoff: tuple[str, ...]
    presiding: SeatId | None
    ballots: Mapping[SeatId, str]  # seat -> option


@dataclass(frozen=True)
class CaseRecord:
    kind: str
    appearance: str
    restricted: bool
    decision: str | None
    decision_rule: str
    grade_result: str | None
    recused: frozenset[SeatId]
    rounds: tuple[RoundRecord, ...]
    voting_seats: frozenset[SeatId]  # chair and members of the composition
    earlier_unexcused: int = 0
    chair: SeatId | None = None  # the chair's seat (R-VOTE-4)
    presiding: SeatId | None = None  # the member named to preside over the case (R-VOTE-4)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    rule_id: str = ""


@dataclass
class _Check:
    problems: list[Problem] = field(default_factory=list)

    def add(self, where: str, message: str, rule_id: str = "") -> None:
        self.problems.append(Problem(where, message, rule_id))


def _check_round(
    check: _Check,
    record: CaseRecord,
    r: RoundRecord,
    offered: Sequence[str],
    tie_policy: str,
    previous: RoundRecord | None,
) -> None:
    where = f"rounds[{r.subject} {r.number}]"
    if previous is not None and previous.runoff and r.options != previous.runoff:
        check.add(
            f"{where}.options",
            f"a re-vote offers {list(previous.runoff)}, the package has {list(r.options)}",
            "R-VOTE-3",
        )
    elif previous is None and tuple(r.options) != tuple(offered):
        check.add(
            f"{where}.options",
            f"the rule set offers {list(offered)}, the package has {list(r.options)}",
            "R-DEC-5" if record.restricted else "R-DEC-1",
        )
    for seat in r.ballots:
        if seat not in record.voting_seats:
            check.add(
                f"{where}.ballots[{seat}]",
                "a ballot from a seat that does not vote "
                "(the secretary, or not in the composition)",
                "R-COMP-2",
            )
        if seat in record.recused:
            check.add(f"{where}.ballots[{seat}]", "a ballot from a recused member", "R-SIT-6")
    members = len(record.voting_seats)
    if members and len(r.ballots) + len(record.recused) < required_quorum(members):
        check.add(
            f"{where}.ballots",
            f"{len(r.ballots)} ballots and {len(record.recused)} "
            f"recused of {members} members: below the quorum of "
            f"{required_quorum(members)}",
            "R-QUO-1",
        )
    if r.status != "closed":
        return
    _check_presiding(check, record, r, where)
    try:
        result = tally(
            r.ballots,
            voters=list(r.ballots),
            chair=r.presiding,
            options=r.options,
            tie_policy=tie_policy,
        )
    except RuleError as exc:
        check.add(f"{where}.ballots", str(exc), exc.rule_id or "R-VOTE-1")
        return
    if result.adopted != r.adopted:
        check.add(
            f"{where}.adopted",
            f"recorded {r.adopted!r}, the ballots give {result.adopted!r} ({dict(result.counts)})",
            "R-VOTE-2",
        )
    if result.casting_vote_used != r.casting_vote_used:
        check.add(
            f"{where}.casting_vote_used",
            f"recorded {r.casting_vote_used}, the ballots give {result.casting_vote_used}",
            "R-VOTE-3",
        )
    if tuple(result.runoff) != tuple(r.runoff):
        check.add(
            f"{where}.runoff",
            f"recorded {list(r.runoff)}, the ballots give {list(result.runoff)}",
            "R-VOTE-3",
        )


def _check_presiding(check: _Check, record: CaseRecord, r: RoundRecord, where: str) -> None:
    """R-VOTE-4 Reading (``sitting.presiding_seat``): the chair presides over a round he
    votes in; otherwise the member presiding is himself a voter in it. A tie with
    nobody presiding is refused by the tally itself."""
    chair_voted = record.chair is not None and record.chair in r.ballots
    if chair_voted and r.presiding != record.chair:
        check.add(
            f"{where}.presiding",
            f"the chair voted in this round and presides over it, the package names "
            f"{seat_text(r.presiding)}",
            "R-VOTE-4",
        )
    elif r.presiding is not None and r.presiding not in r.ballots:
        check.add(
            f"{where}.presiding",
            f"{seat_text(r.presiding)} presided but did not vote in this round: "
            "the presiding member must be a voter on the case",
            "R-VOTE-4",
        )


def recount_case(
    record: CaseRecord, ruleset: RuleSet, grade_options: Collection[str] = ()
) -> list[Problem]:
    """Every way the recorded case departs from what its ballots and the rules give."""
    check = _Check()
    try:
        offered = ruleset.decision_options(record.kind, restricted=record.restricted)
    except RuleError as exc:
        return [Problem("kind", str(exc), exc.rule_id or "")]
    if record.presiding is not None and (
        record.presiding == record.chair or record.presiding not in record.voting_seats
    ):  # whether he voted is checked per round (_check_presiding)
        check.add(
            "presiding",
            f"{seat_text(record.presiding)} cannot preside in the chair's place over this case "
            "(the chair himself, or not a member)",
            "R-VOTE-4",
        )
    last: dict[str, RoundRecord] = {}
    # A round discarded when R-DEC-5 changed the options is kept and printed, not counted.
    counted = [r for r in record.rounds if r.status != DISCARDED]
    for r in sorted(counted, key=lambda x: (x.subject, x.number)):
        expected = offered if r.subject == "decision" else tuple(grade_options) or r.options
        _check_round(check, record, r, expected, ruleset.tie_policy, last.get(r.subject))
        last[r.subject] = r

    decided = last.get("decision")
    if record.decision_rule in ("R-SIT-4", "R-SIT-5"):
        if record.appearance != Appearance.ABSENT_UNEXCUSED.value:
            check.add(
                "decision_rule",
                f"{record.decision_rule} applies only to an unexcused absence",
                record.decision_rule,
            )
        elif record.decision != ruleset.unexcused_absence_decision:
            check.add(
                "decision",
                f"{record.decision_rule} gives "
                f"{ruleset.unexcused_absence_decision!r}, recorded {record.decision!r}",
                record.decision_rule,
            )
    elif record.decision is not None:
        adopted = decided.adopted if decided and decided.status == "closed" else None
        if adopted != record.decision:
            check.add(
                "decision",
                f"recorded {record.decision!r}, the last decision round adopted {adopted!r}",
                "R-VOTE-2",
            )
        elif decided is not None and decided.casting_vote_used != (
            record.decision_rule == "R-VOTE-3"
        ):
            check.add(
                "decision_rule", "the casting vote and the recorded rule disagree", "R-VOTE-3"
            )
    elif decided is not None and decided.adopted is not None:
        check.add(
            "decision",
            f"a round adopted {decided.adopted!r} but no decision is recorded",
            "R-VOTE-2",
        )

    graded = last.get("grade")
    if graded is not None and not ruleset.grade_vote_follows(record.decision or ""):
        check.add("rounds[grade]", "a grade vote after a decision that is not positive", "R-DEC-3")
    grade_adopted = graded.adopted if graded and graded.status == "closed" else None
    if (
        graded is None
        and record.grade_result == NO_GRADE_OPTION
        and (tuple(grade_options) in ((), (NO_GRADE_OPTION,)))
    ):
        grade_adopted = NO_GRADE_OPTION  # R-DEC-3: no grade at stake, recorded in one step
    if record.grade_result != grade_adopted:
        check.add(
            "grade_result",
            f"recorded {record.grade_result!r}, the grade vote adopted {grade_adopted!r}",
            "R-DEC-3",
        )
    return check.problems
