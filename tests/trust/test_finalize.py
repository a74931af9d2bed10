"""Finalize locks the sitting; amendments correct it without touching the original."""

from __future__ import annotations

import pytest

from kzcommission.documents.addendum import render_addendum
from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.errors import LockedError, PermissionDenied, ServiceError
from kzcommission.services.installation import accounts
from kzcommission.services.sitting import amendments, cases, finalize, sittings
from tests.services.helpers import add_employee, explain_findings, make_desk


@pytest.fixture
def finalized(database):
    desk = make_desk(members=5)
    case = cases.add_case(desk.sitting_id, add_employee("Әлиев", "K1").id, "regular")
    cases.set_text(case.id, "opinion", "Жақсы")
    assert explain_findings(desk.sitting_id) == 1  # the case was never decided (R-DOC-1)
    finalize.finalize_sitting(desk.sitting_id, backup=False)
    return desk, case


def test_finalized_sitting_refuses_changes(finalized):
    desk, case = finalized
    assert sittings.get_sitting(desk.sitting_id).status == "finalized"
    with pytest.raises(LockedError):
        cases.set_text(case.id, "opinion", "changed")
    with pytest.raises(LockedError):
        sittings.mark_attendance(desk.sitting_id, desk.voting[0], "left")
    with pytest.raises(LockedError):
        finalize.finalize_sitting(desk.sitting_id, backup=False)


def test_open_round_blocks_finalize(database):
    desk = make_desk(members=5)
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "present")
    from kzcommission.services.sitting import voting

    voting.open_round(case.id)
    with pytest.raises(ServiceError, match="still open"):
        finalize.finalize_sitting(desk.sitting_id, backup=False)


def test_amendment_signed_by_the_chair_leaves_the_original(finalized):
    desk, case = finalized
    amendment = amendments.request_amendment(
        desk.sitting_id, "opinion", "Өте жақсы", "typing error", case_id=case.id
    )
    assert (amendment.old, amendment.new, amendment.signed) == ("Жақсы", "Өте жақсы", False)
    with pytest.raises(PermissionDenied):
        amendments.sign_amendment(amendment.id)  # the secretary (local admin) cannot
    chair_seat = next(s for s in desk.commission.seats if s.id == desk.chair)
    member_seat = next(s for s in desk.commission.seats if s.id == desk.voting[1])
    set_actor(Actor("member", "chair", seat_uuid=member_seat.uuid))
    try:
        with pytest.raises(PermissionDenied, match="chair of this commission"):
            amendments.sign_amendment(amendment.id)
        set_actor(Actor("Chair Person", "chair", seat_uuid=chair_seat.uuid))
        signed = amendments.sign_amendment(amendment.id)
    finally:
        reset_actor()
    assert signed.signed_by == "Chair Person" and signed.signed_at is not None
    assert cases.get_case(case.id).texts["opinion"] == "Жақсы"
    data = amendments.addendum_data(desk.sitting_id)
    assert len(data.items) == 1 and len(data.chain_head) == 64
    pdf = render_addendum(data, "kk")
    assert pdf.startswith(b"%PDF")


def test_amendment_needs_reason_and_a_finalized_sitting(database):
    desk = make_desk(members=5)
    with pytest.raises(ServiceError, match="not finalized"):
        amendments.request_amendment(desk.sitting_id, "place", "X", "why")
    finalize.finalize_sitting(desk.sitting_id, backup=False)
    with pytest.raises(ServiceError, match="reason"):
        amendments.request_amendment(desk.sitting_id, "place", "X", "  ")


def test_chair_account_finalizes(database):
    desk = make_desk(members=5)
    chair_seat = next(s for s in desk.commission.seats if s.id == desk.chair)
    accounts.create_user("admin", "password-1", "administrator")
    accounts.authenticate("admin", "password-1")
    accounts.create_user("chair", "password-2", "chair", seat_uuid=chair_seat.uuid)
    accounts.authenticate("chair", "password-2")
    try:
        result = finalize.finalize_sitting(desk.sitting_id, backup=False)
    finally:
        reset_actor()
    assert result.sitting.status == "finalized"


def test_an_amended_decision_must_be_one_the_rules_offer(database):
    """R-DEC-1/R-DEC-4/R-DEC-5, R-DEC-3: an amendment cannot record a decision, grade or
    appearance the case could never have had."""
    from tests.services.finished_sitting import finish_demo

    sitting_id = finish_demo()
    finalize.finalize_sitting(sitting_id, backup=False)
    listed = {c.order + 1: c for c in cases.list_cases(sitting_id)}
    regular, restricted = listed[1], listed[12]
    for case, field, value, rule in (
        (regular, "decision", "fits_promote", "R-DEC-1"),
        (restricted, "decision", "fits", "R-DEC-5"),
        (regular, "grade_result", "grade:9", "R-DEC-3"),
        (regular, "appearance", "sick", "R-SIT-3"),
    ):
        with pytest.raises(ServiceError, match="not a") as refused:
            amendments.request_amendment(sitting_id, field, value, "typo", case_id=case.id)
        assert (refused.value.rule_id, refused.value.field) == (rule, "new")
    assert amendments.list_amendments(sitting_id) == []
    made = amendments.request_amendment(
        sitting_id, "decision", "recertify", "the count was misread", case_id=regular.id
    )
    assert (made.old, made.new) == ("fits", "recertify")
