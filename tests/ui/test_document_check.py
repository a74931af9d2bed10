"""Issue 19 item 2 on screen: Help → Check a signed document (Ctrl+Shift+V) shows verify's
three outcomes for a PDF and its detached NCA signature, in the interface language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kzcommission.services.trust import cms_signature
from kzcommission.ui.document_check_dialog import DocumentCheckDialog
from tests.trust.fake_ncalayer import IIN, SIGNER, FakeNcaLayer
from tests.trust.test_ncalayer import _pdfs


def _check(qtbot, window, pdf: Path, monkeypatch) -> DocumentCheckDialog:  # noqa: ANN001
    monkeypatch.setattr(window, "_choose_document", lambda _title: str(pdf))
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    dialog = window.dialog
    assert isinstance(dialog, DocumentCheckDialog)
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=20_000)
    return dialog


def test_a_signed_file_without_its_root_is_not_verified(
    qtbot, window, tmp_path, monkeypatch, artifacts
):
    (pdf,) = _pdfs(tmp_path, 1)
    with FakeNcaLayer(tmp_path):
        cms_signature.sign_files([pdf], "en")
    dialog = _check(qtbot, window, pdf, monkeypatch)
    assert dialog.headline.text().startswith("NOT VERIFIED")
    details = dialog.details.toPlainText()
    assert f"signed by {SIGNER}, IIN {IIN}" in details
    assert "Not verified: the certificate does not chain to a trusted root" in details
    dialog.grab().save(str(artifacts / "document-check.png"))


def test_a_pdf_changed_after_signing_is_altered_on_screen(qtbot, window, tmp_path, monkeypatch):
    (pdf,) = _pdfs(tmp_path, 1)
    with FakeNcaLayer(tmp_path):
        cms_signature.sign_files([pdf], "en")
    pdf.write_bytes(pdf.read_bytes() + b"\n% added\n")
    dialog = _check(qtbot, window, pdf, monkeypatch)
    assert dialog.headline.text().startswith("ALTERED")
    assert "does not cover the bytes" in dialog.details.toPlainText()
