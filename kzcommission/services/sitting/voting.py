"""Open voting by name: rounds, ballots, the casting vote, re-votes (R-VOTE-1 to R-VOTE-4,
R-DEC-3, R-QUO-2). Every count comes from ``kzcommission.domain.voting.tally``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kzcommission.domain.decisions import check_decision, check_grade_vote
from kzcommission.domain.errors import RuleError, option_term
from kzcommission.domain.quorum import check_quorum_for_vote
from kzcommission.domain.recount import DISCARDED
from kzcommission.domain.seats import seat_text
from kzcommission.domain.sitting import check_vote_follows_interview
from kzcommission.domain.voting import Tally, tally
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.sitting import grades
from kzcommission.services.sitting.cases import bump, editable_case, ruleset_of, voters_among
from kzcommission.services.sitting.presiding import chair_seat_of, presiding_among
from kzcommission.services.sitting.scorecards import take_opinions_from_ballots
from kzcommission.services.sitting.sittings import check_editable, presence_at
from kzcommission.services.trust import history
from kzcommission.services.trust.sealed_record import FINALIZE
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models, raw

DECISION = "decision"
GRADE = "grade"


@dataclass(frozen=True)
class RoundView:
    id: int
    case_id: int
    subject: str
    number: int
    options: tuple[str, ...]
    status: str
    ballots: dict[int, str]  # seat id -> option
    adopted: str | None
    casting_vote_used: bool
    runoff: tuple[str, ...]
    presiding_id: int | None

    def counts(self) -> dict[str, int]:
        result = {o: 0 for o in self.options}
        for option in self.ballots.values():
            result[option] = result.get(option, 0) + 1
        return result


def _split(text: str) -> tuple[str, ...]:
    return tuple(t for t in text.split("\n") if t)


def _ballots(round_id: int) -> dict[int, str]:
    return dict(
        raw.fetch("SELECT seat_id, option FROM ballot WHERE round_id = ? ORDER BY id", (round_id,))
    )


def _view(r: models.VoteRound) -> RoundView:
    ballots = _ballots(r.id)
    return RoundView(
        r.id,
        r.case_id,
        r.subject,
        r.number,
        _split(r.options),
        r.status,
        ballots,
        r.adopted,
        r.casting_vote_used,
        _split(r.runoff),
        r.presiding_id,
    )


def _round(round_id: int) -> models.VoteRound:
    r = models.VoteRound.get_or_none(models.VoteRound.id == round_id)
    if r is None:
        raise NotFound(
            f"no voting round {round_id}", key="not_found_round", params={"id": round_id}
        )
    return r


@read("results.view")  # R-CAL-4: a viewer sees no votes
def rounds_of(case_id: int) -> list[RoundView]:
    query = (
        models.VoteRound.select()
        .where(models.VoteRound.case == case_id)
        .order_by(models.VoteRound.subject.desc(), models.VoteRound.number)
    )
    return [_view(r) for r in query]


def _options_for(case: models.Case, subject: str) -> tuple[str, ...]:
    previous = (
        models.VoteRound.select()
        .where(
            (models.VoteRound.case == case)
            & (models.VoteRound.subject == subject)
            & (models.VoteRound.status != DISCARDED)
        )
        .order_by(models.VoteRound.number.desc())
        .first()
    )
    if previous is not None and previous.runoff:
        return _split(previous.runoff)  # R-VOTE-3: the re-vote is limited to the runoff
    ruleset = ruleset_of(case)
    if subject == DECISION:
        return ruleset.decision_options(case.kind, restricted=case.restricted)
    return grades.options_of(case)  # R-DEC-3: the grades at stake


@write("ballot.record")
def open_round(case_id: int, subject: str = DECISION) -> RoundView:
    """Start the next round on a case, or return the one already open."""
    case = editable_case(case_id)
    if subject not in (DECISION, GRADE):
        raise ServiceError(
            f"unknown vote subject {subject!r}",
            field="subject",
            key="vote_subject_unknown",
            params={"subject": subject},
        )
    with rules():
        check_vote_follows_interview(case.appearance)
    if subject == DECISION and case.decision is not None:
        raise ServiceError(
            "the case is already decided", field="decision", key="case_already_decided"
        )
    if subject == GRADE:
        if case.decision is None or not ruleset_of(case).grade_vote_follows(case.decision):
            raise ServiceError(
                "the grade is voted only after a positive decision",
                field="decision",
                rule_id="R-DEC-3",
                key="grade_vote_needs_positive",
            )
        if case.grade_result is not None:
            raise ServiceError(
                "the grade is already voted", field="grade", key="grade_already_voted"
            )
        with rules():  # R-DEC-3 Reading: never a vote with a single option
            check_grade_vote(grades.options_of(case))
    existing = (
        models.VoteRound.select()
        .where(
            (models.VoteRound.case == case)
            & (models.VoteRound.subject == subject)
            & (models.VoteRound.status == "open")
        )
        .first()
    )
    if existing is not None:
        return _view(existing)
    number = (
        models.VoteRound.select()
        .where((models.VoteRound.case == case) & (models.VoteRound.subject == subject))
        .count()
        + 1
    )
    r = models.VoteRound.create(
        case=case, subject=subject, number=number, options="\n".join(_options_for(case, subject))
    )
    record_history(
        "round.open",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"subject": subject, "number": number, "options": r.options},
    )
    return _view(r)


@dataclass(frozen=True)
class _Open:
    """An open round checked for writing, with what a ballot needs to know."""

    round_id: int
    number: int
    subject: str
    options: tuple[str, ...]
    case_id: int
    case_uuid: str
    sitting_uuid: str
    voters: tuple[int, ...]


# The round, its case and its sitting in one read: a ballot is the hottest write.
_OPEN_SQL = (
    "SELECT r.status, r.number, r.subject, r.options, c.id, c.uuid, s.id, s.uuid, s.status, "
    "s.number, s.commission_id, EXISTS (SELECT 1 FROM history_entry h WHERE h.sitting = s.uuid "
    f"AND h.action = '{FINALIZE}') FROM vote_round r JOIN \"case\" c ON c.id = r.case_id "
    "JOIN sitting s ON s.id = c.sitting_id WHERE r.id = ?"
)


def _open_round_for_write(round_id: int) -> _Open:
    """The open round and the case's voters now; refused when locked or without quorum."""
    rows = raw.fetch(_OPEN_SQL, (round_id,))
    if not rows:
        raise NotFound(
            f"no voting round {round_id}", key="not_found_round", params={"id": round_id}
        )
    (
        status,
        number,
        subject,
        options,
        case_id,
        case_uuid,
        sitting_id,
        sitting_uuid,
        sitting_status,
        sitting_number,
        commission_id,
        finalized,
    ) = rows[0]
    if status != "open":
        raise ServiceError(
            f"round {number} is closed",
            field="round",
            key="round_closed",
            params={"number": number},
        )
    check_editable(
        sitting_status, sitting_number or str(sitting_id), sitting_uuid, finalized=bool(finalized)
    )
    room = presence_at(sitting_id, commission_id, case_id)  # the recusals read along
    try:
        check_quorum_for_vote(room.quorum)  # R-QUO-2
    except RuleError as exc:
        raise ServiceError(  # refusal: passes on
            str(exc), field="quorum", rule_id=exc.rule_id, key=exc.key, params=exc.params
        ) from exc
    return _Open(
        round_id,
        number,
        subject,
        _split(options),
        case_id,
        case_uuid,
        sitting_uuid,
        voters_among(case_id, room.present, room.recused),
    )


