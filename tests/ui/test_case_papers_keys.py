"""The sitting console prints the current case's papers by key (R-DOC-5, R-DL-7):
Ctrl+Shift+C the characteristic of Decree 490 Appendix 2, Ctrl+Shift+T the
familiarisation slip; the case's papers open in the pack's dialog with only that one
ticked, language and folder asked as for the pack; each file is registered as issued."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from PySide6.QtCore import Qt

from kzcommission.i18n import tr
from kzcommission.services.sitting import cases
from kzcommission.store import models
from kzcommission.ui.paper_dialog import PaperDialog
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys, activate
from tests.ui.test_console_keys import vote_all
from tests.ui.test_integration import open_console, wait_dialog

K = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")


def print_by_key(qtbot, console, key, lang: str, folder):  # noqa: ANN001
    keys = Keys(qtbot)
    console.paperwork.open_folder = lambda _folder: True
    keys.press(key, CTRL_SHIFT)
    dialog = wait_dialog(qtbot, console, PaperDialog)
    qtbot.waitUntil(lambda: dialog.paper is not None, timeout=30_000)
    assert len(dialog.chosen()) == 1  # only the paper asked for
    dialog.folder.setText(str(folder))
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    keys.press(K.Key_Return, widget=dialog.language)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: console.paperwork.task is None, timeout=30_000)
    activate(qtbot, console.window())  # offscreen, no window manager hands the focus back
    console.form.caseList.setFocus()
    return dialog


def test_console_keys_print_the_current_cases_papers(qtbot, window, tmp_path):
    desk = make_desk(held_on=date(2024, 9, 17))
    head = add_employee("Head", position="Head of District Police")
    other = add_employee("Officer", position="Operational Officer")
    first = cases.add_case(desk.sitting_id, head.id, "extraordinary")
    cases.add_case(desk.sitting_id, other.id, "extraordinary")
    console = open_console(qtbot, window, desk.sitting_id)
    assert console.case.id == first.id
    out = tmp_path / "papers"

    dialog = print_by_key(qtbot, console, K.Key_C, "kk+ru", out)
    assert dialog.windowTitle() == tr("shortcut.print_characteristic", "en")
    (sheet,) = out.glob("*characteristic_kk-ru.pdf")
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, check=True)
    flat = "".join(text.stdout.decode("utf-8").split())
    assert "".join(tr("doc.characteristic.section5", "kk").split()) in flat  # a leader
    assert "Head Case" in text.stdout.decode("utf-8")
    assert str(out) in console.form.messageLabel.text()

    # Undecided: the slip is refused, with the reason on the console, no dialog, no file.
    Keys(qtbot).press(K.Key_T, CTRL_SHIFT)
    assert "no decision" in console.form.messageLabel.text()
    assert not dialog.isVisible() and console.dialog is dialog
    assert not list(out.glob("*familiarisation*"))

    vote_all(Keys(qtbot), console, 2)  # fits (Decree 490 §15, decision 2)
    assert cases.get_case(first.id).decision == "fits"
    print_by_key(qtbot, console, K.Key_T, "ru", out)
    (slip,) = out.glob("*familiarisation_ru.pdf")
    text = subprocess.run(["pdftotext", str(slip), "-"], capture_output=True, check=True)
    assert tr("doc.familiarisation.copy", "ru") in text.stdout.decode("utf-8")
    issued = [
        (d.kind, d.lang, d.case_id, d.file_name)
        for d in models.IssuedDocument.select().order_by(models.IssuedDocument.id)
    ]
    assert issued == [
        ("characteristic", "kk+ru", first.id, sheet.name),
        ("familiarisation", "ru", first.id, slip.name),
    ]
