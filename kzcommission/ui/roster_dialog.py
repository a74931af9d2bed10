"""Importing the roster: the file is checked in the background, every problem listed
by row and column; nothing is written until the user chooses to import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QVBoxLayout, QWidget

from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, tr, tr_count
from kzcommission.services.preparation import roster
from kzcommission.services.preparation.roster import (
    IIN_PREFIX,
    ImportCancelled,
    Problem,
    RosterPreview,
)
from kzcommission.ui import name_index, settings
from kzcommission.ui.dialogs import error_text
from kzcommission.ui.form_types import RosterImportForm
from kzcommission.ui.forms import load_form
from kzcommission.ui.tasks import Task, TaskContext, run_task
from kzcommission.ui.window_fit import fit_window


def problem_text(problem: Problem, lang: str) -> str:
    # An IIN refused by its check ("iin_check"...) reads as in the person editor.
    key = f"roster.problem.{problem.code}"
    if problem.code.startswith(IIN_PREFIX) and key not in catalogue(REFERENCE_LANGUAGE):
        key = f"iin.error.{problem.code.removeprefix(IIN_PREFIX)}"
    return tr(key, lang, value=problem.value)


class RosterImportDialog(QDialog):
    imported = Signal(int)

    def __init__(self, path: Path, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.lang = lang
        self.preview: RosterPreview | None = None
        self.task: Task | None = None
        self.setWindowTitle(tr("import.title", lang))
        self.form = f = load_form(RosterImportForm, lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        f.fileLabel.setText(tr("import.file", lang, path=str(path)))
        f.summaryLabel.setText(tr("import.checking", lang))
        table = f.problemsTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(
            [
                tr("import.col.row", lang),
                tr("import.col.column", lang),
                tr("import.col.problem", lang),
            ]
        )
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        f.importAllButton.clicked.connect(lambda: self.start_import(clean_only=False))
        f.importCleanButton.clicked.connect(lambda: self.start_import(clean_only=True))
        f.cancelButton.clicked.connect(self.cancel)
        fit_window(self, "roster_import", 860, 520)
        positions = settings.roster_positions()
        self.task = run_task(
            lambda _ctx: roster.parse_roster(path, positions=positions),
            self._checked,
            on_error=self._failed,
        )

    def _checked(self, preview: RosterPreview) -> None:
        self.task = None
        self.preview = preview
        f = self.form
        f.progressBar.setValue(0)
        table = f.problemsTable
        table.setRowCount(len(preview.problems))
        for row, problem in enumerate(preview.problems):
            where = "" if problem.row is None else str(problem.row)
            column = "" if problem.column is None else tr(f"roster.col.{problem.column}", self.lang)
            for col, text in enumerate((where, column, problem_text(problem, self.lang))):
                table.setItem(row, col, QTableWidgetItem(text))
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(1)
        clean = len(preview.clean_rows)
        if preview.fatal:
            summary = tr("import.fatal", self.lang)
        elif preview.is_clean:
            summary = tr(
                "import.clean", self.lang, rows=tr_count("count.rows", self.lang, len(preview.rows))
            )
        else:
            lang = self.lang
            summary = tr(
                "import.with_problems_counted",
                lang,
                rows=tr_count("count.rows", lang, len(preview.rows)),
                problems=tr_count("count.problems", lang, len(preview.problems)),
                bad=tr_count("count.rows_in", lang, len(preview.bad_rows)),
                clean=tr_count("count.rows", lang, clean),
            )
        f.summaryLabel.setText(summary)
        f.importAllButton.setEnabled(preview.is_clean and bool(preview.rows))
        f.importCleanButton.setEnabled(not preview.is_clean and clean > 0)
        f.importCleanButton.setText(
            tr("import.clean_only", self.lang, clean=tr_count("count.clean_rows", self.lang, clean))
        )
        (f.importAllButton if preview.is_clean else f.cancelButton).setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.form.summaryLabel.setText(error_text(exc, self.lang))

    def start_import(self, *, clean_only: bool) -> None:
        if self.preview is None or self.task is not None:
            return
        rows = self.preview.clean_rows if clean_only else self.preview.rows
        f = self.form
        f.importAllButton.setEnabled(False)
        f.importCleanButton.setEnabled(False)
        f.summaryLabel.setText(
            tr("import.importing", self.lang, rows=tr_count("count.rows", self.lang, len(rows)))
        )

        def work(ctx: TaskContext) -> int:
            return roster.import_rows(rows, ctx.progress, ctx.cancelled)

        self.task = run_task(work, self._done, on_error=self._import_failed)
        self.task.progressed.connect(
            lambda done, total: f.progressBar.setValue(int(1000 * done / max(total, 1)))
        )

    def _done(self, count: int) -> None:
        self.task = None
        name_index.invalidate()
        self.imported.emit(count)
        self.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self.task = None
        key = "import.cancelled" if isinstance(exc, ImportCancelled) else "import.failed"
        self.form.summaryLabel.setText(tr(key, self.lang, error=error_text(exc, self.lang)))
        self.form.progressBar.setValue(0)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the transaction rolls back; the dialog stays to say so
            return
        self.reject()
