"""The review's findings on plain values (R-QUO-2, R-SIT-2, R-DOC-4, R-DOC-1, R-VOTE-2)."""

from __future__ import annotations

from datetime import datetime, timedelta

from kzcommission.domain.recount import CaseRecord, RoundRecord
from kzcommission.domain.review import CaseFacts, TimedBallot, quorum_when, review_case
from kzcommission.domain.rulesets import DECREE_490, ORDER_880

T0 = datetime(2025, 3, 12, 10, 0)
SEATS = tuple(range(9))  # seat ids are ints (issue 20)


def _round(ballots: dict[int, str], adopted: str | None = "fits") -> RoundRecord:
    return RoundRecord(
        subject="decision",
        number=1,
        options=("fits", "recertify", "unfit"),
        status="closed",
        adopted=adopted,
        casting_vote_used=False,
        runoff=(),
        presiding=0,
        ballots=ballots,
    )


def _record(
    ballots: dict[int, str],
    *,
    decision: str | None = "fits",
    kind: str = "regular",
    grade_result: str | None = "no_grade",  # R-DEC-3: recorded in one step, no grade at stake
    restricted: bool = False,
):
    rounds = (_round(ballots, decision),) if ballots else ()
    return CaseRecord(
        kind=kind,
        appearance="present",
        restricted=restricted,
        decision=decision,
        decision_rule="R-VOTE-2" if decision else "",
        grade_result=grade_result if decision in ("fits", "fits_promote") else None,
        recused=frozenset(),
        rounds=rounds,
        voting_seats=frozenset(SEATS),
    )


ALL_PRESENT = [(seat, "present", T0) for seat in SEATS]
UNANIMOUS = {seat: "fits" for seat in SEATS}


def test_quorum_when_follows_the_log_R_QUO_2():
    log = [*ALL_PRESENT, (8, "left", T0 + timedelta(minutes=5))]
    log += [(s, "left", T0 + timedelta(minutes=6)) for s in (7, 6)]
    log += [(8, "late", T0 + timedelta(minutes=9))]
    assert quorum_when(log, SEATS, T0 - timedelta(seconds=1)).present == 0
    assert quorum_when(log, SEATS, T0).present == 9
    at_six = quorum_when(log, SEATS, T0 + timedelta(minutes=6))
    assert (at_six.present, at_six.required, at_six.valid) == (6, 6, True)
    # Same moment, later entry wins: the store's insertion order is kept.
    tie = [(5, "present", T0), (5, "left", T0)]
    assert quorum_when(tie, [5], T0).present == 0
    assert quorum_when(log, SEATS, T0 + timedelta(minutes=10)).present == 7


def _facts(record: CaseRecord, **kw) -> CaseFacts:
    ballots = tuple(
        TimedBallot("decision 1", seat, T0 + timedelta(minutes=10))
        for r in record.rounds
        for seat in r.ballots
    )
    kw.setdefault("scorecard_seats", frozenset(SEATS))
    return CaseFacts(record=record, status="decided", ballots=ballots, **kw)


def test_a_clean_case_has_no_finding():
    assert review_case(_facts(_record(UNANIMOUS)), ORDER_880, ALL_PRESENT) == []


def test_ballots_after_members_left_are_one_finding_per_round_R_QUO_2():
    log = [*ALL_PRESENT] + [(s, "left", T0 + timedelta(minutes=5)) for s in SEATS[5:]]
    voters = {s: "fits" for s in SEATS[:5]}
    found = review_case(_facts(_record(voters)), ORDER_880, log)
    quorum = [f for f in found if f.rule_id == "R-QUO-2"]
    assert len(quorum) == 1 and quorum[0].params == {
        "round": "decision 1",
        "ballots": "5",
        "present": "5",
        "required": "6",
    }


def test_a_decision_against_the_ballots_is_a_recount_finding_R_VOTE_2():
    record = _record({**UNANIMOUS, 0: "unfit", 1: "unfit"}, decision="unfit")
    found = review_case(_facts(record), ORDER_880, ALL_PRESENT)
    assert [(f.code, f.rule_id) for f in found][:1] == [("recount", "R-VOTE-2")]


def test_a_scorecard_missing_names_the_voter_R_DOC_4():
    facts = _facts(
        _record(UNANIMOUS), scorecard_seats=frozenset(SEATS[1:]), seat_names={0: "Chair"}
    )
    found = review_case(facts, ORDER_880, ALL_PRESENT)
    assert [(f.rule_id, f.params) for f in found] == [("R-DOC-4", {"member": "Chair"})]
    # Decree 490 has no member scorecard.
    options = ("fits_promote", "fits", "unfit_demote", "unfit_transfer", "unfit_dismiss")
    record = _record(UNANIMOUS, kind="extraordinary")
    record = CaseRecord(
        **{
            **record.__dict__,
            "rounds": (RoundRecord(**{**record.rounds[0].__dict__, "options": options}),),
        }
    )
    found = review_case(
        _facts(record, scorecard_seats=frozenset(), recording_media="Card 1"),
        DECREE_490,
        ALL_PRESENT,
    )
    assert found == []


def test_an_extraordinary_interview_without_recording_R_SIT_2():
    record = CaseRecord(**{**_record({}, decision=None).__dict__, "kind": "extraordinary"})
    facts = CaseFacts(record=record, status="open")
    codes = [(f.code, f.rule_id) for f in review_case(facts, DECREE_490, ALL_PRESENT)]
    assert ("recording_missing", "R-SIT-2") in codes and ("undecided", "R-DOC-1") in codes
    with_label = CaseFacts(record=record, status="open", recording_media="  ")
    assert ("recording_missing", "R-SIT-2") in [
        (f.code, f.rule_id) for f in review_case(with_label, DECREE_490, ALL_PRESENT)
    ]
    absent = CaseRecord(**{**record.__dict__, "appearance": "absent_excused"})
    assert review_case(CaseFacts(record=absent, status="postponed"), DECREE_490, []) == []


def test_finding_keys_are_stable_and_distinct():
    log = [*ALL_PRESENT] + [(s, "left", T0 + timedelta(minutes=5)) for s in SEATS[5:]]
    facts = _facts(_record({s: "fits" for s in SEATS[:5]}), scorecard_seats=frozenset())
    first = review_case(facts, ORDER_880, log)
    again = review_case(facts, ORDER_880, log)
    assert [f.key for f in first] == [f.key for f in again]
    assert len({f.key for f in first}) == len(first)
