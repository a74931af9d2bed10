"""GUI tests: a fresh database, settings in a temporary file, the real main window."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def ui_settings(tmp_path: Path):
    from kzcommission.ui import settings

    settings.use_file(str(tmp_path / "settings.ini"))
    yield settings
    settings.use_file(None)


@pytest.fixture
def window(qtbot, database, ui_settings):
    from kzcommission.ui.main_window import MainWindow

    win = MainWindow(str(database), "en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


@pytest.fixture
def lang_window(qtbot, database, ui_settings):
    """The real main window in a given language, at the manual's picture size."""

    from kzcommission.ui.main_window import MainWindow
    from tests.ui.driver import activate

    def make(lang: str) -> MainWindow:
        win = MainWindow(str(database), lang)
        qtbot.addWidget(win)
        win.resize(1440, 900)  # the window's own default size
        win.show()
        qtbot.waitExposed(win)
        activate(qtbot, win)
        return win

    return make
