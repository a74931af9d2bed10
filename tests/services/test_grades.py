"""The grades at stake and their vote (R-DEC-3 Reading, R-ELIG-4), and the restricted
decisions of R-DEC-5 on every path, through the services on both backends."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kzcommission.services.errors import ServiceError
from kzcommission.services.papers import printing
from kzcommission.services.preparation import personnel
from kzcommission.services.sitting import (
    amendments,
    cases,
    finalize,
    grades,
    review,
    sittings,
    voting,
)
from kzcommission.store import models
from tests.services.helpers import add_employee, explain_findings, make_desk

HELD_ON = date(2025, 3, 12)  # make_desk's sitting date
RESTRICTED = ("unfit_demote", "unfit_transfer", "unfit_dismiss")


def _decided_fits(desk, person_id: int, kind: str = "regular") -> int:
    case = cases.add_case(desk.sitting_id, person_id, kind)
    cases.set_appearance(case.id, "present")
    r = voting.open_round(case.id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    return case.id


def _history(case_id: int, action: str) -> list[dict]:
    """The ``after`` of each history entry of this action on the case."""
    uuid = cases.get_case(case_id).uuid
    rows = models.HistoryEntry.select().where(
        (models.HistoryEntry.entity_id == uuid) & (models.HistoryEntry.action == action)
    )
    return [{"after": json.loads(e.after)} for e in rows.order_by(models.HistoryEntry.id)]


def test_grade_vote_offers_the_applied_and_the_current_grade_counted_per_grade_R_DEC_3(
    database,
):
    """R-DEC-3, R-ELIG-4: grade 3 held, grade 2 applied for; each grade counted apart."""
    desk = make_desk()
    person = add_employee(grade="3")
    personnel.add_application(person.id, date(2024, 11, 4), "2", today=HELD_ON)
    # Dated after the sitting: not an application the sitting knows of.
    personnel.add_application(person.id, date(2025, 5, 1), "1", today=date(2025, 6, 1))
    case_id = _decided_fits(desk, person.id)
    assert grades.grade_options(case_id) == ("grade:2", "grade:3", "no_grade")
    g = voting.open_round(case_id, voting.GRADE)
    assert g.options == ("grade:2", "grade:3", "no_grade")
    plan = ["grade:2"] * 5 + ["grade:3"] * 3 + ["no_grade"]
    for seat, option in zip(desk.voting, plan, strict=True):
        voting.cast_ballot(g.id, seat, option)
    closed, result = voting.close_round(g.id)
    assert closed.counts() == {"grade:2": 5, "grade:3": 3, "no_grade": 1}
    assert dict(result.counts) == {"grade:2": 5, "grade:3": 3, "no_grade": 1}
    assert cases.get_case(case_id).grade_result == "grade:2"
    [line] = review.review_sitting(desk.sitting_id).lines
    [grade_line] = [r for r in line.rounds if r.subject == "grade"]
    assert grade_line.counts == (("grade:2", 5), ("grade:3", 3), ("no_grade", 1))
    assert not [f for f in line.findings if f.finding.rule_id == "R-DEC-3"]


def test_the_free_text_candidate_grade_alone_puts_no_grade_at_stake_R_DEC_3(database):
    """R-DEC-3: the grades at stake come from the personnel record, not the case's text."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular", candidate_grade="2")
    assert grades.grade_options(case.id) == ("no_grade",)
    # An application that names no grade is completed by the grade written on the case.
    personnel.add_application(case.person_id, date(2025, 1, 10), "", today=HELD_ON)
    assert grades.grade_options(case.id) == ("grade:2", "no_grade")


