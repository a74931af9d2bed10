"""Answering a modal question (QMessageBox, QInputDialog) with keys, as the user would."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

Mod = Qt.KeyboardModifier


class ModalAnswer:
    """Once a modal window opens, type ``text`` then press ``keys`` into it.

    ``seen`` keeps the text of each question answered, so a test can assert it was asked
    (and ``answered`` stays 0 when nothing was asked).
    """

    def __init__(self, text: str = "", keys: Sequence[tuple] = ((Qt.Key.Key_Return,),)) -> None:
        self.text, self.keys = text, list(keys)
        self.seen: list[str] = []
        self.answered = 0
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        self._timer.stop()
        self.seen.append(modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle())
        focus = QApplication.focusWidget()
        target = focus if focus is not None and modal.isAncestorOf(focus) else modal
        line = modal.findChild(QLineEdit)
        if self.text and line is not None:
            line.setFocus()
            target = line
        if self.text:
            QTest.keyClicks(target, self.text)
        for key in self.keys:
            focus = QApplication.focusWidget()
            QTest.keyClick(
                focus if focus is not None and modal.isAncestorOf(focus) else modal, *key
            )
        self.answered += 1

    def stop(self) -> None:
        self._timer.stop()
