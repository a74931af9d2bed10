"""Campaign and follow-up: deadlines of RULEBOOK section 3 (R-DL-1..R-DL-9) on a dashboard,
steps and files (R-DL-8), appeals (R-DOC-8), re-certification (R-ELIG-6), postponed cases
(R-SIT-3)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest

from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import campaign, personnel, persons
from kzcommission.services.sitting import cases, followup, sittings, voting
from kzcommission.store import models
from kzcommission.store.models import CaseFile, CaseStep
from tests.services.helpers import make_desk

SITTING = date(2025, 3, 12)  # a Wednesday


def _employees(n: int) -> list[int]:
    return [
        persons.add_person(f"Employee{i}", "Test", personnel_number=f"E{i}").id for i in range(n)
    ]


def _decide(case_id: int, option: str, on: date) -> None:
    cases.set_appearance(case_id, "present")
    r = voting.open_round(case_id)
    voting.cast_all(r.id, option)
    voting.close_round(r.id)
    # The commission decided at the sitting; the test pins the day it was entered.
    models.Case.update(decided_at=datetime.combine(on, datetime.min.time())).where(
        models.Case.id == case_id
    ).execute()


def _status(rows, case_id: int) -> dict[str, tuple[str, date | None]]:
    return {r.rule_id: (r.status, r.due) for r in rows if r.case_id == case_id}


def test_dashboard_done_due_soon_overdue(database):
    """R-DL-1, R-DL-2, R-DL-3: done / done late / overdue / due soon, with the rule ids."""
    desk = make_desk(members=3, held_on=SITTING)
    a, b = campaign.plan(desk.sitting_id, _employees(2), "regular")
    today = date(2025, 2, 14)
    campaign.record_step(a.id, "notice", date(2025, 2, 3), today=today)
    campaign.record_step(a.id, "report", date(2025, 2, 13), today=today)
    board = campaign.dashboard(today, sitting_id=desk.sitting_id)
    assert _status(board.rows, a.id) == {
        "R-DL-1": ("done", date(2025, 2, 12)),  # one month before, a working day
        "R-DL-2": ("done_late", date(2025, 2, 12)),  # four weeks before
        "R-DL-3": ("due_soon", date(2025, 2, 19)),  # three weeks before
        "R-DL-7": ("pending", None),  # counts from the minutes, not signed yet
    }
    assert _status(board.rows, b.id)["R-DL-1"] == ("overdue", date(2025, 2, 12))
    assert _status(board.rows, b.id)["R-DL-2"][0] == "overdue"
    counts = board.counts()
    assert counts["done"] == 1 and counts["overdue"] == 2 and counts["due_soon"] == 2
    assert board.provisional_years == []  # 2025 is firm in the holiday library (R-DL-9)


def test_provisional_year_flagged(database):
    """R-DL-9: a year without firm calendar data makes its deadlines provisional."""
    desk = make_desk(members=3, held_on=date(2031, 3, 12))
    campaign.plan(desk.sitting_id, _employees(1), "regular")
    board = campaign.dashboard(date(2031, 1, 5), sitting_id=desk.sitting_id)
    assert 2031 in board.provisional_years
    assert all(r.provisional for r in board.rows if r.due)


def test_extraordinary_deadlines(database):
    """R-DL-4, R-DL-5, R-DL-6 (minutes within 3 working days), R-DL-7."""
    desk = make_desk(members=3, held_on=date(2024, 10, 15))
    (case,) = campaign.plan(desk.sitting_id, _employees(1), "extraordinary")
    _decide(case.id, "fits", date(2024, 10, 15))
    followup.sign_minutes(case.id, date(2024, 10, 17), today=date(2024, 10, 30))
    rows = campaign.deadlines_of_case(case.id, date(2024, 10, 30))
    status = {r.rule_id: (r.status, r.due) for r in rows}
    assert status["R-DL-4"][1] == date(2024, 9, 24)
    assert status["R-DL-5"][1] == date(2024, 10, 8)
    assert status["R-DL-6"] == ("done", date(2024, 10, 18))
    # R-DL-7, Decree 490 §21: three working days from the decision (Tuesday 15.10).
    assert status["R-DL-7"] == ("overdue", date(2024, 10, 18))


def test_extraordinary_familiarised_before_minutes_signed(database):
    """R-DL-7 under Decree 490 counts from the decision: no signed minutes needed first."""
    desk = make_desk(members=3, held_on=date(2024, 10, 15))
    (case,) = campaign.plan(desk.sitting_id, _employees(1), "extraordinary")
    _decide(case.id, "fits", date(2024, 10, 15))
    before = campaign.deadlines_of_case(case.id, date(2024, 10, 16))
    assert [(r.status, r.due) for r in before if r.rule_id == "R-DL-7"] == [
        ("due_soon", date(2024, 10, 18))
    ]
    state = followup.familiarise(case.id, date(2024, 10, 17), today=date(2024, 10, 17))
    assert state.familiarised_on == date(2024, 10, 17) and state.minutes_signed_on is None
    rows = campaign.deadlines_of_case(case.id, date(2024, 10, 30))
    assert [(r.status, r.due) for r in rows if r.rule_id == "R-DL-7"] == [
        ("done", date(2024, 10, 18))
    ]


BAD_STEPS = [
    ("R-DL-2 unknown step", "interview", date(2025, 2, 1), "step"),
    ("R-DL-1 done after today", "notice", date(2025, 2, 20), "done_on"),
    ("R-DL-6 minutes of an undecided case", "minutes", date(2025, 2, 1), "decision"),
    ("R-DL-4 not a step of a regular case", "characteristic", date(2025, 2, 1), "step"),
]


@pytest.mark.parametrize(
    ("rule", "step", "done_on", "field"), BAD_STEPS, ids=[b[0] for b in BAD_STEPS]
)
def test_bad_step_refused(database, rule, step, done_on, field):
    desk = make_desk(members=3, held_on=SITTING)
    (case,) = campaign.plan(desk.sitting_id, _employees(1), "regular")
    with pytest.raises(ServiceError) as caught:
        campaign.record_step(case.id, step, done_on, today=date(2025, 2, 14))
    assert caught.value.field == field and field in str(caught.value)
    assert CaseStep.select().count() == 0


def test_files_stored_with_sha256(database):
    """R-DL-8: the disagreement letter is annexed to the report, bytes kept with SHA-256."""
    desk = make_desk(members=3, held_on=SITTING)
    (case,) = campaign.plan(desk.sitting_id, _employees(1), "regular")
    letter = "Не согласен с характеристикой. Келіспеймін.".encode()
    with pytest.raises(ServiceError) as caught:  # no report yet
        campaign.attach_file(case.id, "disagreement_annex", "letter.txt", letter)
    assert caught.value.field == "report" and caught.value.rule_id == "R-DL-8"
    assert CaseFile.select().count() == 0
    report = b"%PDF-1.4 performance report"
    stored = campaign.attach_file(case.id, "report", "report.pdf", report)
    assert stored.sha256 == hashlib.sha256(report).hexdigest() and stored.size == len(report)
    annex = campaign.attach_file(
        case.id, "disagreement_annex", "letter.txt", letter, today=date(2025, 2, 20)
    )
    assert annex.sha256 == hashlib.sha256(letter).hexdigest()
    assert campaign.file_content(annex.id) == letter
    assert [f.file_name for f in campaign.list_files(case.id)] == ["report.pdf", "letter.txt"]
    rows = campaign.deadlines_of_case(case.id, date(2025, 2, 20))
    assert [r.status for r in rows if r.rule_id == "R-DL-8"] == ["done"]
    CaseFile.update(content=b"tampered").where(CaseFile.id == annex.id).execute()
    with pytest.raises(ServiceError):
        campaign.file_content(annex.id)


def test_appeal_flow_and_recertification(database):
    """R-DL-6/7, the head's decision, appeal cancelled (R-DOC-8), re-certification (R-ELIG-6)."""
    desk = make_desk(members=3, held_on=SITTING)
    (case,) = campaign.plan(desk.sitting_id, _employees(1), "regular")
    _decide(case.id, "unfit", SITTING)
    with pytest.raises(ServiceError) as caught:  # R-DL-7 counts from the minutes
        followup.familiarise(case.id, date(2025, 3, 13), today=date(2025, 3, 20))
    assert caught.value.field == "minutes" and caught.value.rule_id == "R-DL-7"
    followup.sign_minutes(case.id, date(2025, 3, 13), today=date(2025, 3, 20))
    state = followup.familiarise(case.id, date(2025, 3, 17), today=date(2025, 3, 20))
    assert state.familiarised_on == date(2025, 3, 17)
    rows = campaign.deadlines_of_case(case.id, date(2025, 3, 20))
    assert [(r.status, r.due) for r in rows if r.rule_id == "R-DL-7"] == [
        ("done", date(2025, 3, 18))  # 3 working days after the minutes were signed
    ]
    with pytest.raises(ServiceError) as caught:
        followup.record_head_decision(case.id, date(2025, 3, 1))
    assert caught.value.field == "decided_on"
    followup.record_head_decision(case.id, date(2025, 3, 20), "№ 15-к")
    # R-DOC-7: the approved decision is in the service record, once.
    followup.record_head_decision(case.id, date(2025, 3, 20), "№ 15-к")
    (entry,) = personnel.get_record(case.person_id).certifications
    assert (entry.on, entry.kind, entry.result) == (SITTING, "regular", "unfit")
    appeal = followup.file_appeal(case.id, date(2025, 3, 25), "the Rules were violated")
    assert followup.recertification_due() == []
    followup.decide_appeal(appeal.id, "cancelled", date(2025, 4, 10))
    with pytest.raises(ServiceError) as caught:
        followup.decide_appeal(appeal.id, "rejected", date(2025, 4, 11))
    assert caught.value.field == "outcome"
    (waiting,) = followup.recertification_due()
    assert (waiting.reason, waiting.earliest, waiting.rule_id) == (
        "appeal",
        date(2025, 6, 12),
        "R-ELIG-6",
    )
    too_early = sittings.create_sitting(desk.commission.id, date(2025, 5, 20))
    with pytest.raises(ServiceError) as caught:
        followup.schedule_recertification(case.id, too_early.id)
    assert caught.value.field == "sitting" and caught.value.rule_id == "R-ELIG-6"
    later = sittings.create_sitting(desk.commission.id, date(2025, 6, 18))
    new_case = followup.schedule_recertification(case.id, later.id)
    assert new_case.kind == "repeat" and new_case.sitting_id == later.id
    assert followup.recertification_due() == []
    assert followup.follow_up(case.id).appeals[0].outcome == "cancelled"


