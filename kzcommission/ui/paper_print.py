"""Sending PDF files to a printer chosen in the system print dialog (QPrinter).

Qt paints on a QPrinter only from the GUI thread. So each page is rasterised by
PDFium on the thread pool (``ui.pdf_pages``) at the printer's resolution, at most
300 dpi (sharp text, some 35 MB for an A4 page), and painted here one page per
step: the window keeps answering between pages, and Cancel stops before the next.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from kzcommission.i18n import tr, tr_count
from kzcommission.ui.pdf_pages import PageImage, page_count, render_page
from kzcommission.ui.tasks import Task, run_task

PRINT_DPI = 300


def ask_printer(printer: QPrinter, parent: QWidget, lang: str) -> bool:
    """The system print dialog: which printer, how many copies; False when cancelled."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("paper.print_title", lang))
    return dialog.exec() == QDialog.DialogCode.Accepted


def read_for_printing(files: list[Path]) -> list[tuple[bytes, int]]:
    """Each file's bytes and page count (called on the thread pool)."""
    documents = []
    for path in files:
        pdf = path.read_bytes()
        documents.append((pdf, page_count(pdf)))
    return documents


class PrintJob(QObject):
    """Paints the pages of ``documents`` (PDF bytes, page count) on ``printer``, one per
    step; ``done(pages printed, cancelled)`` at the end, ``failed(exc)`` on an error."""

    def __init__(
        self,
        printer: QPrinter,
        documents: list[tuple[bytes, int]],
        parent: QWidget,
        lang: str,
        done: Callable[[int, bool], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self.printer = printer
        self.pages = [(pdf, index) for pdf, count in documents for index in range(count)]
        self.lang = lang
        self.done = done
        self.failed = failed
        self.painted = 0
        self.cancelled = False
        self.task: Task | None = None
        self._painter: QPainter | None = None
        self.dpi = float(min(printer.resolution(), PRINT_DPI))
        self.progress = QProgressDialog(
            tr("paper.printing", lang), tr("task.cancel", lang), 0, len(self.pages), parent
        )
        self.progress.setWindowTitle(tr("paper.print_title", lang))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> None:
        self.printer.setFullPage(True)  # the PDF pages carry their own margins
        self._next()

    def cancel(self) -> None:
        self.cancelled = True

    def _next(self) -> None:
        if self.cancelled or self.painted == len(self.pages):
            self._finish()
            return
        pdf, index = self.pages[self.painted]
        dpi = self.dpi
        self.task = run_task(
            lambda _ctx: render_page(pdf, index, dpi), self._paint, on_error=self._failed
        )

    def _paint(self, page: PageImage) -> None:
        self.task = None
        if self.cancelled:
            self._finish()
            return
        orientation = (
            QPageLayout.Orientation.Landscape
            if page.landscape
            else (QPageLayout.Orientation.Portrait)
        )
        self.printer.setPageOrientation(orientation)  # applies from the next page begun
        if self._painter is None:
            self._painter = QPainter()
            if not self._painter.begin(self.printer):
                self._painter = None
                self._failed(OSError(tr("paper.printer_refused", self.lang)))
                return
        elif not self.printer.newPage():
            self._failed(OSError(tr("paper.printer_refused", self.lang)))
            return
        room = self._painter.viewport()
        size = page.image.size().scaled(room.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(room.center())
        self._painter.drawImage(target, page.image)
        self.painted += 1
        self.progress.setValue(self.painted)
        self._next()

    def _end(self) -> None:
        if self._painter is not None:
            self._painter.end()  # the job goes to the spooler (or the file) here
            self._painter = None
        self.progress.reset()
        self.progress.deleteLater()

    def _finish(self) -> None:
        self._end()
        self.done(self.painted, self.cancelled)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._end()
        self.failed(exc)


def printed_message(pages: int, cancelled: bool, printer: QPrinter, lang: str) -> str:
    key = "paper.print_cancelled" if cancelled else "paper.printed"
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    name = printer.outputFileName() if to_file else printer.printerName()
    return tr_count(key, lang, pages, printer=name)
