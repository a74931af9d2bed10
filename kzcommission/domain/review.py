"""The chair's review of a sitting before signing: what the rules do not confirm.

One function, :func:`review_case`, looks at one recorded case and names every
finding with its rule id. A finding blocks finalizing until the record is put
right or the finding is explained in writing (the services keep explanations).
The checks:

* the decision and the grade follow from the ballots of every round (the
  recount of :mod:`kzcommission.domain.recount`: R-VOTE-2, R-VOTE-3, R-DEC-3...);
* no ballot was cast while quorum was missing, judged from the attendance log
  at the moment of the ballot (R-QUO-2);
* an interview the rule set wants recorded has a recording reference (R-SIT-2);
* under a rule set with member scorecards, every voter of the deciding round
  filled one (R-DOC-4);
* a case that was examined ends with a decision or a postponement (R-DOC-1:
  the minutes record the decision of each case);
* a positive Order 880 decision has its grade outcome recorded (R-DEC-3 Reading),
  and the recorded decision is one the case allows (R-DEC-5, R-DEC-1/2/4). These
  two cannot be explained away: only putting the record right clears them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from kzcommission.domain.decisions import check_decision, grade_outcome_missing
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Appearance
from kzcommission.domain.quorum import QuorumState, in_room_when
from kzcommission.domain.recount import CaseRecord, recount_case
from kzcommission.domain.rulesets import RuleSet
from kzcommission.domain.seats import SeatId

# Finding codes; their texts are catalogue keys ``review.finding.<code>``.
RECOUNT = "recount"
NO_QUORUM = "ballot_without_quorum"
NO_RECORDING = "recording_missing"
NO_SCORECARD = "scorecard_missing"
UNDECIDED = "undecided"
GRADE_MISSING = "grade_missing"  # R-DEC-3
DECISION_NOT_ALLOWED = "decision_not_allowed"  # R-DEC-5, R-DEC-1/2/4
# Findings no written explanation clears: the record itself must be put right.
UNEXPLAINABLE = frozenset({GRADE_MISSING, DECISION_NOT_ALLOWED})


@dataclass(frozen=True)
class Finding:
    """One thing the rules engine does not confirm about a case."""

    code: str
    rule_id: str
    field: str  # where in the case: "rounds[decision 1].ballots", "recording"...
    detail: str  # the facts, in plain English, for the record and the log
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)  # for the translated text

    @property
    def explainable(self) -> bool:
        """False for a finding only a corrected record clears (R-DEC-3, R-DEC-5)."""
        return self.code not in UNEXPLAINABLE

    @property
    def key(self) -> str:
        """Stable within a case, so a written explanation stays attached to it."""
        return f"{self.code}:{self.rule_id}:{self.field}"


@dataclass(frozen=True)
class TimedBallot:
    round_label: str  # "decision 1", "grade 2"
    seat: SeatId
    at: datetime


@dataclass(frozen=True)
class CaseFacts:
    """Everything the review needs of one case, as plain values."""

    record: CaseRecord
    status: str  # pending / open / decided / postponed
    ballots: tuple[TimedBallot, ...] = ()
    recording_media: str = ""  # empty: no recording reference at all
    scorecard_seats: frozenset[SeatId] = frozenset()
    grade_options: tuple[str, ...] = ()
    seat_names: Mapping[SeatId, str] = dataclasses.field(default_factory=dict)  # for the texts


def quorum_when(
    events: Iterable[tuple[SeatId, str, datetime]],
    voting_seats: Collection[SeatId],
    moment: datetime,
) -> QuorumState:
    """The quorum as it stood at ``moment``, from the attendance log (R-QUO-2)."""
    room = in_room_when(events, moment)
    present = sum(1 for seat in voting_seats if seat in room)
    return QuorumState.of(present, len(voting_seats))


def _ballots_without_quorum(
    facts: CaseFacts, events: Sequence[tuple[SeatId, str, datetime]]
) -> list[Finding]:
    voting = facts.record.voting_seats
    if not voting:
        return []
    short: dict[str, list[tuple[SeatId, QuorumState]]] = {}
    for ballot in facts.ballots:
        state = quorum_when(events, voting, ballot.at)
        if not state.valid:
            short.setdefault(ballot.round_label, []).append((ballot.seat, state))
    findings = []
    for label, missed in short.items():
        worst = min(state.present for _, state in missed)
        required = missed[0][1].required
        findings.append(
            Finding(
                NO_QUORUM,
                "R-QUO-2",
                f"rounds[{label}].ballots",
                f"{len(missed)} ballot(s) of round {label} were recorded while only "
                f"{worst} of {len(voting)} members were present ({required} needed)",
                {
                    "round": label,
                    "ballots": str(len(missed)),
                    "present": str(worst),
                    "required": str(required),
                },
            )
        )
    return findings


def _deciding_round_voters(record: CaseRecord) -> frozenset[SeatId]:
    decisions = [r for r in record.rounds if r.subject == "decision" and r.status == "closed"]
    if not decisions:
        return frozenset()
    return frozenset(max(decisions, key=lambda r: r.number).ballots)


def _decision_findings(record: CaseRecord, ruleset: RuleSet) -> list[Finding]:
    """A decision the case does not allow (R-DEC-5...), a positive one without grade (R-DEC-3)."""
    if record.decision is None:
        return []
    try:
        check_decision(ruleset, record.kind, record.restricted, record.decision)
    except RuleError as exc:
        return [
            Finding(
                DECISION_NOT_ALLOWED,
                exc.rule_id or "R-DEC-5",
                "decision",
                str(exc),
                {"rule": exc.rule_id or "R-DEC-5"},
            )
        ]
    if grade_outcome_missing(ruleset, record.decision, record.grade_result):
        return [
            Finding(
                GRADE_MISSING,
                "R-DEC-3",
                "grade_result",
                "a positive decision without its grade outcome: the grade vote, or "
                '"no grounds" recorded where no grade is at stake',
            )
        ]
    return []


def review_case(
    facts: CaseFacts,
    ruleset: RuleSet,
    attendance: Sequence[tuple[SeatId, str, datetime]],
) -> list[Finding]:
    """Every finding on one case, in the order the chair reads the case."""
    record = facts.record
    findings = [
        Finding(RECOUNT, p.rule_id or "R-VOTE-2", p.field, p.message, {"detail": p.message})
        for p in recount_case(record, ruleset, facts.grade_options)
    ]
    findings += _ballots_without_quorum(facts, attendance)
    examined = record.appearance == Appearance.PRESENT.value
    if ruleset.recording_required and examined and not facts.recording_media.strip():
        findings.append(
            Finding(
                NO_RECORDING,
                "R-SIT-2",
                "recording",
                "the interview has no reference to its audio or video recording",
            )
        )
    if ruleset.scorecards_required and examined and record.decision is not None:
        missing = sorted(_deciding_round_voters(record) - facts.scorecard_seats)
        for seat in missing:
            name = facts.seat_names.get(seat, str(seat))
            findings.append(
                Finding(
                    NO_SCORECARD,
                    "R-DOC-4",
                    f"scorecards[{seat}]",
                    f"{name} voted but filled no scorecard for this case",
                    {"member": name},
                )
            )
    findings += _decision_findings(record, ruleset)
    if facts.status in ("pending", "open") and record.decision is None:
        findings.append(
            Finding(
                UNDECIDED,
                "R-DOC-1",
                "decision",
                "the case has neither a decision nor a postponement",
            )
        )
    return findings
