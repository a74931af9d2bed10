"""The chair's review of a sitting before signing, his sign-off, and the explanations.

Each case becomes one :class:`ReviewLine`: the person, the kind, the voters,
the count of every option in every round, recusals, the casting vote, the
decision and grade, corrections with their reasons, and the findings of
:func:`kzcommission.domain.review.review_case`. A finding that is neither put
right nor explained in writing blocks finalizing (services.sitting.finalize asks
:func:`blocking_findings`).

The chair's confirmation stores a digest of the line he saw. When the case
changes afterwards the confirmation is shown as out of date; nothing is
carried over silently.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from kzcommission.domain.kinds import Appearance
from kzcommission.domain.recount import CaseRecord, RoundRecord
from kzcommission.domain.review import CaseFacts, Finding, TimedBallot, review_case
from kzcommission.services.context import current_actor
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.sitting import grades
from kzcommission.services.sitting.cases import editable_case, ruleset_of
from kzcommission.services.sitting.presiding import chair_seat_of, presided
from kzcommission.services.sitting.sittings import ensure_editable, voting_seat_ids
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import (
    CaseCorrection,
    ReviewConfirmation,
    ReviewExplanation,
)

# Longest written explanation kept; a page of text is plenty for the minutes.
MAX_EXPLANATION = 4000


@dataclass(frozen=True)
class RoundLine:
    subject: str  # decision / grade
    number: int
    status: str
    counts: tuple[tuple[str, int], ...]  # every option offered, in order, with its votes
    adopted: str | None
    casting_vote_used: bool
    presiding: str  # who held the casting vote (R-VOTE-4)
    runoff: tuple[str, ...]
    ballots: tuple[tuple[str, str], ...]  # (voter name, option), in seat order


@dataclass(frozen=True)
class FindingLine:
    finding: Finding
    explanation: str  # "" while unexplained

    @property
    def blocking(self) -> bool:
        """Unexplained, or a finding no explanation clears (R-DEC-3, R-DEC-5)."""
        return not self.finding.explainable or not self.explanation.strip()


@dataclass(frozen=True)
class Confirmation:
    chair_name: str
    entered_by: str
    at: datetime
    current: bool  # False when the case changed after it was confirmed


@dataclass(frozen=True)
class ReviewLine:
    case_id: int
    number: int
    person_name: str
    kind: str
    ruleset: str
    appearance: str
    status: str
    presiding: str  # who presided over the case (R-VOTE-4), "" when nobody did
    voters: tuple[str, ...]  # the voters of the case's last decision round, by name
    rounds: tuple[RoundLine, ...]
    recusals: tuple[tuple[str, str], ...]  # (member, reason)
    decision: str | None
    decision_rule: str
    grade: str | None
    corrections: tuple[tuple[str, str, datetime], ...]  # (reason, by, at)
    findings: tuple[FindingLine, ...]
    confirmation: Confirmation | None
    digest: str

    @property
    def open_findings(self) -> tuple[FindingLine, ...]:
        return tuple(f for f in self.findings if f.blocking)

    @property
    def state(self) -> str:
        """blocked / confirmed / changed / unconfirmed, in that order of precedence."""
        if self.open_findings:
            return "blocked"
        if self.confirmation is None:
            return "unconfirmed"
        return "confirmed" if self.confirmation.current else "changed"


@dataclass(frozen=True)
class SittingReview:
    sitting_id: int
    lines: tuple[ReviewLine, ...]

    @property
    def blocking(self) -> tuple[tuple[ReviewLine, FindingLine], ...]:
        return tuple((line, f) for line in self.lines for f in line.open_findings)

    @property
    def all_confirmed(self) -> bool:
        return bool(self.lines) and all(line.state == "confirmed" for line in self.lines)


# -- building the lines -------------------------------------------------------------------
@dataclass(frozen=True)
class _Sitting:
    """The sitting's records, read in a few queries: a 40-case review stays well under
    the ~100 ms a key press may take (benchmarks/bench_review.py)."""

    sitting: models.Sitting
    names: dict[int, str]
    voting: frozenset[int]
    attendance: tuple[tuple[int, str, datetime], ...]
    rounds: dict[int, list[models.VoteRound]]
    ballots: dict[int, list[models.Ballot]]  # by round id
    recusals: dict[int, dict[int, str]]  # case -> seat -> reason
    scorecard_seats: dict[int, frozenset[int]]
    recording_media: dict[int, str]
    explanations: dict[int, dict[str, str]]
    confirmations: dict[int, ReviewConfirmation]  # the latest of each case
    corrections: dict[int, list[CaseCorrection]]
    unexcused: dict[tuple[int, str], list[int]]  # (person, kind) -> cases absent unexcused
    chair: int | None  # the chair's seat
    presided: dict[int, int | None]  # case -> who presided over it (R-VOTE-4)
    case_rows: tuple[models.Case, ...]  # the sitting's cases in order, with their person
    grade_options: dict[int, tuple[str, ...]]  # case -> the grades at stake (R-DEC-3)


def _by_case(query, key=lambda row: row.case_id) -> dict[int, list]:  # noqa: ANN001
    grouped: dict[int, list] = {}
    for row in query:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def _load(sitting_id: int) -> _Sitting:
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}", key="not_found_sitting", params={"id": sitting_id}
        )
    names = {
        s.id: (s.holder.full_name if s.holder_id else s.position_title)
        for s in models.Seat.select(models.Seat, models.Person)
        .join(models.Person, join_type=JOIN.LEFT_OUTER, on=(models.Seat.holder == models.Person.id))
        .where(models.Seat.commission == sitting.commission_id)
    }
    events = tuple(
        (e.seat_id, e.kind, e.at)
        for e in models.AttendanceEvent.select()
        .where(models.AttendanceEvent.sitting == sitting)
        .order_by(models.AttendanceEvent.at, models.AttendanceEvent.id)
    )
    voting_seats = frozenset(voting_seat_ids(sitting.commission_id))
    cases = models.Case.select(models.Case.id).where(models.Case.sitting == sitting)
    rounds = _by_case(models.VoteRound.select().where(models.VoteRound.case.in_(cases)))
    ballots: dict[int, list[models.Ballot]] = {}
    for b in (
        models.Ballot.select()
        .join(models.VoteRound)
        .where(models.VoteRound.case.in_(cases))
        .order_by(models.Ballot.seat, models.Ballot.id)
    ):
        ballots.setdefault(b.round_id, []).append(b)
    recusals: dict[int, dict[int, str]] = {}
    for r in models.Recusal.select().where(models.Recusal.case.in_(cases)):
        recusals.setdefault(r.case_id, {})[r.seat_id] = r.reason
    cards = _by_case(
        models.Scorecard.select(models.Scorecard.case, models.Scorecard.seat).where(
            models.Scorecard.case.in_(cases)
        )
    )
    explanations: dict[int, dict[str, str]] = {}
    for e in ReviewExplanation.select().where(ReviewExplanation.case.in_(cases)):
        explanations.setdefault(e.case_id, {})[e.finding_key] = e.text
    confirmations: dict[int, ReviewConfirmation] = {}
    for c in (
        ReviewConfirmation.select()
        .where(ReviewConfirmation.case.in_(cases))
        .order_by(ReviewConfirmation.id)
    ):
        confirmations[c.case_id] = c  # the latest wins
    persons = models.Case.select(models.Case.person).where(models.Case.sitting == sitting)
    unexcused: dict[tuple[int, str], list[int]] = {}
    for c in models.Case.select(models.Case.id, models.Case.person, models.Case.kind).where(
        (models.Case.person.in_(persons))
        & (models.Case.appearance == Appearance.ABSENT_UNEXCUSED.value)
    ):
        unexcused.setdefault((c.person_id, c.kind), []).append(c.id)
    rows = tuple(_cases(sitting))
    return _Sitting(
        sitting=sitting,
        names=names,
        voting=voting_seats,
        attendance=events,
        rounds=rounds,
        ballots=ballots,
        recusals=recusals,
        scorecard_seats={k: frozenset(c.seat_id for c in v) for k, v in cards.items()},
        recording_media={
            r.case_id: r.media
            for r in models.Recording.select().where(models.Recording.case.in_(cases))
        },
        explanations=explanations,
        confirmations=confirmations,
        corrections=_by_case(
            CaseCorrection.select()
            .where(CaseCorrection.case.in_(cases))
            .order_by(CaseCorrection.id)
        ),
        unexcused=unexcused,
        chair=chair_seat_of(sitting.commission_id),
        presided=presided(sitting.id),
        case_rows=rows,
        grade_options=grades.options_by_case(list(rows), sitting.held_on),
    )


def _round_line(r: models.VoteRound, ballots: list[models.Ballot], names: dict[int, str]):
    options = tuple(o for o in r.options.split("\n") if o)
    counts = {o: 0 for o in options}
    for b in ballots:
        counts[b.option] = counts.get(b.option, 0) + 1
    return RoundLine(
        subject=r.subject,
        number=r.number,
        status=r.status,
        counts=tuple(counts.items()),
        adopted=r.adopted,
        casting_vote_used=r.casting_vote_used,
        presiding=_name(r.presiding_id, names),
        runoff=tuple(o for o in r.runoff.split("\n") if o),
        ballots=tuple((names.get(b.seat_id, str(b.seat_id)), b.option) for b in ballots),
    )


def _digest(facts: dict) -> str:
    text = json.dumps(facts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _line(case: models.Case, ctx: _Sitting) -> ReviewLine:
    names = ctx.names
    rounds = sorted(  # the decision's rounds first, then the grade's (R-DEC-3)
        ctx.rounds.get(case.id, []), key=lambda r: (r.subject != "decision", r.number)
    )
    ballots = {r.id: ctx.ballots.get(r.id, []) for r in rounds}
    recused = ctx.recusals.get(case.id, {})
    earlier = [c for c in ctx.unexcused.get((case.person_id, case.kind), []) if c != case.id]
    record = CaseRecord(
        kind=case.kind,
        appearance=case.appearance,
        restricted=case.restricted,
        decision=case.decision,
        decision_rule=case.decision_rule,
        grade_result=case.grade_result,
        recused=frozenset(recused),
        rounds=tuple(
            RoundRecord(
                subject=r.subject,
                number=r.number,
                options=tuple(o for o in r.options.split("\n") if o),
                status=r.status,
                adopted=r.adopted,
                casting_vote_used=r.casting_vote_used,
                runoff=tuple(o for o in r.runoff.split("\n") if o),
                presiding=r.presiding_id,
                ballots={b.seat_id: b.option for b in ballots[r.id]},
            )
            for r in rounds
        ),
        voting_seats=ctx.voting,
        earlier_unexcused=len(earlier),
        chair=ctx.chair,
        presiding=case.presiding_id,
    )
    facts = CaseFacts(
        record=record,
        status=case.status,
        ballots=tuple(
            TimedBallot(f"{r.subject} {r.number}", b.seat_id, b.cast_at)
            for r in rounds
            for b in ballots[r.id]
        ),
        recording_media=ctx.recording_media.get(case.id, ""),
        scorecard_seats=ctx.scorecard_seats.get(case.id, frozenset()),
        grade_options=ctx.grade_options.get(case.id, ()),  # R-DEC-3: the grades at stake
        seat_names=names,
    )
    found = review_case(facts, ruleset_of(case), ctx.attendance)
    explained = ctx.explanations.get(case.id, {})
    round_lines = tuple(_round_line(r, ballots[r.id], names) for r in rounds)
    decisions = [r for r in round_lines if r.subject == "decision"]
    corrections = tuple((c.reason, c.made_by, c.made_at) for c in ctx.corrections.get(case.id, []))
    line = dict(
        case_id=case.id,
        number=case.order + 1,
        person_name=case.person.full_name,
        kind=case.kind,
        ruleset=case.ruleset,
        appearance=case.appearance,
        status=case.status,
        voters=tuple(name for name, _ in decisions[-1].ballots) if decisions else (),
        rounds=round_lines,
        recusals=tuple((names.get(s, str(s)), reason) for s, reason in recused.items()),
        decision=case.decision,
        decision_rule=case.decision_rule,
        grade=case.grade_result,
        corrections=corrections,
        findings=tuple(FindingLine(f, explained.get(f.key, "")) for f in found),
    )
    digest = _digest(line)
    last = ctx.confirmations.get(case.id)
    confirmation = (
        Confirmation(last.chair_name, last.entered_by, last.confirmed_at, last.digest == digest)
        if last is not None
        else None
    )
    # Who presided is not in the digest: the rounds in it carry who presided over
    # each, and confirmations made before v8 stay current.
    presiding = _name(ctx.presided.get(case.id), names)
    return ReviewLine(**line, presiding=presiding, confirmation=confirmation, digest=digest)


def _cases(sitting: models.Sitting):
    return (
        models.Case.select(models.Case, models.Person)
        .join(models.Person)
        .where(models.Case.sitting == sitting)
        .order_by(models.Case.order, models.Case.id)
    )


@read("results.view")  # the review shows every ballot: not for a viewer (R-CAL-4)
def review_sitting(sitting_id: int) -> SittingReview:
    return SittingReview(sitting_id, sitting_lines(sitting_id))


@read("results.view")  # every ballot by name: never for a viewer (issue 18, R-CAL-4)
def sitting_lines(sitting_id: int) -> tuple[ReviewLine, ...]:
    """The review's lines (finalize and printing read them too; their actors may)."""
    ctx = _load(sitting_id)
    return tuple(_line(c, ctx) for c in ctx.case_rows)


