"""Flowable building blocks shared by the forms: fields, lists, tables, signatures.

User text always goes through :func:`esc` into a Paragraph, so it wraps and
splits across pages; only signature blocks are kept together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import unescape
from typing import Protocol

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from kzcommission.documents.base import FRAME_WIDTH, para
from kzcommission.documents.fonts import SANS
from kzcommission.documents.wording import Wording, esc
from kzcommission.domain.kinds import Appearance, Kind
from kzcommission.domain.names import Names

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
    w: Wording, st: dict, key: str, value: str | Names, number: str = "", **params: object
) -> Paragraph:
    """ "N. Label: value" on one paragraph; bilingual labels put the value on a new line.
    A name kept per language prints in the document's language(s)."""
    prefix = f"{number}. " if number else ""
    label = w.label(key, **params)
    sep = "<br/>" if w.bilingual else ": "
    return para(f"{prefix}{label}{sep}{value_markup(w.name(value))}", st["body"])


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
    columns = list(zip(header, *rows, strict=True))
    floors = [_longest_word(column, st["cellhead"]) + 2 * _CELL_PADDING + 1 for column in columns]
    table = Table(
        data, colWidths=fit_widths(widths, floors), repeatRows=1, splitInRow=1, hAlign="LEFT"
    )
    table.setStyle(_GRID)
    return table


_CELL_PADDING = 3  # points, left and right, as in _GRID
_TAG = re.compile(r"<[^>]+>")


def _longest_word(cells: Iterable[str], style: ParagraphStyle) -> float:
    """Width of the longest word of the cells' markup, measured in the bold face of the
    style (the widest used in a cell), so no column is narrower than a word."""
    words = (word for cell in cells for word in unescape(_TAG.sub(" ", cell)).split())
    return max((stringWidth(word, style.fontName, style.fontSize) for word in words), default=0)


def fit_widths(wanted: Sequence[float], floors: Sequence[float]) -> list[float]:
    """Column widths on the frame: in the proportions wanted, but none narrower than its
    floor (its longest word), so no word is broken inside ("Председател|ь"). The width a
    column needs is taken from the others in proportion to the room they have to spare.
    When even the floors do not fit the frame, they are scaled down together."""
    if sum(floors) >= FRAME_WIDTH:
        return [f * FRAME_WIDTH / sum(floors) for f in floors]
    widths = [w * FRAME_WIDTH / sum(wanted) for w in wanted]
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < floors[i] - 1e-6]
        if not short:
            break
        need = sum(floors[i] - widths[i] for i in short)
        for i in short:
            widths[i] = floors[i]
        spare = {i: widths[i] - floors[i] for i in range(len(widths)) if i not in short}
        total = sum(spare.values())
        for i, room in spare.items():
            widths[i] -= need * room / total
    return widths


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


class Decided(Protocol):
    """What the grounds of a decision read: a case of the sheet, or of the extract."""

    @property
    def kind(self) -> str: ...
    @property
    def appearance(self) -> str: ...
    @property
    def person_sex(self) -> str: ...
    @property
    def postponed(self) -> bool: ...
    @property
    def restricted(self) -> bool: ...
    @property
    def decision_rule(self) -> str: ...
    @property
    def decided_by_rule(self) -> bool: ...


def ground_keys(case: Decided) -> list[str]:
    """Catalogue keys of the grounds of a decision taken by rule (R-DOC-1, R-DOC-2 Readings).

    R-SIT-4 / R-SIT-5: a decision that follows from an unexcused absence; R-SIT-3 and
    the first unexcused absence of R-SIT-5: the case moved to a later sitting; R-DEC-5:
    only decisions 3) to 5) were open.
    """
    keys = []
    if case.decided_by_rule:
        keys.append(f"doc.ground.{case.decision_rule}")
    elif case.postponed and case.appearance == Appearance.ABSENT_EXCUSED:
        family = "extraordinary" if case.kind == Kind.EXTRAORDINARY else "regular"
        keys.append(f"doc.ground.R-SIT-3.{family}")
    elif case.postponed and case.appearance == Appearance.ABSENT_UNEXCUSED:
        keys.append("doc.ground.R-SIT-5.first")
    if case.restricted:
        keys.append("doc.ground.R-DEC-5")
    return keys


def grounds(w: Wording, st: dict, case: Decided) -> list:
    """The ground of every decision taken by rule, in words with its legal reference."""
    return [
        field(w, st, "doc.ground.label", w.text(key, sex=case.person_sex))
        for key in ground_keys(case)
    ]
