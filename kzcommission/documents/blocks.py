"""Flowable building blocks shared by the forms: fields, lists, tables, signatures.

User text always goes through :func:`esc` into a Paragraph, so it wraps and
splits across pages; only signature blocks are kept together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from kzcommission.documents.base import FRAME_WIDTH, para
from kzcommission.documents.fonts import SANS
from kzcommission.documents.wording import Wording, esc

BLANK = "_" * 28
CHECKED, UNCHECKED = "☒", "☐"

_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
)
_PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
    ]
)


def checkbox(marked: bool) -> str:
    # The ballot-box glyphs are in DejaVu Sans only.
    return f'<font name="{SANS}">{CHECKED if marked else UNCHECKED}</font>'


def value_markup(value: str) -> str:
    """A filled-in value: italic; an empty one is a line to fill by hand."""
    return f"<i>{esc(value)}</i>" if value and value.strip() else BLANK


def field(
    w: Wording, st: dict, key: str, value: str, number: str = "", **params: object
) -> Paragraph:
    """ "N. Label: value" on one paragraph; bilingual labels put the value on a new line."""
    prefix = f"{number}. " if number else ""
    label = w.label(key, **params)
    sep = "<br/>" if w.bilingual else ": "
    return para(f"{prefix}{label}{sep}{value_markup(value)}", st["body"])


def long_field(
    w: Wording, st: dict, key: str, value: str, number: str = "", **params: object
) -> list:
    """A label, then a long value in its own paragraphs (one per line of the text)."""
    prefix = f"{number}. " if number else ""
    out: list = [para(prefix + w.label(key, **params), st["body"])]
    lines = [line for line in (value or "").splitlines() if line.strip()] or [""]
    out += [para(value_markup(line), st["value"]) for line in lines]
    return out


def bullets(st: dict, items: Iterable[str]) -> list[Paragraph]:
    return [para(esc(text), st["value"], "–") for text in items]


def grid_table(
    st: dict, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> Table:
    """A ruled table of markup cells whose header repeats on every page."""
    data = [[para(cell, st["cellhead"]) for cell in header]]
    data += [[para(cell, st["cell"]) for cell in row] for row in rows]
    scale = FRAME_WIDTH / sum(widths)
    table = Table(
        data, colWidths=[w * scale for w in widths], repeatRows=1, splitInRow=1, hAlign="LEFT"
    )
    table.setStyle(_GRID)
    return table


def signatures(
    w: Wording, st: dict, rows: Sequence[tuple[str, str]], heading: str = ""
) -> KeepTogether:
    """Signature lines kept together: (label markup, printed name) per signatory."""
    line = f'{"_" * 22}<br/><font size="7">{w.inline("doc.signature")}</font>'
    data = [
        [
            para(label, st["small"]),
            para(line, st["small"]),
            para(esc(name), st["small"]),
        ]
        for label, name in rows
    ]
    flow: list = [Spacer(1, 4 * mm)]
    if heading:
        flow.append(para(heading, st["heading"]))
    if data:  # nobody marked present yet: a draft with no lines to sign (reportlab wants rows)
        table = Table(
            data,
            colWidths=[FRAME_WIDTH * 0.38, FRAME_WIDTH * 0.22, FRAME_WIDTH * 0.40],
            hAlign="LEFT",
        )
        table.setStyle(_PLAIN)
        flow.append(table)
    return KeepTogether(flow)


def stamp(w: Wording, st: dict) -> Paragraph:
    return para(f"<b>{w.inline('doc.stamp')}</b>", st["body"])


def kind_boxes(w: Wording, kind: str) -> str:
    """ "Type of certification: regular ☒; repeat ☐" (Order 880 App. 1 and 2)."""
    regular = f"{w.inline('doc.kind.regular_short')} – {checkbox(kind == 'regular')}"
    repeat = f"{w.inline('doc.kind.repeat_short')} – {checkbox(kind == 'repeat')}"
    text = f"{w.inline('doc.kind.label')}: {regular}; {repeat}"
    if kind == "extraordinary":
        text += f"; {w.inline('doc.kind.extraordinary_short')} – {checkbox(True)}"
    return text + f" ({w.inline('doc.kind.mark_x')})"