def _check_option(open_round: _Open, option: str) -> None:
    if option not in open_round.options:
        raise ServiceError(
            f"{option!r} is not offered in this round",
            field="option",
            rule_id="R-VOTE-1",
            key="option_not_offered",
            params={"option_key": option_term(option)},
        )


@write("ballot.record")
def cast_ballot(round_id: int, seat_id: int, option: str) -> RoundView:
    """Record (or change, while the round is open) one member's vote by name (R-VOTE-1)."""
    open_round = _open_round_for_write(round_id)
    if seat_id not in open_round.voters:
        recused = models.Recusal.get_or_none(
            (models.Recusal.case == open_round.case_id) & (models.Recusal.seat == seat_id)
        )
        name = _names([seat_id])
        if recused:
            raise ServiceError(
                f"{name} cannot vote on this case: recused ({recused.reason})",
                field="seat",
                rule_id="R-VOTE-2",
                key="voter_recused",
                params={"name": name, "reason": recused.reason},
            )
        raise ServiceError(
            f"{name} cannot vote on this case: not a voter: absent, not a member, or the secretary",
            field="seat",
            rule_id="R-VOTE-2",
            key="voter_not_voting",
            params={"name": name},
        )
    _check_option(open_round, option)
    _store_ballot(open_round, seat_id, option)
    return live_tally(round_id)