def test_no_grade_at_stake_is_recorded_in_one_step_never_a_one_option_vote_R_DEC_3(database):
    desk = make_desk()
    case_id = _decided_fits(desk, add_employee().id)
    assert voting.needs_grade_vote(case_id) and grades.one_step(case_id)
    with pytest.raises(ServiceError) as refused:
        voting.open_round(case_id, voting.GRADE)
    assert refused.value.rule_id == "R-DEC-3"
    assert [r.subject for r in voting.rounds_of(case_id)] == ["decision"]
    view = grades.record_no_grade(case_id)
    assert view.grade_result == "no_grade"
    assert [r.subject for r in voting.rounds_of(case_id)] == ["decision"]  # no round at all
    [entry] = _history(case_id, "case.grade_no_grounds")
    assert entry["after"]["rule"] == "R-DEC-3"
    assert entry["after"]["options"] == ["no_grade"]
    with pytest.raises(ServiceError):
        grades.record_no_grade(case_id)  # recorded already
    [line] = review.review_sitting(desk.sitting_id).lines
    assert not [f for f in line.findings if f.finding.rule_id == "R-DEC-3"]


def test_one_step_refused_while_a_grade_is_at_stake_R_DEC_3(database):
    desk = make_desk()
    case_id = _decided_fits(desk, add_employee(grade="2").id)
    with pytest.raises(ServiceError) as refused:
        grades.record_no_grade(case_id)
    assert refused.value.rule_id == "R-DEC-3"
    assert cases.get_case(case_id).grade_result is None
    undecided = cases.add_case(desk.sitting_id, add_employee("Other").id, "regular")
    with pytest.raises(ServiceError) as refused:
        grades.record_no_grade(undecided.id)  # no positive decision yet
    assert refused.value.rule_id == "R-DEC-3"


def test_positive_decision_without_grade_outcome_blocks_finalize_even_explained_R_DEC_3(
    database,
):
    desk = make_desk()
    case_id = _decided_fits(desk, add_employee(grade="2").id)
    [line] = review.review_sitting(desk.sitting_id).lines
    [missing] = [f for f in line.findings if f.finding.code == "grade_missing"]
    assert missing.finding.rule_id == "R-DEC-3" and missing.blocking
    with pytest.raises(ServiceError) as refused:
        review.explain(case_id, missing.finding.key, "The grade was discussed orally")
    assert refused.value.rule_id == "R-DEC-3"
    explain_findings(desk.sitting_id)  # every other finding (scorecards) explained
    with pytest.raises(ServiceError) as refused:
        finalize.finalize_sitting(desk.sitting_id, backup=False)
    assert refused.value.rule_id == "R-DEC-3"
    assert sittings.get_sitting(desk.sitting_id).status == "open"
    # Putting the record right clears it: the grade vote, counted.
    g = voting.open_round(case_id, voting.GRADE)
    voting.cast_all(g.id, "grade:2")
    voting.close_round(g.id)
    explain_findings(desk.sitting_id)
    assert finalize.finalize_sitting(desk.sitting_id, backup=False).sitting.status == "finalized"


def _extraordinary(desk, restricted: bool = False) -> int:
    case = cases.add_case(
        desk.sitting_id, add_employee().id, "extraordinary", restricted=restricted
    )
    cases.set_appearance(case.id, "present")
    return case.id


