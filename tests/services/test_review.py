"""The chair's review through the services: lines, findings, explanations, sign-off."""

from __future__ import annotations

import pytest

from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.sitting import cases, finalize, recordings, review, scorecards, sittings
from kzcommission.store import models
from tests.services.finished_sitting import EXPECTED, finish_demo


def _line(sitting_id: int, number: int) -> review.ReviewLine:
    return next(x for x in review.review_sitting(sitting_id).lines if x.number == number)


def _codes(line: review.ReviewLine) -> list[tuple[str, str]]:
    return [(f.finding.code, f.finding.rule_id) for f in line.findings]


def test_every_case_of_a_finished_sitting_with_its_counts(database):
    sitting_id = finish_demo()
    lines = review.review_sitting(sitting_id).lines
    assert [line.number for line in lines] == list(range(1, 13))
    for line in lines:
        expected = EXPECTED[line.number]
        decision_rounds = [dict(r.counts) for r in line.rounds if r.subject == "decision"]
        grade_rounds = [dict(r.counts) for r in line.rounds if r.subject == "grade"]
        assert (*decision_rounds, *grade_rounds) == expected.rounds, line.person_name
        assert line.decision == expected.decision, line.person_name
        assert len(line.recusals) == expected.recused
        assert any(r.casting_vote_used for r in line.rounds) == expected.casting
        assert line.findings == (), (line.number, _codes(line))
        assert line.state == "unconfirmed"
    tie = lines[2]
    assert tie.decision_rule == "R-VOTE-3" and tie.rounds[0].presiding.startswith("Сейітқали")
    assert len(tie.voters) == 8 and len(lines[0].voters) == 9


def test_a_ballot_recorded_while_quorum_was_missing_is_flagged_R_QUO_2(database):
    sitting_id = finish_demo()
    line = _line(sitting_id, 1)
    first_ballot = min(
        b.cast_at
        for b in models.Ballot.select()
        .join(models.VoteRound)
        .where(models.VoteRound.case == line.case_id)
    )
    seats = sittings.voting_seat_ids(sittings.get_sitting(sitting_id).commission_id)
    roll_call = max(e.at for e in models.AttendanceEvent.select())
    left_at = roll_call + (first_ballot - roll_call) / 2
    # Entered afterwards with its real time: four members had left before the vote.
    for seat in seats[-4:]:
        sittings.mark_attendance(sitting_id, seat, "left", at=left_at)
    flagged = _line(sitting_id, 1)
    assert ("ballot_without_quorum", "R-QUO-2") in _codes(flagged)
    assert flagged.state == "blocked"
    with pytest.raises(ServiceError, match="R-QUO-2|quorum"):
        finalize.finalize_sitting(sitting_id, backup=False)


def test_a_decision_that_does_not_follow_from_its_ballots_is_flagged(database):
    sitting_id = finish_demo()
    line = _line(sitting_id, 2)  # 5 fits - 4 unfit: "fits"
    models.Case.update(decision="unfit").where(models.Case.id == line.case_id).execute()
    codes = _codes(_line(sitting_id, 2))
    assert ("recount", "R-VOTE-2") in codes
    with pytest.raises(ServiceError, match="R-VOTE-2"):
        finalize.finalize_sitting(sitting_id, backup=False)


def test_missing_recording_R_SIT_2_and_scorecards_R_DOC_4_are_flagged(database):
    sitting_id = finish_demo(scorecards_for=False, recordings_for=False)
    lines = review.review_sitting(sitting_id).lines
    extraordinary = [x for x in lines if x.kind == "extraordinary" and x.appearance == "present"]
    assert extraordinary and all(
        ("recording_missing", "R-SIT-2") in _codes(x) for x in extraordinary
    )
    regular = _line(sitting_id, 3)  # eight voters, one recused: eight missing scorecards
    assert _codes(regular).count(("scorecard_missing", "R-DOC-4")) == 8
    # An absent person had no interview: nothing to record, nobody to score.
    assert _line(sitting_id, 5).findings == ()
    with pytest.raises(ServiceError, match="R-SIT-2|R-DOC-4"):
        finalize.finalize_sitting(sitting_id, backup=False)
    # Put right: the recording reference is entered, the finding disappears.
    recordings.set_recording(extraordinary[0].case_id, media="Dictaphone 2, file 8")
    assert ("recording_missing", "R-SIT-2") not in _codes(_line(sitting_id, 8))


