"""A .kzx given on the command line (a double-click in the file manager) is imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from kzcommission.ui.app import open_package
from kzcommission.ui.exchange_dialogs import PackageReportDialog


def test_a_package_on_the_command_line_goes_through_import(qtbot, window, tmp_path: Path):
    bad = tmp_path / "from-the-centre.kzx"
    bad.write_bytes(b"not a zip at all")
    chooser = window.package_chooser
    open_package(window, bad)
    qtbot.waitUntil(lambda: window.task is None and window.dialog is not None, timeout=10_000)
    # Refused, with reasons (or the service's words when no exchange key is set).
    assert isinstance(window.dialog, PackageReportDialog | QMessageBox)
    assert window.package_chooser == chooser  # File → Import asks for a file again


def test_an_imported_package_is_named_in_words_and_the_home_page_shows_it(
    qtbot, window, database, keyring_in_memory, tmp_path: Path
):
    """Issue 22: after Ctrl+Shift+I on an empty database, the dialog names the sending
    commission and the sitting (number and date, no UUID), and the page under it is the
    home page with the commission, not the first-run page ("the database is empty")."""
    import base64

    from PySide6.QtCore import Qt

    from kzcommission.services.exchange.package import KEY_SECRET
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import secrets
    from kzcommission.store import models
    from tests.exchange.test_exchange import KEY, office_package
    from tests.ui.driver import Keys, activate

    assert window.page_kind == "first_run"
    sent = office_package(tmp_path)  # the office's own database, closed again
    open_database(database)
    secrets.set_secret(KEY_SECRET, base64.b64encode(KEY).decode())
    window.package_chooser = lambda: str(sent)
    activate(qtbot, window)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    Keys(qtbot).press(Qt.Key.Key_I, mods, widget=window)
    qtbot.waitUntil(lambda: window.task is None and window.dialog is not None, timeout=20_000)
    dialog = window.dialog
    assert isinstance(dialog, PackageReportDialog)
    sitting = models.Sitting.get()
    assert "Test commission (Astana)" in dialog.summary.text()
    lines = dialog.lines.toPlainText()
    assert f"Sitting №{sitting.number} 12.03.2025" in lines
    assert sitting.uuid not in dialog.summary.text() + lines
    assert window.page_kind == "home"
    names = window.page.form.commissionList
    assert [names.item(i).text() for i in range(names.count())][0].startswith("Test commission")