def test_postponed_case_moved(database):
    """R-SIT-3: absent for a good reason, the case waits and moves to a later sitting."""
    desk = make_desk(members=3, held_on=SITTING)
    (case,) = campaign.plan(desk.sitting_id, _employees(1), "regular")
    cases.set_appearance(case.id, "absent_excused", reason="sick leave")
    (waiting,) = followup.postponed_cases()
    assert (waiting.case_id, waiting.rule_id, waiting.absence_reason) == (
        case.id,
        "R-SIT-3",
        "sick leave",
    )
    assert campaign.dashboard(date(2025, 3, 1), sitting_id=desk.sitting_id).rows == []
    earlier = sittings.create_sitting(desk.commission.id, date(2025, 3, 1))
    with pytest.raises(ServiceError) as caught:
        followup.move_postponed(case.id, earlier.id)
    assert caught.value.field == "sitting"
    later = sittings.create_sitting(desk.commission.id, date(2025, 4, 16))
    moved = followup.move_postponed(case.id, later.id)
    assert moved.sitting_id == later.id and moved.kind == "regular"
    assert followup.postponed_cases() == []
    with pytest.raises(ServiceError) as caught:
        followup.move_postponed(case.id, later.id)
    assert caught.value.field == "case"
    board = campaign.dashboard(date(2025, 3, 20), sitting_id=later.id)
    assert {r.rule_id for r in board.rows} >= {"R-DL-1", "R-DL-2", "R-DL-3"}