_UPSERT_BALLOT_SQL = (
    "INSERT INTO ballot (round_id, seat_id, option, cast_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (round_id, seat_id) DO UPDATE SET option = ?, cast_at = ?"
)


def _store_ballot(open_round: _Open, seat_id: int, option: str) -> None:
    """Insert or change one ballot (portable upsert) and its history entry, which seals
    the ballot's row as the upsert returned it."""
    at = models.now()
    written = history.write_returning(
        "ballot", _UPSERT_BALLOT_SQL, (open_round.round_id, seat_id, option, at, option, at)
    )
    record_history(
        "ballot.cast",
        "case",
        open_round.case_uuid,
        sitting=open_round.sitting_uuid,
        after={
            "round": open_round.number,
            "subject": open_round.subject,
            "seat": seat_id,
            "option": option,
        },
        written=written,
    )


@write("ballot.record")
def cast_all(round_id: int, option: str) -> RoundView:
    """A unanimous show of hands: every voter's ballot recorded by name in one step."""
    open_round = _open_round_for_write(round_id)
    _check_option(open_round, option)
    for seat_id in open_round.voters:
        _store_ballot(open_round, seat_id, option)
    return live_tally(round_id)


@write("ballot.record")
def retract_ballot(round_id: int, seat_id: int) -> RoundView:
    """Undo a ballot while its round is open."""
    r = _round(round_id)
    if r.status != "open":
        raise ServiceError(
            "a closed round can only be corrected by an amendment",
            field="round",
            key="round_closed_amend",
        )
    case = editable_case(r.case_id)
    deleted = (
        models.Ballot.delete()
        .where((models.Ballot.round == r) & (models.Ballot.seat == seat_id))
        .execute()
    )
    if deleted:
        record_history(
            "ballot.retract",
            "case",
            case.uuid,
            sitting=case.sitting.uuid,
            after={"round": r.number, "seat": seat_id},
        )
    return _view(r)


_ROUND_SQL = (
    "SELECT id, case_id, subject, number, options, status, adopted, casting_vote_used, runoff, "
    "presiding_id FROM vote_round WHERE id = ?"
)


@read("results.view")
def live_tally(round_id: int) -> RoundView:
    """The round as it stands, with every ballot by name (read after each ballot)."""
    rows = raw.fetch(_ROUND_SQL, (round_id,))
    if not rows:
        raise NotFound(
            f"no voting round {round_id}", key="not_found_round", params={"id": round_id}
        )
    rid, case_id, subject, number, options, status, adopted, casting, runoff, presiding = rows[0]
    return RoundView(
        rid,
        case_id,
        subject,
        number,
        _split(options),
        status,
        _ballots(rid),
        adopted,
        bool(casting),
        _split(runoff),
        presiding,
    )


