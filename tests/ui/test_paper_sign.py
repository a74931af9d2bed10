"""Issue 19 item 1 on screen: the print dialog of a finalized sitting saves the ticked papers
and signs each through NCALayer (a fake one here, speaking its protocol), off the UI thread;
where NCALayer is absent or the user cancels, it says so in his language, and nothing is
signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kzcommission.i18n import tr
from kzcommission.services.sitting import finalize
from kzcommission.store import models
from tests.trust.fake_ncalayer import IIN, FakeNcaLayer
from tests.ui.driver import Keys
from tests.ui.test_integration import open_console, played_sitting
from tests.ui.test_paper_dialog import open_paper

K = Qt.Key
M = Qt.KeyboardModifier


def finalized_console(qtbot, window):  # noqa: ANN001, ANN201
    sitting_id = played_sitting()
    finalize.finalize_sitting(sitting_id, backup=False)
    return open_console(qtbot, window, sitting_id)


def sign_by_keys(qtbot, console, folder: Path) -> None:  # noqa: ANN001
    keys = Keys(qtbot)
    dialog = open_paper(qtbot, console, keys)
    assert dialog.sign_button.isVisible() and dialog.sign_button.isEnabled()
    dialog.folder.setText(str(folder))
    keys.press(K.Key_S, M.ControlModifier | M.ShiftModifier, widget=dialog)
    qtbot.waitUntil(lambda: console.paperwork.task is None, timeout=60_000)


def test_ctrl_shift_s_saves_and_signs_every_ticked_paper(qtbot, window, tmp_path, artifacts):
    console = finalized_console(qtbot, window)
    out = tmp_path / "pack"
    with FakeNcaLayer(tmp_path) as fake:
        sign_by_keys(qtbot, console, out)
    pdfs = sorted(out.glob("*.pdf"))
    said = console.form.messageLabel.text()
    assert pdfs and all(pdf.with_name(pdf.name + ".cms").exists() for pdf in pdfs), said
    assert len(fake.requests) == len(pdfs)
    signed = models.HistoryEntry.select().where(models.HistoryEntry.action == "document.sign_cms")
    assert signed.count() == len(pdfs) and all(IIN in e.after for e in signed)
    assert "signed with the NCA key" in console.form.messageLabel.text()
    window.grab().save(str(artifacts / "paper-signed.png"))


@pytest.mark.parametrize(("mode", "key"), [("absent", "paper.ncalayer_absent"),
                                           ("cancel", "paper.ncalayer_cancelled")])  # fmt: skip
def test_no_ncalayer_or_a_cancel_signs_nothing_and_says_why(
    qtbot, window, tmp_path, monkeypatch, mode: str, key: str
) -> None:
    console = finalized_console(qtbot, window)
    out = tmp_path / "pack"
    if mode == "absent":
        monkeypatch.setenv("KZCOMMISSION_NCALAYER_URL", "wss://127.0.0.1:9")
        sign_by_keys(qtbot, console, out)
    else:
        with FakeNcaLayer(tmp_path, "cancel"):
            sign_by_keys(qtbot, console, out)
    assert list(out.glob("*.pdf")) and not list(out.glob("*.cms"))
    box = console.dialog
    assert box.text().startswith(tr(key, "en", url="", detail="")[:30])


def test_an_open_sitting_offers_no_signing(qtbot, window) -> None:
    console = open_console(qtbot, window, played_sitting())
    dialog = open_paper(qtbot, console, Keys(qtbot))
    assert not dialog.sign_button.isVisible()
    Keys(qtbot).press(K.Key_S, M.ControlModifier | M.ShiftModifier, widget=dialog)
    assert dialog.status.text() == tr("paper.sign_not_finalized", "en")
