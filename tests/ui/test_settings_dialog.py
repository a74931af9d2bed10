"""Settings: print language, backup folder and count, idle lock; checked, saved, applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from kzcommission.services.installation import backups
from kzcommission.ui.settings_dialog import SettingsDialog
from tests.ui.driver import Keys, activate

K = Qt.Key


class FakeIdleLock:
    def __init__(self) -> None:
        self.minutes: list[float] = []

    def set_minutes(self, minutes: float) -> None:
        self.minutes.append(minutes)


@pytest.fixture
def backup_settings():
    saved = (backups.settings.folder, backups.settings.keep, backups.settings.passphrase)
    yield backups.settings
    backups.configure(*saved)


def open_dialog(qtbot, window) -> SettingsDialog:  # noqa: ANN001
    activate(qtbot, window)
    Keys(qtbot).press(K.Key_Comma, Qt.KeyboardModifier.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.dialog, SettingsDialog) and window.dialog.isVisible())
    activate(qtbot, window.dialog)
    return window.dialog


def test_settings_are_saved_and_applied(qtbot, window, ui_settings, backup_settings, tmp_path):
    window.idle_lock = FakeIdleLock()
    backups.configure(None, 10, passphrase="kept secret")
    dialog = open_dialog(qtbot, window)
    assert dialog.backupKeepSpin.value() == 10 and dialog.idleMinutesSpin.value() == 15
    assert dialog.idleMinutesSpin.minimum() == 0 and dialog.idleMinutesSpin.maximum() == 240
    assert dialog.backupKeepSpin.minimum() == 1 and dialog.backupKeepSpin.maximum() == 100
    keys = Keys(qtbot)
    folder = tmp_path / "new" / "backups"  # not there yet: created on OK
    dialog.backupFolderEdit.setFocus()
    keys.type(str(folder), widget=dialog.backupFolderEdit)
    dialog.backupKeepSpin.selectAll()
    keys.type("5", widget=dialog.backupKeepSpin)
    dialog.idleMinutesSpin.selectAll()
    keys.type("0", widget=dialog.idleMinutesSpin)
    assert dialog.idleMinutesSpin.value() == 0
    assert dialog.idleMinutesSpin.specialValueText() == "Off"  # shown for 0
    combo = dialog.printLanguageCombo
    combo.setCurrentIndex(combo.findData("kk+ru"))
    keys.press(K.Key_Return, widget=dialog.idleMinutesSpin)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert folder.is_dir()
    assert ui_settings.BACKUP_FOLDER.get() == str(folder)
    assert ui_settings.BACKUP_KEEP.get() == 5
    assert ui_settings.IDLE_LOCK_MINUTES.get() == 0
    assert ui_settings.PRINT_LANGUAGE.get() == "kk+ru"
    assert ui_settings.LANGUAGE.get() == "en"
    # Applied at once: the backups service and the idle lock (0 = off).
    assert backups.backup_folder() == folder and backups.settings.keep == 5
    assert backups.settings.passphrase == "kept secret"
    assert window.idle_lock.minutes == [0]


def test_a_bad_backup_folder_is_refused_naming_the_field(
    qtbot, window, ui_settings, backup_settings, tmp_path: Path
):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    dialog = open_dialog(qtbot, window)
    dialog.backupFolderEdit.setText(str(a_file))
    dialog.idleMinutesSpin.setValue(30)
    Keys(qtbot).press(K.Key_Return, widget=dialog.backupKeepSpin)
    qtbot.waitUntil(lambda: bool(dialog.errorLabel.text()))
    assert dialog.isVisible()
    assert dialog.errorLabel.text().startswith("Backup folder:")
    assert "not a folder" in dialog.errorLabel.text()
    assert dialog.backupFolderEdit.hasFocus()
    assert ui_settings.BACKUP_FOLDER.get() == "" and ui_settings.IDLE_LOCK_MINUTES.get() == 15
    assert backups.settings.folder is None
    # Emptied, the default folder is used again and the rest is saved.
    dialog.backupFolderEdit.clear()
    Keys(qtbot).press(K.Key_Return, widget=dialog.backupKeepSpin)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ui_settings.IDLE_LOCK_MINUTES.get() == 30 and backups.settings.folder is None


def test_alt_b_opens_a_folder_chooser(qtbot, window, ui_settings, backup_settings, tmp_path):
    dialog = open_dialog(qtbot, window)
    Keys(qtbot).press(K.Key_B, Qt.KeyboardModifier.AltModifier, widget=dialog.backupKeepSpin)
    qtbot.waitUntil(lambda: isinstance(dialog.dialog, QFileDialog))
    chooser = dialog.dialog
    assert chooser.fileMode() == QFileDialog.FileMode.Directory
    chooser.fileSelected.emit(str(tmp_path))  # as if the user picked it
    chooser.close()
    assert dialog.backupFolderEdit.text() == str(tmp_path)
