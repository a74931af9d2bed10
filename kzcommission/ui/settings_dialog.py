"""Settings: the language of the whole interface, and the positions the roster may name."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from kzcommission.i18n import LANGUAGES, tr
from kzcommission.ui import settings
from kzcommission.ui.forms import load_form


class SettingsDialog(QDialog):
    language_chosen = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("settings.title", lang))
        self.form = f = load_form("settings", lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        for code in LANGUAGES:
            # Each language is named in itself, so a user lost in a foreign UI finds his own.
            f.languageCombo.addItem(tr("language.self", code), code)
        f.languageCombo.setCurrentIndex(max(0, f.languageCombo.findData(lang)))
        f.positionsEdit.setPlainText(settings.ROSTER_POSITIONS.get())
        f.buttonBox.accepted.connect(self.save)
        f.buttonBox.rejected.connect(self.reject)
        f.languageCombo.setFocus()

    def save(self) -> None:
        code = self.form.languageCombo.currentData()
        settings.LANGUAGE.set(code)
        settings.ROSTER_POSITIONS.set(self.form.positionsEdit.toPlainText())
        self.accept()
        self.language_chosen.emit(code)
