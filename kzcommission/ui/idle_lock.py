"""The idle lock: after some minutes without keyboard or mouse, the user is signed
out and must sign in again before anything else happens.

The app calls :func:`install_idle_lock` once, after :func:`login_dialog.start_trust`.
Without accounts there is nobody to lock out, and the lock does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kzcommission.i18n import tr
from kzcommission.services.installation import accounts
from kzcommission.ui.login_dialog import LoginDialog

DEFAULT_MINUTES = 10
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    def __init__(self, app: QApplication, minutes: float, lang: str):
        super().__init__(app)
        self.app, self.lang, self.minutes = app, lang, minutes
        self.locked = False
        # Called before signing out, while saves are still allowed (typed text kept).
        self.before_lock: Callable[[], None] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        """Change the delay (a setting); 0 switches the lock off."""
        self.minutes = minutes
        self.timer.stop()
        if minutes > 0:
            self.timer.start(int(minutes * 60_000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self.locked and event.type() in ACTIVITY and self.minutes > 0:
            self.timer.start()
        return False

    def dialog(self, parent: QWidget | None = None) -> LoginDialog:
        message = tr("trust.login.locked", self.lang, minutes=f"{self.minutes:g}")
        return LoginDialog(self.lang, parent, message=message)

    def lock(self) -> None:
        """Sign out, then ask for a sign-in; giving up closes the application."""
        if self.locked or not accounts.login_required():
            return
        self.locked = True
        if self.before_lock is not None:
            self.before_lock()
        accounts.sign_out()
        try:
            if self.dialog(self.app.activeWindow()).exec() != LoginDialog.DialogCode.Accepted:
                self.app.quit()
        finally:
            self.locked = False
            if self.minutes > 0:
                self.timer.start()


def install_idle_lock(app: QApplication, lang: str, minutes: float = DEFAULT_MINUTES) -> IdleLock:
    return IdleLock(app, minutes, lang)
