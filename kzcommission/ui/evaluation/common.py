"""What the evaluation screens share: person lists, dates, actions with keys, feedback."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QWidget,
)

from kzcommission.files import write_atomic
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import persons
from kzcommission.services.stale import ChangedElsewhere
from kzcommission.ui.changed_elsewhere import offer_reload
from kzcommission.ui.date_field import DateField
from kzcommission.ui.dialogs import error_text, field_name


def fill_persons(combo: QComboBox, lang: str) -> None:
    """The roster, by name and position in ``lang``, each item carrying the person id; the
    choice is kept if possible."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for person in persons.search_persons("", 1000):
        combo.addItem(f"{person.full_name} — {person.position_in(lang)}".strip(" —"), person.id)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
    combo.blockSignals(False)


def date_edit(value: date, field: str = "date", lang: str = "en") -> DateField:
    """A typed dd.mm.yyyy date (ui/date_field.py), required."""
    return DateField(value, field=field, lang=lang)


def picked(edit: DateField) -> date:
    """The typed date; BadDate (a ServiceError naming the field) when it is not one."""
    value = edit.value()
    assert value is not None  # a required field never reads as None
    return value


class KeepShortcuts(QObject):
    """Let the panel's keys (Ctrl+E, Ctrl+U ...) work from every field: under the X11 key
    scheme of a Linux desk a line edit takes Ctrl+E (end of line) and Ctrl+U (delete the
    line) for itself, and so does the editor of a table cell.

    Fields made after the panel was built count too: a cell's editor is created when
    typing starts, and a widget added later is watched as soon as it is polished (a
    child announced then is whole; one announced at its creation is not yet)."""

    def __init__(self, owner: QWidget, sequences: list[str]) -> None:
        super().__init__(owner)
        self.keys = {QKeySequence(s)[0].toCombined() for s in sequences}
        self._watch(owner)

    def _watch(self, widget: QWidget) -> None:
        for each in (widget, *widget.findChildren(QWidget)):
            each.installEventFilter(self)  # Qt keeps one copy per object

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.ChildPolished and event.child().isWidgetType():
            self._watch(event.child())
        elif kind == QEvent.Type.ShortcutOverride:
            combined = event.keyCombination().toCombined()
            if combined in self.keys:
                event.ignore()  # not taken by the field: the panel's action fires
                return True
        return False


def finish_editing(owner: QWidget) -> None:
    """What is typed in a table cell still open counts as typed: it goes into its cell
    before an action of ``owner`` reads the table (Ctrl+E from inside a score cell)."""
    focus = QApplication.focusWidget()
    for view in owner.findChildren(QAbstractItemView):
        if focus is None or view.state() != QAbstractItemView.State.EditingState:
            continue
        editor = focus
        while editor is not None and editor.parentWidget() is not view.viewport():
            editor = editor.parentWidget()
        if editor is not None:
            view.commitData(editor)
            view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def action(
    owner: QWidget, lang: str, key: str, shortcut: str, slot: Callable[[], object]
) -> QPushButton:
    """A button and a QAction with its keyboard shortcut, active anywhere inside ``owner``."""
    act = QAction(tr(key, lang), owner)
    act.setShortcut(QKeySequence(shortcut))
    act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def run(_checked: bool = False) -> None:
        finish_editing(owner)
        slot()

    act.triggered.connect(run)
    owner.addAction(act)
    button = QPushButton(tr(key, lang))
    button.setObjectName(key.rsplit(".", 1)[-1] + "Button")
    button.clicked.connect(run)
    return button


class Feedback(QLabel):
    """One line under a panel: what was saved, or what was refused, naming field and rule."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.is_error = False

    def ok(self, text: str) -> None:
        self.is_error = False
        self.setStyleSheet("color: #1b5e20;")
        self.setText(text)

    def error(self, error: ServiceError | str, field_label: str = "") -> None:
        self.is_error = True
        self.setStyleSheet("color: #b71c1c; font-weight: bold;")
        if isinstance(error, str):
            self.setText(error)
            return
        field = field_label or field_name(error.field, self.lang) or error.field or None
        self.setText(error_text(error, self.lang, field))


def changed_elsewhere(
    panel: QWidget, parts: Mapping[str, str], otherwise: Callable[[ServiceError], object]
) -> Callable[[ServiceError], None]:
    """The refusal handler of a panel's save over the version it loaded (issue 22): one
    saved on another desk since is named on the feedback line with the offer to reload it
    (``panel.reload_shown()``); any other refusal goes to ``otherwise``. ``parts`` maps a part of
    the record to the catalogue key of its label."""

    def name(part: str) -> str:
        return tr(parts[part], panel.lang) if part in parts else part

    def refused(error: ServiceError) -> None:
        if not isinstance(error, ChangedElsewhere):
            otherwise(error)
            return
        text = offer_reload(panel, panel.lang, error, name, lambda _now: panel.reload_shown())
        panel.feedback.error(text)

    return refused


def save_pdf(data: bytes, name: str) -> Path:
    """Write a printed form into Documents/kzcommission/evaluation and return its path."""
    root = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(root or Path.home()) / "kzcommission" / "evaluation"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    write_atomic(path, data)
    return path
