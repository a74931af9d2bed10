"""The half-yearly list of employees due for certification (R-ELIG-5, Order 880 §9).

Data in (:class:`DueListDoc`, filled by :func:`kzcommission.services.preparation.due.due_list_doc`),
PDF bytes out. Each line names the window and the rule that set it (R-ELIG-1..6);
the excluded follow with their reason. Years whose working-day calendar is not
final are stated under the title (R-DL-9).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.platypus import Spacer

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import grid_table, signatures
from kzcommission.documents.wording import Wording, esc
from kzcommission.domain.names import Names


@dataclass(frozen=True)
class DueLine:
    personnel_number: str
    name: str
    position: str | Names  # printed in the document's language(s)
    window_start: date | None
    window_end: date | None
    reason: str  # a reason id of the domain (reason.<id> in the catalogue)
    rule_id: str
    overdue: bool = False


@dataclass(frozen=True)
class DueListDoc:
    organisation: str | Names
    start: date
    end: date
    compiled_on: date
    due: tuple[DueLine, ...]
    excluded: tuple[DueLine, ...]
    provisional_years: tuple[int, ...] = ()
    officer_name: str = ""


def short_date(value: date | None) -> str:
    """dd.mm.yyyy: the same in the three languages, and narrow enough for a table column."""
    return value.strftime("%d.%m.%Y") if value else ""


def reason_text(w: Wording, reason: str) -> str:
    """Label of a reason id; "invalid_record:<field>" keeps the field after the label."""
    base, _, field = reason.partition(":")
    text = w.text(f"prep.reason.{base}")
    return f"{text} ({field})" if field else text


def provisional_note(w: Wording, years: tuple[int, ...]) -> str:
    return w.inline("doc.provisional", years=", ".join(str(y) for y in years))


class DueListRenderer(Renderer):
    doc_key = "doc.due.title_short"

    def identity(self, data: DueListDoc) -> tuple[str, str, Any]:
        return (
            self.fw.name(data.organisation)[:50],
            f"D-{data.start.strftime('%Y%m%d')}",
            {"document": "due_list", "data": data},
        )

    def _window(self, line: DueLine) -> str:
        end = short_date(line.window_end) if line.window_end else self.w.text("doc.due.open_end")
        text = f"{short_date(line.window_start)} – {end}"
        if line.overdue:
            text += f"<br/><b>{self.w.inline('doc.due.overdue')}</b>"
        return text

    def story(self, data: DueListDoc) -> list[Any]:
        w, st = self.w, self.st
        period = w.label("doc.due.period", start=w.date(data.start), end=w.date(data.end))
        out: list[Any] = [
            para(esc(w.name(data.organisation)), st["subtitle"]),
            para(w.label("doc.due.title", 10), st["title"]),
            para(period, st["subtitle"]),
        ]
        if data.provisional_years:
            out.append(para(provisional_note(w, data.provisional_years), st["note"]))
        header = [
            w.inline("doc.col.no"),
            w.inline("doc.due.col.number"),
            w.inline("doc.col.name"),
            w.inline("doc.col.position"),
            w.inline("doc.due.col.window"),
            w.inline("doc.due.col.reason"),
        ]
        rows = [
            [
                str(i),
                esc(line.personnel_number),
                esc(line.name),
                esc(w.name(line.position)),
                self._window(line),
                f"{esc(reason_text(w, line.reason))} ({line.rule_id})",
            ]
            for i, line in enumerate(data.due, start=1)
        ]
        widths = (6, 14, 36, 28, 24, 30)
        out.append(
            grid_table(st, header, rows, widths)
            if rows
            else para(w.inline("doc.due.none"), st["body"])
        )
        out += [Spacer(1, 8), para(w.label("doc.due.excluded"), st["heading"])]
        excluded = [
            [
                str(i),
                esc(line.personnel_number),
                esc(line.name),
                esc(w.name(line.position)),
                f"{esc(reason_text(w, line.reason))} ({line.rule_id})",
            ]
            for i, line in enumerate(data.excluded, start=1)
        ]
        if excluded:
            out.append(grid_table(st, header[:4] + header[5:], excluded, (6, 14, 40, 34, 40)))
        else:
            out.append(para(w.inline("doc.due.none"), st["body"]))
        out.append(signatures(w, st, [(w.label("doc.due.compiled", 7), data.officer_name)]))
        out.append(para(f"{w.inline('doc.date')}: {w.date(data.compiled_on)}", st["body"]))
        return out
