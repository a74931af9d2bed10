"""R-VOTE-4 in the console: Ctrl+Shift+P names the member presiding in the chair's place."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzcommission.services import sittings
from kzcommission.ui.attendance_panel import ActingChairDialog
from kzcommission.ui.console import SittingConsole
from tests.services.helpers import make_desk
from tests.ui.driver import Keys, activate

K = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_console(qtbot, window, sitting_id: int) -> SittingConsole:  # noqa: ANN001
    window.open_sitting(sitting_id)
    console = window.page
    assert isinstance(console, SittingConsole)
    activate(qtbot, window)
    console.form.caseList.setFocus()  # the console's keys work with the focus inside it
    qtbot.waitUntil(lambda: console.isAncestorOf(window.focusWidget() or window))
    return console


def wait_picker(qtbot, console: SittingConsole) -> ActingChairDialog:  # noqa: ANN001
    panel = console.attendance
    qtbot.waitUntil(
        lambda: isinstance(panel.dialog, ActingChairDialog) and panel.dialog.isVisible()
    )
    activate(qtbot, panel.dialog)
    return panel.dialog


def test_ctrl_shift_p_names_the_member_presiding(qtbot, window):
    desk = make_desk(members=5)
    sittings.mark_attendance(desk.sitting_id, desk.chair, "absent")
    sittings.mark_attendance(desk.sitting_id, desk.voting[2], "absent")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_P, CTRL_SHIFT)
    picker = wait_picker(qtbot, console)
    rows = [picker.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(picker.list.count())]
    # "nobody", then the members present: neither the absent chair nor the absent member.
    assert rows == [None, desk.voting[1], desk.voting[3], desk.voting[4]]
    assert picker.list.currentRow() == 0
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Return, widget=picker.list)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert sittings.get_sitting(desk.sitting_id).acting_chair_id == desk.voting[3]
    holder = desk.commission.voting_seats[3].holder_name
    assert holder in console.form.sittingLabel.text()
    assert console.sitting.acting_chair_id == desk.voting[3]

    # Again: the current one is preselected; "nobody" takes it back.
    activate(qtbot, window)
    console.form.caseList.setFocus()
    keys.press(K.Key_P, CTRL_SHIFT)
    picker = wait_picker(qtbot, console)
    assert picker.list.currentItem().data(Qt.ItemDataRole.UserRole) == desk.voting[3]
    keys.press(K.Key_Home, widget=picker.list)
    keys.press(K.Key_Return, widget=picker.list)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert sittings.get_sitting(desk.sitting_id).acting_chair_id is None
    assert holder not in console.form.sittingLabel.text()


def test_a_refusal_is_shown_in_the_picker(qtbot, window):
    from kzcommission.store import models

    desk = make_desk(members=5)
    console = open_console(qtbot, window, desk.sitting_id)
    models.Sitting.update(status="finalized").where(models.Sitting.id == desk.sitting_id).execute()
    keys = Keys(qtbot)
    keys.press(K.Key_P, CTRL_SHIFT)
    picker = wait_picker(qtbot, console)
    keys.press(K.Key_Down, widget=picker.list)
    keys.press(K.Key_Return, widget=picker.list)
    qtbot.waitUntil(lambda: bool(picker.error.text()))
    assert picker.isVisible() and "finalized" in picker.error.text()
    assert sittings.get_sitting(desk.sitting_id).acting_chair_id is None


def test_the_key_is_in_the_keymap_in_every_language():
    from kzcommission.i18n import LANGUAGES, tr
    from kzcommission.ui.shortcuts import CONSOLE, KEYMAP

    assert ("acting_chair", "Ctrl+Shift+P", CONSOLE) in KEYMAP
    for lang in LANGUAGES:
        assert tr("shortcut.acting_chair", lang) != "shortcut.acting_chair"
        assert "{name}" not in tr("console.presiding", lang, name="X")
