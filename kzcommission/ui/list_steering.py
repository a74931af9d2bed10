"""A filter field that steers the list under it: the arrows move the highlight while the
cursor stays in the field, so typing a name, Down twice and Enter takes the third match."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

STEERING_KEYS = frozenset({Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp})


class ListSteering(QObject):
    """Passes the field's Up, Down, Page Up and Page Down to ``view``, which moves its
    current row as if it had the focus; every other key stays with the field."""

    def __init__(self, edit: QLineEdit, view: QAbstractItemView) -> None:
        super().__init__(edit)
        self.view = view
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in STEERING_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            if self.view.model() is not None and self.view.model().rowCount():
                passed = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
                QApplication.sendEvent(self.view, passed)
            return True
        return False
