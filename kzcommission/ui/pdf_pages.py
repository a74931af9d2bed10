"""PDF pages as images, for the print dialog's preview and for sending pages to a printer.

Rendered by PDFium through pypdfium2 (BSD-3-Clause/Apache-2.0, about 4 MB as a
wheel): Qt's own QtPdf is not in PySide6-Essentials, only in PySide6-Addons (a
wheel of some 170 MB more). PDFium is not thread-safe, so every call holds one
lock; callers run on the thread pool (``ui.tasks``), never on the UI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtGui import QImage

POINTS_PER_INCH = 72
_PDFIUM = threading.Lock()  # one PDFium call at a time, whichever thread asks


@dataclass(frozen=True)
class PageImage:
    """One rendered page: the image, its number (from 0) and how many the document has."""

    image: QImage
    index: int
    count: int
    landscape: bool


def page_count(pdf: bytes) -> int:
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_page(pdf: bytes, index: int, dpi: float) -> PageImage:
    """Page ``index`` (from 0, kept within the document) at ``dpi`` dots per inch."""
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            count = len(document)
            index = max(0, min(index, count - 1))
            page = document[index]
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, prefer_bgrx=True)
            # BGRx bytes are Qt's RGB32 on a little-endian machine. The QImage only points
            # into ``pixels``, so it is copied while ``pixels`` is certainly alive.
            pixels = bytes(bitmap.buffer)
            view = QImage(
                pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
            )
            image = view.copy()
            del view, pixels
            bitmap.close()
            page.close()
        finally:
            document.close()
    return PageImage(image, index, count, width > height)