@read("results.view")
def blocking_findings(sitting_id: int) -> tuple[tuple[ReviewLine, FindingLine], ...]:
    """What keeps the sitting from being finalized."""
    return tuple((line, f) for line in sitting_lines(sitting_id) for f in line.open_findings)


def describe_blocking(blocking: tuple[tuple[ReviewLine, FindingLine], ...]) -> str:
    """One sentence per finding, naming the case and the rule."""
    return "; ".join(
        f"case {line.number} ({line.person_name}): [{f.finding.rule_id}] {f.finding.detail}"
        for line, f in blocking
    )


def blocking_cases(blocking: tuple[tuple[ReviewLine, FindingLine], ...]) -> str:
    """The cases holding these findings, each once: number and name (any language)."""
    return "; ".join(
        dict.fromkeys(f"{line.number} ({line.person_name})" for line, _finding in blocking)
    )


# -- explanations, sign-off, corrections ----------------------------------------------------
def _editable_case(case_id: int) -> models.Case:
    case = models.Case.get_or_none(models.Case.id == case_id)
    if case is None:
        raise NotFound(f"no case {case_id}", key="not_found_case", params={"id": case_id})
    ensure_editable(case.sitting)
    return case


@write("review.explain")
def explain(case_id: int, finding_key: str, text: str) -> ReviewLine:
    """Explain a finding in writing (empty text withdraws the explanation)."""
    case = _editable_case(case_id)
    text = text.strip()
    if len(text) > MAX_EXPLANATION:
        raise ServiceError(
            f"an explanation is at most {MAX_EXPLANATION} characters, got {len(text)}",
            field="explanation",
            key="explanation_too_long",
            params={"max": MAX_EXPLANATION, "length": len(text)},
        )
    line = _line(case, _load(case.sitting_id))
    finding = next((f.finding for f in line.findings if f.finding.key == finding_key), None)
    if finding is None:
        raise ServiceError(
            f"the case of {line.person_name} has no finding {finding_key!r} (any more)",
            field="finding",
            key="finding_gone",
            params={"person": line.person_name, "finding": finding_key},
        )
    if text and not finding.explainable:
        raise ServiceError(
            f"{finding.detail}: an explanation cannot clear this finding, "
            "put the record right (vote, or an amendment after finalizing)",
            field="explanation",
            rule_id=finding.rule_id,
            key="finding_not_explainable",
            params={
                "person": line.person_name,
                "finding_key": (f"review.finding.{finding.code}", dict(finding.params)),
            },
        )
    before = (
        ReviewExplanation.select(ReviewExplanation.text)
        .where((ReviewExplanation.case == case) & (ReviewExplanation.finding_key == finding_key))
        .scalar()
    )
    ReviewExplanation.delete().where(
        (ReviewExplanation.case == case) & (ReviewExplanation.finding_key == finding_key)
    ).execute()
    if text:
        ReviewExplanation.create(
            case=case,
            finding_key=finding_key,
            rule_id=finding.rule_id,
            text=text,
            written_by=current_actor().name,
        )
    record_history(
        "review.explain",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        before={"finding": finding_key, "text": before or ""},
        after={"finding": finding_key, "rule": finding.rule_id, "text": text},
    )
    return _line(case, _load(case.sitting_id))


