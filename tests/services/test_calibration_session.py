"""Calibration sessions (R-CAL-1..3) and the keeping of evaluation papers (R-CAL-4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kzcommission.services.context import Actor, set_actor
from kzcommission.services.errors import PermissionDenied, ServiceError
from kzcommission.services.evaluation import calibration as cal
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.evaluation.calibration import PanelSpec
from kzcommission.store import models
from kzcommission.store.models import (
    CalibrationMember,
    CalibrationSession,
    CalibrationVote,
)
from tests.services.eval_helpers import person

pytestmark = pytest.mark.usefixtures("database")

RESULT = date(2026, 4, 10)  # Friday
REQUEST = date(2026, 4, 14)


def counts() -> tuple[int, ...]:
    return (
        CalibrationSession.select().count(),
        CalibrationMember.select().count(),
        CalibrationVote.select().count(),
        models.HistoryEntry.select().count(),
    )


@pytest.fixture
def desk():
    employee = person("Ospanova", "E1")
    evaluator = person("Head", "H1", "Head of unit")
    sheet = evb.save_sheet(
        employee.id, evaluator.id, 2026, 1, "non_leading", ["3", "3", "3", "3", "3"],
        evaluated_on=RESULT, days_worked=55,
    )  # fmt: skip
    others = [person(f"Evaluator{n}", f"V{n}", "Head of department") for n in range(4)]
    officer = person("Kadrova", "K1", "Personnel officer")
    session = cal.request_session(sheet.id, result_received=RESULT, request_received=REQUEST)
    return {"employee": employee, "evaluator": evaluator, "sheet": sheet, "others": others,
            "officer": officer, "session": session}  # fmt: skip


def lawful(desk) -> list[PanelSpec]:
    return [
        PanelSpec(desk["others"][0].id, is_evaluator=True),
        PanelSpec(desk["others"][1].id, is_evaluator=True),
        PanelSpec(desk["officer"].id, is_personnel_officer=True),
    ]


def test_request_deadlines_in_working_days_r_cal_1(desk):
    view = desk["session"]
    assert view.disputed_score == Decimal("3.00")
    assert view.deadlines.request_in_time
    assert view.deadlines.composition_due == date(2026, 4, 17)  # 3 working days after 14.04
    assert view.deadlines.session_due == date(2026, 4, 28)  # 10 working days after 14.04
    with pytest.raises(ServiceError, match="already under way"):
        cal.request_session(desk["sheet"].id, result_received=RESULT, request_received=REQUEST)


def test_late_request_is_recorded_and_flagged_r_cal_1():
    employee, evaluator = person("Late", "L1"), person("Boss", "L2")
    sheet = evb.save_sheet(employee.id, evaluator.id, 2026, 1, "leading", ["4"] * 5,
                           evaluated_on=RESULT, days_worked=50)  # fmt: skip
    view = cal.request_session(sheet.id, result_received=RESULT, request_received=date(2026, 5, 4))
    assert not view.deadlines.request_in_time
    with pytest.raises(ServiceError) as refused:
        cal.request_session(sheet.id, result_received=RESULT, request_received=date(2026, 4, 1))
    assert refused.value.rule_id == "R-CAL-1"


@pytest.mark.parametrize(
    ("case", "needle"),
    [
        ("two", "at least 3"),
        ("even", "must be odd"),
        ("evaluator", "Head Test) may not sit"),
        ("employee", "Ospanova Test) may not sit"),
        ("no_officer", "no personnel-service officer"),
    ],
)
def test_unlawful_panel_refused_nothing_saved_r_cal_2(desk, case, needle):
    members = lawful(desk)
    if case == "two":
        members = members[1:]
    elif case == "even":
        members.append(PanelSpec(desk["others"][2].id, is_evaluator=True))
    elif case == "evaluator":
        members[0] = PanelSpec(desk["evaluator"].id, is_evaluator=True)
    elif case == "employee":
        members[0] = PanelSpec(desk["employee"].id)
    else:
        members[2] = PanelSpec(desk["others"][2].id)
    before = counts()
    with pytest.raises(ServiceError) as refused:
        cal.set_panel(desk["session"].id, members, approved_on=date(2026, 4, 16))
    assert refused.value.rule_id == "R-CAL-2"
    assert "[R-CAL-2]" in str(refused.value)
    assert needle in str(refused.value)
    assert counts() == before
    assert cal.get_session(desk["session"].id).status == "requested"


def test_vote_adopted_by_majority_and_recorded_by_name_r_cal_3(desk):
    s = desk["session"].id
    a, b, officer = desk["others"][0], desk["others"][1], desk["officer"]
    cal.set_panel(s, lawful(desk), approved_on=date(2026, 4, 16))
    # Round 1: three different scores, no majority: kept, nothing adopted.
    view = cal.record_votes(s, {a.id: "3.5", b.id: "3", officer.id: "4"}, held_on=date(2026, 4, 20))
    assert (view.status, view.adopted_score, view.rounds) == ("no_majority", None, 1)
    # Round 2: two of three for 3.5 -> adopted, the band follows (R-EVB-3).
    view = cal.record_votes(
        s, {a.id: "3.5", b.id: "3,5", officer.id: "3"}, held_on=date(2026, 4, 20)
    )
    assert (view.status, view.adopted_score, view.adopted_band) == (
        "adopted",
        Decimal("3.50"),
        "proper",
    )
    by_name = {(v.round, v.name): v.score for v in view.votes}
    assert by_name[(2, "Evaluator0 Test")] == Decimal("3.50")
    assert by_name[(2, "Kadrova Test")] == Decimal("3.00")
    assert len(view.votes) == 6
    assert evb.annual_score(desk["employee"].id, 2026).score == Decimal("3.50")
    with pytest.raises(ServiceError, match="already adopted"):
        cal.record_votes(s, {a.id: "3"}, held_on=date(2026, 4, 21))


def test_hostile_votes_refused_nothing_saved_r_cal_3(desk):
    s = desk["session"].id
    a, b, officer = desk["others"][0], desk["others"][1], desk["officer"]
    before = counts()
    with pytest.raises(ServiceError, match="not approved"):
        cal.record_votes(s, {a.id: "3"}, held_on=date(2026, 4, 20))
    cal.set_panel(s, lawful(desk), approved_on=date(2026, 4, 16))
    before = counts()
    for votes in (
        {a.id: "5.01", b.id: "3", officer.id: "3"},
        {a.id: "-1", b.id: "3", officer.id: "3"},
        {a.id: "abc", b.id: "3", officer.id: "3"},
        {desk["evaluator"].id: "3", b.id: "3"},  # not a member
    ):
        with pytest.raises(ServiceError) as refused:
            cal.record_votes(s, votes, held_on=date(2026, 4, 20))
        assert refused.value.rule_id == "R-CAL-3"
    assert counts() == before


def test_protocol_deadline_tracked_r_cal_3(desk):
    s = desk["session"].id
    a, b, officer = desk["others"][0], desk["others"][1], desk["officer"]
    with pytest.raises(ServiceError, match="no score was adopted"):
        cal.sign_protocol(s, date(2026, 4, 21))
    cal.set_panel(s, lawful(desk), approved_on=date(2026, 4, 16))
    cal.record_votes(s, {a.id: "3", b.id: "3", officer.id: "3"}, held_on=date(2026, 4, 20))
    view = cal.sign_protocol(s, date(2026, 4, 21))  # Tuesday
    assert view.protocol_upload_due == date(2026, 4, 24)
    assert not view.protocol_overdue(date(2026, 4, 24))
    assert view.protocol_overdue(date(2026, 4, 27))
    view = cal.mark_protocol_uploaded(s, date(2026, 4, 23))
    assert not view.protocol_overdue(date(2027, 1, 1))


def test_disposal_flag_after_three_years_r_cal_4(desk):
    assert cal.due_for_disposal(date(2029, 4, 10)) == []
    due = cal.due_for_disposal(date(2029, 4, 15))
    kinds = {item.kind for item in due}
    assert "corps_b_sheet" in kinds
    sheet = next(item for item in due if item.kind == "corps_b_sheet")
    assert sheet.keep_until == date(2029, 4, 10)
    assert sheet.person_name == "Ospanova Test"
    assert "calibration_session" in kinds  # requested 14.04.2026: kept until 14.04.2029


def test_viewer_refused_r_cal_4(desk):
    set_actor(Actor(name="viewer", role="viewer"))
    before = counts()
    with pytest.raises(PermissionDenied):
        cal.get_session(desk["session"].id)
    with pytest.raises(PermissionDenied):
        cal.due_for_disposal(date(2030, 1, 1))
    with pytest.raises(PermissionDenied):
        cal.set_panel(desk["session"].id, lawful(desk), approved_on=date(2026, 4, 16))
    assert counts() == before
