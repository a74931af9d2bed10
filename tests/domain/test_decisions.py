"""What a case may be decided: the grades at stake (R-DEC-3 Reading, R-ELIG-4) and the
restricted decisions (R-DEC-5), on plain values."""

from __future__ import annotations

from datetime import date

import pytest

from kzcommission.domain.decisions import (
    applied_grade,
    check_decision,
    check_grade_outcome_due,
    check_grade_vote,
    check_no_grade_in_one_step,
    check_restriction_change,
    grade_outcome_missing,
    grade_vote_opens,
    grades_at_stake,
)
from kzcommission.domain.errors import RuleError
from kzcommission.domain.recount import CaseRecord, RoundRecord, recount_case
from kzcommission.domain.review import CaseFacts, review_case
from kzcommission.domain.rulesets import DECREE_490, ORDER_880

SEATS = tuple(range(5))  # seat ids are ints (issue 20)


@pytest.mark.parametrize(
    ("current", "applied", "options", "vote_opens"),
    [
        # R-DEC-3: the grade applied for, the current grade (to confirm it), "no grounds".
        ("3", "2", ("grade:2", "grade:3", "no_grade"), True),
        ("3", "", ("grade:3", "no_grade"), True),
        ("", "2", ("grade:2", "no_grade"), True),
        (" 2 ", "2", ("grade:2", "no_grade"), True),  # applied for the grade he holds
        ("", "", ("no_grade",), False),  # nothing at stake: one step, never a vote
        ("  ", " ", ("no_grade",), False),
    ],
)
def test_grades_at_stake_R_DEC_3(current, applied, options, vote_opens):
    assert grades_at_stake(current, applied) == options
    assert grade_vote_opens(options) is vote_opens


SITTING = date(2025, 3, 12)


@pytest.mark.parametrize(
    ("applications", "last_certified", "expected"),
    [
        ([(date(2025, 1, 10), "2")], None, "2"),
        ([(date(2025, 1, 10), "2")], date(2022, 3, 1), "2"),
        ([(date(2021, 1, 10), "2")], date(2022, 3, 1), ""),  # spent by that certification
        ([(date(2025, 4, 1), "2")], None, ""),  # after the sitting
        ([(date(2025, 3, 12), "2")], None, "2"),  # on the sitting's day
        ([(date(2024, 5, 1), "3"), (date(2025, 1, 10), "2")], None, "2"),  # the latest
        ([(date(2025, 1, 10), "2"), (date(2025, 2, 1), "")], None, "2"),  # names no grade
        ([], None, ""),
    ],
)
def test_applied_grade_is_the_latest_application_since_the_last_certification_R_ELIG_4(
    applications, last_certified, expected
):
    assert applied_grade(applications, last_certified, SITTING) == expected


@pytest.mark.parametrize(
    ("ruleset", "kind", "restricted", "decision", "rule"),
    [
        (DECREE_490, "extraordinary", True, "unfit_demote", None),
        (DECREE_490, "extraordinary", True, "unfit_dismiss", None),
        (DECREE_490, "extraordinary", True, "fits", "R-DEC-5"),
        (DECREE_490, "extraordinary", True, "fits_promote", "R-DEC-5"),
        (DECREE_490, "extraordinary", False, "fits_promote", None),
        (DECREE_490, "extraordinary", False, "recertify", "R-DEC-4"),
        (ORDER_880, "regular", False, "recertify", None),
        (ORDER_880, "regular", False, "fits_promote", "R-DEC-1"),
        (ORDER_880, "repeat", False, "recertify", "R-DEC-2"),
    ],
)
def test_check_decision_R_DEC_5(ruleset, kind, restricted, decision, rule):
    if rule is None:
        check_decision(ruleset, kind, restricted, decision)
        return
    with pytest.raises(RuleError) as refused:
        check_decision(ruleset, kind, restricted, decision)
    assert refused.value.rule_id == rule


def test_restriction_changes_only_before_the_decision_R_DEC_5():
    check_restriction_change(decided=False)
    with pytest.raises(RuleError) as refused:
        check_restriction_change(decided=True)
    assert refused.value.rule_id == "R-DEC-5"


@pytest.mark.parametrize(
    ("ruleset", "decision", "grade_result", "missing"),
    [
        (ORDER_880, "fits", None, True),  # R-DEC-3: not complete until its grade is counted
        (ORDER_880, "fits", "no_grade", False),
        (ORDER_880, "fits", "grade:2", False),
        (ORDER_880, "recertify", None, False),
        (ORDER_880, None, None, False),
        (DECREE_490, "fits", None, False),  # Decree 490 has no grade vote
    ],
)
def test_grade_outcome_missing_R_DEC_3(ruleset, decision, grade_result, missing):
    assert grade_outcome_missing(ruleset, decision, grade_result) is missing