def test_restriction_while_a_round_is_open_discards_it_and_votes_again_R_DEC_5(database):
    desk = make_desk(held_on=date(2024, 6, 3))
    case_id = _extraordinary(desk)
    first = voting.open_round(case_id)
    assert first.options[:2] == ("fits_promote", "fits")
    for seat, option in zip(desk.voting[:3], ("fits", "fits", "unfit_demote"), strict=True):
        voting.cast_ballot(first.id, seat, option)
    view = cases.set_restricted(case_id, True)
    assert view.restricted
    old, new = voting.rounds_of(case_id)
    assert (old.number, old.status) == (1, "discarded")
    assert old.ballots == {
        desk.voting[0]: "fits",
        desk.voting[1]: "fits",
        desk.voting[2]: "unfit_demote",
    }  # kept, for the minutes
    assert (new.number, new.status, new.options) == (2, "open", RESTRICTED)
    [entry] = _history(case_id, "round.discard")
    assert entry["after"]["number"] == 1 and "R-DEC-5" in entry["after"]["reason"]
    with pytest.raises(ServiceError):
        voting.cast_ballot(old.id, desk.voting[3], "fits")  # a discarded round takes none
    # Cleared again while round 2 is open: round 2 is discarded, round 3 offers all five.
    cases.set_restricted(case_id, False)
    statuses = [(r.number, r.status, len(r.options)) for r in voting.rounds_of(case_id)]
    assert statuses == [(1, "discarded", 5), (2, "discarded", 3), (3, "open", 5)]
    cases.set_restricted(case_id, True)
    last = voting.open_round(case_id)
    assert (last.number, last.options) == (4, RESTRICTED)
    voting.cast_all(last.id, "unfit_transfer")
    voting.close_round(last.id)
    assert cases.get_case(case_id).decision == "unfit_transfer"
    [line] = review.review_sitting(desk.sitting_id).lines
    assert [(r.number, r.status) for r in line.rounds] == [
        (1, "discarded"),
        (2, "discarded"),
        (3, "discarded"),
        (4, "closed"),
    ]
    assert not [f for f in line.findings if f.finding.code == "recount"]


