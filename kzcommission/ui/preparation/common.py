"""Small pieces shared by the preparation pages: dates, shortcuts, tables, messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, tr
from kzcommission.services.errors import ServiceError
from kzcommission.ui.date_field import keyboard_date
from kzcommission.ui.dialogs import error_detail, field_name, rule_title

# The dashboard's colours; the printed report uses the same meaning (deadline_report.py).
STATUS_COLOURS: dict[str, str] = {
    "done": "#d9f0d9",
    "done_late": "#fae6bf",
    "due_soon": "#fff2b3",
    "overdue": "#facccc",
    "pending": "#ffffff",
}
_EMPTY = QDate(1900, 1, 1)  # shown blank: the date is not known


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit(value: date | None = None, optional: bool = False) -> QDateEdit:
    """A dd.MM.yyyy date field; ``optional`` ones can be blank (the lowest date)."""
    edit = keyboard_date(QDateEdit())  # Tab leaves it; digits typed on entry are the date
    if optional:
        edit.setMinimumDate(_EMPTY)
        edit.setSpecialValueText(" ")
    edit.setDate(to_qdate(value) if value else (_EMPTY if optional else QDate.currentDate()))
    return edit


def read_date(edit: QDateEdit) -> date | None:
    q = edit.date()
    if q == _EMPTY and edit.minimumDate() == _EMPTY:
        return None
    return date(q.year(), q.month(), q.day())


def set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(to_qdate(value) if value else _EMPTY)


def short(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def shortcut(page: QWidget, keys: str, handler: Callable[[], object], label: str = "") -> QAction:
    """An action with its key, live while the focus is anywhere inside ``page``."""
    action = QAction(label or keys, page)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: handler())
    page.addAction(action)
    return action


def with_key(text: str, keys: str) -> str:
    """A button caption that shows its shortcut, so the keyboard way is discoverable."""
    return f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"


def table(headers: Sequence[str]) -> QTableWidget:
    view = QTableWidget(0, len(headers))
    view.setHorizontalHeaderLabels(list(headers))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


def fill(view: QTableWidget, rows: Sequence[Sequence[str]], keys: Sequence[object] = ()) -> None:
    """Replace the rows; ``keys[i]`` is kept on the first cell of row i (UserRole)."""
    view.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c == 0 and r < len(keys):
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            view.setItem(r, c, item)
    view.resizeColumnsToContents()


def colour_row(view: QTableWidget, row: int, status: str) -> None:
    colour = QColor(STATUS_COLOURS.get(status, "#ffffff"))
    for c in range(view.columnCount()):
        item = view.item(row, c)
        if item is not None:
            item.setBackground(colour)


def selected_key(view: QTableWidget) -> object | None:
    row = view.currentRow()
    item = view.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item else None


def refusal(exc: ServiceError, lang: str) -> str:
    """A refused action for the user: the rule's title in his language (id first), then the
    field's name in his language, then the reason."""
    field = ""
    if exc.field:
        key = f"prep.field.{exc.field}"
        field = tr(key, lang) if key in catalogue(REFERENCE_LANGUAGE) else (
            field_name(exc.field, lang) or exc.field
        )  # fmt: skip
    message = error_detail(exc)
    title = rule_title(exc.rule_id, lang) if exc.rule_id else None
    if exc.rule_id and title is None and exc.rule_id not in message:
        message += f" ({exc.rule_id})"
    text = tr("prep.refused", lang, field=field, message=message)
    if title is not None:
        text = tr("error.rule_line", lang, rule=exc.rule_id, title=title) + "\n" + text
    return text


class StatusLine(QLabel):
    """The outcome of the last action on a page: saved, or why not."""

    def ok(self, text: str) -> None:
        self.setStyleSheet("color: #1b5e20")
        self.setText(text)

    def error(self, text: str) -> None:
        self.setStyleSheet("color: #b71c1c")
        self.setText(text)


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save a printed document; None when the user cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, "", suggested, "PDF (*.pdf)")
    return Path(name) if name else None
