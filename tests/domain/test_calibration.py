"""Calibration sessions of corps "B" (Order 13, Appendix 2, §11, §13, §20-§23):
panel composition, deadlines, result by majority, retention (R-CAL-1..4).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcommission.domain.errors import RuleError
from kzcommission.domain.evaluation import (
    PanelError,
    PanelMember,
    calibration_deadlines,
    calibration_result,
    check_calibration_panel,
    is_due_for_disposal,
    protocol_upload_due,
    retention_until,
)

D = Decimal
EMPLOYEE = "emp"
EVALUATOR = "boss"


def ev(pid: str) -> PanelMember:
    return PanelMember(pid, is_evaluator=True)


def hr(pid: str) -> PanelMember:
    return PanelMember(pid, is_personnel_officer=True)


def check(members):
    check_calibration_panel(members, employee_id=EMPLOYEE, evaluator_id=EVALUATOR)


def problems_of(members) -> tuple[str, ...]:
    with pytest.raises(PanelError) as caught:
        check(members)
    error = caught.value
    assert isinstance(error, RuleError)
    assert error.rule_id == "R-CAL-2"
    assert error.field == "members"
    return error.problems


# ---- R-CAL-2: the panel --------------------------------------------------------------


@pytest.mark.parametrize(
    "members",
    [
        [ev("a"), ev("b"), hr("h")],
        [ev("a"), ev("b"), ev("c"), ev("d"), hr("h")],
        [ev("a"), PanelMember("x"), hr("h")],  # a member with neither role is allowed
        [PanelMember("a", is_evaluator=True, is_personnel_officer=True), ev("b"), ev("c")],
    ],
)
def test_r_cal_2_lawful_panels(members):
    check(members)  # no error


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([ev("a"), hr("h")], "at least 3"),  # fewer than three
        ([hr("h")], "at least 3"),
        ([], "at least 3"),
        ([ev("a"), ev("b"), ev("c"), hr("h")], "must be odd"),  # even number
        ([ev("a"), PanelMember(EMPLOYEE), hr("h")], "employee disputing"),
        ([ev("a"), ev(EVALUATOR), hr("h")], "evaluator whose score is disputed"),
        ([ev("a"), ev("b"), ev("c")], "no personnel-service officer"),
        ([PanelMember("a"), PanelMember("b"), hr("h")], "no evaluator"),
        ([ev("a"), ev("a"), ev("b"), hr("h"), PanelMember("x")], "more than once: a"),
    ],
)
def test_r_cal_2_each_rule_is_enforced(members, expected):
    problems = problems_of(members)
    assert any(expected in problem for problem in problems), problems


def test_r_cal_2_the_disputed_evaluator_does_not_count_as_the_evaluator():
    # He may not sit, and his presence does not satisfy "includes evaluators".
    problems = problems_of([ev(EVALUATOR), PanelMember("x"), hr("h")])
    assert any("evaluator whose score is disputed" in p for p in problems)
    assert "no evaluator among the members" in problems


def test_r_cal_2_every_defect_reported_at_once():
    problems = problems_of([PanelMember(EMPLOYEE), PanelMember("x")])
    assert len(problems) == 5  # fewer than three, even, employee, no officer, no evaluator
    with pytest.raises(RuleError, match=r"^\[R-CAL-2\] .*; .*"):
        check([PanelMember(EMPLOYEE), PanelMember("x")])


@pytest.mark.parametrize("members", [None, "abc", [ev("a"), "b", hr("h")], {"a": 1}])
def test_r_cal_2_hostile_panels(members):
    problems_of(members)


@given(st.integers(min_value=0, max_value=12))
def test_r_cal_2_property_size_rule(size):
    members = [ev(f"e{i}") for i in range(size - 1)] + [hr("h")] if size else []
    if size >= 3 and size % 2 == 1:
        check(members)
    else:
        with pytest.raises(PanelError):
            check(members)


# ---- R-CAL-1 / R-CAL-3: deadlines ------------------------------------------------------


def test_r_cal_1_deadlines_in_a_plain_week():
    # Result Monday 03.11.2025, request Wednesday 05.11.2025; no holidays in November.
    deadlines = calibration_deadlines(date(2025, 11, 5), date(2025, 11, 3))
    assert deadlines.request_due == date(2025, 11, 10)  # 5 working days after the result
    assert deadlines.request_in_time
    assert deadlines.composition_due == date(2025, 11, 10)  # 3 working days after the request
    assert deadlines.session_due == date(2025, 11, 19)  # 10 working days after the request
    assert not deadlines.provisional


def test_r_cal_1_deadlines_skip_nauryz_and_weekends():
    # 21-25.03.2025 are days off (Nauryz, with the observed days), 22-23 a weekend.
    deadlines = calibration_deadlines(date(2025, 3, 20), date(2025, 3, 20))
    assert deadlines.request_due == date(2025, 4, 1)
    assert deadlines.composition_due == date(2025, 3, 28)
    assert deadlines.session_due == date(2025, 4, 8)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 1)))
def test_r_cal_1_property_deadlines_count_working_days(received):
    from kzcommission.domain.workdays import is_working_day, working_days_between

    deadlines = calibration_deadlines(received, received)
    for due, n in ((deadlines.request_due, 5), (deadlines.session_due, 10)):
        assert is_working_day(due)
        assert working_days_between(received, due) == n


def test_r_cal_1_request_after_the_fifth_working_day_is_late():
    assert calibration_deadlines(date(2025, 11, 10), date(2025, 11, 3)).request_in_time
    late = calibration_deadlines(date(2025, 11, 11), date(2025, 11, 3))
    assert not late.request_in_time
    assert late.session_due == date(2025, 11, 25)


def test_r_cal_1_request_before_the_result_is_refused():
    with pytest.raises(RuleError) as caught:
        calibration_deadlines(date(2025, 11, 2), date(2025, 11, 3))
    assert (caught.value.rule_id, caught.value.field) == ("R-CAL-1", "request_received")


@pytest.mark.parametrize("bad", [None, "2025-11-03", 20251103])
def test_r_cal_1_hostile_dates(bad):
    with pytest.raises(RuleError) as caught:
        calibration_deadlines(date(2025, 11, 5), bad)
    assert caught.value.rule_id == "R-CAL-1"


def test_r_cal_3_protocol_in_the_system_within_3_working_days_of_signing():
    assert protocol_upload_due(date(2025, 11, 3)) == date(2025, 11, 6)  # Monday -> Thursday
    assert protocol_upload_due(date(2025, 11, 7)) == date(2025, 11, 12)  # Friday -> Wednesday


# ---- R-CAL-3: result by majority of the session's members ------------------------------

FIVE = ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize(
    ("votes", "members", "adopted"),
    [
        ({"a": "3.5", "b": "3.5", "c": "4"}, None, "3.50"),  # 2 of 3
        ({"a": "4", "b": "4", "c": "4", "d": "3", "e": "2"}, FIVE, "4.00"),  # 3 of 5
        ({"a": "4", "b": "4", "c": "3", "d": "3", "e": "2"}, FIVE, None),  # 2-2-1: none
        ({"a": "4", "b": "4", "c": "4"}, FIVE, "4.00"),  # 3 of 5 although two did not vote
        ({"a": "4", "b": "4"}, FIVE, None),  # 2 of 5 is no majority of the members
        ({"a": "2.5", "b": "2.50", "c": D("2.5")}, None, "2.50"),  # equal values count together
        ({"a": "1", "b": "1", "c": "5"}, None, "1.00"),  # lowered: allowed
        ({"a": "5", "b": "5", "c": "1"}, None, "5.00"),  # raised: allowed
    ],
)
def test_r_cal_3_score_adopted_by_majority_of_members(votes, members, adopted):
    result = calibration_result(votes, members=members)
    assert result == (None if adopted is None else D(adopted))


def test_r_cal_3_members_may_be_panel_members():
    panel = [ev("a"), ev("b"), hr("h")]
    assert calibration_result({"a": "4", "h": "4"}, members=panel) == D("4")


def test_r_cal_3_members_must_be_a_collection():
    with pytest.raises(RuleError) as caught:
        calibration_result({"a": "4"}, members="abc")
    assert (caught.value.rule_id, caught.value.field) == ("R-CAL-3", "members")


def test_r_cal_3_a_voter_outside_the_session_is_refused():
    with pytest.raises(RuleError) as caught:
        calibration_result({"a": "4", "z": "4"}, members=["a", "b", "c"])
    assert (caught.value.rule_id, caught.value.field) == ("R-CAL-3", "z")


@pytest.mark.parametrize("bad", [4.0, "-1", "5.01", "abc", None, "3.999"])
def test_r_cal_3_hostile_scores_name_the_voter(bad):
    with pytest.raises(RuleError) as caught:
        calibration_result({"a": "4", "b": bad, "c": "4"})
    assert (caught.value.rule_id, caught.value.field) == ("R-CAL-3", "b")


@pytest.mark.parametrize("votes", [{}, None, ["4", "4"]])
def test_r_cal_3_no_votes(votes):
    with pytest.raises(RuleError) as caught:
        calibration_result(votes)
    assert caught.value.rule_id == "R-CAL-3"


# ---- R-CAL-4: retention --------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "until"),
    [
        (date(2025, 4, 20), date(2028, 4, 20)),
        (date(2024, 2, 29), date(2027, 2, 28)),  # no 29 February in 2027
        (date(2025, 12, 31), date(2028, 12, 31)),
    ],
)
def test_r_cal_4_documents_kept_three_years(completed, until):
    assert retention_until(completed) == until
    assert not is_due_for_disposal(completed, until)
    assert is_due_for_disposal(completed, date.fromordinal(until.toordinal() + 1))


def test_r_cal_4_hostile_dates():
    with pytest.raises(RuleError) as caught:
        retention_until("2025-01-01")
    assert caught.value.rule_id == "R-CAL-4"
    with pytest.raises(RuleError):
        is_due_for_disposal(date(2025, 1, 1), None)
