"""The login dialog and the idle lock, offscreen, with real key events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from kzcommission.services.context import current_actor
from kzcommission.services.installation import accounts
from kzcommission.ui.idle_lock import install_idle_lock
from kzcommission.ui.login_dialog import LoginDialog, sign_in


def test_no_accounts_means_no_login(sqlite_database, qtbot):
    assert sign_in("kk") is True


def test_login_dialog_refuses_then_accepts(sqlite_database, qtbot):
    accounts.create_user("admin", "password-1", "administrator")
    dialog = LoginDialog("ru")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "admin")
    qtbot.keyClicks(dialog.password, "wrong-one")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == "Неверное имя или пароль."
    assert dialog.password.text() == "" and dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.password, "password-1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert current_actor().name == "admin"


def test_idle_lock_signs_out_and_asks_again(sqlite_database, qtbot, monkeypatch):
    accounts.create_user("admin", "password-1", "administrator")
    accounts.authenticate("admin", "password-1")
    lock = install_idle_lock(QApplication.instance(), "kk", minutes=5)
    seen = []

    class Answer:
        DialogCode = QDialog.DialogCode

        def exec(self) -> QDialog.DialogCode:
            seen.append(current_actor().role)  # signed out while the dialog is up
            accounts.authenticate("admin", "password-1")
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(lock, "dialog", lambda parent=None: Answer())
    assert "5" in LoginDialog("kk", message=lock.__class__.dialog(lock).intro.text()).intro.text()
    lock.lock()
    assert seen == [""] and current_actor().name == "admin"
    assert lock.timer.isActive() and lock.timer.interval() == 5 * 60_000
    lock.set_minutes(0)
    assert not lock.timer.isActive()
    QApplication.instance().removeEventFilter(lock)
