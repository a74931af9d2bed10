"""One behaviour for every date field of the sitting dialogs, by keys.

A bare QDateEdit takes Tab to move between day, month and year, so a user who
tabs on to the next field types into the month instead (a sitting dated
02.03.2026 was made that way). Here Tab and Shift+Tab leave the field like any
other, and the first digit typed after entering it starts at the day: typing
``15012027`` gives 15.01.2027 whichever way the field was reached.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

DATE_FORMAT = "dd.MM.yyyy"


class _DateKeys(QObject):
    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.fresh = False  # entered and nothing typed yet

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.fresh = True
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                leave(self.edit, forward)
                return True
            if self.fresh and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
                self.edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
            self.fresh = False
        return False


def leave(widget: QWidget, forward: bool) -> None:
    """Move the focus to the next (or previous) widget of the window's Tab chain."""
    step = QWidget.nextInFocusChain if forward else QWidget.previousInFocusChain
    candidate = step(widget)
    while candidate is not None and candidate is not widget:
        if (
            not widget.isAncestorOf(candidate)
            and candidate.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            and candidate.isVisible()
            and candidate.isEnabled()
            and candidate.focusProxy() is None
        ):
            reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
            candidate.setFocus(reason)
            return
        candidate = step(candidate)


def keyboard_date(edit: QDateEdit) -> QDateEdit:
    """Make ``edit`` a date field one fills by keys (see the module's note); returns it."""
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.installEventFilter(_DateKeys(edit))
    return edit
