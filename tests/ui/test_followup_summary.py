"""The personal-file extract (R-DOC-7) from the follow-up view, by keys: the head's decision
recorded by Ctrl+D, then Ctrl+P (also as Ctrl+З under the Kazakh layout) opens the print
dialog with only the chosen case's extract ticked; Ctrl+S saves it, and the saved file
says the decision with its order number and date (pdftotext). The console's pack dialog
of the finalized sitting offers the extracts without ticking them."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kzcommission.services.papers import case_documents
from kzcommission.store import models
from kzcommission.store.models import HeadDecision
from kzcommission.ui.paper_dialog import PaperDialog
from tests.conftest import ARTIFACTS
from tests.services.finished_sitting import finish_on_paper
from tests.ui.driver import Keys, activate
from tests.ui.test_followup_view import closed, record_head, shown
from tests.ui.test_layout_keys import layout_keys, press_kz  # noqa: F401 - a fixture

K = Qt.Key
M = Qt.KeyboardModifier
CHECKED = Qt.CheckState.Checked

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")


@pytest.fixture
def sitting_id(database):
    return finish_on_paper()


def flat_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").split())


def print_dialog(qtbot, view) -> PaperDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: isinstance(view.dialog, PaperDialog) and view.dialog.isVisible())
    dialog = view.dialog
    qtbot.waitUntil(lambda: dialog.shown_page() is not None, timeout=30_000)
    return dialog


@pytest.mark.parametrize(
    ("lang", "printed"), [("kk", "kk"), ("ru", "ru"), ("en", "en"), ("kk", "kk+ru")]
)
def test_head_decision_by_keys_then_the_extract_saved_by_keys(
    qtbot,
    sitting_id,
    tmp_path,
    lang,
    printed,
    layout_keys,  # noqa: F811
):
    """``lang`` the interface's, ``printed`` the language chosen in the print dialog."""
    view = shown(qtbot, sitting_id, date(2024, 11, 20), lang)
    # The extract's button is one more: the view still fits a 1366x768 screen.
    assert view.frameGeometry().width() <= 1366 and view.frameGeometry().height() <= 768
    assert view.findChild(QPushButton, "printButton").isVisibleTo(view)
    view.paperwork.open_folder = lambda _folder: True  # no file manager in the tests
    case_id = view.lines[0].case_id
    dialog, keys = record_head(qtbot, view, 0, "01.11.2024", "15-к", "Келісілді")
    keys.press(K.Key_Return, M.ControlModifier)
    closed(qtbot, view, dialog)
    assert HeadDecision.get(HeadDecision.case == case_id).order_number == "15-к"

    # Ctrl+З on the Kazakh layout is Ctrl+P (ui.layout_keys).
    press_kz(view.table, "P", M.ControlModifier)
    paper = print_dialog(qtbot, view)
    assert [d.document for d in paper.paper.documents] == ["sheet", "familiarisation", "summary"]
    (summary,) = [d.key for d in paper.paper.documents if d.document == "summary"]
    assert paper.chosen() == [summary] and paper.shown_page()[0] == summary
    assert paper.sign_button.isVisible()  # a finalized sitting's papers may be signed
    paper.language.setCurrentIndex(paper.language.findData(printed))
    qtbot.waitUntil(lambda: paper.shown_page() is not None, timeout=30_000)
    assert paper.frameGeometry().width() <= 1366 and paper.frameGeometry().height() <= 768
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert paper.grab().save(str(ARTIFACTS / f"followup_extract_{lang}_{printed}.png"))
    out = tmp_path / "out"
    paper.folder.setText(str(out))
    activate(qtbot, paper)
    Keys(qtbot).press(K.Key_S, M.ControlModifier, widget=paper.documents)
    qtbot.waitUntil(lambda: view.paperwork.task is None and out.is_dir(), timeout=60_000)
    (saved,) = out.iterdir()
    assert saved.name == f"{summary}_{printed.replace('+', '-')}.pdf"
    text = flat_text(saved)
    expected = {
        "kk": "2024 жылғы 1 қарашадағы № 15-к бұйрық",
        "ru": "приказ № 15-к от 1 ноября 2024 г.",
        "en": "order No. 15-к of 1 November 2024",
    }
    for part in printed.split("+"):
        assert expected[part] in text
    assert "Келісілді" in text
    (issued,) = models.IssuedDocument.select()
    assert (issued.kind, issued.case_id) == ("summary", case_id)
    assert str(out) in view.status.text()  # "N files saved in <folder>"
    view.close()


def test_ctrl_p_on_a_case_without_an_extract_says_why(qtbot, sitting_id, monkeypatch):
    """A refusal of the service is said on the status line; no dialog opens."""
    from kzcommission.services.errors import ServiceError

    view = shown(qtbot, sitting_id, date(2024, 11, 20))

    def refuse(_case_id: int):  # noqa: ANN202 - stands in for a case left undecided
        raise ServiceError("the case has no decision yet", rule_id="R-DOC-7")

    monkeypatch.setattr(case_documents, "summary_doc", refuse)
    Keys(qtbot).press(K.Key_P, M.ControlModifier, widget=view.table)
    assert "no decision yet" in view.status.text() and view.dialog is None
    view.close()


def test_the_console_pack_offers_the_extracts_unticked(qtbot, window, sitting_id):
    from tests.ui.test_integration import wait_dialog

    window.open_sitting(sitting_id)
    console = window.page
    activate(qtbot, window)
    Keys(qtbot).press(K.Key_P, M.ControlModifier, widget=console)
    dialog = wait_dialog(qtbot, console, PaperDialog)
    qtbot.waitUntil(lambda: dialog.paper is not None, timeout=30_000)
    extracts = [d.key for d in dialog.paper.documents if d.document == "summary"]
    assert len(extracts) == 10  # each decided case; the two postponed have none
    assert not set(extracts) & set(dialog.chosen())
    assert {d.document for d in dialog.paper.documents if d.key in dialog.chosen()} == {
        "minutes",
        "sheet",
        "xsheet",
        "scorecards",
    }
    dialog.close()


def test_a_case_file_opens_from_the_sessions_private_folder(
    qtbot, sitting_id, tmp_path, monkeypatch
):
    """Enter on an attached paper: written into this session's folder (user-only) under the
    data folder's temp/, handed to the viewer, and gone when the session ends."""
    import stat

    from kzcommission import session_files
    from kzcommission.services.preparation import campaign
    from kzcommission.ui.case_files_dialog import CaseFilesDialog

    session = session_files.TempSession(tmp_path / "temp")
    monkeypatch.setattr(session_files, "_session", session)
    case_id = case_documents.case_by_number(sitting_id, 1)
    campaign.attach_file(case_id, campaign.APPEAL, "appeal.pdf", b"%PDF appeal scan")
    files = CaseFilesDialog("en", case_id, "Әлиев", None)
    qtbot.addWidget(files)
    opened: list[Path] = []
    files.open_file = opened.append
    files.show()
    activate(qtbot, files)
    Keys(qtbot).press(K.Key_Return, widget=files.table)
    (path,) = opened
    assert path.name == "appeal.pdf" and path.read_bytes() == b"%PDF appeal scan"
    assert path.is_relative_to(session.own()) and session.own().parent == tmp_path / "temp"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(session.own().stat().st_mode) == 0o700
    files.close()
    session.end()
    assert not path.exists() and list((tmp_path / "temp").iterdir()) == []
