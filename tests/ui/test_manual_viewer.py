"""Help → User's manual: Shift+F1 in the real window, driven with keys.

The viewer opens on the index of the window's language, pictures load, a link is
followed with Tab and Enter, the search finds words on this page and on others,
Alt+Left goes back, Esc closes; a missing language falls back to English.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from kzcommission.i18n import LANGUAGES, tr
from kzcommission.ui import manual_viewer
from kzcommission.ui.manual_viewer import ManualViewer, manual_pages, manual_root
from tests.ui.driver import Keys, activate

K = Qt.Key
M = Qt.KeyboardModifier
ROOT = Path(__file__).resolve().parents[2]


def open_manual(qtbot, window) -> ManualViewer:  # noqa: ANN001
    activate(qtbot, window)
    Keys(qtbot).press(K.Key_F1, M.ShiftModifier, widget=window)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ManualViewer) and window.dialog.isVisible())
    viewer = window.dialog
    activate(qtbot, viewer)
    return viewer


def shown_page(viewer: ManualViewer) -> Path:
    return Path(viewer.current_page().toLocalFile())


def images_of(viewer: ManualViewer) -> list[str]:
    """The picture names of the page shown, as the document holds them."""
    names = []
    block = viewer.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def test_shift_f1_opens_the_manual_and_it_is_usable_with_keys(qtbot, window, artifacts):
    keys = Keys(qtbot)
    viewer = open_manual(qtbot, window)
    assert viewer.windowTitle() == tr("manual.title", "en")
    assert shown_page(viewer) == manual_root() / "en" / "index.md"
    assert not viewer.note.isVisible()
    titles = [viewer.contents.item(i).text() for i in range(viewer.contents.count())]
    assert titles[0] == "kzcommission: user's manual" and "For administrators" in titles
    assert viewer.contents.currentRow() == 0

    # A link followed at the keyboard: Tab to the first link, Enter.
    browser = viewer.browser
    browser.setFocus()
    keys.press(K.Key_Tab, widget=browser)
    assert browser.textCursor().charFormat().anchorHref() == "start.md"
    keys.press(K.Key_Return, widget=browser)
    qtbot.waitUntil(lambda: shown_page(viewer).name == "start.md")
    assert viewer.contents.currentItem().text() == "Installing, starting, the first run"
    assert viewer.back.isEnabled()

    # Its pictures load from ../images/en/, fitted to the width the browser has.
    names = images_of(viewer)
    assert "../images/en/first_run.png" in names
    for name in names:
        image = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name
        assert image.width() <= browser.viewport().width()
    assert browser.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways

    # The search: a word on this page, then one found only on another page.
    keys.press(K.Key_F, M.ControlModifier, widget=browser)
    assert viewer.search.hasFocus()
    keys.type("portable")
    keys.press(K.Key_Return)
    assert browser.textCursor().selectedText().casefold() == "portable"
    assert shown_page(viewer).name == "start.md"
    first = browser.textCursor().position()
    keys.press(K.Key_Return)  # the next place on the same page
    assert browser.textCursor().position() > first
    keys.press(K.Key_Return, M.ShiftModifier)  # and back
    assert browser.textCursor().position() == first
    viewer.search.clear()
    keys.type("casting vote")
    keys.press(K.Key_Return)
    assert shown_page(viewer).name == "sitting.md"
    assert browser.textCursor().selectedText() == "casting vote"
    assert viewer.status.text() == tr("manual.found_on", "en", page="The sitting, step by step")
    viewer.grab().save(str(artifacts / "manual_viewer.png"))
    viewer.search.clear()
    keys.type("no such words anywhere")
    keys.press(K.Key_Return)
    assert viewer.status.text() == tr("manual.not_found", "en", text="no such words anywhere")

    # Back goes to the page before (Alt+Left), the contents follow; Esc closes.
    keys.press(K.Key_Left, M.AltModifier, widget=browser)
    assert shown_page(viewer).name == "start.md"
    assert viewer.contents.currentItem().text() == "Installing, starting, the first run"
    keys.press(K.Key_Escape, widget=browser)
    qtbot.waitUntil(lambda: not viewer.isVisible())


def test_the_manual_follows_the_interface_language(qtbot, window):
    window.set_language("kk")
    viewer = open_manual(qtbot, window)
    assert shown_page(viewer) == manual_root() / "kk" / "index.md"
    assert viewer.windowTitle() == tr("manual.title", "kk")
    viewer.contents.setCurrentRow(1)  # a page with pictures: the Kazakh ones
    assert "../images/kk/first_run.png" in images_of(viewer)


def test_a_missing_language_falls_back_to_english(qtbot, window, tmp_path, monkeypatch):
    english = tmp_path / "manual" / "en"
    english.mkdir(parents=True)
    (english / "index.md").write_text("# Manual\n\n[Next](next.md)\n", encoding="utf-8")
    (english / "next.md").write_text("# Next page\n\nText.\n", encoding="utf-8")
    monkeypatch.setattr(manual_viewer, "manual_root", lambda: tmp_path / "manual")
    window.set_language("ru")
    viewer = open_manual(qtbot, window)
    assert viewer.note.isVisible() and viewer.note.text() == tr("manual.fallback", "ru")
    assert shown_page(viewer) == english / "index.md"
    assert viewer.contents.count() == 2


def test_no_manual_at_all_says_where_it_was_looked_for(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(manual_viewer, "manual_root", lambda: tmp_path / "nowhere")
    viewer = open_manual(qtbot, window)
    assert str(tmp_path / "nowhere") in viewer.browser.toPlainText()
    assert not viewer.note.isVisible() and viewer.contents.count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_viewer_speaks_every_language(lang: str):
    tree = ast.parse((ROOT / "kzcommission/ui/manual_viewer.py").read_text("utf-8"))
    used = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "tr"
        and isinstance(node.args[0], ast.Constant)
    }
    catalogue = json.loads((ROOT / "resources/i18n" / lang / "manual.json").read_text("utf-8"))
    assert len(used) >= 9
    assert not sorted(used - set(catalogue))
    assert manual_pages(manual_root() / lang)[0].name == "index.md"
