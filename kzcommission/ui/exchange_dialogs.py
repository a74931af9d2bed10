"""Receiving an exchange package: import it in the background, then show what came in,
or every reason it was refused, each on its own line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.ui.dialogs import show_error
from kzcommission.ui.tasks import run_task


class PackageReportDialog(QDialog):
    """A summary line over a read-only list, one item a line (copyable for a letter)."""

    def __init__(
        self, lang: str, title: str, summary: str, lines: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary, objectName="packageSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.lines = QPlainTextEdit("\n".join(lines), objectName="packageLines")
        self.lines.setReadOnly(True)
        self.lines.setVisible(bool(lines))
        layout.addWidget(self.lines)
        buttons = QDialogButtonBox()
        close = buttons.addButton(tr("common.close", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 420 if lines else 0)


def report_lines(report: Any, lang: str) -> tuple[str, list[str]]:
    """(summary, lines) of an ``ImportReport``."""
    key = "package.already" if report.already_present else "package.imported"
    if report.already_present and report.steps:
        key = "package.already_steps"
    # In words (issue 22): the sending commission and the sitting's number and date.
    summary = tr(key, lang, office=report.sender(), cases=report.cases)
    lines = [tr("package.sitting", lang, sitting=report.sitting_words())]
    if report.steps:  # a later package of a sitting already here: its deadline steps
        lines.append(tr("package.steps", lang, count=report.steps))
    lines += [tr("package.warning", lang, text=w) for w in report.warnings]
    return summary, lines


def import_package(window: Any, path: Path) -> None:
    """Run ``exchange.import_package`` off the UI thread; the outcome in a dialog."""
    from kzcommission.services.exchange import import_package as service_import

    lang = window.lang

    def done(report: Any) -> None:
        window.task = None
        summary, lines = report_lines(report, lang)
        _show(window, tr("package.import_title", lang), summary, lines)
        # The page under the dialog shows what came in: an empty database's first-run
        # page ("the database is empty") gives way to the home page (issue 22).
        if window.page_kind == "first_run":
            window.go_home()
        elif window.page_kind == "home":
            window.page.refresh()

    def failed(exc: BaseException) -> None:
        from kzcommission.services.exchange import PackageRefused

        window.task = None
        if isinstance(exc, PackageRefused):
            summary = tr("package.refused", lang, count=len(exc.problems))
            _show(window, tr("package.import_title", lang), summary, [str(p) for p in exc.problems])
        else:
            show_error(window, exc, lang)

    window.task = run_task(
        lambda _ctx: service_import(path),
        done,
        on_error=failed,
        parent=window,
        label=tr("package.importing", lang, name=path.name),
        lang=lang,
    )


def _show(window: Any, title: str, summary: str, lines: list[str]) -> PackageReportDialog:
    dialog = PackageReportDialog(window.lang, title, summary, lines, window)
    window.dialog = dialog
    dialog.open()
    return dialog
