"""The shared renderer base: page, styles, footer with digest and QR, "page x of y".

Pattern of pretix's invoice renderer (STYLE): a class per document, data in,
PDF bytes out, hooks for the story. A4 with a 30 mm left margin for filing;
the footer names the sitting and the document and carries a QR code of the
document's verification digest (:func:`document_digest`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections.abc import Mapping
from datetime import date, time
from enum import Enum
from functools import cache, lru_cache
from io import BytesIO
from typing import Any

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from kzcommission.documents.fonts import SANS, SERIF, register_fonts
from kzcommission.documents.wording import Wording

# reportlab and the shaping it calls (uharfbuzz) keep shared state (fonts, caches of parsed
# paragraphs) that is not safe across threads: two documents built at once in one process
# (a preview on the thread pool while the files are saved) crashed the interpreter. The
# pack's worker processes each have their own.
_RENDERING = threading.RLock()

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 18 * mm, 26 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT - RIGHT
QR_SIZE = 17 * mm


def _plain(value: Any) -> Any:
    """JSON-able form of the documents' data, stable across runs."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same data gives the same bytes."""
    return json.dumps(
        _plain(data), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def document_digest(data: Any) -> str:
    """Verification digest of a document: SHA-256 (hex) of the canonical JSON of its data.

    The language is left out on purpose: the Kazakh and the Russian print of
    the same facts verify against the same digest.
    """
    return hashlib.sha256(canonical_json(data)).hexdigest()


@dataclasses.dataclass(frozen=True)
class Footer:
    """What the footer of every page of one document shows."""

    lines: tuple[str, str]
    page_label: str  # catalogue text with {page} and {pages}
    qr_payload: str


FOOTER_ROWS = 4  # rows of footer text between the rule and the page's bottom edge
FOOTER_SIZE = 6.5


def _cut(text: str, width: float) -> tuple[str, str]:
    """The longest head of ``text`` (at a space where one fits) no wider than ``width``."""
    if stringWidth(text, SANS, FOOTER_SIZE) <= width:
        return text, ""
    end = len(text)
    while end > 1 and stringWidth(text[:end], SANS, FOOTER_SIZE) > width:
        end -= 1
    space = text.rfind(" ", 0, end + 1)
    if space > 0:
        end = space
    return text[:end].rstrip(), text[end:].lstrip()


def footer_rows(lines: tuple[str, ...], first_width: float, width: float) -> list[str]:
    """The footer's lines as rows: the first row ``first_width`` wide (the page number sits
    at its right), the others ``width``; a line too long wraps, at most FOOTER_ROWS rows."""
    rows: list[str] = []
    for line in lines:
        rest = line
        while rest and len(rows) < FOOTER_ROWS:
            row, rest = _cut(rest, first_width if not rows else width)
            rows.append(row)
    return rows


class NumberedCanvas(Canvas):
    """Defers pages until save() so that each can say "page x of y"."""

    def __init__(self, *args: Any, footer: Footer, **kwargs: Any):
        # Without this, every page names Helvetica (not embedded) as its initial font.
        kwargs["initialFontName"] = SERIF
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, page: int, pages: int) -> None:
        footer = self._footer
        if page == 1:
            self._qr_form(footer.qr_payload)
        self.saveState()
        self.setStrokeColor(colors.grey)
        self.setLineWidth(0.4)
        self.line(LEFT, BOTTOM - 4 * mm, PAGE_WIDTH - RIGHT, BOTTOM - 4 * mm)
        self.setFillColor(colors.black)
        text_right = PAGE_WIDTH - RIGHT - QR_SIZE - 3 * mm
        label = footer.page_label.format(page=page, pages=pages)
        self.setFont(SANS, 8)
        self.drawRightString(text_right, BOTTOM - 9 * mm, label)
        # The page number keeps its own place: the first row of text stops short of it,
        # and what does not fit wraps onto the next rows (a bilingual footer is long).
        first_width = text_right - LEFT - stringWidth(label, SANS, 8) - 4 * mm
        rows = footer_rows(footer.lines, first_width, text_right - LEFT)
        self.setFont(SANS, 6.5)
        for index, row in enumerate(rows):
            # Identifiers only (no free user text): drawString is safe here.
            self.drawString(LEFT, BOTTOM - (9 + 3.5 * index) * mm, row)
        self.translate(PAGE_WIDTH - RIGHT - QR_SIZE, 4 * mm)
        self.doForm("qr")
        self.restoreState()

    def _qr_form(self, payload: str) -> None:
        """Draw the QR once into a form XObject that every page reuses.

        The reportlab widget builds one shape object per module and tries all
        eight mask patterns; with hundreds of documents per pack that
        dominated the run time. Any mask pattern is valid, so a fixed one is
        used, and the dark runs of each row become rectangles of one fill.
        """
        code = QRCode(None, QRErrorCorrectLevel.M)
        code.addData(payload)
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
        count = code.getModuleCount()
        box = QR_SIZE / (count + 2)  # a quiet zone of one module each side
        ops = [f"q {box:.4f} 0 0 {box:.4f} 0 0 cm 0 g"]
        for r, row in enumerate(code.modules):
            c = 0
            while c < count:
                if row[c]:
                    first = c
                    while c < count and row[c]:
                        c += 1
                    ops.append(f"{first + 1} {count - r} {c - first} 1 re")
                else:
                    c += 1
        ops.append("f Q")
        self.beginForm("qr")
        # Integer module coordinates in a scaled space, written as raw operators:
        # a path of several hundred rectangles through the public API costs
        # more than the rest of a one-page form.
        self._code.append(" ".join(ops))
        self.endForm()


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The stylesheet, built once per process."""
    register_fonts()
    body = ParagraphStyle("body", fontName=SERIF, fontSize=10.5, leading=13.5, spaceAfter=3)
    return {
        "body": body,
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=10.5, spaceBefore=2),
        "note": ParagraphStyle(
            "note",
            body,
            fontSize=8,
            leading=10,
            alignment=TA_CENTER,
            fontName=f"{SERIF}-Italic",
            spaceAfter=4,
        ),
        "value": ParagraphStyle("value", body, fontName=f"{SERIF}-Italic", leftIndent=6 * mm),
        "indent": ParagraphStyle("indent", body, leftIndent=6 * mm),
        "title": ParagraphStyle(
            "title",
            body,
            fontName=f"{SERIF}-Bold",
            fontSize=13,
            leading=16.5,
            alignment=TA_CENTER,
            spaceAfter=6,
        ),
        "subtitle": ParagraphStyle("subtitle", body, alignment=TA_CENTER, spaceAfter=8),
        "heading": ParagraphStyle(
            "heading",
            body,
            fontName=f"{SERIF}-Bold",
            fontSize=11.5,
            leading=14.5,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "fact_heading": ParagraphStyle(
            "fact_heading",
            body,
            fontName=f"{SERIF}-Bold",
            fontSize=10.5,
            leading=13,
            spaceBefore=5,
            spaceAfter=2,
        ),
        "right": ParagraphStyle("right", body, alignment=2, fontSize=9, leading=11),
        "cell": ParagraphStyle("cell", fontName=SANS, fontSize=8, leading=9.8),
        # A fact beside its label (documents.summary): one page even in two languages.
        "fact": ParagraphStyle("fact", body, fontSize=9, leading=11, spaceAfter=0),
        "fact_bilingual": ParagraphStyle(
            "fact_bilingual", body, fontSize=8.5, leading=10.2, spaceAfter=0
        ),
        "cellhead": ParagraphStyle("cellhead", fontName=f"{SANS}-Bold", fontSize=8, leading=9.8),
    }


class Renderer:
    """Base of every form renderer: subclasses provide the story and identifiers."""

    doc_key = ""  # catalogue key of the document title, e.g. "doc.minutes.title"

    def __init__(self, lang: str):
        self.w = Wording(lang)
        # The footer is one line wide: in the bilingual layout it is in Kazakh only.
        self.fw = Wording(self.w.langs[0])
        self.st = styles()

    def story(self, data: Any) -> list[Any]:
        raise NotImplementedError

    def identity(self, data: Any) -> tuple[str, str, Any]:
        """(sitting line, document id, data the digest is computed over)."""
        raise NotImplementedError

    def render(self, data: Any) -> bytes:
        """The PDF of ``data`` as bytes (one document at a time in a process, see _RENDERING)."""
        with _RENDERING:
            return self._render(data)

    def _render(self, data: Any) -> bytes:
        sitting_line, doc_id, digest_source = self.identity(data)
        digest = document_digest(digest_source)
        title = self.w.text(self.doc_key)
        footer = Footer(
            lines=(
                f"{sitting_line} · {self.fw.text(self.doc_key)[:50]} · {doc_id}",
                f"SHA-256 {digest}",
            ),
            page_label=self.fw.text("doc.page_of"),
            qr_payload=f"KZC1|{doc_id}|sha256:{digest}",
        )
        buffer = BytesIO()
        template = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=LEFT,
            rightMargin=RIGHT,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=title,
            subject=doc_id,
            creator="kzcommission",
            lang=self.w.pdf_lang,
        )

        def canvasmaker(*args: Any, **kwargs: Any) -> NumberedCanvas:
            return NumberedCanvas(*args, footer=footer, **kwargs)

        template.build(self.story(data), canvasmaker=canvasmaker)
        return buffer.getvalue()


@lru_cache(maxsize=8192)
def _parsed(markup: str, style_name: str) -> tuple[Any, ...]:
    return tuple(Paragraph(markup, styles()[style_name]).frags)


def para(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A Paragraph whose markup is parsed once per process.

    The same labels recur on hundreds of forms of a pack; parsing their markup
    was a sixth of the run time. Parsed fragments are only read by layout, so
    they can be shared (tests compare cached and uncached output).
    """
    return Paragraph(markup, style, bullet, frags=list(_parsed(markup, style.name)))
