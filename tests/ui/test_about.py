"""Help → About shows the version and where the data is; Copy puts it on the clipboard."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from kzcommission import __version__
from kzcommission.i18n import LANGUAGES, tr
from kzcommission.ui.about_dialog import AboutDialog

ROOT = Path(__file__).resolve().parents[2]


def help_action(window, key: str):
    menu_bar = window.menuBar()
    help_menu = next(
        a.menu() for a in menu_bar.actions() if a.text() == tr("menu.help", window.lang)
    )
    return next(a for a in help_menu.actions() if a.text() == tr(key, window.lang))


def test_about_from_the_help_menu(qtbot, window, database, artifacts: Path):
    help_action(window, "shortcut.about").trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, AboutDialog) and window.dialog.isVisible())
    dialog = window.dialog
    assert dialog.findChild(QLabel, "aboutVersion").text() == __version__
    assert __version__ in dialog.findChild(QLabel, "aboutName").text()
    assert dialog.findChild(QLabel, "aboutCommit").text()
    assert dialog.findChild(QLabel, "aboutDatabase").text() == str(database)
    components = dialog.findChild(QLabel, "aboutComponents").text()
    assert "Qt " in components and "SQLite " in components and "reportlab " in components
    assert "DejaVu" in dialog.findChild(QLabel, "aboutFonts").text()
    qtbot.wait(50)  # let the layout settle before the picture
    dialog.grab().save(str(artifacts / "about.png"))

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"kzcommission {__version__}\ncommit: ")
    assert f"database: {database}" in copied
    assert dialog.status.text() == tr("about.copied", "en")


def test_about_keys_exist_in_every_language():
    source = (ROOT / "kzcommission/ui/about_dialog.py").read_text(encoding="utf-8")
    used = {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "tr"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    used |= {"about.portable_on", "about.portable_off"}  # chosen by a conditional expression
    english = json.loads((ROOT / "resources/i18n/en/release.json").read_text("utf-8"))
    for lang in LANGUAGES:
        catalogue = json.loads((ROOT / f"resources/i18n/{lang}/release.json").read_text("utf-8"))
        catalogue.setdefault("common.close", "in ui.json")
        assert not sorted(k for k in used if k not in catalogue), lang
        assert catalogue.keys() == english.keys() | {"common.close"}, lang
