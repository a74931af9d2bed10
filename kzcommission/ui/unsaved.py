"""Editors bound to one person and one record: what the user typed, and asking before it is lost.

An editor takes a :func:`snapshot` of its fields right after loading a record from the
store; it has unsaved edits when a new snapshot differs. Before another person (or
record) is shown, :func:`ask_unsaved` lets the user choose: save them, discard them,
or stay. Nothing typed for one person is ever carried over to the next: the editor
reloads every field from the store (issue 22).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from kzcommission.i18n import tr

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def _value(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QTableWidget):
        return tuple(
            tuple(
                (item.text(), item.checkState()) if (item := widget.item(r, c)) else None
                for c in range(widget.columnCount())
            )
            for r in range(widget.rowCount())
        )
    raise TypeError(f"no snapshot for {type(widget).__name__}")


def snapshot(widgets: Iterable[QWidget]) -> tuple:
    """What the fields hold now, to compare with what was loaded."""
    return tuple(_value(w) for w in widgets)


def ask_unsaved(parent: QWidget, lang: str, who: str = "") -> str:
    """Save, discard or cancel: the user's explicit choice about unsaved edits.

    Enter saves, the underlined letter (D in English) discards, Escape stays.
    """
    box = QMessageBox(parent)
    box.setObjectName("unsavedQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("unsaved.title", lang))
    box.setText(tr("unsaved.text", lang, who=who))
    save = box.addButton(tr("unsaved.save", lang), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("unsaved.discard", lang), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(tr("unsaved.cancel", lang), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    parent.window().activateWindow()  # back to the editor, keys go on there
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return CANCEL


def settle(parent: QWidget, lang: str, who: str, unsaved: bool, save: Callable[[], bool]) -> bool:
    """Before what is shown is replaced (another person, F5): True when nothing typed is
    lost without the user's word: nothing unsaved, or he discarded it, or saved it and the
    save went through. False: he stays (Escape), or the save was refused."""
    if not unsaved:
        return True
    choice = ask_unsaved(parent, lang, who)
    return choice == DISCARD or (choice == SAVE and save())
