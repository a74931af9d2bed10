"""A newcomer's first minute (issue 14, item 10), and Qt's own words and the rule sets'
titles in the interface language (item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QPushButton

from kzcommission.i18n import LANGUAGES, language_for_locale, tr
from kzcommission.services.installation.demo import create_demo
from kzcommission.services.sitting import cases
from kzcommission.ui import desktop, settings
from kzcommission.ui.home_page import FirstRunPage
from kzcommission.ui.login_dialog import SecretsDialog
from kzcommission.ui.main_window import MainWindow
from kzcommission.ui.qt_language import use_qt_language
from tests.ui.driver import Keys, activate

K = Qt.Key


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("kk_KZ", "kk"),
        ("ru_RU", "ru"),
        ("ru-KZ", "ru"),
        ("en_US", "en"),
        ("de_DE", "en"),
        ("C", "en"),
    ],
)
def test_the_first_language_follows_the_system(ui_settings, system: str, expected: str):
    assert language_for_locale(system) == expected
    assert settings.interface_language(system) == expected
    settings.LANGUAGE.set("kk")  # once chosen, the choice wins over the system
    assert settings.interface_language(system) == "kk"


def test_the_first_screen_offers_the_language_at_once(qtbot, database, ui_settings):
    window = MainWindow(str(database), "en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    assert isinstance(window.page, FirstRunPage)
    buttons = {code: window.page.findChild(QPushButton, f"language_{code}") for code in LANGUAGES}
    assert [b.text() for b in buttons.values()] == ["Қазақша", "Русский", "English"]
    assert buttons["en"].isChecked()
    buttons["ru"].setFocus()
    Keys(qtbot).press(K.Key_Space, widget=buttons["ru"])  # chosen with the keyboard
    assert window.lang == "ru" and settings.LANGUAGE.get() == "ru"
    assert isinstance(window.page, FirstRunPage)  # still the first screen, now in Russian
    assert window.page.findChild(QPushButton, "language_ru").isChecked()
    assert window.menuBar().actions()[0].text() == tr("menu.file", "ru")


def test_without_a_keyring_the_secrets_dialog_says_what_skipping_means(qtbot, tmp_path: Path):
    for lang in LANGUAGES:
        dialog = SecretsDialog(lang, tmp_path / "secrets.kzsec")
        qtbot.addWidget(dialog)
        text = dialog.findChild(QLabel, "secretsSkipMeans").text()
        assert text == tr("trust.secrets.skip_means", lang)
        assert text.count(". ") + 1 == 2 and text.endswith(".")  # two sentences


def test_without_a_file_manager_the_printed_folder_is_named(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setattr(desktop.QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    window.open_sitting(create_demo())
    actions = window.page.paperwork
    actions.open_folder = desktop.open_folder  # the real one; the desktop says no
    actions._printed(tmp_path, [tmp_path / "minutes.pdf"], False)
    box = window.page.dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "folderMessage"
    assert str(tmp_path) in box.text()
    assert box.text() == tr("folder.no_file_manager", "en", path=str(tmp_path))


@pytest.mark.parametrize(
    ("lang", "cancel", "yes"),
    [("ru", "Отмена", "&Да"), ("kk", "Бас тарту", "&Иә"), ("en", "Cancel", "&Yes")],
)
def test_qt_s_own_buttons_speak_the_interface_language(qapp, lang: str, cancel: str, yes: str):
    try:
        assert use_qt_language(lang)
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
        assert box.button(QMessageBox.StandardButton.Cancel).text() == cancel
        assert box.button(QMessageBox.StandardButton.Yes).text() == yes
    finally:
        use_qt_language("en")


def test_a_language_switch_changes_qt_s_words_too(qtbot, window):
    try:
        window.set_language("ru")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
        window.set_language("en")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        use_qt_language("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_rule_set_code_on_screen(qtbot, database, ui_settings, lang: str):
    """The case header names the rule set by its title, never ORDER_880 or DECREE_490."""
    sitting_id = create_demo()
    window = MainWindow(str(database), lang)
    qtbot.addWidget(window)
    window.show()
    window.open_sitting(sitting_id)
    console = window.page
    seen = set()
    for row in range(console.form.caseList.count()):
        console.form.caseList.setCurrentRow(row)
        texts = [label.text() for label in console.findChildren(QLabel)]
        assert not [t for t in texts if "ORDER_880" in t or "DECREE_490" in t]
        details = console.case_panel.form.detailsLabel.text()
        ruleset = cases.list_cases(sitting_id)[row].ruleset
        assert tr(f"ruleset.{ruleset}", lang) in details
        seen.add(ruleset)
    assert seen == {"ORDER_880", "DECREE_490"}
    assert tr("ruleset.ORDER_880", "en") == "Order No. 880 of 10.10.2019"
    assert QApplication.instance() is not None
