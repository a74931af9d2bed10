"""The date field, by keys: one for the whole application (issue 22).

:class:`DateField` is a plain line edit. The user types ``dd.mm.yyyy`` (or the eight
digits ``ddmmyyyy``, or ``d.m.yy``) into an empty field or over the selected text, Tab
leaves it, and the text is shown as ``dd.mm.yyyy`` once left. Nothing is guessed: no
section logic that turned "15022021" into "502202101092015" (the QDateEdit of the
pages) or "12.03.2025" typed with its dots into 12.12.2026 (the QDateEdit of the
sitting dialog, which then saved that), no lowest date standing for "blank" (so the
1st of a month is kept as typed), and a field can be empty. Up and Down move the date
by a day, Page Up and Page Down by a month. An empty optional field reads as None; an
empty required field or a text that is not a date raises :class:`BadDate`, a
ServiceError naming the field, so the screens show it like any refusal.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from kzcommission.domain.workdays import add_months
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError

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
