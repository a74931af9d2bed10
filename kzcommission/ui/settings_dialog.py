"""Settings: the interface and print languages, the roster's positions, backups, the idle lock.

Each value is declared once in ``kzcommission.preferences``; OK checks them all, saves them,
and applies at once what can be applied: the backup folder and count
(``backups.configure``) and the idle lock's delay (the main window's ``idle_lock``).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import LANGUAGES, tr
from kzcommission.services.installation import backups
from kzcommission.ui import settings
from kzcommission.ui.form_types import SettingsForm
from kzcommission.ui.forms import load_form
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.window_fit import fit_window

PRINT_LANGUAGES: tuple[str, ...] = ("", "kk", "ru", "en", "kk+ru")  # "" = the interface's
KEEP_RANGE = (1, 100)
IDLE_RANGE = (0, 240)  # minutes; 0 = the lock is off


class SettingsDialog(QDialog):
    language_chosen = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.dialog: QFileDialog | None = None
        self.setWindowTitle(tr("settings.title", lang))
        self.form = f = load_form(SettingsForm, lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        for code in LANGUAGES:
            # Each language is named in itself, so a user lost in a foreign UI finds his own.
            f.languageCombo.addItem(tr("language.self", code), code)
        f.languageCombo.setCurrentIndex(max(0, f.languageCombo.findData(lang)))
        f.positionsEdit.setPlainText(settings.ROSTER_POSITIONS.get())
        self._add_fields()
        f.buttonBox.accepted.connect(self.save)
        f.buttonBox.rejected.connect(self.reject)
        f.languageCombo.setFocus()
        fit_window(self, "settings", 760, 420)

    def _add_fields(self) -> None:
        lang = self.lang
        self.printLanguageCombo = QComboBox(self)
        for code in PRINT_LANGUAGES:
            label = tr(f"print.lang.{code}", lang) if code else tr("settings.print_same", lang)
            self.printLanguageCombo.addItem(label, code)
        self.printLanguageCombo.setCurrentIndex(
            max(0, self.printLanguageCombo.findData(settings.PRINT_LANGUAGE.get()))
        )
        self.backupFolderEdit = QLineEdit(settings.BACKUP_FOLDER.get(), self)
        self.backupFolderEdit.setPlaceholderText(tr("settings.backup_folder_default", lang))
        self.browseButton = QPushButton(tr("settings.browse", lang), self)
        self.browseButton.clicked.connect(self.browse)
        QShortcut(key_of("settings_browse"), self, self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backupFolderEdit, 1)
        folder_row.addWidget(self.browseButton)
        self.backupKeepSpin = _spin(self, KEEP_RANGE, settings.BACKUP_KEEP.get())
        self.idleMinutesSpin = _spin(self, IDLE_RANGE, settings.IDLE_LOCK_MINUTES.get())
        self.idleMinutesSpin.setSpecialValueText(tr("settings.idle_off", lang))
        self.idleMinutesSpin.setSuffix(tr("settings.minutes_suffix", lang))
        self.errorLabel = QLabel(self)
        self.errorLabel.setObjectName("settingsError")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setStyleSheet("color:#b00020;font-weight:bold;")
        layout = self.form.widget.layout()
        rows = (
            ("settings.print_language", self.printLanguageCombo),
            ("settings.backup_folder", folder_row),
            ("settings.backup_keep", self.backupKeepSpin),
            ("settings.idle_minutes", self.idleMinutesSpin),
        )
        before = layout.rowCount() - 1  # above the OK / Cancel row
        for offset, (key, field) in enumerate(rows):
            label = QLabel(tr(key, lang), self)
            label.setBuddy(self.backupFolderEdit if field is folder_row else field)
            layout.insertRow(before + offset, label, field)
        layout.insertRow(before + len(rows), self.errorLabel)

    def browse(self) -> None:
        dialog = QFileDialog(self, tr("settings.backup_folder", self.lang))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if self.backupFolderEdit.text().strip():
            dialog.setDirectory(self.backupFolderEdit.text().strip())
        dialog.fileSelected.connect(self.backupFolderEdit.setText)
        self.dialog = dialog
        dialog.open()  # non-blocking: the sitting clock keeps running

    def folder_problem(self, text: str) -> str | None:
        """Why the backup folder cannot be used, or None (empty = the default folder)."""
        if not text:
            return None
        path = Path(text).expanduser()
        if path.exists() and not path.is_dir():
            return tr("settings.error.not_a_folder", self.lang)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return tr("settings.error.cannot_create", self.lang, error=exc.strerror or exc)
        if not os.access(path, os.W_OK):
            return tr("settings.error.not_writable", self.lang)
        return None

    def fail(self, field_key: str, reason: str, widget: QWidget) -> None:
        self.errorLabel.setText(
            tr("settings.error.field", self.lang, field=tr(field_key, self.lang), reason=reason)
        )
        widget.setFocus()

    def save(self) -> None:
        f = self.form
        folder = self.backupFolderEdit.text().strip()
        problem = self.folder_problem(folder)
        if problem is not None:
            self.fail("settings.backup_folder", problem, self.backupFolderEdit)
            return
        keep, minutes = self.backupKeepSpin.value(), self.idleMinutesSpin.value()
        try:
            backups.configure(folder or None, keep, passphrase=backups.settings.passphrase)
        except ValueError as exc:
            self.fail("settings.backup_keep", str(exc), self.backupKeepSpin)
            return
        code = f.languageCombo.currentData()
        settings.LANGUAGE.set(code)
        settings.ROSTER_POSITIONS.set(f.positionsEdit.toPlainText())
        settings.PRINT_LANGUAGE.set(self.printLanguageCombo.currentData())
        settings.BACKUP_FOLDER.set(folder)
        settings.BACKUP_KEEP.set(keep)
        settings.IDLE_LOCK_MINUTES.set(minutes)
        idle_lock = getattr(self.parentWidget(), "idle_lock", None)
        if idle_lock is not None:
            idle_lock.set_minutes(minutes)  # 0 switches it off
        self.errorLabel.clear()
        self.accept()
        self.language_chosen.emit(code)


def _spin(parent: QWidget, bounds: tuple[int, int], value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(*bounds)
    spin.setValue(min(max(value, bounds[0]), bounds[1]))
    return spin
