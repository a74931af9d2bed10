"""Help → About: what is running and where its data is, with a Copy button for support."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kzcommission.build_info import FROM_SOURCE, BuildInfo, collect
from kzcommission.i18n import tr
from kzcommission.resources import resource_path
from kzcommission.ui.icons import app_icon


def _value(text: str, name: str) -> QLabel:
    label = QLabel(text, objectName=name)
    # Paths and commits are read out over the phone or pasted into a letter.
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.info: BuildInfo = collect(getattr(parent, "database", None) or None)
        self.setWindowTitle(tr("about.title", lang))
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addSpacing(8)
        layout.addLayout(self._facts())
        layout.addSpacing(8)
        fonts = QLabel(
            tr("about.fonts", lang, path=resource_path("fonts", "LICENSE-DejaVu.txt")),
            objectName="aboutFonts",
        )
        fonts.setWordWrap(True)
        fonts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(fonts)
        self.status = QLabel("", objectName="aboutStatus")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(
            tr("about.copy", lang), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("aboutCopy")
        self.copy_button.clicked.connect(self.copy)
        close = buttons.addButton(tr("common.close", lang), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 0)

    def _heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel(objectName="aboutIcon")
        icon.setPixmap(app_icon().pixmap(64, 64))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        name = QLabel(f"<b>kzcommission {self.info.stamp.version}</b>", objectName="aboutName")
        name.setStyleSheet("font-size: 15pt")
        text.addWidget(name)
        product = QLabel(tr("about.product", self.lang))
        product.setWordWrap(True)
        text.addWidget(product)
        row.addLayout(text, 1)
        return row

    def _facts(self) -> QFormLayout:
        lang, info = self.lang, self.info
        built = info.stamp.built
        form = QFormLayout()
        form.addRow(tr("about.version", lang), _value(info.stamp.version, "aboutVersion"))
        form.addRow(tr("about.commit", lang), _value(info.stamp.commit, "aboutCommit"))
        shown = tr("about.from_source", lang) if built == FROM_SOURCE else built
        form.addRow(tr("about.built", lang), _value(shown, "aboutBuilt"))
        parts = ", ".join(f"{name} {version}" for name, version in info.components.items())
        form.addRow(tr("about.components", lang), _value(parts, "aboutComponents"))
        form.addRow(tr("about.database", lang), _value(info.database, "aboutDatabase"))
        form.addRow(tr("about.data_folder", lang), _value(str(info.data_dir), "aboutDataFolder"))
        portable = tr("about.portable_on" if info.portable else "about.portable_off", lang)
        form.addRow(tr("about.portable", lang), _value(portable, "aboutPortable"))
        return form

    def copy(self) -> None:
        """The facts as plain text on the clipboard, for a message to support."""
        QGuiApplication.clipboard().setText(self.info.as_text())
        self.status.setText(tr("about.copied", self.lang))
