"""The chair's review (F12) and the room display (Ctrl+F10, F10), driven with keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPlainTextEdit

from kzcommission.services.context import Actor, reset_actor, set_actor
from kzcommission.services.installation import accounts
from kzcommission.services.sitting import cases, review, scorecards, sittings
from kzcommission.store import models
from kzcommission.ui.chair_review import ChairReviewDialog, ChairSignIn, short_option
from kzcommission.ui.console import SittingConsole
from kzcommission.ui.room_display import RoomDisplay
from tests.services.finished_sitting import EXPECTED, finish_demo
from tests.ui.driver import Keys, activate

K = Qt.Key
M = Qt.KeyboardModifier
CTRL_SHIFT = M.ControlModifier | M.ShiftModifier


def open_console(qtbot, window, sitting_id: int) -> SittingConsole:  # noqa: ANN001
    window.open_sitting(sitting_id)
    console = window.page
    activate(qtbot, window)
    console.form.caseList.setFocus()
    qtbot.waitUntil(lambda: console.isAncestorOf(window.focusWidget() or window))
    return console


def open_review(qtbot, console: SittingConsole) -> ChairReviewDialog:  # noqa: ANN001
    Keys(qtbot).press(K.Key_F12, widget=console.form.caseList)
    qtbot.waitUntil(lambda: isinstance(console.dialog, ChairReviewDialog))
    dialog = console.dialog
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    return dialog


def cell(dialog: ChairReviewDialog, row: int, column: str) -> str:
    from kzcommission.ui.chair_review import COLUMNS

    return dialog.table.item(row, COLUMNS.index(column)).text()


def test_the_review_lists_every_case_with_its_counts_and_signs_off_by_keys(
    qtbot, window, artifacts: Path
):
    sitting_id = finish_demo()
    console = open_console(qtbot, window, sitting_id)
    dialog = open_review(qtbot, console)
    table = dialog.table
    assert table.rowCount() == 12
    for row in range(12):
        expected = EXPECTED[row + 1]
        rounds = cell(dialog, row, "rounds")
        for counts in expected.rounds:
            for option, votes in counts.items():  # every option's count is on the line
                assert f"{short_option(option, 'en')}: {votes}" in rounds, (row, option)
        assert cell(dialog, row, "state") == "To confirm"
    assert "Decision, round 1: fits: 4 · re-certify: 4 · unfit: 0" in cell(dialog, 2, "rounds")
    assert "casting vote of Сейітқали" in cell(dialog, 2, "rounds")
    assert cell(dialog, 2, "recused") == "Оспанов Ғалым Жақсылықұлы"  # the fifth seat recused
    assert cell(dialog, 3, "rounds").count("round") == 2  # 4-4-1, then the re-vote
    assert "(R-SIT-4)" in cell(dialog, 4, "decision")
    dialog.grab().save(str(artifacts / "chair_review.png"))

    keys = Keys(qtbot)
    keys.press(K.Key_Down, widget=table)
    keys.press(K.Key_Down, widget=table)
    assert table.currentRow() == 2
    assert "Оспанов Ғалым Жақсылықұлы — Close relative" in dialog.details.toPlainText()
    keys.press(K.Key_Space, widget=table)
    qtbot.waitUntil(lambda: cell(dialog, 2, "state").startswith("Confirmed: Сейітқали"))
    assert cell(dialog, 1, "state") == "To confirm"
    keys.press(K.Key_Return, CTRL_SHIFT, widget=table)
    qtbot.waitUntil(lambda: review.review_sitting(sitting_id).all_confirmed)
    assert "finalized" in dialog.summary.text()  # "... the sitting finalized (Ctrl+Shift+F ...)"
    dialog.grab().save(str(artifacts / "chair_review_confirmed.png"))
    keys.press(K.Key_Escape, widget=table)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _spoil(sitting_id: int) -> None:
    """A decision changed behind the ballots, and members who left before a vote."""
    lines = {x.number: x for x in review.review_sitting(sitting_id).lines}
    models.Case.update(decision="unfit").where(models.Case.id == lines[2].case_id).execute()
    first_ballot = min(
        b.cast_at
        for b in models.Ballot.select()
        .join(models.VoteRound)
        .where(models.VoteRound.case == lines[1].case_id)
    )
    roll_call = max(e.at for e in models.AttendanceEvent.select())
    seats = sittings.voting_seat_ids(sittings.get_sitting(sitting_id).commission_id)
    for seat in seats[-4:]:
        sittings.mark_attendance(
            sitting_id, seat, "left", at=roll_call + (first_ballot - roll_call) / 2
        )


def test_each_finding_shows_its_rule_id_and_blocks_finalizing(qtbot, window, artifacts: Path):
    sitting_id = finish_demo(scorecards_for=False, recordings_for=False)
    _spoil(sitting_id)
    console = open_console(qtbot, window, sitting_id)
    # Ctrl+Shift+F: the review opens instead of the finalize question.
    Keys(qtbot).press(K.Key_F, CTRL_SHIFT, widget=console.form.caseList)
    qtbot.waitUntil(lambda: isinstance(console.dialog, ChairReviewDialog))
    dialog = console.dialog
    activate(qtbot, dialog)
    assert sittings.get_sitting(sitting_id).status == "open"
    assert "F12" in console.form.messageLabel.text()
    texts = []
    for row in range(dialog.table.rowCount()):
        dialog.table.setCurrentCell(row, 0)
        texts += [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    joined = "\n".join(texts)
    for rule_id in ("R-QUO-2", "R-VOTE-2", "R-SIT-2", "R-DOC-4"):
        assert rule_id in joined, rule_id
    assert "Blocked" in cell(dialog, 0, "state") and "Blocked" in cell(dialog, 7, "state")
    dialog.table.setCurrentCell(1, 0)
    dialog.grab().save(str(artifacts / "chair_review_findings.png"))
    # Confirming a blocked case is refused with its rule id, nothing stored.
    Keys(qtbot).press(K.Key_Space, widget=dialog.table)
    assert "R-" in dialog.message.text()
    assert all(x.confirmation is None for x in review.review_sitting(sitting_id).lines)

    # Explain the R-SIT-2 finding of case 8 in writing, by keys only.
    keys = Keys(qtbot)
    dialog.table.setFocus()
    dialog.table.setCurrentCell(7, 0)
    keys.press(K.Key_Tab, widget=dialog.table)
    assert dialog.findings.hasFocus()
    while "R-SIT-2" not in dialog.findings.currentItem().text():  # below the R-QUO-2 one
        keys.press(K.Key_Down, widget=dialog.findings)
    keys.press(K.Key_E, M.ControlModifier, widget=dialog.findings)
    qtbot.waitUntil(lambda: isinstance(dialog.dialog, QInputDialog) and dialog.dialog.isVisible())
    ask = dialog.dialog
    activate(qtbot, ask)
    editor = ask.findChild(QPlainTextEdit)
    editor.setFocus()
    keys.type("Recorder battery failed; answers taken down in full.", widget=editor)
    keys.press(K.Key_Return, M.ControlModifier, widget=editor)  # saves, as the prompt says
    qtbot.waitUntil(lambda: "explained in writing" in dialog.findings.currentItem().text())
    line = next(x for x in review.review_sitting(sitting_id).lines if x.number == 8)
    explained = [f for f in line.findings if f.finding.rule_id == "R-SIT-2"]
    assert explained[0].explanation.startswith("Recorder") and not explained[0].blocking
    # The rest still blocks: finalizing is refused and names the rules.
    assert review.blocking_findings(sitting_id)
    dialog.reject()


def test_the_chair_signs_in_for_the_confirmation_only(qtbot, window):
    sitting_id = finish_demo()
    accounts.create_user("admin", "admin-password-1", "administrator")
    set_actor(Actor(name="admin", role="administrator"))
    accounts.create_user("secretary", "secretary-password", "secretary")
    chair_seat = models.Seat.get(models.Seat.role == "chair")
    accounts.create_user("chair", "chair-password-1", "chair", seat_uuid=chair_seat.uuid)
    try:
        accounts.authenticate("secretary", "secretary-password")
        console = open_console(qtbot, window, sitting_id)
        dialog = open_review(qtbot, console)
        Keys(qtbot).press(K.Key_Space, widget=dialog.table)
        qtbot.waitUntil(lambda: isinstance(dialog.dialog, ChairSignIn))
        sign_in = dialog.dialog
        activate(qtbot, sign_in)
        keys = Keys(qtbot)
        keys.type("chair", widget=sign_in.name)
        keys.type("wrong", widget=sign_in.password)
        keys.press(K.Key_Return, widget=sign_in.password)
        assert sign_in.isVisible() and sign_in.error.text()
        keys.type("chair-password-1", widget=sign_in.password)
        keys.press(K.Key_Return, widget=sign_in.password)
        qtbot.waitUntil(lambda: cell(dialog, 0, "state").startswith("Confirmed"))
        first = review.review_sitting(sitting_id).lines[0].confirmation
        assert first.entered_by == "chair"
        from kzcommission.services.context import current_actor

        assert current_actor().name == "secretary"  # still the secretary's desk
        dialog.reject()
    finally:
        reset_actor()


def _demo_console(qtbot, window) -> SittingConsole:  # noqa: ANN001
    window.open_demo()
    console = window.page
    sitting = console.sitting
    sittings.set_status(sitting.id, "open")
    for seat in sittings.voting_seat_ids(sitting.commission_id):
        sittings.mark_attendance(sitting.id, seat, "present")
    first = cases.list_cases(sitting.id)[0]
    # What must never reach the wall: scorecard grounds, comments, the person's opinion.
    cases.set_appearance(first.id, "present")
    cases.set_text(first.id, "comments", "CONFIDENTIAL-COMMENT")
    cases.set_text(first.id, "opinion", "CONFIDENTIAL-OPINION")
    seat = sittings.voting_seat_ids(sitting.commission_id)[0]
    scorecards.save_scorecard(
        first.id, seat, score="excellent", decision="fits", grounds="CONFIDENTIAL-GROUNDS"
    )
    return open_console(qtbot, window, sitting.id)


def test_the_room_display_follows_the_console_and_shows_nothing_confidential(
    qtbot, window, artifacts: Path
):
    console = _demo_console(qtbot, window)
    keys = Keys(qtbot)
    keys.press(K.Key_F10, M.ControlModifier, widget=console.form.caseList)
    qtbot.waitUntil(lambda: isinstance(console.chair.display, RoomDisplay))
    display = console.chair.display
    qtbot.waitExposed(display)
    assert display.isFullScreen()
    assert "Әлиев Тимур Маратұлы" in display.text() and "Case 1 of 12" in display.text()
    assert "Quorum present: 9 of 9" in display.text()
    # The keyboard stays with the secretary.
    assert QApplication.activeWindow() is not display

    # Mid-vote: five ballots cast, the wall says a vote is on, and shows no count.
    keys.press(K.Key_F9, widget=console)
    ballots = console.vote.form.ballotTable
    for _ in range(5):
        keys.press(K.Key_1, widget=ballots)
    qtbot.waitUntil(lambda: "Open vote: Decision, round 1" in display.text())
    assert ": 5" not in display.text()
    display.grab().save(str(artifacts / "room_display_mid_vote.png"))
    for _ in range(4):
        keys.press(K.Key_1, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    # Counted: the result waits for the secretary's F10 (the grade vote is next).
    qtbot.waitUntil(lambda: "The vote is counted" in display.text())
    assert "Adopted" not in display.text()
    keys.press(K.Key_F10, widget=console)
    qtbot.waitUntil(lambda: "Adopted: fits the position held" in display.text())
    assert "Result: Decision, round 1" in display.text()
    assert "fits the position held: 9" in display.text()
    display.grab().save(str(artifacts / "room_display_result.png"))
    for secret in ("CONFIDENTIAL", "excellent", "Excellent"):
        assert secret not in display.text()
    # F10 again hides it; the next case starts hidden.
    keys.press(K.Key_F10, widget=console)
    qtbot.waitUntil(lambda: "Adopted" not in display.text())
    keys.press(K.Key_F10, widget=console)
    keys.press(K.Key_Down, M.ControlModifier, widget=console.form.caseList)
    qtbot.waitUntil(lambda: "Case 2 of 12" in display.text())
    assert "Adopted" not in display.text() and "Байжанова" in display.text()

    # Quorum follows attendance.
    seats = sittings.voting_seat_ids(console.sitting.commission_id)
    for seat in seats[:4]:
        console.quorum_changed(sittings.mark_attendance(console.sitting.id, seat, "left"))
    qtbot.waitUntil(lambda: "No quorum: 5 of 9" in display.text())

    # Closing the display leaves the console as it was.
    case_before = console.case.id
    display.close()
    qtbot.waitUntil(lambda: console.chair.display is None)
    assert window.page is console and console.case.id == case_before
    assert "closed" in console.form.messageLabel.text()
    keys.press(K.Key_F10, widget=console)
    assert "Ctrl+F10" in console.form.messageLabel.text()


def test_the_display_speaks_the_interface_language(qtbot, window):
    window.set_language("kk")
    console = _demo_console(qtbot, window)
    console.chair.toggle_display()
    display = console.chair.display
    assert "Кворум бар: 9 мүшенің 9 қатысуда" in display.text()
    assert "Әңгімелесу" in display.text()
    console.chair.toggle_display()
    assert console.chair.display is None
