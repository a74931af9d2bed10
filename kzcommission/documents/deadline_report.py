"""Report on the deadlines of certification cases (RULEBOOK section 3: R-DL-1..R-DL-9).

One line per deadline of a case: the rule id, the step, the last on-time day in
Kazakhstan working days, when it was done, and where it stands; provisional
deadlines (a calendar year not final in the holiday library, R-DL-9) are
marked with an asterisk and explained under the title. Data in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Spacer, TableStyle

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import grid_table
from kzcommission.documents.due_list import provisional_note, short_date
from kzcommission.documents.wording import esc
from kzcommission.domain.names import Names

# Background of the status cell; the same meaning as the dashboard's colours.
STATUS_COLOURS = {
    "done": colors.Color(0.85, 0.94, 0.85),
    "done_late": colors.Color(0.98, 0.9, 0.75),
    "due_soon": colors.Color(1.0, 0.95, 0.7),
    "overdue": colors.Color(0.98, 0.8, 0.8),
    "pending": colors.white,
}


@dataclass(frozen=True)
class DeadlineLine:
    name: str
    sitting_date: date
    kind: str
    rule_id: str
    step: str
    due: date | None
    done_on: date | None
    status: str
    provisional: bool = False


@dataclass(frozen=True)
class DeadlineReportDoc:
    organisation: str | Names  # printed in the document's language(s)
    as_of: date
    lines: tuple[DeadlineLine, ...]
    provisional_years: tuple[int, ...] = ()


class DeadlineReportRenderer(Renderer):
    doc_key = "doc.deadlines.title_short"

    def identity(self, data: DeadlineReportDoc) -> tuple[str, str, Any]:
        return (
            self.fw.name(data.organisation)[:50],
            f"R-{data.as_of.strftime('%Y%m%d')}",
            {"document": "deadline_report", "data": data},
        )

    def story(self, data: DeadlineReportDoc) -> list[Any]:
        w, st = self.w, self.st
        out: list[Any] = [
            para(esc(self.w.name(data.organisation)), st["subtitle"]),
            para(w.label("doc.deadlines.title", 10), st["title"]),
            para(w.label("doc.deadlines.as_of", date=w.date(data.as_of)), st["subtitle"]),
        ]
        if data.provisional_years:
            out.append(para("* " + provisional_note(w, data.provisional_years), st["note"]))
        counts = dict.fromkeys(STATUS_COLOURS, 0)
        for line in data.lines:
            counts[line.status] += 1
        out.append(para(w.inline("doc.deadlines.summary", **counts), st["body"]))
        header = [
            w.inline("doc.col.name"),
            w.inline("doc.deadlines.col.sitting"),
            w.inline("doc.deadlines.col.rule"),
            w.inline("doc.deadlines.col.step"),
            w.inline("doc.deadlines.col.due"),
            w.inline("doc.deadlines.col.done"),
            w.inline("doc.deadlines.col.status"),
        ]
        rows = []
        for line in data.lines:
            due = short_date(line.due) + (" *" if line.provisional else "")
            rows.append(
                [
                    esc(line.name),
                    f"{short_date(line.sitting_date)}<br/>{w.inline(f'doc.kind.{line.kind}_short')}",
                    line.rule_id,
                    w.inline(f"prep.step.{line.step}"),
                    due,
                    short_date(line.done_on),
                    w.inline(f"prep.status.{line.status}"),
                ]
            )
        if not rows:
            out.append(para(w.inline("doc.due.none"), st["body"]))
            return out
        table = grid_table(st, header, rows, (30, 20, 15, 28, 21, 24, 24))
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (6, i), (6, i), STATUS_COLOURS[line.status])
                    for i, line in enumerate(data.lines, start=1)
                ]
            )
        )
        out += [Spacer(1, 4), table]
        return out
