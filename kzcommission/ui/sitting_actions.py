"""The sitting console's paperwork: print the pack, finalize (lock), export the package.

Each runs through the one background helper (``tasks.run_task``); the console
shows a finalized sitting read-only, and the services refuse changes anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.ui import settings
from kzcommission.ui.desktop import open_folder, show_folder
from kzcommission.ui.dialogs import REFUSED, attempt, confirm, show_error
from kzcommission.ui.print_dialog import PrintPackDialog, default_folder
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.tasks import Task, TaskContext, run_task

if TYPE_CHECKING:
    from kzcommission.ui.console import SittingConsole

ACTIONS = ("print_pack", "finalize", "export_package", "amendments")
PACKAGE_SUFFIX = ".kzx"


def warn(owner: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=owner)
    owner.dialog = box  # type: ignore[attr-defined]
    box.open()
    return box


class SittingActions:
    """Buttons and slots of the three actions; ``open_folder`` and ``choose_package``
    are attributes so tests can replace the desktop and the file dialog."""

    def __init__(self, console: SittingConsole) -> None:
        self.console = console
        self.lang = console.lang
        self.task: Task | None = None
        self.open_folder: Callable[[Path], bool | None] = open_folder
        self.choose_package: Callable[[Path], str] = self._ask_package
        self.buttons: dict[str, QPushButton] = {}
        native = QKeySequence.SequenceFormat.NativeText
        for name in ACTIONS:
            text = f"{tr(f'shortcut.{name}', self.lang)} ({key_of(name).toString(native)})"
            button = QPushButton(text, objectName=f"{name}Button")
            button.clicked.connect(self.slots[name])
            console.form.sittingButtons.addWidget(button)
            self.buttons[name] = button

    @property
    def slots(self) -> dict[str, Callable[[], None]]:
        return {
            "print_pack": self.print_pack,
            "finalize": self.finalize,
            "export_package": self.export_package,
            "amendments": self.amendments,
            "print_characteristic": lambda: self.print_case_paper("characteristic"),
            "print_familiarisation": lambda: self.print_case_paper("familiarisation"),
        }

    @property
    def sitting_folder(self) -> Path:
        sitting = self.console.sitting
        return default_folder(sitting.number or str(sitting.id))

    # -- the locked state ---------------------------------------------------------------
    def show_state(self) -> None:
        """A finalized sitting is read-only: entry panels off, only paperwork left."""
        c = self.console
        locked = c.sitting.status == "finalized"
        self.buttons["finalize"].setVisible(c.sitting.status in ("open", "closed"))
        self.buttons["export_package"].setVisible(locked)
        self.buttons["amendments"].setVisible(locked)
        for widget in (c.attendance, c.case_panel, c.scores, c.vote, c.form.addCaseButton):
            widget.setEnabled(not locked)
        if locked:
            c.message(tr("console.locked", self.lang))

    @property
    def locked(self) -> bool:
        return self.console.sitting.status == "finalized"

    # -- print ----------------------------------------------------------------------------
    def print_pack(self) -> None:
        if self.task is not None:
            return
        c = self.console
        c.case_panel.flush()
        dialog = PrintPackDialog(self.lang, self.sitting_folder, c)
        dialog.chosen.connect(self._print)
        c.dialog = dialog
        dialog.open()

    def _print(self, lang: str, folder: str) -> None:
        from kzcommission.services import printing

        out = Path(folder)
        sitting_id = self.console.sitting.id

        def work(ctx: TaskContext) -> tuple[list[Path], bool]:
            out.mkdir(parents=True, exist_ok=True)
            files = printing.print_pack(sitting_id, lang, out, ctx.progress, ctx.cancelled)
            return files, ctx.cancelled()

        self.console.message(tr("print.working", self.lang))
        self.task = self._run(work, lambda result: self._printed(out, *result), "print.working")

    def _printed(self, out: Path, files: list[Path], cancelled: bool) -> None:
        self.task = None
        key = "print.cancelled" if cancelled else "print.done"
        self.console.message(tr(key, self.lang, count=len(files), folder=str(out)))
        if files and self.open_folder(out) is False:
            show_folder(self.console, out, self.lang)  # no file manager: say where they are

    def print_case_paper(self, document: str) -> None:
        """The current case's characteristic (R-DOC-5) or familiarisation slip (R-DL-7):
        language and folder as for the pack, one file, registered as issued."""
        c = self.console
        if c.case is None:
            return
        c.case_panel.flush()
        case_id = c.case.id
        dialog = PrintPackDialog(self.lang, self.sitting_folder, c)
        dialog.setWindowTitle(tr(f"shortcut.print_{document}", self.lang))
        dialog.chosen.connect(
            lambda lang, folder: self._print_case(document, case_id, lang, folder)
        )
        c.dialog = dialog
        dialog.open()

    def _print_case(self, document: str, case_id: int, lang: str, folder: str) -> None:
        from kzcommission.services import case_documents

        make = case_documents.print_case_document
        path = attempt(self.console.error, make, document, case_id, lang, Path(folder))
        if path is REFUSED:
            return
        self.console.message(tr("print.done", self.lang, count=1, folder=str(path.parent)))

    # -- finalize ---------------------------------------------------------------------------
    def finalize(self) -> None:
        c = self.console
        if self.task is not None:
            return
        if self.locked:
            c.message(tr("console.locked", self.lang))
            return
        from kzcommission.services import review

        c.case_panel.flush()
        if review.blocking_findings(c.sitting.id):
            # The chair's review must be resolved first: show it instead of a refusal.
            c.message(tr("review.open_hint", self.lang))
            c.chair.open_review()
            return
        confirm(
            c,
            tr("finalize.title", self.lang),
            tr("finalize.confirm", self.lang, number=c.sitting.number or c.sitting.id),
            self._finalize,
            self.lang,
        )

    def _finalize(self) -> None:
        from kzcommission.services.finalize import finalize_sitting

        self.console.case_panel.flush()
        sitting_id = self.console.sitting.id
        self.console.message(tr("finalize.working", self.lang))
        self.task = run_task(
            lambda _ctx: finalize_sitting(sitting_id), self._finalized, on_error=self._failed
        )

    def _finalized(self, result: Any) -> None:  # services.finalize.FinalizeResult
        self.task = None
        c = self.console
        c.sitting = result.sitting
        c.refresh_sitting()
        if result.backup is not None:
            c.message(tr("finalize.done", self.lang, backup=str(result.backup)))
        else:
            c.message(tr("finalize.done_no_backup", self.lang))
            warn(
                c,
                tr("finalize.title", self.lang),
                tr("finalize.backup_problem", self.lang, problem=result.backup_problem),
            )

    # -- amendments ---------------------------------------------------------------------------
    def amendments(self) -> None:
        """A finalized sitting is corrected only by amendments, signed by the chair."""
        from kzcommission.ui.amendments_dialog import AmendmentsDialog

        c = self.console
        if not self.locked:
            c.message(tr("amend.need_finalized", self.lang))
            return
        dialog = AmendmentsDialog(self.lang, c.sitting, c)
        c.dialog = dialog
        dialog.open()

    # -- export -----------------------------------------------------------------------------
    def _ask_package(self, suggested: Path) -> str:
        name, _ = QFileDialog.getSaveFileName(
            self.console,
            tr("export.title", self.lang),
            str(suggested),
            tr("package.filter", self.lang),
        )
        return name

    def export_package(self) -> None:
        c = self.console
        if self.task is not None:
            return
        if not self.locked:
            c.message(tr("export.need_finalized", self.lang))
            return
        name = self.choose_package(self.sitting_folder.with_suffix(PACKAGE_SUFFIX))
        if not name:
            return
        dest = Path(name)
        if not dest.suffix:
            dest = dest.with_name(dest.name + PACKAGE_SUFFIX)
        self._export(dest)

    def _export(self, dest: Path) -> None:
        from kzcommission.services.exchange import export_package

        sitting_id = self.console.sitting.id
        lang = settings.print_language()

        def work(ctx: TaskContext) -> Path:
            dest.parent.mkdir(parents=True, exist_ok=True)
            return export_package(
                sitting_id, dest, lang=lang, progress=ctx.progress, cancelled=ctx.cancelled
            )

        self.console.message(tr("export.working", self.lang))
        self.task = self._run(work, self._exported, "export.working")

    def _exported(self, path: Path) -> None:
        self.task = None
        self.console.message(tr("export.done", self.lang, path=str(path)))

    # -- shared -----------------------------------------------------------------------------
    def _run(self, work: Callable[[TaskContext], Any], done: Callable[[Any], None], label: str):
        return run_task(
            work,
            done,
            on_error=self._failed,
            parent=self.console,
            label=tr(label, self.lang),
            lang=self.lang,
        )

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.console.error(exc)
        if isinstance(exc, ServiceError) and exc.field == "review":
            self.console.chair.open_review()  # found since the check: show what blocks
            return
        show_error(self.console, exc, self.lang)
