"""Ctrl+P: the pack's documents with a page preview, printed through QPrinter or saved.

The system print dialog is replaced by a function that points the QPrinter at a PDF
file, so the pages that would reach a printer are counted with pdfinfo. The language
chosen in the dialog is for that print only: Settings keep their default.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from kzcommission.i18n import LANGUAGES, tr
from kzcommission.services.papers import paper as paper_service
from kzcommission.store import models
from kzcommission.ui import paper_dialog, paper_print
from kzcommission.ui.paper_dialog import PaperDialog
from kzcommission.ui.paper_print import PrintJob, read_for_printing
from kzcommission.ui.pdf_pages import page_count
from tests.ui.driver import Keys
from tests.ui.test_integration import open_console, played_sitting, wait_dialog
from tests.ui.test_layout_keys import layout_keys, press_kz  # noqa: F401 - a fixture
from tests.ui.test_screen_fit import assert_inside, cut_texts, open_window

K = Qt.Key
M = Qt.KeyboardModifier
CHECKED = Qt.CheckState.Checked

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler missing")


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


def to_file(target: Path, asked: list[QPrinter]):  # noqa: ANN201
    """Stands in for the system print dialog: the printer writes ``target``."""

    def ask(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        asked.append(printer)
        return True

    return ask


def open_paper(qtbot, console, keys: Keys, modifiers=M.ControlModifier, key=K.Key_P):  # noqa: ANN001, ANN201
    keys.press(key, modifiers, widget=console)
    dialog = wait_dialog(qtbot, console, PaperDialog)
    qtbot.waitUntil(lambda: dialog.shown_page() is not None, timeout=30_000)
    return dialog


def off_the_ui_thread(monkeypatch, module) -> list[bool]:  # noqa: ANN001
    """Records, for each page rendered through ``module``, whether it ran off the UI thread."""
    threads: list[bool] = []
    real = module.render_page

    def render_page(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread() is not threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "render_page", render_page)
    return threads


def test_ctrl_p_previews_pages_by_keys_and_prints_the_ticked_documents(
    qtbot,
    window,
    ui_settings,
    tmp_path: Path,
    layout_keys,  # noqa: F811
    monkeypatch,
):
    previews = off_the_ui_thread(monkeypatch, paper_dialog)
    printed = off_the_ui_thread(monkeypatch, paper_print)
    console = open_console(qtbot, window, played_sitting())
    keys = Keys(qtbot)
    dialog = open_paper(qtbot, console, keys)
    documents = dialog.documents
    kinds = [d.document for d in dialog.paper.documents]
    assert kinds[:2] == ["minutes", "sheet"] and set(kinds[2:]) == {"scorecards"}
    assert dialog.chosen() == [d.key for d in dialog.paper.documents]  # all ticked to begin
    assert documents.item(0).text() == "Minutes of the sitting"
    assert documents.item(1).text().startswith("No. 1 Жұмабаев")
    minutes = dialog.paper.documents[0].key
    key, page, count = dialog.shown_page()
    assert (key, page) == (minutes, 1) and count >= 2
    assert dialog.page_label.text() == f"Page 1 of {count}"
    assert not dialog.preview.pixmap().isNull()

    # PgDn turns the page of the highlighted document; past the last it stays there.
    for _ in range(count + 1):
        keys.press(K.Key_PageDown, widget=documents)
        qtbot.waitUntil(lambda: dialog.shown_page() is not None)
    qtbot.waitUntil(lambda: dialog.shown_page() == (minutes, count, count))
    keys.press(K.Key_PageUp, widget=documents)
    qtbot.waitUntil(lambda: dialog.shown_page() == (minutes, count - 1, count))
    assert documents.currentRow() == 0  # the list did not move

    # Arrows move, the preview follows; Space unticks and ticks again.
    keys.press(K.Key_Down, widget=documents)
    sheet = dialog.paper.documents[1].key
    qtbot.waitUntil(lambda: (dialog.shown_page() or ("",))[0] == sheet)
    assert dialog.shown_page()[1] == 1
    keys.press(K.Key_Space, widget=documents)
    assert documents.item(1).checkState() != CHECKED
    keys.press(K.Key_Space, widget=documents)
    assert documents.item(1).checkState() == CHECKED
    # Ctrl+A: none, then only the minutes and the sheet ticked again by Space.
    keys.press(K.Key_A, M.ControlModifier, widget=documents)
    assert dialog.chosen() == [] and not dialog.print_button.isEnabled()
    keys.press(K.Key_Space, widget=documents)
    keys.press(K.Key_Up, widget=documents)
    keys.press(K.Key_Space, widget=documents)
    assert dialog.chosen() == [minutes, sheet]

    # The language for this print only: Russian, while Settings say the interface's.
    assert ui_settings.PRINT_LANGUAGE.get() == "" and dialog.print_language() == "en"
    dialog.language.setFocus()
    keys.press(K.Key_Up, widget=dialog.language)  # en -> ru
    assert dialog.print_language() == "ru"
    qtbot.waitUntil(lambda: dialog.shown_page() is not None and not dialog.busy())

    shot = tmp_path / "paper_dialog.png"
    assert dialog.grab().save(str(shot))
    size = dialog.size()
    assert size.width() <= 1366 and size.height() <= 768

    # Ctrl+З (Ctrl+P on a Kazakh layout): the system print dialog, then the pages.
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []
    console.paperwork.ask_printer = to_file(out, asked)
    press_kz(dialog, "P", M.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked))
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: console.paperwork.task is None, timeout=60_000)
    expected = sum(page_count(dialog.paper.render(k, "ru")) for k in (minutes, sheet))
    assert pdf_pages(out) == expected
    assert f"{expected} pages sent to {out}" in console.form.messageLabel.text()
    issued = [(d.kind, d.lang) for d in models.IssuedDocument.select()]
    assert issued == [("minutes", "ru"), ("sheet", "ru")]  # a printed paper verifies too
    assert ui_settings.PRINT_LANGUAGE.get() == ""  # Settings untouched by the choice
    assert len(printed) == expected and len(previews) > count  # every page rendered...
    assert all(previews) and all(printed)  # ...on the thread pool, never on the UI thread


def test_save_writes_only_the_ticked_files_in_the_chosen_language(
    qtbot, window, ui_settings, tmp_path: Path
):
    ui_settings.PRINT_LANGUAGE.set("kk")
    console = open_console(qtbot, window, played_sitting())
    opened: list[Path] = []
    console.paperwork.open_folder = opened.append
    keys = Keys(qtbot)
    dialog = open_paper(qtbot, console, keys)
    assert dialog.print_language() == "kk"  # the default from Settings
    dialog.language.setCurrentIndex(dialog.language.findData("kk+ru"))
    documents = dialog.documents
    keys.press(K.Key_A, M.ControlModifier, widget=documents)  # all ticked: none
    keys.press(K.Key_Down, widget=documents)
    keys.press(K.Key_Space, widget=documents)  # the sheet only
    out = tmp_path / "pack"
    dialog.folder.setText(str(out))
    keys.press(K.Key_S, M.ControlModifier, widget=documents)
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    (sheet,) = out.glob("*.pdf")
    assert sheet.name.endswith("_sheet_kk-ru.pdf")
    assert "1" in console.form.messageLabel.text()
    assert ui_settings.PRINT_LANGUAGE.get() == "kk"


def test_the_current_cases_sheet_from_the_console(qtbot, window, ui_settings, tmp_path: Path):
    console = open_console(qtbot, window, played_sitting())
    keys = Keys(qtbot)
    dialog = open_paper(qtbot, console, keys, M.ControlModifier | M.AltModifier)
    assert [d.document for d in dialog.paper.documents] == ["sheet", "familiarisation"]
    assert "No. 1" in dialog.windowTitle() and "Жұмабаев" in dialog.windowTitle()
    out = tmp_path / "case.pdf"
    console.paperwork.ask_printer = to_file(out, [])
    keys.press(K.Key_Down, widget=dialog.documents)
    keys.press(K.Key_Space, widget=dialog.documents)  # the slip unticked: the sheet only
    keys.press(K.Key_P, M.ControlModifier, widget=dialog.documents)
    qtbot.waitUntil(lambda: out.exists() and console.paperwork.task is None, timeout=60_000)
    assert pdf_pages(out) == page_count(dialog.paper.render(dialog.chosen()[0], "en"))
    assert [d.kind for d in models.IssuedDocument.select()] == ["sheet"]


def test_cancel_stops_printing_between_pages(qtbot, window, tmp_path: Path):
    sitting_id = played_sitting()
    paper = paper_service.sitting_paper(sitting_id)
    files = paper.issue([paper.documents[0].key], "en", tmp_path / "spool")
    documents = read_for_printing(files)
    assert documents[0][1] >= 2
    printer = QPrinter()
    out = tmp_path / "cancelled.pdf"
    to_file(out, [])(printer)
    result: list[tuple[int, bool]] = []
    job = PrintJob(printer, documents, window, "en", lambda *r: result.append(r), pytest.fail)
    first = job._paint

    def paint_then_cancel(page):  # noqa: ANN001 - the user presses Cancel after page 1
        first(page)
        job.cancel()

    job._paint = paint_then_cancel
    job.start()
    qtbot.waitUntil(lambda: bool(result), timeout=30_000)
    assert result == [(1, True)]
    assert pdf_pages(out) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dialog_fits_the_laptop_screen_and_speaks_the_language(
    qtbot, database, ui_settings, lang: str, tmp_path: Path
):
    window = open_window(qtbot, database, lang)
    console = open_console(qtbot, window, played_sitting())
    dialog = open_paper(qtbot, console, Keys(qtbot))
    assert_inside(dialog)
    assert cut_texts(dialog) == []
    assert dialog.page_label.text() == tr("paper.page", lang, page=1, count=dialog.shown_page()[2])
    assert dialog.documents.item(0).text() == tr("paper.doc.minutes", lang)
    assert dialog.grab().save(str(tmp_path / f"paper_dialog_{lang}.png"))
    dialog.resize(900, 560)  # smaller: the page drawn is scaled into the smaller pane
    qtbot.waitUntil(lambda: dialog.preview.height() < 560)
    page = dialog.preview.pixmap().size()
    assert page.height() == dialog.preview.height() or page.width() == dialog.preview.width()
    assert cut_texts(dialog) == []
