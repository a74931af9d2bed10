"""Application start-up: Qt, the language setting, the window, then the database.

The main window is shown first and the database opened right after, on the
event loop, so the user sees the window as soon as Qt can draw it. Then, before
any data is on screen: the backup settings, the secrets store and the sign-in
(``login_dialog.start_trust``); after it, the idle lock. On quit a backup is
taken, then the database is closed.
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
    app.aboutToQuit.connect(on_quit)
    QTimer.singleShot(0, lambda: start(window, database, trust=True))
    return app.exec()


def start(window: MainWindow, database: str | None, *, trust: bool = True) -> bool:
    """Open the database, sign in, then the first screen; on failure say why and quit.

    ``trust`` (the default) asks for the secrets store, the sign-in and installs
    the idle lock; only the start-up benchmark turns it off, so no dialog stops it.
    """
    from kzcommission.services.database import StoreError, open_database
    from kzcommission.ui import login_dialog
    from kzcommission.ui.idle_lock import install_idle_lock

    app = QApplication.instance()
    try:
        window.database = open_database(database)
    except StoreError as exc:
        QMessageBox.critical(
            window, tr("app.title", window.lang), tr("app.open_failed", window.lang, error=exc)
        )
        app.exit(2)
        return False
    configure_backups()
    if trust and not login_dialog.start_trust(window.lang, window):
        app.exit(0)  # the user gave up signing in: nothing was shown
        return False
    window.start()
    if trust:
        minutes = settings.IDLE_LOCK_MINUTES.get()
        window.idle_lock = install_idle_lock(app, window.lang, minutes)
        window.idle_lock.before_lock = window.flush_pending
    return True


def configure_backups() -> None:
    from kzcommission.services import backups

    try:
        backups.configure(settings.BACKUP_FOLDER.get() or None, settings.BACKUP_KEEP.get())
    except ValueError as exc:  # a keep count below one in the settings file
        print(f"kzcommission: backup settings ignored: {exc}", file=sys.stderr)
        backups.configure(settings.BACKUP_FOLDER.get() or None)


def on_quit() -> None:
    """A backup on the way out (its outcome only logged), then the database closed."""
    from kzcommission.services import backups
    from kzcommission.services.database import close_database

    try:
        path, problem = backups.backup_on_exit()
    except Exception as exc:  # noqa: BLE001 - quitting must never fail on a backup
        path, problem = None, str(exc)
    if path is None:
        print(f"kzcommission: no backup on exit: {problem}", file=sys.stderr)
    try:
        close_database()
    except Exception as exc:  # noqa: BLE001 - nothing left to tell the user
        print(f"kzcommission: closing the database: {exc}", file=sys.stderr)
