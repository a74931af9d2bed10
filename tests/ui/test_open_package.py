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