def test_dashboard_shows_planned_and_open_sittings_whatever_their_date(database):
    """Issue 22: planned and open sittings are on the dashboard whatever their date; held
    (closed) sittings older than the window are left out of "current" only, and "all"
    shows them; the board says which choice it shows."""
    today = date(2025, 6, 30)
    old_planned = make_desk(members=3, held_on=date(2025, 1, 15))  # 166 days before today
    commission = old_planned.commission.id
    models.Sitting.update(status="planned").where(
        models.Sitting.id == old_planned.sitting_id
    ).execute()
    old_closed = sittings.create_sitting(commission, date(2025, 2, 12))
    models.Sitting.update(status="closed").where(models.Sitting.id == old_closed.id).execute()
    recent_closed = sittings.create_sitting(commission, date(2025, 6, 11))
    a, b, c = _employees(3)
    (planned_case,) = campaign.plan(old_planned.sitting_id, [a], "regular")
    (old_case,) = campaign.plan(old_closed.id, [b], "regular")
    (recent_case,) = campaign.plan(recent_closed.id, [c], "regular")
    models.Sitting.update(status="closed").where(models.Sitting.id == recent_closed.id).execute()

    board = campaign.dashboard(today)
    assert board.scope == "current" and board.since_days == 60
    shown = {r.case_id for r in board.rows}
    assert shown == {planned_case.id, recent_case.id}
    everything = campaign.dashboard(today, scope="all")
    assert {r.case_id for r in everything.rows} == {planned_case.id, old_case.id, recent_case.id}
    with pytest.raises(ServiceError) as caught:
        campaign.dashboard(today, scope="recent")
    assert caught.value.field == "scope"


def test_first_unexcused_absence_waits_under_r_sit_5(database):
    """R-SIT-5 (Reading): a first unexcused absence of an extraordinary case moves it to a
    later sitting under R-SIT-5, not as "absent for a good reason" (R-SIT-3)."""
    desk = make_desk(members=3, held_on=date(2024, 10, 15))  # Decree 490 in force
    excused, unexcused = _employees(2)
    (good,) = campaign.plan(desk.sitting_id, [excused], "extraordinary")
    (bad,) = campaign.plan(desk.sitting_id, [unexcused], "extraordinary")
    cases.set_appearance(good.id, "absent_excused", reason="sick leave")
    cases.set_appearance(bad.id, "absent_unexcused")
    waiting = {w.case_id: w for w in followup.postponed_cases()}
    assert (waiting[good.id].rule_id, waiting[good.id].label_key) == (
        "R-SIT-3",
        "prep.reason.postponed",
    )
    assert (waiting[bad.id].rule_id, waiting[bad.id].label_key) == (
        "R-SIT-5",
        "prep.reason.postponed_unexcused",
    )
    earlier = sittings.create_sitting(desk.commission.id, date(2024, 10, 1))
    with pytest.raises(ServiceError) as caught:
        followup.move_postponed(bad.id, earlier.id)
    assert caught.value.rule_id == "R-SIT-5"
