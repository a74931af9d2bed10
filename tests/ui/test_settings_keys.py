"""Languages switch and persist; F1 lists every key; first run offers the demo."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from PySide6.QtCore import Qt

from kzcommission.i18n import LANGUAGES
from kzcommission.services.sitting import cases, sittings
from kzcommission.ui.console import SittingConsole
from kzcommission.ui.home_page import FirstRunPage
from kzcommission.ui.settings_dialog import SettingsDialog
from kzcommission.ui.shortcuts import KEYMAP, ShortcutsDialog
from tests.ui.driver import Keys, activate

ROOT = Path(__file__).resolve().parents[2]
# The sitting workspace; other screens keep their words in their own catalogues.
WORKSPACE_MODULES = (
    "app",
    "attendance_panel",
    "case_panel",
    "commission_editor",
    "console",
    "dialogs",
    "forms",
    "home_page",
    "labels",
    "main_window",
    "name_index",
    "person_picker",
    "roster_dialog",
    "roster_model",
    "scorecard_panel",
    "settings",
    "settings_dialog",
    "shortcuts",
    "sitting_dialogs",
    "tasks",
    "vote_panel",
)


def test_demo_from_first_run_opens_the_console(qtbot, window):
    assert isinstance(window.page, FirstRunPage)
    qtbot.mouseClick(window.page.form.demoButton, Qt.MouseButton.LeftButton)
    assert isinstance(window.page, SittingConsole)
    assert len(window.page.cases) == 12
    assert window.page.case.id == cases.list_cases(window.page.sitting.id)[0].id


def test_f1_lists_every_shortcut(qtbot, window):
    Keys(qtbot).press(Qt.Key.Key_F1, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ShortcutsDialog))
    table = window.dialog.table
    assert table.rowCount() == len(KEYMAP)
    assert table.item(0, 0).text() == "F1"
    assert all(not table.item(r, 1).text().startswith("shortcut.") for r in range(len(KEYMAP)))


def test_language_switch_persists(qtbot, window, ui_settings, database):
    keys = Keys(qtbot)
    qtbot.mouseClick(window.page.form.demoButton, Qt.MouseButton.LeftButton)
    sitting_id = window.page.sitting.id
    activate(qtbot, window)
    keys.press(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.dialog, SettingsDialog))
    dialog = window.dialog
    combo = dialog.form.languageCombo
    combo.setCurrentIndex(combo.findData("ru"))
    keys.press(Qt.Key.Key_Return, widget=combo)
    qtbot.waitUntil(lambda: window.lang == "ru")
    assert isinstance(window.page, SittingConsole) and window.page.sitting.id == sitting_id
    assert window.page.form.caseTabs.tabText(2) == "Голосование (F9)"
    assert ui_settings.LANGUAGE.get() == "ru"
    from kzcommission.ui.main_window import MainWindow

    again = MainWindow(str(database), ui_settings.LANGUAGE.get())
    qtbot.addWidget(again)
    # The demo sitting is only planned, so the restart shows the home page, in Russian.
    assert again.page.form.commissionsBox.title() == "Комиссии"
    assert again.menuBar().actions()[0].text() == "&Комиссия"
    assert sittings.get_sitting(sitting_id).status == "planned"


def _keys_used() -> set[str]:
    """Literal catalogue keys passed to tr() in the ui package and written in forms."""
    found: set[str] = set()
    for path in (ROOT / "kzcommission" / "ui" / f"{name}.py" for name in WORKSPACE_MODULES):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    for form in (ROOT / "forms").glob("*.ui"):
        text = form.read_text(encoding="utf-8")
        for chunk in text.split("<string>")[1:]:
            value = chunk.split("</string>")[0]
            if "." in value and " " not in value and value.islower() and value[0].isalpha():
                found.add(value)
    return found


def test_every_key_is_in_every_language():
    used = _keys_used()
    assert len(used) > 150
    for lang in LANGUAGES:
        catalogue = json.loads((ROOT / "resources/i18n" / lang / "ui.json").read_text("utf-8"))
        missing = sorted(k for k in used if k not in catalogue)
        assert not missing, f"{lang}: {missing}"
