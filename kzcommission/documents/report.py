"""The consolidated certification report as a PDF: the tables of ``report_tables`` with
the charts of ``report_charts`` drawn in (PNG at 200 dpi, sharp on print).

Data in, PDF bytes out, on the shared renderer base (fonts with the Kazakh letters,
footer with the digest and QR). The footer names the period and the commission.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

from kzcommission.documents import report_charts
from kzcommission.documents.base import FRAME_WIDTH, Renderer, para
from kzcommission.documents.fonts import SANS
from kzcommission.documents.report_tables import Section, day, heading, sections
from kzcommission.documents.wording import esc

if TYPE_CHECKING:
    from kzcommission.documents.report_data import ConsolidatedReport

GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("FONTNAME", (0, 1), (-1, -1), SANS),
        ("FONTSIZE", (0, 1), (-1, -1), 7.5),
    ]
)
# Relative column widths per section; the first column (names) takes what is left.
WIDTHS: dict[str, tuple[float, ...]] = {
    "decisions": (3, 1, 1),
    "sittings": (1.1, 1.6, 2.8, 1.4, 1.3, 1.4, 1.1, 1.2, 1.2),
    "members": (3, 1.3, 2.6, 1, 1, 1, 0.8, 0.8),
    "deadlines": (1, 4, 1, 1, 1, 1, 1),
    "evaluation": (2.2, 3, 1, 1),
    "appeals": (2.6, 0.9, 1.2, 1.1, 1.1, 1.5),
}


class ReportRenderer(Renderer):
    doc_key = "report.title"

    @property
    def lang(self) -> str:
        return self.w.langs[0]  # tables and charts are in one language

    def identity(self, data: ConsolidatedReport) -> tuple[str, str, Any]:
        f = data.filter
        # The footer's first line is short: the page label shares its width.
        period = f"{day(f.date_from) or '…'}–{day(f.date_to) or '…'}"
        scope = f"C{f.commission_id}" if f.commission_id is not None else "*"
        stamp = "".join(c for c in f"{f.date_from or ''}{f.date_to or ''}" if c.isdigit())
        return (
            f"{period} · {scope}",
            f"RPT-{stamp or 'all'}",
            {"document": "report", "data": data},
        )

    def _table(self, section: Section) -> Table:
        cell = self.st["cell"]
        # Smaller headings: Kazakh column names are long and numeric columns narrow.
        head = ParagraphStyle("reporthead", self.st["cellhead"], fontSize=7, leading=8.5)
        rows: list[list[Any]] = [[Paragraph(esc(h), head) for h in section.header]]
        # Plain strings for numbers and dates (a Paragraph per cell made a campaign of
        # 2,000 sittings take tens of seconds); Paragraphs only where text may wrap.
        rows += [
            [Paragraph(esc(v), cell) if isinstance(v, str) and len(v) > 14 else _text(v)
             for v in row]
            for row in section.rows
        ]  # fmt: skip
        weights = WIDTHS.get(section.key, (1,) * len(section.header))
        unit = FRAME_WIDTH / sum(weights)
        return Table(rows, colWidths=[w * unit for w in weights], repeatRows=1, style=GRID)

    def _chart(self, figure: Any) -> Image:
        data = report_charts.png(figure)
        width_in, height_in = figure.get_size_inches()
        scale = FRAME_WIDTH / (width_in * 72)
        return Image(BytesIO(data), width=FRAME_WIDTH, height=height_in * 72 * scale)

    def charts(self, data: ConsolidatedReport) -> dict[str, Any]:
        lang = self.lang
        found: dict[str, Any] = {}
        if data.decisions.decided:
            found["decisions"] = report_charts.decisions_figure(data.decisions, lang)
        if data.attendance.sittings:
            found["sittings"] = report_charts.quorum_figure(data.attendance, lang)
        if data.deadlines.rows:
            found["deadlines"] = report_charts.deadlines_figure(data.deadlines, lang)
        return found

    def story(self, data: ConsolidatedReport) -> list[Any]:
        st, lang = self.st, self.lang
        title, *lines = heading(data, lang)
        story: list[Any] = [para(esc(title), st["title"])]
        for i, line in enumerate(lines):
            story.append(para(esc(line), st["subtitle" if i == 0 else "small"]))
        figures = self.charts(data)
        for section in sections(data, lang):
            story.append(para(esc(section.title), st["heading"]))
            if section.note:
                story.append(para(esc(section.note), st["small"]))
            if section.key in figures:
                story.append(self._chart(figures[section.key]))
                story.append(Spacer(1, 2 * mm))
            if section.header:
                story.append(self._table(section))
        return story


def _text(value: object) -> str:
    if isinstance(value, date):
        return day(value)
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u00a0")  # thin grouping, no locale needed
    return str(value)
