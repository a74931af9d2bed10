"""Application start-up: Qt, the language setting, the window, then the database.

The main window is shown first and the database opened right after, on the
event loop, so the user sees the window as soon as Qt can draw it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kzcommission.i18n import tr
from kzcommission.ui import settings
from kzcommission.ui.main_window import MainWindow


def run(database: str | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANISATION)
    lang = settings.LANGUAGE.get()
    window = MainWindow(database or "", lang, start=False)
    window.show()
    QTimer.singleShot(0, lambda: start(window, database))
    return app.exec()


def start(window: MainWindow, database: str | None) -> bool:
    """Open the database and the first screen; on failure say why and quit."""
    from kzcommission.services.database import StoreError, open_database

    try:
        window.database = open_database(database)
    except StoreError as exc:
        QMessageBox.critical(
            window, tr("app.title", window.lang), tr("app.open_failed", window.lang, error=exc)
        )
        QApplication.instance().exit(2)
        return False
    window.start()
    return True
