"""Where the print dialog's chosen documents go: saved to a folder (and signed through
NCALayer), or sent to a printer. Shared by the sitting console (ui.sitting_actions) and
the follow-up view (ui.followup_dialog): each says where its messages go, which folder
the files go to by default and whether they may be signed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget

from kzcommission.i18n import tr
from kzcommission.session_files import session_folder
from kzcommission.ui.desktop import open_folder, show_folder
from kzcommission.ui.dialogs import error_detail, error_text, show_error
from kzcommission.ui.paper_dialog import PaperDialog
from kzcommission.ui.tasks import Task, TaskContext, run_task

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from kzcommission.services.papers.paper import PackDocument, Paper
    from kzcommission.ui.paper_print import PrintJob


def warn(owner: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=owner)
    owner.dialog = box  # type: ignore[attr-defined]
    box.open()
    return box


class PaperOutput:
    """The print dialog's outcomes for ``owner`` (the dialog's parent, which keeps the open
    dialog as ``owner.dialog``). ``open_folder`` and ``ask_printer`` are attributes so
    tests replace the desktop and the system print dialog."""

    def __init__(self, owner: QWidget, lang: str) -> None:
        self.owner = owner
        self.lang = lang
        self.task: Task | PrintJob | None = None
        self.open_folder: Callable[[Path], bool | None] = open_folder
        self.ask_printer: Callable[[QPrinter], bool] = self._ask_printer

    # -- what the host says ---------------------------------------------------------------
    def message(self, text: str) -> None:
        raise NotImplementedError

    def error(self, exc: BaseException) -> None:
        self.message(error_text(exc, self.lang))

    @property
    def folder(self) -> Path:
        """The folder the dialog offers for the files."""
        raise NotImplementedError

    @property
    def can_sign(self) -> bool:
        """A finalized sitting's papers may be signed with an NCA key (issue 19)."""
        return False

    @property
    def doc_name(self) -> str:
        """The print job's name in the printer's queue."""
        return ""

    def open_paper(
        self,
        load: Callable[[], Paper],
        title: str,
        tick: Callable[[PackDocument], bool] | None = None,
    ) -> None:
        """The print dialog over ``load()``'s documents, those ``tick`` says ticked."""
        dialog = PaperDialog(
            self.lang, self.folder, load, self.owner, title, tick, can_sign=self.can_sign
        )
        dialog.save_chosen.connect(
            lambda lang, folder, keys: self._save(dialog.paper, lang, folder, keys)
        )
        dialog.sign_chosen.connect(
            lambda lang, folder, keys: self._save(dialog.paper, lang, folder, keys, sign=True)
        )
        dialog.print_chosen.connect(lambda lang, keys: self._send(dialog.paper, lang, keys))
        self.owner.dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    def _save(
        self, paper: Paper | None, lang: str, folder: str, keys: list[str], *, sign: bool = False
    ) -> None:
        """Write and register the chosen files; with ``sign``, then sign each through
        NCALayer (the user picks his key and types his PIN in NCALayer's own window). A
        cancel or a refusal keeps no signature at all (services.trust.cms_signature)."""
        from kzcommission.services.trust import cms_signature

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
        self.message(tr(label, self.lang))
        self.task = self._run(work, lambda result: self._printed(out, *result), label)

    def _printed(self, out: Path, files: list[Path], cancelled: bool, signed: int = 0) -> None:
        self.task = None
        key = "print.cancelled" if cancelled else "print.done"
        self.message(tr(key, self.lang, count=len(files), folder=str(out)))
        if signed:
            self.message(tr("paper.signed", self.lang, count=signed, folder=str(out)))
        if files and self.open_folder(out) is False:
            show_folder(self.owner, out, self.lang)  # no file manager: say where they are

    def _ask_printer(self, printer: QPrinter) -> bool:
        from kzcommission.ui.paper_print import ask_printer

        return ask_printer(printer, self.owner, self.lang)

    def _send(self, paper: Paper | None, lang: str, keys: list[str]) -> None:
        """The system print dialog, then the chosen documents issued (registered, as a saved
        file is) into a spool folder, read, and painted page by page on the printer."""
        if paper is None:
            return
        from PySide6.QtPrintSupport import QPrinter

        from kzcommission.ui.paper_print import read_for_printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.doc_name)
        if not self.ask_printer(printer):
            return
        spool = session_folder("print-")  # removed when read, or with the session

        def work(ctx: TaskContext) -> tuple[list[tuple[bytes, int]], bool]:
            try:
                files = paper.issue(keys, lang, spool, ctx.progress, ctx.cancelled)
                return read_for_printing(files), ctx.cancelled()
            finally:
                shutil.rmtree(spool, ignore_errors=True)

        self.message(tr("paper.preparing", self.lang))
        self.task = self._run(work, lambda result: self._paint(printer, *result), "paper.preparing")

    def _paint(self, printer: QPrinter, documents: list[tuple[bytes, int]], stop: bool) -> None:
        from kzcommission.ui.paper_print import PrintJob

        if stop:
            self._sent(printer, 0, True)
            return
        job = PrintJob(
            printer,
            documents,
            self.owner,
            self.lang,
            lambda pages, stopped: self._sent(printer, pages, stopped),
            self._failed,
        )
        self.task = job
        job.start()

    def _sent(self, printer: QPrinter, pages: int, cancelled: bool) -> None:
        from kzcommission.ui.paper_print import printed_message

        self.task = None
        self.message(printed_message(pages, cancelled, printer, self.lang))

    def _run(self, work: Callable[[TaskContext], Any], done: Callable[[Any], None], label: str):
        return run_task(
            work,
            done,
            on_error=self._failed,
            parent=self.owner,
            label=tr(label, self.lang),
            lang=self.lang,
        )

    def _failed(self, exc: BaseException) -> None:
        from kzcommission.services.trust import cms_signature, ncalayer

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
            self.message(text)
            warn(self.owner, tr("paper.sign", self.lang), text)
            return
        self.error(exc)
        show_error(self.owner, exc, self.lang)
