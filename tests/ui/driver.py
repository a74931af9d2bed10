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