def _round(subject, number, options, adopted, ballots, status="closed") -> RoundRecord:
    return RoundRecord(subject, number, options, status, adopted, False, (), 0, ballots)


def _case(kind, decision, rounds, *, restricted=False, grade_result=None) -> CaseRecord:
    return CaseRecord(
        kind=kind,
        appearance="present",
        restricted=restricted,
        decision=decision,
        decision_rule="R-VOTE-2",
        grade_result=grade_result,
        recused=frozenset(),
        rounds=tuple(rounds),
        voting_seats=frozenset(SEATS),
    )


def _all(option):
    return {s: option for s in SEATS}


FITS = _round("decision", 1, ("fits", "recertify", "unfit"), "fits", _all("fits"))
RESTRICTED = ("unfit_demote", "unfit_transfer", "unfit_dismiss")
FIVE = ("fits_promote", "fits", *RESTRICTED)


@pytest.mark.parametrize(
    ("record", "grade_options", "codes"),
    [
        # R-DEC-3: a positive decision without grade outcome: a finding no text clears.
        (_case("regular", "fits", [FITS]), ("grade:2", "no_grade"), {"grade_missing"}),
        (_case("regular", "fits", [FITS], grade_result="no_grade"), ("no_grade",), set()),
        # "no grounds" recorded in one step while a grade was at stake: the recount says so.
        (
            _case("regular", "fits", [FITS], grade_result="no_grade"),
            ("grade:2", "no_grade"),
            {"recount"},
        ),
        # R-DEC-5: a restricted case decided "fits" in older data.
        (
            _case(
                "extraordinary",
                "fits",
                [_round("decision", 1, FIVE, "fits", _all("fits"))],
                restricted=True,
            ),
            (),
            {"recount", "decision_not_allowed"},
        ),
        # R-DEC-5: the open round discarded when the restriction was set is not counted.
        (
            _case(
                "extraordinary",
                "unfit_demote",
                [
                    _round("decision", 1, FIVE, None, {0: "fits"}, status="discarded"),
                    _round("decision", 2, RESTRICTED, "unfit_demote", _all("unfit_demote")),
                ],
                restricted=True,
            ),
            (),
            set(),
        ),
    ],
)
def test_review_findings_R_DEC_3_R_DEC_5(record, grade_options, codes):
    ruleset = DECREE_490 if record.kind == "extraordinary" else ORDER_880
    facts = CaseFacts(
        record=record,
        status="decided",
        recording_media="file.mp4",
        scorecard_seats=frozenset(SEATS),
        grade_options=grade_options,
    )
    found = review_case(facts, ruleset, [(s, "present", date(2025, 1, 1)) for s in SEATS])
    assert {f.code for f in found} == codes
    for f in found:
        assert f.explainable is (f.code == "recount")


def test_recount_accepts_no_grounds_in_one_step_only_with_nothing_at_stake_R_DEC_3():
    record = _case("regular", "fits", [FITS], grade_result="no_grade")
    assert recount_case(record, ORDER_880, ("no_grade",)) == []
    [problem] = recount_case(record, ORDER_880, ("grade:3", "no_grade"))
    assert (problem.field, problem.rule_id) == ("grade_result", "R-DEC-3")


@pytest.mark.parametrize(
    ("options", "vote_refused", "one_step_refused"),
    [
        (("no_grade",), True, False),  # R-DEC-3: nothing at stake: one step, no vote
        (("grade:2", "no_grade"), False, True),
        (("grade:1", "grade:2", "no_grade"), False, True),
    ],
)
def test_grade_vote_or_one_step_R_DEC_3(options, vote_refused, one_step_refused):
    for check, refused in (
        (check_grade_vote, vote_refused),
        (check_no_grade_in_one_step, one_step_refused),
    ):
        if refused:
            with pytest.raises(RuleError) as err:
                check(options)
            assert err.value.rule_id == "R-DEC-3"
        else:
            check(options)


def test_grade_outcome_due_after_a_positive_decision_only_R_DEC_3():
    check_grade_outcome_due(ORDER_880, "fits")
    for ruleset, decision in ((ORDER_880, None), (ORDER_880, "unfit"), (DECREE_490, "fits")):
        with pytest.raises(RuleError) as err:
            check_grade_outcome_due(ruleset, decision)
        assert err.value.rule_id == "R-DEC-3"
