"""Application start-up: Qt, translations, the database, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from kzcommission.i18n import tr
from kzcommission.services.database import StoreError, open_database


def run(database: str | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("kzcommission")
    lang = "en"
    try:
        where = open_database(database)
    except StoreError as exc:
        QMessageBox.critical(None, tr("app.title", lang), tr("app.open_failed", lang, error=exc))
        return 2
    from kzcommission.ui.main_window import MainWindow

    window = MainWindow(where, lang)
    window.show()
    return app.exec()