@write("ballot.record")
def close_round(round_id: int) -> tuple[RoundView, Tally]:
    """Count the round; adopt, use the casting vote, or name the runoff (R-VOTE-2, R-VOTE-3)."""
    voters = _open_round_for_write(round_id).voters
    r = _round(round_id)
    case = editable_case(r.case_id)
    view = _view(r)
    left = [seat for seat in view.ballots if seat not in voters]
    if left:
        raise ServiceError(
            f"ballots from members no longer voting (left or recused): {_names(left)}; "
            "retract them or record their return",
            field="ballots",
            rule_id="R-VOTE-2",
            key="ballots_of_absent",
            params={"names": _names(left)},
        )
    # R-VOTE-4: who presides over this case now; a tie without him is refused, unchanged.
    presiding, unresolved = presiding_among(case, chair_seat_of(case.sitting.commission_id), voters)
    try:
        result = tally(
            view.ballots,
            voters=voters,
            chair=presiding,
            options=view.options,
            tie_policy=ruleset_of(case).tie_policy,
        )
    except RuleError as exc:
        if exc.rule_id == "R-VOTE-4":  # name who presides over this case, then count
            why = unresolved or exc
            raise ServiceError(  # refusal: passes on
                str(why), field="presiding", rule_id="R-VOTE-4", key=why.key, params=why.params
            ) from exc
        seats = [*voters, *view.ballots]
        raise ServiceError(  # refusal: passes on
            _with_names(str(exc), seats),
            field="ballots",
            rule_id=exc.rule_id,
            key=exc.key,
            params=_with_names_in(exc.params, seats),
        ) from exc
    r.status = "closed"
    r.adopted = result.adopted
    r.casting_vote_used = result.casting_vote_used
    r.runoff = "\n".join(result.runoff)
    r.presiding = presiding
    r.closed_at = models.now()
    r.save()
    if result.adopted is not None and r.subject == DECISION:
        with rules():  # R-DEC-5: no path records a decision the case does not allow
            check_decision(ruleset_of(case), case.kind, case.restricted, result.adopted)
    if result.adopted is not None:
        if r.subject == DECISION:
            case.decision = result.adopted
            case.decision_rule = "R-VOTE-3" if result.casting_vote_used else "R-VOTE-2"
            case.decided_at = models.now()
            case.status = "decided"
        else:
            case.grade_result = result.adopted
        take_opinions_from_ballots(case, r.subject, view.ballots)  # R-DOC-4

    bump(case)
    record_history(
        "round.close",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={
            "subject": r.subject,
            "number": r.number,
            "counts": result.counts,
            "adopted": result.adopted,
            "casting": result.casting_vote_used,
            "runoff": list(result.runoff),
            "presiding": presiding,
        },
    )
    return _view(r), result


def _names(seat_ids: list[int] | tuple[int, ...]) -> str:
    """The members of these seats by name, in the order given (refusals never show seat ids)."""
    return ", ".join(_holder_names(seat_ids).get(seat, str(seat)) for seat in seat_ids)


def _holder_names(seat_ids: list[int] | tuple[int, ...]) -> dict[int, str]:
    query = models.Seat.select().where(models.Seat.id.in_(list(seat_ids)))
    return {s.id: s.holder.full_name if s.holder_id else f"#{s.order + 1}" for s in query}


def _with_names(message: str, seat_ids: list[int]) -> str:
    """The domain tally names voters by their ids ('12'); the user reads their names."""
    for seat, name in _holder_names(seat_ids).items():
        message = message.replace(seat_text(seat), name)
    return message


def _with_names_in(params: Mapping[str, object], seat_ids: list[int]) -> dict[str, object]:
    """The refusal's values with the voters' ids by name: a value that is a seat id, ids
    ('12, 13') or a text quoting them."""
    by_id = _holder_names(seat_ids)
    names = {str(seat): name for seat, name in by_id.items()}

    def named(value: object) -> object:
        if isinstance(value, int):  # a SeatId
            return by_id.get(value, value)
        if not isinstance(value, str):
            return value
        ids = value.split(", ")
        if all(i in names for i in ids):
            return ", ".join(names[i] for i in ids)
        return _with_names(value, seat_ids)

    return {k: named(v) for k, v in params.items()}


@read("records.view")
def needs_grade_vote(case_id: int) -> bool:
    """A positive decision waits for its grade outcome (R-DEC-3): voted, or one step."""
    case = models.Case.get_by_id(case_id)
    return (
        case.decision is not None
        and case.grade_result is None
        and ruleset_of(case).grade_vote_follows(case.decision)
    )
