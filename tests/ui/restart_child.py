"""The app in a child process: open a sitting, enter things, say READY, wait to be killed.

Run by test_restart.py: ``python -m tests.ui.restart_child DB SETTINGS``.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

K, M = Qt.Key, Qt.KeyboardModifier


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def main(db: str, settings_file: str) -> int:
    app = QApplication([])
    from kzcommission.services.installation.database import open_database
    from kzcommission.ui import settings
    from kzcommission.ui.main_window import MainWindow

    settings.use_file(settings_file)
    open_database(db)
    window = MainWindow(db, "en")
    window.show()
    window.activateWindow()
    pump(0.2)
    window.open_demo()
    console = window.page
    QTest.keyClick(console, K.Key_O, M.ControlModifier | M.ShiftModifier)
    QTest.keyClick(console, K.Key_F2)
    for _ in range(9):
        QTest.keyClick(console.attendance.table, K.Key_P)
    QTest.keyClick(console, K.Key_Down, M.ControlModifier)
    QTest.keyClick(console, K.Key_Down, M.ControlModifier)
    QTest.keyClick(console, K.Key_F4)
    QTest.keyClicks(console.case_panel.form.materialsEdit, "Typed before the crash")
    pump(1.0)  # the pause after typing saves the text
    QTest.keyClick(console, K.Key_F5)
    for _ in range(3):
        QTest.keyClick(console.vote.form.ballotTable, K.Key_1)
    print("READY", console.case.id, flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
