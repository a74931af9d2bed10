"""Receiving an exchange package: import it in the background, then show what came in,
or every reason it was refused, each on its own line."""

from __future__ import annotations

from collections.abc import Callable
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

from kzcommission.i18n import say_line, tr
from kzcommission.ui.dialogs import show_error
from kzcommission.ui.tasks import run_task


class PackageReportDialog(QDialog):
    """A summary line over a read-only list, one item a line (copyable for a letter).

    With ``merge``, a second button offers the operator's choice to take records known
    here under another name as the package's (issue 18); choosing it closes the dialog
    and calls ``merge``. Close stays the default, so Enter never merges by accident."""

    def __init__(
        self,
        lang: str,
        title: str,
        summary: str,
        lines: list[str],
        parent: QWidget | None = None,
        merge: Callable[[], None] | None = None,
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
        self.merge_button = None
        if merge is not None:
            self.merge_button = buttons.addButton(
                tr("package.merge", lang), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.merge_button.setAutoDefault(False)
            self.merge_button.clicked.connect(lambda: (self.accept(), merge()))
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
    lines += [tr("package.merged", lang, **m) for m in report.merged]
    lines += [tr("package.warning", lang, text=say_line(w, lang)) for w in report.warnings]
    return summary, lines


def problem_text(problem: Any, lang: str) -> str:
    """One reason for a refusal in the user's language when it has a translation (its
    ``code``), else as the service wrote it."""
    return problem.text_in(lang)


def import_package(window: Any, path: Path, merge: bool = False) -> None:
    """Run ``exchange.import_package`` off the UI thread; the outcome in a dialog.

    A refusal only for records known here under another name offers to merge them."""
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
            lines = [problem_text(p, lang) for p in exc.problems]
            offer = exc.mergeable and not merge
            if offer:
                lines.append(tr("package.merge_hint", lang))
            again = (lambda: import_package(window, path, merge=True)) if offer else None
            _show(window, tr("package.import_title", lang), summary, lines, again)
        else:
            show_error(window, exc, lang)

    window.task = run_task(
        lambda _ctx: service_import(path, merge=merge),
        done,
        on_error=failed,
        parent=window,
        label=tr("package.importing", lang, name=path.name),
        lang=lang,
    )


def _show(
    window: Any,
    title: str,
    summary: str,
    lines: list[str],
    merge: Callable[[], None] | None = None,
) -> PackageReportDialog:
    dialog = PackageReportDialog(window.lang, title, summary, lines, window, merge)
    window.dialog = dialog
    dialog.open()
    return dialog