def _name(seat_id: int | None, names: dict[int, str]) -> str:
    return names.get(seat_id, "") if seat_id else ""


@write("review.confirm")
def confirm(sitting_id: int, case_ids: list[int] | None = None) -> SittingReview:
    """The chair confirms the review of these cases (all of the sitting's when None).

    Refused, with nothing stored, while any of them has an unexplained finding.
    """
    ctx = _load(sitting_id)
    ensure_editable(ctx.sitting)
    lines = [_line(c, ctx) for c in ctx.case_rows]
    if case_ids is not None:
        unknown = set(case_ids) - {line.case_id for line in lines}
        if unknown:
            raise ServiceError(
                f"cases {sorted(unknown)} are not of this sitting",
                field="case",
                key="review_cases_not_of_sitting",
                params={"cases": ", ".join(str(c) for c in sorted(unknown))},
            )
        lines = [line for line in lines if line.case_id in set(case_ids)]
    blocking = tuple((line, f) for line in lines for f in line.open_findings)
    if blocking:
        first = blocking[0][1].finding
        raise ServiceError(
            "resolve or explain first: " + describe_blocking(blocking),
            field="review",
            rule_id=first.rule_id,
            key="review_resolve_first",
            params={"cases": blocking_cases(blocking)},
        )
    actor = current_actor().name
    for line in lines:
        if line.state == "confirmed":
            continue
        # R-VOTE-4: who presided over this case confirms it; the chair where nobody did
        chair = line.presiding or _name(ctx.chair, ctx.names)
        ReviewConfirmation.create(
            case=line.case_id, digest=line.digest, chair_name=chair, entered_by=actor
        )
        record_history(
            "review.confirm",
            "case",
            models.Case.get_by_id(line.case_id).uuid,
            sitting=ctx.sitting.uuid,
            after={"chair": chair, "digest": line.digest},
        )
    return review_sitting(sitting_id)


@write("case.edit")
def record_correction(case_id: int, reason: str) -> None:
    """A decided case is opened for a correction; the reason is kept for the review."""
    case = editable_case(case_id)
    reason = reason.strip()
    if not reason:
        raise ServiceError(
            "a correction needs its reason", field="reason", key="correction_reason_required"
        )
    CaseCorrection.create(case=case, reason=reason, made_by=current_actor().name)
    record_history(
        "case.correction", "case", case.uuid, sitting=case.sitting.uuid, after={"reason": reason}
    )
