"""Opening a folder in the system's file manager, or saying where it is when there is none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from kzcommission.i18n import tr


def open_folder(folder: Path) -> bool:
    """True when the desktop opened ``folder``; False on a machine with no file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_folder(owner: QWidget, folder: Path, lang: str) -> QMessageBox:
    """Where the files are, as text the user can select and copy."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("folder.title", lang),
        tr("folder.no_file_manager", lang, path=str(folder)),
        parent=owner,
    )
    box.setObjectName("folderMessage")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    owner.dialog = box  # type: ignore[attr-defined]
    box.open()
    return box
