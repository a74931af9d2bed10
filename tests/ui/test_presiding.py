"""R-VOTE-4 in the console, by keys: who presides over each case.

A tie refused because nobody presides opens the choice among that case's voters
(arrows, Enter names and counts, Esc cancels); Ctrl+Shift+P names him ahead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kzcommission.services.sitting import cases, sittings, voting
from kzcommission.store import models
from kzcommission.ui.presiding_dialog import PresidingDialog
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys
from tests.ui.test_integration import open_console, wait_dialog

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def wait_picker(qtbot, console) -> PresidingDialog:  # noqa: ANN001
    return wait_dialog(qtbot, console, PresidingDialog)


def rows(picker: PresidingDialog) -> list[int | None]:
    return [picker.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(picker.list.count())]


def tied_case(desk, name: str) -> tuple[int, int]:  # noqa: ANN001
    """A case with the chair recused and the eight members split 4-4, ready to count."""
    members = desk.voting[1:]
    case = cases.add_case(desk.sitting_id, add_employee(name).id, "regular").id
    cases.recuse(case, desk.chair, "relative")
    cases.set_appearance(case, "present")
    r = voting.open_round(case)
    for index, seat in enumerate(members):
        voting.cast_ballot(r.id, seat, "fits" if index < 4 else "unfit")
    return case, r.id


def test_a_refused_tie_asks_who_presides_then_counts(qtbot, window, artifacts: Path):
    desk = make_desk()
    members = desk.voting[1:]
    case, round_id = tied_case(desk, "Tied")
    console = open_console(qtbot, window, desk.sitting_id)
    assert "Ctrl+Shift+P" in console.vote.presidingLabel.text()  # nobody presides yet
    keys = Keys(qtbot)
    keys.press(K.Key_Return, CTRL)  # count: refused, R-VOTE-4, and the choice opens
    picker = wait_picker(qtbot, console)
    assert "R-VOTE-4" in console.form.messageLabel.text()
    assert voting.live_tally(round_id).status == "open"  # nothing counted, no runoff
    assert rows(picker) == members  # that case's voters: not the recused chair
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Down, widget=picker.list)  # members[4], who voted "unfit"
    picker.grab().save(str(artifacts / "presiding_dialog.png"))
    keys.press(K.Key_Return, widget=picker.list)
    qtbot.waitUntil(lambda: not picker.isVisible())
    qtbot.waitUntil(lambda: cases.get_case(case).decision is not None)
    (counted,) = voting.rounds_of(case)
    assert counted.status == "closed" and counted.casting_vote_used
    assert counted.adopted == "unfit" and counted.presiding_id == members[4]
    assert models.Case.get_by_id(case).presiding_id == members[4]


def test_esc_cancels_and_nothing_is_counted(qtbot, window):
    desk = make_desk()
    case, round_id = tied_case(desk, "Cancelled")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_Return, CTRL)
    picker = wait_picker(qtbot, console)
    keys.press(K.Key_Escape, widget=picker.list)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert voting.live_tally(round_id).status == "open"
    assert models.Case.get_by_id(case).presiding_id is None
    assert cases.get_case(case).decision is None


def test_ctrl_shift_p_names_him_ahead_for_the_current_case(qtbot, window, artifacts: Path):
    desk = make_desk()
    members = desk.voting[1:]
    sittings.mark_attendance(desk.sitting_id, desk.chair, "absent")
    sittings.mark_attendance(desk.sitting_id, members[2], "absent")
    case = cases.add_case(desk.sitting_id, add_employee("Ahead").id, "regular").id
    cases.set_appearance(case, "present")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_P, CTRL_SHIFT)
    picker = wait_picker(qtbot, console)
    # "nobody named", then the voters present: neither the absent chair nor the absent member.
    assert rows(picker) == [None, *members[:2], *members[3:]]
    assert picker.list.currentRow() == 0
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Return, widget=picker.list)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert models.Case.get_by_id(case).presiding_id == members[1]
    holder = desk.commission.voting_seats[2].holder_name
    assert holder in console.vote.presidingLabel.text()
    console.focus_vote()
    window.grab().save(str(artifacts / "presiding_console.png"))


def test_ctrl_shift_p_where_the_chair_votes_says_so(qtbot, window):
    from kzcommission.i18n import tr

    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee("Chair votes").id, "regular").id
    cases.set_appearance(case, "present")
    console = open_console(qtbot, window, desk.sitting_id)
    Keys(qtbot).press(K.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: console.form.messageLabel.text() == tr("presiding.chair_votes", "en"))
    assert console.dialog is None or not console.dialog.isVisible()
    assert desk.commission.chair.holder_name in console.vote.presidingLabel.text()


def test_the_key_is_in_the_keymap_in_every_language():
    from kzcommission.i18n import LANGUAGES, tr
    from kzcommission.ui.shortcuts import CONSOLE, KEYMAP

    assert ("presiding", "Ctrl+Shift+P", CONSOLE) in KEYMAP
    for lang in LANGUAGES:
        for key in ("shortcut.presiding", "presiding.hint", "presiding.hint_tie"):
            assert tr(key, lang) != key
        assert "{name}" not in tr("vote.presiding", lang, name="X")
        assert "X" in tr("vote.presiding_chair", lang, name="X")
