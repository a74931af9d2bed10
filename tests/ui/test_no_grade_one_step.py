"""R-DEC-3 Reading at the keyboard: with no grade at stake the console opens no one-option
vote; Ctrl+Shift+G records "no grounds" in one step. With a grade at stake it is the vote."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from kzcommission.i18n import tr
from kzcommission.services.sitting import cases, voting
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys
from tests.ui.test_integration import open_console

K = Qt.Key
M = Qt.KeyboardModifier
CTRL_SHIFT = M.ControlModifier | M.ShiftModifier


def test_no_grade_at_stake_is_one_key_and_never_a_one_option_vote_R_DEC_3(qtbot, window, artifacts):
    desk = make_desk(members=3)
    nothing = cases.add_case(desk.sitting_id, add_employee("Nogrades", "E-1").id, "regular")
    held = cases.add_case(desk.sitting_id, add_employee("Holder", "E-2", grade="2").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    ballots = console.vote.form.ballotTable

    # Case 1: present (F5), all for "fits" (Alt+1), counted (Ctrl+Enter).
    keys.press(K.Key_F5, widget=console)
    keys.press(K.Key_1, M.AltModifier, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    assert cases.get_case(nothing.id).decision == "fits"
    assert console.vote.round is None  # no grade round was opened
    assert [r.subject for r in voting.rounds_of(nothing.id)] == ["decision"]
    assert console.vote.form.roundLabel.text() == tr("vote.no_grade_title", "en")
    assert console.vote.form.optionsLabel.text() == tr("vote.no_grade_one_step", "en")
    assert console.case_panel.form.detailsLabel.text().endswith("grade(s) at stake: —")
    console.window().grab().save(str(artifacts / "no_grade_one_step.png"))
    keys.press(K.Key_G, CTRL_SHIFT, widget=ballots)
    assert cases.get_case(nothing.id).grade_result == "no_grade"
    assert [r.subject for r in voting.rounds_of(nothing.id)] == ["decision"]
    assert console.form.messageLabel.text() == tr("vote.no_grade_recorded", "en")
    assert console.vote.form.roundLabel.text() == tr("vote.finished", "en")
    assert not voting.needs_grade_vote(nothing.id)

    # Case 2: his grade 2 is at stake: the grade vote opens, the one-step key does nothing.
    keys.press(K.Key_Down, M.ControlModifier, widget=console)
    keys.press(K.Key_F5, widget=console)
    keys.press(K.Key_1, M.AltModifier, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    assert console.vote.round is not None
    assert console.vote.round.options == ("grade:2", "no_grade")
    assert console.case_panel.form.detailsLabel.text().endswith("grade(s) at stake: 2")
    keys.press(K.Key_G, CTRL_SHIFT, widget=ballots)
    assert console.form.messageLabel.text() == tr("vote.no_grade_not_now", "en")
    assert cases.get_case(held.id).grade_result is None
    keys.press(K.Key_1, M.AltModifier, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    assert cases.get_case(held.id).grade_result == "grade:2"


def test_restriction_by_key_discards_the_open_round_and_votes_again_R_DEC_5(qtbot, window):
    desk = make_desk(members=3, held_on=date(2024, 6, 3))
    case = cases.add_case(desk.sitting_id, add_employee("Failed", "E-3").id, "extraordinary")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    ballots = console.vote.form.ballotTable
    keys.press(K.Key_F5, widget=console)
    keys.press(K.Key_2, widget=ballots)  # the chair: "fits"
    assert console.vote.round.number == 1 and len(console.vote.round.options) == 5
    keys.press(K.Key_X, CTRL_SHIFT, widget=ballots)  # failed the fitness standards
    first, second = voting.rounds_of(case.id)
    assert (first.status, list(first.ballots.values())) == ("discarded", ["fits"])
    assert console.vote.round.id == second.id and console.vote.round.options == (
        "unfit_demote",
        "unfit_transfer",
        "unfit_dismiss",
    )
    assert tr("vote.result_discarded", "en") in console.vote.form.roundsList.item(0).text()
    keys.press(K.Key_1, M.AltModifier, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    assert cases.get_case(case.id).decision == "unfit_demote"
    assert not console.case_panel.form.restrictedCheck.isEnabled()
    keys.press(K.Key_X, CTRL_SHIFT, widget=ballots)  # after the decision: refused
    assert "R-DEC-5" in console.form.messageLabel.text()
    assert cases.get_case(case.id).restricted
