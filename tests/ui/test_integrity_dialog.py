"""Help → Check the database shows verify-db's three outcomes in the interface language."""

from __future__ import annotations

import sqlite3

import pytest

from kzcommission.i18n import tr
from kzcommission.ui.integrity_dialog import IntegrityDialog
from tests.services.helpers import add_employee


@pytest.fixture(autouse=True)
def keyring(keyring_in_memory):
    return keyring_in_memory


def _checked(qtbot, lang: str) -> IntegrityDialog:
    dialog = IntegrityDialog(lang)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    return dialog


def test_intact_then_altered_in_russian(qtbot, database, artifacts):
    add_employee("Checked", "C1")
    dialog = _checked(qtbot, "ru")
    assert dialog.report.outcome == "intact"
    assert dialog.headline.text() == tr("integrity.intact", "ru")
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE history_entry SET actor = 'mallory' WHERE seq = 1")
    conn.close()
    dialog = _checked(qtbot, "ru")
    assert dialog.report.outcome == "altered"
    assert dialog.headline.text().startswith("ИЗМЕНЕНА")
    assert "Изменено: entry #1" in dialog.details.toPlainText()
    dialog.grab().save(str(artifacts / "integrity_altered_ru.png"))


def test_never_ok_without_the_key(qtbot, database):
    from kzcommission.services import history, secrets

    add_employee("Checked", "C2")
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE schema_meta SET value = 'renamed' WHERE key = 'installation'")
    conn.close()
    history.forget_key()
    secrets.reset()
    dialog = _checked(qtbot, "kk")
    assert dialog.report.outcome == "unverified"
    assert dialog.headline.text().startswith("ТЕКСЕРІЛМЕДІ")
    assert "ОК" in dialog.headline.text()  # it says plainly that this is not an OK


def test_ctrl_shift_h_opens_the_check_from_the_main_window(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    def opened() -> list[IntegrityDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, IntegrityDialog) and w.parent() is window
        ]

    qtbot.waitUntil(lambda: bool(opened()), timeout=5_000)
    (dialog,) = opened()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert dialog.headline.text() == tr(f"integrity.{dialog.report.outcome}", "en")
    dialog.close()
