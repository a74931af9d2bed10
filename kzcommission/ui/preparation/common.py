"""Small pieces shared by the preparation pages: dates, shortcuts, tables, messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, tr
from kzcommission.services.errors import ServiceError
from kzcommission.ui.date_field import DateField
from kzcommission.ui.dialogs import REFUSED, attempt, error_detail, field_name, rule_title

# The dashboard's colours; the printed report uses the same meaning (deadline_report.py).
STATUS_COLOURS: dict[str, str] = {
    "done": "#d9f0d9",
    "done_late": "#fae6bf",
    "due_soon": "#fff2b3",
    "overdue": "#facccc",
    "pending": "#ffffff",
}


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit(
    value: date | None = None, optional: bool = False, *, field: str = "date", lang: str = "en"
) -> DateField:
    """A typed dd.mm.yyyy field (ui/date_field.py); required ones start on today unless
    ``value`` is given, optional ones may stay blank."""
    if value is None and not optional:
        value = date.today()
    return DateField(value, optional=optional, field=field, lang=lang)


def read_date(edit: DateField) -> date | None:
    """The typed date; None for a blank optional field; BadDate (a ServiceError) otherwise."""
    return edit.value()


def set_date(edit: DateField, value: date | None) -> None:
    edit.set_value(value)


def date_or_say(edit: DateField, status: StatusLine, lang: str) -> date | None:
    """The typed date, or None after saying on ``status`` why it is not one."""

    def say(exc: ServiceError) -> None:
        status.error(refusal(exc, lang))
        edit.setFocus()

    value = attempt(say, edit.value)
    return None if value is REFUSED else value


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


class GuardedTabs(QTabWidget):
    """Tabs that Ctrl+Tab / Ctrl+Shift+Tab switch only when the focus is not in a text
    field (issue 22): there the keys are swallowed, so no typed text is left by accident.
    Each page's ``first`` widget (if it has one) takes the focus when its tab is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._focus_first)

    def _focus_first(self, _index: int) -> None:
        first = getattr(self.currentWidget(), "first", None)
        if first is not None and self.isVisible():
            first.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        ctrl_tab = event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        )
        if ctrl_tab and isinstance(
            QApplication.focusWidget(), QLineEdit | QPlainTextEdit | QAbstractSpinBox
        ):
            event.accept()  # swallowed: neither these tabs nor the window's switch
            return
        super().keyPressEvent(event)


def table(headers: Sequence[str]) -> QTableWidget:
    view = QTableWidget(0, len(headers))
    view.setHorizontalHeaderLabels(list(headers))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    # Tab and Shift+Tab leave the table (arrows move inside it), issue 22.
    view.setTabKeyNavigation(False)
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
    message = error_detail(exc, lang)
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

    def refused(self, lang: str) -> Callable[[ServiceError], None]:
        """The page's way of telling a refusal (for ``dialogs.attempt``)."""
        return lambda exc: self.error(refusal(exc, lang))


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save a printed document; None when the user cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, "", suggested, "PDF (*.pdf)")
    return Path(name) if name else None
