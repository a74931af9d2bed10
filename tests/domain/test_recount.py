"""Recounting a recorded case from its ballots (exchange import): R-VOTE-2, R-VOTE-3,
R-SIT-4, R-SIT-6, R-COMP-2, R-DEC-3, R-DEC-5, R-QUO-1."""

from __future__ import annotations

from dataclasses import replace

from kzcommission.domain.recount import CaseRecord, RoundRecord, recount_case
from kzcommission.domain.rulesets import DECREE_490, ORDER_880

SEATS = frozenset(range(9))  # seat ids are ints (issue 20): member mN is seat N
SECRETARY = 99
OPTIONS = ("fits", "recertify", "unfit")


def round_of(
    ballots,
    adopted,
    casting=False,
    runoff=(),
    number=1,
    options=OPTIONS,
    presiding=0,
    subject="decision",
):
    return RoundRecord(
        subject,
        number,
        tuple(options),
        "closed",
        adopted,
        casting,
        tuple(runoff),
        presiding,
        ballots,
    )


def unanimous(option="fits"):
    return {s: option for s in sorted(SEATS)}


def record(rounds, decision="fits", rule="R-VOTE-2", **extra):
    values = dict(
        kind="regular",
        appearance="present",
        restricted=False,
        decision=decision,
        decision_rule=rule,
        grade_result=None,
        recused=frozenset(),
        rounds=tuple(rounds),
        voting_seats=SEATS,
    )
    values.update(extra)
    return CaseRecord(**values)


def fields(problems):
    return {(p.field, p.rule_id) for p in problems}


def test_a_consistent_case_has_no_problem():
    assert recount_case(record([round_of(unanimous(), "fits")]), ORDER_880) == []


def test_adopted_option_that_the_ballots_do_not_give():
    """R-VOTE-2."""
    ballots = {**unanimous("unfit"), 0: "fits"}
    problems = recount_case(record([round_of(ballots, "fits")]), ORDER_880)
    assert ("rounds[decision 1].adopted", "R-VOTE-2") in fields(problems)


def test_casting_vote_and_runoff_are_recounted():
    """R-VOTE-3: a 4-4 split with the chair for unfit, and a 3-3-1 round."""
    split = {i: ("unfit" if i < 4 else "fits") for i in range(8)}
    good = record(
        [round_of(split, "unfit", casting=True)],
        decision="unfit",
        rule="R-VOTE-3",
        voting_seats=frozenset(split),
    )
    assert recount_case(good, ORDER_880) == []
    bad = replace(good, rounds=(round_of(split, "unfit", casting=False),))
    assert ("rounds[decision 1].casting_vote_used", "R-VOTE-3") in fields(
        recount_case(bad, ORDER_880)
    )
    three = {
        0: "fits",
        1: "fits",
        2: "fits",
        3: "unfit",
        4: "unfit",
        5: "unfit",
        6: "recertify",
    }
    first = round_of(three, None, runoff=("fits", "unfit"))
    wrong_second = round_of({s: "fits" for s in three}, "fits", number=2, options=OPTIONS)
    problems = recount_case(record([first, wrong_second], voting_seats=frozenset(three)), ORDER_880)
    assert ("rounds[decision 2].options", "R-VOTE-3") in fields(problems)


def test_ballots_from_recused_and_secretary_are_problems():
    """R-SIT-6, R-COMP-2."""
    ballots = {**unanimous(), SECRETARY: "fits"}
    problems = recount_case(record([round_of(ballots, "fits")], recused=frozenset({1})), ORDER_880)
    assert (f"rounds[decision 1].ballots[{SECRETARY}]", "R-COMP-2") in fields(problems)
    assert ("rounds[decision 1].ballots[1]", "R-SIT-6") in fields(problems)


def test_too_few_ballots_for_quorum():
    """R-QUO-1."""
    ballots = {i: "fits" for i in range(5)}
    assert ("rounds[decision 1].ballots", "R-QUO-1") in fields(
        recount_case(record([round_of(ballots, "fits")]), ORDER_880)
    )


def test_absence_decisions():
    """R-SIT-4: only an unexcused absence yields the rule's decision."""
    ok = record([], decision="unfit", rule="R-SIT-4", appearance="absent_unexcused")
    assert recount_case(ok, ORDER_880) == []
    wrong = replace(ok, decision="fits")
    assert ("decision", "R-SIT-4") in fields(recount_case(wrong, ORDER_880))
    present = replace(ok, appearance="present")
    assert ("decision_rule", "R-SIT-4") in fields(recount_case(present, ORDER_880))


def test_restricted_options():
    """R-DEC-5: a restricted extraordinary case may only offer decisions 3-5."""
    full = DECREE_490.decision_options("extraordinary")
    ballots = unanimous("unfit_demote")
    rec = record(
        [round_of(ballots, "unfit_demote", options=full)],
        decision="unfit_demote",
        kind="extraordinary",
        restricted=True,
    )
    assert ("rounds[decision 1].options", "R-DEC-5") in fields(recount_case(rec, DECREE_490))


def test_grade_vote_only_after_positive_decision():
    """R-DEC-3."""
    grade = round_of(
        unanimous("grade:2"), "grade:2", options=("grade:2", "no_grade"), subject="grade"
    )
    rec = record(
        [round_of(unanimous("unfit"), "unfit"), grade], decision="unfit", grade_result="grade:2"
    )
    assert ("rounds[grade]", "R-DEC-3") in fields(recount_case(rec, ORDER_880))
