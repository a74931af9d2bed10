"""Application start-up: Qt, the language setting, the window, then the database.

The main window is shown first and the database opened right after, on the
event loop, so the user sees the window as soon as Qt can draw it. Then, before
any data is on screen: the backup settings, the secrets store and the sign-in
(``login_dialog.start_trust``); after it, the idle lock. On quit a backup is
taken, then the database is closed. A package given on the command line (a
double-click on a ``.kzx``) then goes through File → Import.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kzcommission import session_files
from kzcommission.i18n import tr
from kzcommission.ui import settings
from kzcommission.ui.crash import install_crash_handler
from kzcommission.ui.icons import app_icon
from kzcommission.ui.layout_keys import install_layout_keys
from kzcommission.ui.main_window import MainWindow
from kzcommission.ui.qt_language import use_qt_language
from kzcommission.ui.window_fit import install_screen_guard


def run(
    database: str | None = None,
    argv: list[str] | None = None,
    *,
    package: Path | None = None,
    smoke_seconds: float | None = None,
) -> int:
    """The application's event loop; ``smoke_seconds``: quit that long after start-up."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANISATION)
    app.setWindowIcon(app_icon())
    install_layout_keys(app)  # shortcuts by the key's place under ru/kz layouts
    session_files.begin()  # what a killed run left in the temporary folder goes
    settings.upgrade_on_start()  # before any setting is read: the CLI reads the same file
    lang = settings.interface_language()
    use_qt_language(lang)
    install_crash_handler(lang)
    install_screen_guard(app)  # no window, ours or Qt's, larger than the screen
    window = MainWindow(database or "", lang, start=False)
    window.show()
    app.aboutToQuit.connect(on_quit)

    def begin() -> None:
        if smoke_seconds is not None:
            quit_after(window, smoke_seconds)  # armed first: a start-up dialog runs its own loop
        if start(window, database, trust=True) and package is not None:
            open_package(window, package)

    QTimer.singleShot(0, begin)
    return app.exec()


def open_package(window: MainWindow, path: Path) -> None:
    """File → Import with the file already chosen, then the chooser asks again next time."""
    chooser = window.package_chooser
    window.package_chooser = lambda: str(path)
    try:
        window.import_package()
    finally:
        window.package_chooser = chooser


def quit_after(window: MainWindow, seconds: float) -> None:
    """The packaging smoke test: leave ``seconds`` after start-up began, with 0 once the
    first screen is up. A dialog still open then (no keyring on a test box: the secrets
    file) is dismissed the way a user skipping it would, and start-up goes on first."""
    app = QApplication.instance()

    def leave() -> None:
        dialog = app.activeModalWidget()
        if dialog is not None:
            print(f"kzcommission: smoke test dismissed {type(dialog).__name__}", file=sys.stderr)
            dialog.reject()
            QTimer.singleShot(0, leave)
            return
        app.exit(0 if window.page is not None else 1)

    QTimer.singleShot(int(seconds * 1000), leave)


def start(window: MainWindow, database: str | None, *, trust: bool = True) -> bool:
    """Open the database, sign in, then the first screen; on failure say why and quit.

    ``trust`` (the default) asks for the secrets store, the sign-in and installs
    the idle lock; only the start-up benchmark turns it off, so no dialog stops it.
    """
    from kzcommission.services.installation.database import StoreError, open_database
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
    from kzcommission.services.installation import backups

    store = settings.QtStore(settings.open_settings())
    try:
        backups.configure_from(store)
    except ValueError as exc:  # a keep count below one in the settings file
        print(f"kzcommission: backup settings ignored: {exc}", file=sys.stderr)
        backups.configure_from(store, keep=backups.DEFAULT_KEEP)


def on_quit() -> None:
    """The session's temporary files removed, a backup on the way out (its outcome only
    logged), then the database closed."""
    from kzcommission.services.installation import backups
    from kzcommission.services.installation.database import close_database

    session_files.end()
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