def test_an_undecided_case_is_flagged_R_DOC_1(database):
    sitting_id = finish_demo()
    case = cases.add_case(
        sitting_id, cases.get_case(_line(sitting_id, 1).case_id).person_id, "regular"
    )
    line = next(x for x in review.review_sitting(sitting_id).lines if x.case_id == case.id)
    assert _codes(line) == [("undecided", "R-DOC-1")]


def test_an_explanation_in_writing_unblocks_finalizing(database):
    sitting_id = finish_demo(recordings_for=False)
    blocking = review.blocking_findings(sitting_id)
    assert {f.finding.rule_id for _, f in blocking} == {"R-SIT-2"}
    for line, finding in blocking:
        with pytest.raises(ServiceError, match="at most"):
            review.explain(line.case_id, finding.finding.key, "x" * (review.MAX_EXPLANATION + 1))
        review.explain(
            line.case_id,
            finding.finding.key,
            "The recorder failed; the interview was taken down in full in the minutes.",
        )
    assert review.blocking_findings(sitting_id) == ()
    explained = _line(sitting_id, 8).findings[0]
    assert not explained.blocking and "recorder failed" in explained.explanation
    result = finalize.finalize_sitting(sitting_id, backup=False)
    assert result.sitting.status == "finalized"


def test_explaining_an_unknown_finding_is_refused(database):
    sitting_id = finish_demo()
    with pytest.raises(ServiceError, match="no finding"):
        review.explain(_line(sitting_id, 1).case_id, "recount:R-VOTE-2:decision", "why")


def test_confirmation_is_stored_and_goes_stale_when_the_case_changes(database):
    sitting_id = finish_demo()
    confirmed = review.confirm(sitting_id)
    assert confirmed.all_confirmed
    first = confirmed.lines[0].confirmation
    assert first is not None and first.chair_name.startswith("Сейітқали")
    assert first.entered_by == "local" and first.current
    # A scorecard changed afterwards: the confirmation no longer covers what is recorded.
    line = confirmed.lines[0]
    seat = sittings.voting_seat_ids(sittings.get_sitting(sitting_id).commission_id)[1]
    review.record_correction(line.case_id, "The member's grounds were typed on the wrong case")
    scorecards.save_scorecard(line.case_id, seat, score="excellent", decision="fits")
    changed = _line(sitting_id, 1)
    assert changed.state == "changed" and not changed.confirmation.current
    assert changed.corrections[0][0].startswith("The member's grounds")
    again = review.confirm(sitting_id, [line.case_id])
    assert again.lines[0].state == "confirmed"
    assert models.Case.get_by_id(line.case_id).confirmations.count() == 2


def test_confirmation_refused_while_a_finding_is_open(database):
    sitting_id = finish_demo(recordings_for=False)
    with pytest.raises(ServiceError, match="R-SIT-2"):
        review.confirm(sitting_id)
    assert all(x.confirmation is None for x in review.review_sitting(sitting_id).lines)
    review.confirm(sitting_id, [_line(sitting_id, 1).case_id])  # a clean case alone is fine
    assert _line(sitting_id, 1).state == "confirmed"


def test_only_the_chair_confirms(database):
    sitting_id = finish_demo()
    set_actor(Actor(name="sec", role="secretary"))
    try:
        with pytest.raises(PermissionDenied, match="review.confirm"):
            review.confirm(sitting_id)
        assert review.review_sitting(sitting_id).lines  # the secretary reads the review
        set_actor(Actor(name="chair-account", role="chair"))
        done = review.confirm(sitting_id)
        assert done.lines[0].confirmation.entered_by == "chair-account"
    finally:
        reset_actor()


def test_the_minutes_print_the_sign_off_explanations_and_corrections(database, tmp_path):
    import subprocess

    from kzcommission.services.papers import printing

    sitting_id = finish_demo(recordings_for=False)
    for line, finding in review.blocking_findings(sitting_id):
        review.explain(line.case_id, finding.finding.key, f"Recorder failed at case {line.number}")
    first = _line(sitting_id, 1)
    review.record_correction(first.case_id, "Grounds typed on the wrong case")
    review.confirm(sitting_id)
    files = printing.print_pack(sitting_id, "en", tmp_path)
    minutes = next(p for p in files if "minutes" in p.name)
    text = subprocess.run(
        ["pdftotext", "-layout", str(minutes), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert text.count("reviewed and confirmed by the chair Сейітқали") == 12
    assert "[R-SIT-2] Recorder failed at case 8" in text
    assert "Grounds typed on the wrong case" in text