def test_restriction_refused_once_the_decision_is_recorded_R_DEC_5(database):
    desk = make_desk(held_on=date(2024, 6, 3))
    case_id = _extraordinary(desk)
    r = voting.open_round(case_id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    before = cases.get_case(case_id).version
    with pytest.raises(ServiceError) as refused:
        cases.set_restricted(case_id, True)
    assert refused.value.rule_id == "R-DEC-5"
    after = cases.get_case(case_id)
    assert (after.restricted, after.decision, after.version) == (False, "fits", before)


def test_vote_path_cannot_adopt_a_decision_outside_the_restricted_options_R_DEC_5(database):
    """A round offering all five left open in older data, the flag set behind its back:
    the count refuses to record "fits"; no restricted round offers it at all."""
    desk = make_desk(held_on=date(2024, 6, 3))
    case_id = _extraordinary(desk)
    stale = voting.open_round(case_id)
    voting.cast_all(stale.id, "fits")
    models.Case.update(restricted=True).where(models.Case.id == case_id).execute()
    with pytest.raises(ServiceError) as refused:
        voting.close_round(stale.id)
    assert refused.value.rule_id == "R-DEC-5"
    assert cases.get_case(case_id).decision is None
    other = _extraordinary(desk, restricted=True)
    r = voting.open_round(other)
    with pytest.raises(ServiceError):
        voting.cast_ballot(r.id, desk.voting[0], "fits")


def test_older_data_with_a_decision_outside_the_restriction_blocks_finalize_R_DEC_5(
    database,
):
    desk = make_desk(held_on=date(2024, 6, 3))
    case_id = _extraordinary(desk)
    r = voting.open_round(case_id)
    voting.cast_all(r.id, "fits")
    voting.close_round(r.id)
    models.Case.update(restricted=True).where(models.Case.id == case_id).execute()
    [line] = review.review_sitting(desk.sitting_id).lines
    [wrong] = [f for f in line.findings if f.finding.code == "decision_not_allowed"]
    assert wrong.finding.rule_id == "R-DEC-5" and wrong.blocking
    with pytest.raises(ServiceError) as refused:
        review.explain(case_id, wrong.finding.key, "The member misread the list")
    assert refused.value.rule_id == "R-DEC-5"
    explain_findings(desk.sitting_id)
    with pytest.raises(ServiceError) as refused:
        finalize.finalize_sitting(desk.sitting_id, backup=False)
    assert refused.value.rule_id == "R-DEC-5"


def test_amendment_path_refuses_a_decision_outside_the_restriction_R_DEC_5(database):
    desk = make_desk(held_on=date(2024, 6, 3))
    case_id = _extraordinary(desk, restricted=True)
    r = voting.open_round(case_id)
    voting.cast_all(r.id, "unfit_demote")
    voting.close_round(r.id)
    explain_findings(desk.sitting_id)
    finalize.finalize_sitting(desk.sitting_id, backup=False)
    with pytest.raises(ServiceError) as refused:
        amendments.request_amendment(
            desk.sitting_id, "decision", "fits", "misread", case_id=case_id
        )
    assert refused.value.rule_id == "R-DEC-5"
    made = amendments.request_amendment(
        desk.sitting_id, "decision", "unfit_transfer", "misread", case_id=case_id
    )
    assert made.new == "unfit_transfer"


def test_import_path_refuses_a_decision_outside_the_restriction_R_DEC_5(database):
    from kzcommission.services.exchange import importer
    from kzcommission.services.exchange.export import sitting_data

    desk = make_desk(held_on=date(2024, 6, 3))
    case_id = _extraordinary(desk, restricted=True)
    r = voting.open_round(case_id)
    voting.cast_all(r.id, "unfit_demote")
    voting.close_round(r.id)
    data = sitting_data(models.Sitting.get_by_id(desk.sitting_id), "office")
    assert importer._recount(data) == []
    [case] = data["sitting"]["cases"]
    case["rounds"] = []  # a package with the decision alone, outside the restriction
    case["decision"], case["decision_rule"] = "fits", "R-VOTE-2"
    problems = importer._recount(data)
    assert ("decision", "R-DEC-5") in {(p.field, p.rule_id) for p in problems}


def test_decision_by_rule_stays_within_the_restriction_R_DEC_5(database):
    """R-SIT-5's decision 5 is one R-DEC-5 allows: the path checks, and accepts it."""
    desk = make_desk(held_on=date(2024, 6, 3))
    person = add_employee()
    first = cases.add_case(desk.sitting_id, person.id, "extraordinary", restricted=True)
    cases.set_appearance(first.id, "absent_unexcused")
    later = sittings.create_sitting(desk.commission.id, date(2024, 7, 1))
    second = cases.add_case(later.id, person.id, "extraordinary", restricted=True)
    cases.set_appearance(second.id, "absent_unexcused")
    assert cases.decide_by_rule(second.id).decision == "unfit_dismiss"


def test_minutes_print_the_discarded_round_and_the_sheet_the_one_step_R_DEC_5_R_DEC_3(
    database, tmp_path
):
    from tests.services.test_printing import pdf_text

    desk = make_desk(members=5, held_on=date(2024, 6, 3))
    restricted = _extraordinary(desk)
    first = voting.open_round(restricted)
    voting.cast_ballot(first.id, desk.voting[0], "fits")
    cases.set_restricted(restricted, True)  # round 1 discarded, round 2 restricted
    second = voting.open_round(restricted)
    voting.cast_all(second.id, "unfit_demote")
    voting.close_round(second.id)
    regular = _decided_fits(desk, add_employee("Nograde").id)
    grades.record_no_grade(regular)
    document = printing.sitting_document(desk.sitting_id)
    by_kind = {c.kind.value: c for c in document.cases}
    one, two = by_kind["extraordinary"].rounds
    assert (one.discarded, one.runoff, one.ballots) == (True, False, {one_name(desk): "fits"})
    assert (two.discarded, two.runoff, two.adopted) == (False, False, "unfit_demote")
    assert by_kind["regular"].grade_without_vote and not by_kind["extraordinary"].grade_without_vote
    files = printing.print_pack(desk.sitting_id, "en", tmp_path)
    minutes = " ".join(pdf_text(next(f for f in files if "minutes" in f.name)).split())
    assert "Discarded: the restriction of decisions (R-DEC-5)" in minutes
    assert "recorded without a vote, R-DEC-3" in minutes
    sheets = [f for f in files if "sheet" in f.name]
    texts = [" ".join(pdf_text(f).split()) for f in sheets]
    assert any("recorded without a vote, R-DEC-3" in t for t in texts)


def one_name(desk) -> str:
    """The name the documents print for the chair's seat."""
    return next(s.holder_name for s in desk.commission.seats if s.id == desk.voting[0])
