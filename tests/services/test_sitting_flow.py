"""A case from appearance to decision and grade, through the services."""

from __future__ import annotations

import pytest

from kzcommission.services.errors import LockedError, ServiceError
from kzcommission.services.sitting import cases, sittings, voting
from tests.services.helpers import add_employee, make_desk


def test_unanimous_case_then_grade_vote(database):
    """R-DEC-3: his current grade 2 is at stake (to confirm it), and "no grounds"."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee(grade="2").id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    assert r.options == ("fits", "recertify", "unfit")  # R-DEC-1
    voting.cast_all(r.id, "fits")
    view, result = voting.close_round(r.id)
    assert result.adopted == "fits" and result.counts["fits"] == 9
    assert cases.get_case(case.id).decision == "fits"
    assert voting.needs_grade_vote(case.id)  # R-DEC-3
    g = voting.open_round(case.id, "grade")
    assert g.options == ("grade:2", "no_grade")
    voting.cast_all(g.id, "grade:2")
    voting.close_round(g.id)
    assert cases.get_case(case.id).grade_result == "grade:2"


def test_tie_with_one_member_absent_goes_to_chair(database):
    """R-VOTE-3: 4-4 with the chair on one side; R-QUO-1: 8 of 9 present is a quorum."""
    desk = make_desk(present=8)
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    voters = desk.voting[:8]
    for seat in voters[:4]:
        voting.cast_ballot(r.id, seat, "unfit")  # the chair is voters[0]
    for seat in voters[4:]:
        voting.cast_ballot(r.id, seat, "fits")
    _, result = voting.close_round(r.id)
    assert result.adopted == "unfit" and result.casting_vote_used


def test_three_three_one_needs_a_second_round(database):
    """R-VOTE-3 Reading: 3-3-1 adopts nothing; the re-vote offers the two leading options."""
    desk = make_desk(present=7)
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    plan = ["fits"] * 3 + ["unfit"] * 3 + ["recertify"]
    for seat, option in zip(desk.voting[:7], plan, strict=True):
        voting.cast_ballot(r.id, seat, option)
    _, result = voting.close_round(r.id)
    assert result.adopted is None and result.runoff == ("fits", "unfit")
    second = voting.open_round(case.id)
    assert second.number == 2 and second.options == ("fits", "unfit")
    voting.cast_all(second.id, "fits")
    voting.close_round(second.id)
    assert [x.number for x in voting.rounds_of(case.id)] == [1, 2]


def test_no_ballot_while_quorum_missing(database):
    """R-QUO-2: a member leaves, quorum is lost, no ballot is recorded."""
    desk = make_desk(present=6)
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    state = sittings.mark_attendance(desk.sitting_id, desk.voting[5], "left")
    assert not state.valid and state.required == 6
    with pytest.raises(ServiceError) as err:
        voting.cast_ballot(r.id, desk.voting[0], "fits")
    assert err.value.rule_id == "R-QUO-2"
    assert voting.live_tally(r.id).ballots == {}
    assert sittings.mark_attendance(desk.sitting_id, desk.voting[5], "present").valid
    voting.cast_ballot(r.id, desk.voting[0], "fits")


def test_secretary_and_recused_cannot_vote(database):
    """R-COMP-2, R-SIT-6: the member being certified is recused automatically."""
    desk = make_desk()
    member_person = desk.commission.voting_seats[3].holder_id
    case = cases.add_case(desk.sitting_id, member_person, "regular")
    assert desk.voting[3] in case.recused
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    for seat in (desk.secretary, desk.voting[3]):
        with pytest.raises(ServiceError) as err:
            voting.cast_ballot(r.id, seat, "fits")
        assert err.value.rule_id == "R-VOTE-2"
    view = voting.cast_all(r.id, "fits")
    assert len(view.ballots) == 8
    # R-SIT-6 Reading: he still counts for quorum.
    assert sittings.quorum_state(desk.sitting_id).present == 9


def test_unexcused_absence_regular_proposes_unfit(database):
    """R-SIT-4."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    _, outcome = cases.set_appearance(case.id, "absent_unexcused")
    assert outcome.proposed_decision == "unfit" and outcome.rule_id == "R-SIT-4"
    assert cases.decide_by_rule(case.id).decision == "unfit"


def test_excused_absence_postpones(database):
    """R-SIT-3."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    view, outcome = cases.set_appearance(case.id, "absent_excused", reason="sick leave")
    assert outcome.postpone and view.status == "postponed"
    with pytest.raises(ServiceError):
        cases.decide_by_rule(case.id)


def test_extraordinary_second_unexcused_absence_dismissal(database):
    """R-SIT-5 Reading: first absence postpones, the second proposes decision 5."""
    from datetime import date

    desk = make_desk(held_on=date(2024, 6, 3))
    person = add_employee()
    first = cases.add_case(desk.sitting_id, person.id, "extraordinary")
    _, outcome = cases.set_appearance(first.id, "absent_unexcused")
    assert outcome.postpone and outcome.proposed_decision is None
    later = sittings.create_sitting(desk.commission.id, date(2024, 7, 1))
    second = cases.add_case(later.id, person.id, "extraordinary")
    _, outcome = cases.set_appearance(second.id, "absent_unexcused")
    assert outcome.proposed_decision == "unfit_dismiss" and outcome.rule_id == "R-SIT-5"


def test_restricted_extraordinary_offers_three_options(database):
    """R-DEC-5."""
    from datetime import date

    desk = make_desk(held_on=date(2024, 6, 3))
    case = cases.add_case(desk.sitting_id, add_employee().id, "extraordinary", restricted=True)
    cases.set_appearance(case.id, "present")
    assert voting.open_round(case.id).options == ("unfit_demote", "unfit_transfer", "unfit_dismiss")


def test_finalized_sitting_refuses_changes(database):
    from kzcommission.store import models

    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    models.Sitting.update(status="finalized").where(models.Sitting.id == desk.sitting_id).execute()
    with pytest.raises(LockedError):
        cases.set_text(case.id, "questions", "late edit")
    with pytest.raises(LockedError):
        sittings.mark_attendance(desk.sitting_id, desk.voting[0], "left")


def test_no_vote_before_the_interview(database):
    """R-SIT-1: the commission listens to the person first; the vote opens once he is present."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    with pytest.raises(ServiceError) as err:
        voting.open_round(case.id)
    assert err.value.rule_id == "R-SIT-1" and err.value.field == "appearance"
    cases.set_appearance(case.id, "present")
    assert voting.open_round(case.id).number == 1
