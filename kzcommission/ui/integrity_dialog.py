"""Help → Check the database: the three outcomes of verify-db, in the interface language.

The check runs off the UI thread (it replays the whole history); the dialog
shows INTACT, ALTERED or NOT VERIFIED as a headline, never "OK" for the last,
then each problem found with its kind, in the interface language too (its catalogue
text ``integrity.problem.<key>``; verify-db prints the English ``message``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from kzcommission.i18n import tr
from kzcommission.services.trust import integrity
from kzcommission.ui.tasks import run_task

_COLOURS = {
    integrity.INTACT: "#1b5e20",
    integrity.ALTERED: "#b71c1c",
    integrity.UNVERIFIED: "#8a5300",
}


class IntegrityDialog(QDialog):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.report: integrity.IntegrityReport | None = None
        self.setWindowTitle(tr("integrity.title", lang))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.headline = QLabel(tr("integrity.running", lang))
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.counts = QLabel("")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        close = QPushButton(tr("integrity.close", lang))
        close.clicked.connect(self.reject)
        for widget in (self.headline, self.counts, self.details, close):
            layout.addWidget(widget)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reject)
        self.task = run_task(
            lambda _context: integrity.verify_database(),
            self.show_report,
            on_error=self.show_failure,
            lang=lang,
        )

    def show_report(self, report: integrity.IntegrityReport) -> None:
        self.report = report
        outcome = report.outcome
        self.headline.setText(tr(f"integrity.{outcome}", self.lang))
        self.headline.setStyleSheet(f"font-weight: bold; color: {_COLOURS[outcome]};")
        self.counts.setText(
            tr("integrity.counts", self.lang, entries=report.entries, verified=report.sealed)
        )
        ordered = report.tampered + [p for p in report.problems if p not in report.tampered]
        lines = []
        for problem in ordered:
            kind = "integrity.tampered" if problem in report.tampered else "integrity.not_verified"
            lines.append(f"{tr(kind, self.lang)}: {problem.phrase.say(self.lang)}")
        self.details.setPlainText("\n".join(lines))
        self.details.setFocus()

    def show_failure(self, error: BaseException) -> None:
        self.headline.setText(tr("integrity.failed", self.lang, error=str(error)))
        self.headline.setStyleSheet(f"font-weight: bold; color: {_COLOURS[integrity.ALTERED]};")
