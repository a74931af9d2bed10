"""Small non-blocking questions: a reason to type, a yes/no, an error to read.

Dialogs are opened with ``open()`` rather than ``exec()`` so the event loop
keeps running (the sitting clock, background work) and tests can answer them
with real key presses. The open dialog is kept on ``owner.dialog``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError


def ask_text(
    owner: QWidget, title: str, label: str, on_ok: Callable[[str], None], text: str = ""
) -> QInputDialog:
    dialog = QInputDialog(owner)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)

    def accepted(value: str) -> None:
        if value.strip():
            on_ok(value.strip())

    dialog.textValueSelected.connect(accepted)
    _keep(owner, dialog)
    dialog.open()
    return dialog


def confirm(
    owner: QWidget, title: str, text: str, on_yes: Callable[[], None], lang: str
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=owner)
    yes = box.addButton(tr("common.yes", lang), QMessageBox.ButtonRole.YesRole)
    box.addButton(tr("common.no", lang), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)

    def finished() -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(finished)
    _keep(owner, box)
    box.open()
    return box


def error_text(exc: BaseException, lang: str) -> str:
    """A refusal as the user reads it: the message, and the rule behind it."""
    if isinstance(exc, ServiceError) and exc.rule_id and exc.rule_id not in str(exc):
        return tr("error.with_rule", lang, message=str(exc), rule=exc.rule_id)
    return str(exc)


def show_error(owner: QWidget, exc: BaseException, lang: str) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning, tr("error.title", lang), error_text(exc, lang), parent=owner
    )
    _keep(owner, box)
    box.open()
    return box


def _keep(owner: QWidget, dialog: QDialog) -> None:
    owner.dialog = dialog  # type: ignore[attr-defined]
