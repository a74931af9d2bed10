"""What the evaluation screens share: person lists, dates, actions with keys, feedback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QPushButton, QWidget

from kzcommission.i18n import tr
from kzcommission.services import persons
from kzcommission.services.errors import ServiceError
from kzcommission.ui.date_field import keyboard_date
from kzcommission.ui.dialogs import error_text, field_name


def fill_persons(combo: QComboBox) -> None:
    """The roster, by name, each item carrying the person id; the choice is kept if possible."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for person in persons.search_persons("", 1000):
        combo.addItem(f"{person.full_name} — {person.position}".strip(" —"), person.id)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
    combo.blockSignals(False)


def date_edit(value: date) -> QDateEdit:
    # Tab leaves it; digits typed on entry are the date (kzcommission.ui.date_field).
    return keyboard_date(QDateEdit(QDate(value.year, value.month, value.day)))


def picked(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def action(
    owner: QWidget, lang: str, key: str, shortcut: str, slot: Callable[[], object]
) -> QPushButton:
    """A button and a QAction with its keyboard shortcut, active anywhere inside ``owner``."""
    act = QAction(tr(key, lang), owner)
    act.setShortcut(QKeySequence(shortcut))
    act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    act.triggered.connect(lambda _checked=False: slot())
    owner.addAction(act)
    button = QPushButton(tr(key, lang))
    button.setObjectName(key.rsplit(".", 1)[-1] + "Button")
    button.clicked.connect(lambda _checked=False: slot())
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


def save_pdf(data: bytes, name: str) -> Path:
    """Write a printed form into Documents/kzcommission/evaluation and return its path."""
    root = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(root or Path.home()) / "kzcommission" / "evaluation"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(data)
    return path
