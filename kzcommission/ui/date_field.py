"""The date fields, by keys: one module for the whole application.

Two kinds, to be unified (issue 22):

* :func:`keyboard_date` (the sitting dialogs): a QDateEdit made to behave. A bare
  QDateEdit takes Tab to move between day, month and year, so a user who tabs on to
  the next field types into the month instead (a sitting dated 02.03.2026 was made
  that way). Here Tab and Shift+Tab leave the field like any other, and the first
  digit typed after entering it starts at the day: typing ``15012027`` gives
  15.01.2027 whichever way the field was reached.
* :class:`DateField` (the preparation and evaluation pages): a plain line edit. The
  user types ``dd.mm.yyyy`` (or the eight digits ``ddmmyyyy``, or ``d.m.yy``) into an
  empty field or over the selected text, Tab leaves it, and the text is shown as
  ``dd.mm.yyyy`` once left. Nothing is guessed: no section logic that turned
  "15022021" into "502202101092015", no lowest date standing for "blank" (so the 1st
  of a month is kept as typed), and a field can be empty. Up and Down move the date by
  a day, Page Up and Page Down by a month. An empty optional field reads as None; an
  empty required field or a text that is not a date raises :class:`BadDate`, a
  ServiceError naming the field, so the pages show it like any refusal.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QLineEdit, QWidget

from kzcommission.domain.workdays import add_months
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError

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


# -- the typed line-edit date of the preparation and evaluation pages --------------

_SEPARATED = re.compile(r"^\s*(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_INVALID = "color: #b71c1c; background: #fdecea;"


class BadDate(ServiceError):
    """A date field holds no valid date (or is empty where one is required)."""


def parse_date(text: str) -> date | None:
    """``dd.mm.yyyy``, ``d.m.yy``, ``dd/mm/yyyy`` or ``ddmmyyyy``; None if empty.

    Raises ValueError for a text that is not a date.
    """
    if not text.strip():
        return None
    match = _DIGITS.match(text) or _SEPARATED.match(text)
    if match is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    if year < 100:
        year += 2000
    return date(year, month, day)


def short(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


class DateField(QLineEdit):
    """A typed date; ``optional`` fields may be left empty (read as None)."""

    def __init__(
        self,
        value: date | None = None,
        *,
        optional: bool = False,
        field: str = "date",
        lang: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.field = field
        self.lang = lang
        self.setPlaceholderText(tr("date.placeholder", lang))
        self.setMaxLength(10)
        self.setToolTip(tr("date.hint", lang))
        self.editingFinished.connect(self._tidy)
        self.textChanged.connect(lambda _text: self.setStyleSheet(""))
        self.set_value(value)

    # -- reading and writing ----------------------------------------------------

    def value(self) -> date | None:
        """The date typed; None when an optional field is empty; BadDate otherwise."""
        try:
            value = parse_date(self.text())
        except ValueError:
            self.setStyleSheet(_INVALID)
            typed = self.text().strip()
            raise BadDate(
                tr("date.invalid", self.lang, text=typed),
                field=self.field,
                key="date_invalid",
                params={"text": typed},
            ) from None
        if value is None and not self.optional:
            self.setStyleSheet(_INVALID)
            raise BadDate(tr("date.required", self.lang), field=self.field, key="date_required")
        return value

    def set_value(self, value: date | None) -> None:
        self.setText(short(value))
        self.setStyleSheet("")

    # QDateEdit-like calls, so a test or a caller holding a QDate need not convert.
    def setDate(self, value: QDate | date | None) -> None:  # noqa: N802 - Qt spelling
        if isinstance(value, QDate):
            value = date(value.year(), value.month(), value.day())
        self.set_value(value)

    def date(self) -> QDate:
        """The typed date as a QDate (null when blank), like QDateEdit.date()."""
        value = self.value()
        return QDate(value.year, value.month, value.day) if value else QDate()

    # -- keys ---------------------------------------------------------------------

    def _tidy(self) -> None:
        try:
            value = parse_date(self.text())
        except ValueError:
            self.setStyleSheet(_INVALID)
            return
        if value is not None:
            self.setText(short(value))

    def _step(self, days: int = 0, months: int = 0) -> None:
        try:
            current = parse_date(self.text()) or date.today()
        except ValueError:
            current = date.today()
        moved = add_months(current, months) if months else current + timedelta(days=days)
        self.set_value(moved)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        steps = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_PageUp: (0, 1),
            Qt.Key.Key_PageDown: (0, -1),
        }
        if event.key() in steps and not event.modifiers():
            days, months = steps[event.key()]
            self._step(days, months)
            return
        super().keyPressEvent(event)
