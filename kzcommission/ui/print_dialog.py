"""The print pack's two questions: which language, and which folder to write into."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kzcommission import paths
from kzcommission.i18n import tr
from kzcommission.ui import settings

# The languages the print pack is written in (services.printing.LANGUAGES).
PRINT_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en", "kk+ru")


def default_folder(sitting_number: str) -> Path:
    """Documents/kzcommission/sitting-<n> (portable: data/documents/sitting-<n>), the number
    made safe for a folder name."""
    safe = re.sub(r"[^\w.-]+", "-", sitting_number, flags=re.UNICODE).strip("-") or "0"
    return paths.documents_dir() / f"sitting-{safe}"


class PrintPackDialog(QDialog):
    """Language and folder; ``chosen(lang, folder)`` when the user confirms."""

    chosen = Signal(str, str)

    def __init__(self, lang: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("print.title", lang))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox(objectName="printLanguage")
        for code in PRINT_LANGUAGES:
            self.language.addItem(tr(f"print.lang.{code}", lang), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.print_language())))
        form.addRow(tr("print.language", lang), self.language)
        self.folder = QLineEdit(str(folder), objectName="printFolder")
        browse = QPushButton(tr("print.browse", lang), objectName="browseButton")
        browse.setAutoDefault(False)  # Return prints; it never opens the folder chooser
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(tr("print.folder", lang), row)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("print.start", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.addButton(tr("common.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 0)
        self.language.setFocus()

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, tr("print.folder", self.lang), self.value())
        if name:
            self.folder.setText(name)

    def value(self) -> str:
        return self.folder.text().strip()

    def _accept(self) -> None:
        if not self.value():
            self.folder.setFocus()
            return
        code = self.language.currentData()
        settings.PRINT_LANGUAGE.set(code)
        self.accept()
        self.chosen.emit(code, self.value())
