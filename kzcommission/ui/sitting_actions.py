"""The sitting console's paperwork: print the pack, finalize (lock), export the package.

Each runs through the one background helper (``tasks.run_task``); the console
shows a finalized sitting read-only, and the services refuse changes anyway.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.ui import settings
from kzcommission.ui.desktop import open_folder, show_folder
from kzcommission.ui.dialogs import REFUSED, attempt, confirm, error_detail, show_error
from kzcommission.ui.paper_dialog import PaperDialog
from kzcommission.ui.print_dialog import default_folder
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.tasks import Task, TaskContext, run_task

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from kzcommission.services.paper import PackDocument, Paper
    from kzcommission.ui.console import SittingConsole
    from kzcommission.ui.paper_print import PrintJob

ACTIONS = ("print_pack", "finalize", "export_package", "amendments", "followup")
PACKAGE_SUFFIX = ".kzx"


def warn(owner: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=owner)
    owner.dialog = box  # type: ignore[attr-defined]
    box.open()
    return box


class SittingActions:
    """Buttons and slots of the actions; ``open_folder``, ``choose_package`` and
    ``ask_printer`` are attributes so tests can replace the desktop, the file dialog and
    the system print dialog."""

    def __init__(self, console: SittingConsole) -> None:
        self.console = console
        self.lang = console.lang
        self.task: Task | PrintJob | None = None
        self.open_folder: Callable[[Path], bool | None] = open_folder
        self.ask_printer: Callable[[QPrinter], bool] = self._ask_printer
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
            "print_case": self.print_case,
            "followup": self.followup,
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
        self.buttons["followup"].setVisible(locked)
        for widget in (c.attendance, c.case_panel, c.scores, c.vote, c.form.addCaseButton):
            widget.setEnabled(not locked)
        if locked:
            c.message(tr("console.locked", self.lang))

    @property
    def locked(self) -> bool:
        return self.console.sitting.status == "finalized"

    # -- print ----------------------------------------------------------------------------
    def print_pack(self) -> None:
        """Ctrl+P: the pack's documents with a preview; print them or save them."""
        from kzcommission.services import paper

        if self.task is not None:
            return
        self.console.case_panel.flush()
        sitting_id = self.console.sitting.id
        self._open_paper(
            lambda: paper.sitting_paper(sitting_id),
            tr("print.title", self.lang),
            # The personal-file extracts are offered, not ticked: the pack stays what it was.
            tick=lambda item: item.document != "summary",
        )

    def print_case(self) -> None:
        """The current case's sheet (and characteristic, familiarisation slip where it has
        them) in the same dialog as the pack."""
        from kzcommission.services import paper

        c = self.console
        if c.case is None or self.task is not None:
            return
        c.case_panel.flush()
        case_id = c.case.id
        title = tr("paper.case_title", self.lang, number=c.case.order + 1, name=c.case.person_name)
        self._open_paper(lambda: paper.case_paper(case_id), title)

    def print_case_paper(self, document: str) -> None:
        """The current case's characteristic (R-DOC-5) or familiarisation slip (R-DL-7):
        the case's papers with only this one ticked; a case without it is refused first,
        with the reason on the console."""
        from kzcommission.services import case_documents, paper

        c = self.console
        if c.case is None or self.task is not None:
            return
        c.case_panel.flush()
        case_id = c.case.id
        check = {
            "characteristic": case_documents.characteristic_doc,
            "familiarisation": case_documents.familiarisation_doc,
        }[document]
        if attempt(c.error, check, case_id) is REFUSED:
            return
        self._open_paper(
            lambda: paper.case_paper(case_id),
            tr(f"shortcut.print_{document}", self.lang),
            tick=lambda item: item.document == document,
        )

    def _open_paper(
        self,
        load: Callable[[], Paper],
        title: str,
        tick: Callable[[PackDocument], bool] | None = None,
    ) -> None:
        c = self.console
        dialog = PaperDialog(
            self.lang, self.sitting_folder, load, c, title, tick, can_sign=self.locked
        )
        dialog.save_chosen.connect(
            lambda lang, folder, keys: self._save(dialog.paper, lang, folder, keys)
        )
        dialog.sign_chosen.connect(
            lambda lang, folder, keys: self._save(dialog.paper, lang, folder, keys, sign=True)
        )
        dialog.print_chosen.connect(lambda lang, keys: self._send(dialog.paper, lang, keys))
        c.dialog = dialog
        dialog.open()

    def _save(
        self, paper: Paper | None, lang: str, folder: str, keys: list[str], *, sign: bool = False
    ) -> None:
        """Write and register the chosen files; with ``sign``, then sign each through
        NCALayer (the user picks his key and types his PIN in NCALayer's own window). A
        cancel or a refusal keeps no signature at all (services.cms_signature)."""
        from kzcommission.services import cms_signature

        if paper is None:  # the dialog offers nothing before its documents are read
            return
        out = Path(folder)

        def work(ctx: TaskContext) -> tuple[list[Path], bool, int]:
            out.mkdir(parents=True, exist_ok=True)
            files = paper.issue(keys, lang, out, ctx.progress, ctx.cancelled)
            if not sign or ctx.cancelled():
                return files, ctx.cancelled(), 0
            signed = cms_signature.sign_files(
                [f for f in files if f.suffix == ".pdf"],
                self.lang,
                progress=ctx.progress,
                cancelled=ctx.cancelled,
            )
            return files, False, len(signed)

        label = "paper.signing" if sign else "print.working"
        self.console.message(tr(label, self.lang))
        self.task = self._run(work, lambda result: self._printed(out, *result), label)

    def _printed(self, out: Path, files: list[Path], cancelled: bool, signed: int = 0) -> None:
        self.task = None
        key = "print.cancelled" if cancelled else "print.done"
        self.console.message(tr(key, self.lang, count=len(files), folder=str(out)))
        if signed:
            self.console.message(tr("paper.signed", self.lang, count=signed, folder=str(out)))
        if files and self.open_folder(out) is False:
            show_folder(self.console, out, self.lang)  # no file manager: say where they are

    def _ask_printer(self, printer: QPrinter) -> bool:
        from kzcommission.ui.paper_print import ask_printer

        return ask_printer(printer, self.console, self.lang)

    def _send(self, paper: Paper | None, lang: str, keys: list[str]) -> None:
        """The system print dialog, then the chosen documents issued (registered, as a saved
        file is) into a spool folder, read, and painted page by page on the printer."""
        if paper is None:
            return
        from PySide6.QtPrintSupport import QPrinter

        from kzcommission.ui.paper_print import read_for_printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.console.sitting.number or str(self.console.sitting.id))
        if not self.ask_printer(printer):
            return
        spool = Path(tempfile.mkdtemp(prefix="kzcommission-print-"))

        def work(ctx: TaskContext) -> tuple[list[tuple[bytes, int]], bool]:
            try:
                files = paper.issue(keys, lang, spool, ctx.progress, ctx.cancelled)
                return read_for_printing(files), ctx.cancelled()
            finally:
                shutil.rmtree(spool, ignore_errors=True)

        self.console.message(tr("paper.preparing", self.lang))
        self.task = self._run(work, lambda result: self._paint(printer, *result), "paper.preparing")

    def _paint(self, printer: QPrinter, documents: list[tuple[bytes, int]], stop: bool) -> None:
        from kzcommission.ui.paper_print import PrintJob

        if stop:
            self._sent(printer, 0, True)
            return
        job = PrintJob(
            printer,
            documents,
            self.console,
            self.lang,
            lambda pages, stopped: self._sent(printer, pages, stopped),
            self._failed,
        )
        self.task = job
        job.start()

    def _sent(self, printer: QPrinter, pages: int, cancelled: bool) -> None:
        from kzcommission.ui.paper_print import printed_message

        self.task = None
        self.console.message(printed_message(pages, cancelled, printer, self.lang))

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

    def followup(self) -> None:
        """After the sitting (issue 21): minutes, familiarisation, head's decision, appeals."""
        from kzcommission.ui.followup_dialog import FollowupDialog

        c = self.console
        if not self.locked:
            c.message(tr("fu.need_finalized", self.lang))
            return
        dialog = FollowupDialog(self.lang, c.sitting.id, c)
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
        from kzcommission.services import cms_signature, ncalayer

        self.task = None
        signing_refusals = {
            ncalayer.NcaLayerUnavailable: "paper.ncalayer_absent",
            ncalayer.NcaLayerCancelled: "paper.ncalayer_cancelled",
            cms_signature.SigningCancelled: "paper.ncalayer_cancelled",
            ncalayer.NcaLayerRefused: "paper.ncalayer_refused",
        }
        key = next((k for kind, k in signing_refusals.items() if isinstance(exc, kind)), None)
        if key is not None:  # in the user's words, with what to do; nothing was signed
            text = tr(
                key, self.lang, url=ncalayer.INSTALL_HINT, detail=error_detail(exc, self.lang)
            )
            self.console.message(text)
            warn(self.console, tr("paper.sign", self.lang), text)
            return
        self.console.error(exc)
        if isinstance(exc, ServiceError) and exc.field == "review":
            self.console.chair.open_review()  # found since the check: show what blocks
            return
        show_error(self.console, exc, self.lang)
