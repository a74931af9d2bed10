"""Driving the windows like a user: keys to whatever has focus, clicks on cells.

Every key press goes through ``Keys`` so a test can count the keystrokes a
task takes (the benchmark of a unanimous case uses the same driver).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QWidget

Mod = Qt.KeyboardModifier


class Keys:
    def __init__(self, qtbot) -> None:  # noqa: ANN001 - pytest-qt's bot or a stand-in
        self.qtbot = qtbot
        self.count = 0

    def target(self, fallback: QWidget | None = None) -> QWidget:
        widget = QApplication.focusWidget() or QApplication.activeModalWidget()
        widget = widget or QApplication.activeWindow() or fallback
        assert widget is not None, "no widget to type into"
        return widget

    def press(
        self, key: Qt.Key | str, modifier: Mod = Mod.NoModifier, widget: QWidget | None = None
    ) -> None:
        self.count += 1
        self.qtbot.keyClick(widget or self.target(), key, modifier)

    def type(self, text: str, widget: QWidget | None = None) -> None:
        """Type text; each character counts as a keystroke."""
        for char in text:
            self.count += 1
            target = widget or self.target()
            if char.isascii():
                self.qtbot.keyClick(target, char)
                continue
            # QTest reads a char as Latin-1; a Kazakh letter is sent as the event a
            # keyboard layout would produce: its code point and its text.
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, ord(char.upper()), Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(target, event)


def click_cell(qtbot, table: QTableWidget, row: int, column: int) -> None:  # noqa: ANN001
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_into_cell(
    qtbot,
    keys: Keys,
    table: QTableWidget,
    row: int,
    column: int,  # noqa: ANN001
    text: str,
) -> None:
    click_cell(qtbot, table, row, column)
    keys.type(text[0], widget=table)  # starts the editor with this first character
    keys.type(text[1:])
    keys.press(Qt.Key.Key_Return)


def activate(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """Make ``widget``'s window the active one, as a click on it would (offscreen has no WM)."""
    window = widget.window()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


# -- one case from selected to the next one selected, as the secretary keys it ----------
# (the benchmark bench_ui.py (b) and the tests of issue 14 play the same keys)
def keys_for_case(keys: Keys, console, scenario: str) -> int:  # noqa: ANN001
    """Play one case on the sitting console and return the keystrokes it took.

    ``extraordinary``: present, all for "fits", count. ``regular``: the same, then
    the grade vote, all for the candidate grade. ``scorecards``: ``regular`` and a
    score for every member (his decision and grade come from his own ballots).
    ``tie``: eight voters, 4-4 by name, the chair's casting vote, then the grade.
    Ctrl+Down moves on to the next case, and counts.
    """
    K, C, A = Qt.Key, Mod.ControlModifier, Mod.AltModifier
    start = keys.count
    keys.press(K.Key_F5, widget=console)  # present; the focus goes to the ballots
    table = console.vote.form.ballotTable
    if scenario == "tie":
        for n in (1, 1, 1, 1, 3, 3, 3, 3):  # the chair first: his side wins (R-VOTE-3)
            keys.press(getattr(K, f"Key_{n}"), widget=table)
    else:
        keys.press(K.Key_2 if scenario == "extraordinary" else K.Key_1, A, widget=console)
    keys.press(K.Key_Return, C, widget=console)
    if scenario != "extraordinary":
        keys.press(K.Key_1, A, widget=console)  # the grade vote (R-DEC-3): fits the grade
        keys.press(K.Key_Return, C, widget=console)
    if scenario == "scorecards":
        keys.press(K.Key_F8, widget=console)
        for _seat in console.scores.seats:
            keys.press(K.Key_1, widget=console.scores.table)  # R-DOC-4: one score each
    keys.press(K.Key_Down, C, widget=console)
    return keys.count - start
