"""R-DOC-4: a member's scorecard decision and grade are his own ballots unless typed;
refusals of a ballot or a count name the members (issue 14)."""

from __future__ import annotations

import pytest

from kzcommission.services.errors import ServiceError
from kzcommission.services.sitting import cases, scorecards, voting
from tests.services.helpers import add_employee, make_desk


def test_scorecards_take_the_ballots_of_the_adopting_round(database):
    desk = make_desk(members=5)
    # R-DEC-3: his grade 2 at stake (personnel record), so the grade is voted.
    case = cases.add_case(desk.sitting_id, add_employee(grade="2").id, "regular")
    cases.set_appearance(case.id, "present")
    chair, second, third, fourth, fifth = desk.voting
    scorecards.save_scorecard(case.id, chair, score="good")  # before the vote
    scorecards.save_scorecard(case.id, second, score="good", decision="unfit")  # typed
    r = voting.open_round(case.id)
    for seat, option in zip(
        desk.voting, ("fits", "fits", "fits", "unfit", "recertify"), strict=True
    ):
        voting.cast_ballot(r.id, seat, option)
    voting.close_round(r.id)
    saved = scorecards.scorecards_of(case.id)
    assert saved[chair].decision == "fits"  # filled at the count
    assert saved[second].decision == "unfit"  # his own typed opinion stays
    assert scorecards.save_scorecard(case.id, fourth, score="satisfactory").decision == "unfit"
    assert scorecards.save_scorecard(case.id, fifth, score="good").grade == ""  # no grade vote yet
    g = voting.open_round(case.id, voting.GRADE)
    voting.cast_all(g.id, "grade:2")
    voting.cast_ballot(g.id, third, "no_grade")
    voting.close_round(g.id)
    saved = scorecards.scorecards_of(case.id)
    assert {seat: card.grade for seat, card in saved.items()} == {
        chair: "grade:2",
        second: "grade:2",
        fourth: "grade:2",
        fifth: "grade:2",
    }
    card = scorecards.save_scorecard(case.id, third, score="excellent")
    assert (card.decision, card.grade) == ("fits", "no_grade")
    assert scorecards.opinions_from_ballots(case.id)[third] == {
        "decision": "fits",
        "grade": "no_grade",
    }


def test_refusals_name_the_members(database):
    desk = make_desk(members=5, present=4)
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    names = {s.id: s.holder_name for s in desk.commission.voting_seats}
    with pytest.raises(ServiceError) as absent:
        voting.cast_ballot(r.id, desk.voting[4], "fits")
    assert names[desk.voting[4]] in str(absent.value)
    voting.cast_ballot(r.id, desk.voting[0], "fits")
    voting.cast_ballot(r.id, desk.voting[1], "fits")
    with pytest.raises(ServiceError) as missing:
        voting.close_round(r.id)
    text = str(missing.value)
    assert names[desk.voting[2]] in text and names[desk.voting[3]] in text, text
    assert f"'{desk.voting[2]}'" not in text and f"seat {desk.voting[2]}" not in text
