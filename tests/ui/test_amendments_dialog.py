"""Amendments of a finalized sitting from its console (Ctrl+Shift+A), by keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kzcommission.services.context import Actor, current_actor, reset_actor, set_actor
from kzcommission.services.installation import accounts
from kzcommission.services.sitting import amendments, cases, finalize
from kzcommission.store import models
from kzcommission.ui.amendments_dialog import AmendmentsDialog
from kzcommission.ui.chair_review import ChairSignIn
from tests.services.finished_sitting import finish_demo
from tests.ui.driver import Keys, activate

K = Qt.Key
M = Qt.KeyboardModifier
CTRL_SHIFT = M.ControlModifier | M.ShiftModifier


def open_amendments(qtbot, window, sitting_id: int) -> AmendmentsDialog:  # noqa: ANN001
    window.open_sitting(sitting_id)
    console = window.page
    activate(qtbot, window)
    console.form.caseList.setFocus()
    Keys(qtbot).press(K.Key_A, CTRL_SHIFT, widget=console.form.caseList)
    qtbot.waitUntil(lambda: isinstance(console.dialog, AmendmentsDialog))
    dialog = console.dialog
    activate(qtbot, dialog)
    return dialog


def test_request_and_sign_by_keys_with_the_chair_signing_in(qtbot, window, artifacts: Path):
    sitting_id = finish_demo()
    finalize.finalize_sitting(sitting_id, backup=False)
    accounts.create_user("admin", "admin-password-1", "administrator")
    set_actor(Actor(name="admin", role="administrator"))
    accounts.create_user("sec", "secretary-password", "secretary")
    chair_seat = models.Seat.get(models.Seat.role == "chair")
    accounts.create_user("chair", "chair-password-1", "chair", seat_uuid=chair_seat.uuid)
    accounts.authenticate("sec", "secretary-password")
    try:
        dialog = open_amendments(qtbot, window, sitting_id)
        keys = Keys(qtbot)
        assert dialog.target.hasFocus()
        keys.press(K.Key_Down, widget=dialog.target)  # case 1
        assert dialog.chosen_case().order == 0
        keys.press(K.Key_Tab, widget=dialog.target)
        decision = dialog.field.findData("decision")
        dialog.field.setCurrentIndex(decision)
        # The decision is chosen among the rule set's options (R-DEC-1), not typed.
        assert [dialog.choice.itemData(i) for i in range(dialog.choice.count())] == [
            "fits",
            "recertify",
            "unfit",
        ]
        assert dialog.current.text() == "fits the position held"
        dialog.choice.setCurrentIndex(1)
        keys.type("The count of round 1 was misread", widget=dialog.reason)
        keys.press(K.Key_Return, M.ControlModifier, widget=dialog.reason)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
        made = amendments.list_amendments(sitting_id)[0]
        assert (made.field, made.old, made.new, made.signed) == (
            "decision",
            "fits",
            "recertify",
            False,
        )
        assert made.requested_by == "sec"
        # A reason is required: nothing is stored without one.
        keys.press(K.Key_Return, M.ControlModifier, widget=dialog.reason)
        assert "reason" in dialog.message.text().lower()
        assert len(amendments.list_amendments(sitting_id)) == 1
        # The secretary may not sign: the chair signs in for this one act.
        keys.press(K.Key_G, M.ControlModifier, widget=dialog.table)
        qtbot.waitUntil(lambda: isinstance(dialog.dialog, ChairSignIn))
        sign_in = dialog.dialog
        activate(qtbot, sign_in)
        keys.type("chair", widget=sign_in.name)
        keys.type("chair-password-1", widget=sign_in.password)
        keys.press(K.Key_Return, widget=sign_in.password)
        qtbot.waitUntil(lambda: amendments.list_amendments(sitting_id)[0].signed)
        assert amendments.list_amendments(sitting_id)[0].signed_by == "chair"
        assert current_actor().name == "sec"
        assert "chair" in dialog.table.item(0, 7).text()
        # The record itself is unchanged.
        assert cases.get_case(made.case_id).decision == "fits"
        dialog.grab().save(str(artifacts / "amendments_dialog.png"))
    finally:
        reset_actor()


def test_an_open_sitting_has_no_amendments(qtbot, window):
    sitting_id = finish_demo()
    window.open_sitting(sitting_id)
    console = window.page
    console.paperwork.amendments()
    assert not isinstance(console.dialog, AmendmentsDialog)
    assert "Ctrl+K" in console.form.messageLabel.text()
    assert not console.paperwork.buttons["amendments"].isVisibleTo(console)
