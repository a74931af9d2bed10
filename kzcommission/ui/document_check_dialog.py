"""Help → Check a signed document: the PDF's own checks and its detached NCA signature
(FILE.pdf.cms), with verify's three outcomes, in the interface language.

The file is chosen first; the check (pyHanko, the register, pdftotext) runs off the UI
thread. The headline is never "intact" unless the file is vouched for: by its exact
bytes in this desk's register, or by a signature that holds and chains to a trusted root.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from kzcommission.i18n import say_line, tr
from kzcommission.services.trust import cms_signature, signing
from kzcommission.ui.tasks import run_task
from kzcommission.ui.window_fit import fit_window

_COLOURS = {signing.INTACT: "#1b5e20", signing.ALTERED: "#b71c1c", signing.UNVERIFIED: "#8a5300"}


def detail_lines(checked: cms_signature.DocumentCheck, lang: str) -> list[str]:
    """What was found, one line each: signatures, the detached signer, then the reasons."""
    lines = []
    report, detached = checked.report, checked.detached
    if detached is not None:
        state = tr(f"doccheck.state.{detached.outcome}", lang)
        when = f"{detached.signed_at:%d.%m.%Y %H:%M}" if detached.signed_at else "—"
        lines.append(
            tr("doccheck.cms", lang, state=state, signer=detached.signer or "—",
               iin=detached.iin or "—", when=when)
        )  # fmt: skip
        lines += _reasons(detached.problems, detached.unverified, lang)
    for sig in report.signatures:
        state = tr(f"doccheck.state.{'intact' if sig.intact and sig.valid else 'altered'}", lang)
        lines.append(tr("doccheck.embedded", lang, state=state, signer=sig.name or sig.signer))
    for issued in report.issued_file:
        lines.append(tr("doccheck.issued", lang, name=issued.file_name))
    lines += _reasons(report.problems, report.unverified, lang)
    return lines


def _reasons(problems: list[str], unverified: list[str], lang: str) -> list[str]:
    """Each reason in the interface language (verify prints the same in English)."""
    return [f"{tr('doccheck.problem', lang)}: {say_line(p, lang)}" for p in problems] + [
        f"{tr('doccheck.why_unverified', lang)}: {say_line(u, lang)}" for u in unverified
    ]


class DocumentCheckDialog(QDialog):
    def __init__(self, lang: str, pdf: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.checked: cms_signature.DocumentCheck | None = None
        self.setWindowTitle(tr("doccheck.title", lang))
        layout = QVBoxLayout(self)
        self.file = QLabel(str(pdf))
        self.file.setTextFormat(Qt.TextFormat.PlainText)
        self.headline = QLabel(tr("doccheck.running", lang))
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        close = QPushButton(tr("integrity.close", lang))
        close.clicked.connect(self.reject)
        for widget in (self.file, self.headline, self.details, close):
            layout.addWidget(widget)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reject)
        fit_window(self, "document_check", 760, 420)
        self.task = run_task(
            lambda _context: cms_signature.verify_document(pdf),
            self.show_result,
            on_error=self.show_failure,
            lang=lang,
        )

    def show_result(self, checked: cms_signature.DocumentCheck) -> None:
        self.checked = checked
        outcome = checked.outcome
        self.headline.setText(tr(f"doccheck.{outcome}", self.lang))
        self.headline.setStyleSheet(f"font-weight: bold; color: {_COLOURS[outcome]};")
        self.details.setPlainText("\n".join(detail_lines(checked, self.lang)))

    def show_failure(self, error: BaseException) -> None:
        self.headline.setText(tr("integrity.failed", self.lang, error=str(error)))
