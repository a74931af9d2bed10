"""Sign-in at start-up, and the choice of a secrets store where no keyring exists.

The app calls :func:`start_trust` after opening the database and before showing
the main window; False means the user gave up, and the app quits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.installation import accounts
from kzcommission.services.trust import history, secrets

MIN_PASSPHRASE = 10


class LoginDialog(QDialog):
    """Name and password; accepted only once :func:`accounts.authenticate` succeeded."""

    def __init__(self, lang: str, parent: QWidget | None = None, *, message: str = ""):
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("trust.login.title", lang))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.intro = QLabel(message or tr("trust.login.prompt", lang))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("login_name")
        self.password = QLineEdit()
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("trust.login.name", lang), self.name)
        form.addRow(tr("trust.login.password", lang), self.password)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("login_error")
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.sign_in = buttons.addButton(
            tr("trust.login.sign_in", lang), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in.setDefault(True)
        buttons.addButton(tr("trust.login.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_sign_in(self) -> None:
        if not self.name.text().strip() or not self.password.text():
            self.error.setText(tr("trust.login.empty", self.lang))
            return
        try:
            accounts.authenticate(self.name.text(), self.password.text())
        except accounts.SignInLocked as exc:  # not attempt(): told apart from other refusals
            self.error.setText(tr("trust.login.locked_out", self.lang, minutes=exc.minutes))
            self.password.clear()
            return
        except ServiceError:  # not attempt(): after SignInLocked, the rest read "failed"
            self.error.setText(tr("trust.login.failed", self.lang))
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()  # the password does not stay in the widget
        self.accept()


class SecretsDialog(QDialog):
    """No keyring: open (or create) the encrypted secrets file with its passphrase."""

    def __init__(self, lang: str, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang, self.path = lang, path
        self.creating = not path.exists()
        self.setWindowTitle(tr("trust.secrets.title", lang))
        layout = QVBoxLayout(self)
        text = QLabel(tr("trust.secrets.no_keyring", lang) + f"\n\n{path}")
        text.setWordWrap(True)
        layout.addWidget(text)
        skipping = QLabel(tr("trust.secrets.skip_means", lang), objectName="secretsSkipMeans")
        skipping.setWordWrap(True)
        layout.addWidget(skipping)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("secrets_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("trust.secrets.passphrase", lang), self.passphrase)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        key = "trust.secrets.create" if self.creating else "trust.secrets.open"
        buttons.addButton(tr(key, lang), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("trust.secrets.skip", lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_open(self) -> None:
        phrase = self.passphrase.text()
        if self.creating and len(phrase) < MIN_PASSPHRASE:
            self.error.setText(tr("trust.secrets.short", self.lang))
            return
        try:
            store = secrets.EncryptedFileStore(self.path, phrase, create=self.creating)
        except secrets.SecretsError:
            self.error.setText(tr("trust.secrets.wrong", self.lang))
            return
        finally:
            self.passphrase.clear()
        secrets.use_store(store)
        history.forget_key()
        self.accept()


def open_secrets(lang: str, parent: QWidget | None = None, path: Path | None = None) -> bool:
    """True when a secrets store is in use (the keyring, or the file the user opened)."""
    if secrets.keyring_problem() is None:
        return True
    dialog = SecretsDialog(lang, path or secrets.default_secrets_file(), parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


def sign_in(lang: str, parent: QWidget | None = None, message: str = "") -> bool:
    """True when nobody needs to sign in (no accounts yet) or the sign-in succeeded."""
    if not accounts.login_required():
        return True
    return LoginDialog(lang, parent, message=message).exec() == QDialog.DialogCode.Accepted


def start_trust(lang: str, parent: QWidget | None = None, secrets_file: Path | None = None) -> bool:
    """At start-up, after open_database: the secrets store, then the sign-in."""
    open_secrets(lang, parent, secrets_file)  # declining is allowed: history stays unsealed
    return sign_in(lang, parent)
