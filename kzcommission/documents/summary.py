"""Personal-file extract of one decided case (R-DOC-7; Order 880 §28).

The certification sheet and the performance report are kept in the personal file,
and the decision approved by the head goes into the service record. No seed prints
a form for the second: this one-page extract is the product's own. It repeats what
the sheet decided (the decision as the sheet words it, the ground of a decision
taken by rule, the grade under Order 880) and adds what followed, as recorded: the
minutes signed, the results communicated against signature (R-DL-7), the head's
decision in force with its order number and date, or a line saying it is not
recorded yet, and the appeals (R-DOC-8). The personnel officer signs and dates it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from kzcommission.documents.base import FRAME_WIDTH, Renderer, para
from kzcommission.documents.blocks import ground_keys, signatures, value_markup
from kzcommission.documents.data import AppealLine, SummaryDoc
from kzcommission.documents.minutes import sitting_line_of
from kzcommission.domain.kazakh import ATTRIBUTIVE, LOCATIVE
from kzcommission.domain.kinds import NO_GRADE_OPTION, Kind, grade_of
from kzcommission.domain.names import Names

Row = tuple[str, str]  # (label markup, value markup)
_FACTS = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
)


class SummaryRenderer(Renderer):
    doc_key = "doc.summary.title_short"

    def identity(self, data: SummaryDoc) -> tuple[str, str, Any]:
        return (
            sitting_line_of(self.fw, data.sitting_number, data.sitting_date),
            f"P-{data.case_uuid[:8]}",
            {"document": "summary", "data": data},
        )

    def story(self, data: SummaryDoc) -> list[Any]:
        w, st = self.w, self.st
        on = w.dated(data.sitting_date, ATTRIBUTIVE)  # kk "17 қыркүйектегі № 1"
        sitting = w.text("doc.summary.sitting_value", number=data.sitting_number, date=on)
        person = [
            self._row("doc.familiarisation.name", data.person_name),
            self._row("doc.position", data.position),
            self._row("doc.summary.unit", data.unit),
        ]
        certification = [
            self._row("doc.kind.label", w.text(f"doc.kind.{data.kind}")),
            self._row("doc.summary.commission", data.commission_name),
            self._row("doc.summary.sitting", sitting),
            self._row("doc.place", data.place),
            self._row("doc.summary.decision", w.option(data.decision)),
            *[
                self._row("doc.ground.label", w.text(key, sex=data.person_sex))
                for key in ground_keys(data)
            ],
            *self._grade(data),
        ]
        after = [
            self._row("doc.familiarisation.signed", self._on(data.minutes_signed_on)),
            self._row("doc.summary.familiarised", self._on(data.familiarised_on)),
            self._head(data),
            *self._appeals(data),
        ]
        return [
            para(w.label("doc.summary.title", 10), st["title"]),
            para(self._kept(data), st["note"]),
            para(f"1. {w.inline('doc.summary.person')}", st["fact_heading"]),
            self._table(person),
            para(f"2. {w.inline('doc.summary.certification')}", st["fact_heading"]),
            self._table(certification),
            para(f"3. {w.inline('doc.summary.after')}", st["fact_heading"]),
            self._table(after),
            # The officer who enters it signs and dates it; the name column takes the date.
            signatures(
                w,
                st,
                [
                    (
                        w.label("doc.familiarisation.officer", 7),
                        f"{w.text('doc.date')}: {w.date(None)}",
                    )
                ],
            ),
        ]

    # -- the facts: a label and its value side by side, so the bilingual layout (each label
    # in Kazakh over Russian) still fits one page.
    def _row(self, key: str, value: str | Names, note: str = "") -> Row:
        w = self.w
        markup = value_markup(w.name(value))
        if note:
            markup += f"<br/>{note}"
        return (w.label(key, 7), markup)

    def _table(self, rows: list[Row]) -> Table:
        # Two languages in every cell: a size smaller, so the extract keeps to one page.
        style = self.st["fact_bilingual" if self.w.bilingual else "fact"]
        data = [[para(label, style), para(value, style)] for label, value in rows]
        table = Table(data, colWidths=[FRAME_WIDTH * 0.35, FRAME_WIDTH * 0.65], hAlign="LEFT")
        table.setStyle(_FACTS)
        return table

    def _on(self, day: date | None) -> str:
        """A recorded date, or the line saying it is not recorded yet."""
        return self.w.date(day) if day else self.w.text("doc.summary.not_recorded")

    def _grade(self, data: SummaryDoc) -> list[Row]:
        """The grade outcome, Order 880 only (Decree 490 assigns none): the grade in figures
        and words (R-DOC-6), or "no grounds"."""
        w = self.w
        if data.kind == Kind.EXTRAORDINARY or not data.grade_option:
            return []  # no grade at stake (a negative decision, one taken by rule)
        grade = grade_of(data.grade_option)
        value = f"{grade} ({w.grade_words(grade)})" if grade else w.option(NO_GRADE_OPTION)
        # R-DEC-3: worded as the sheet words it.
        note = w.inline("doc.grade_without_vote") if data.grade_without_vote else ""
        return [self._row("doc.minutes.grade", value, note)]

    def _head(self, data: SummaryDoc) -> Row:
        """R-DOC-7: the head's decision in force (a change replaced it), with its order
        number and date; or the line saying it is not recorded yet."""
        w = self.w
        head = data.head
        if head is None:
            return self._row("doc.sheet.head_decision", w.text("doc.summary.not_recorded"))
        if head.order_number:  # kk "2024 жылғы 1 қарашадағы № 15-к бұйрық"
            day = w.dated(head.decided_on, ATTRIBUTIVE)
            order = w.text("doc.summary.head_order", number=head.order_number, date=day)
        else:
            order = w.text("doc.summary.head_dated", date=w.dated(head.decided_on))
        lines = [line for line in head.text.splitlines() if line.strip()]
        markup = "<br/>".join(value_markup(line) for line in [*lines, order])
        return (w.label("doc.sheet.head_decision", 7), markup)

    def _appeals(self, data: SummaryDoc) -> list[Row]:
        """One line: every appeal of the case in the order filed (R-DOC-8), or none filed."""
        w = self.w
        if not data.appeals:
            return [self._row("doc.summary.appeal", w.text("doc.summary.appeal.none"))]
        markup = "<br/>".join(value_markup(self._appeal(a)) for a in data.appeals)
        return [(w.label("doc.summary.appeal", 7), markup)]

    def _appeal(self, appeal: AppealLine) -> str:
        w = self.w
        # kk "5 қарашада берілді": the Kazakh date takes the locative ending.
        filed = w.text("doc.summary.appeal.filed", date=w.dated(appeal.filed_on, LOCATIVE))
        if appeal.outcome == "pending" or appeal.outcome_on is None:
            return f"{filed}; {w.text('doc.summary.appeal.pending')}"
        day = w.dated(appeal.outcome_on, LOCATIVE)
        outcome = w.text(f"doc.summary.appeal.{appeal.outcome}", date=day)
        return f"{filed}; {outcome}"

    def _kept(self, data: SummaryDoc) -> str:
        """Why the extract exists, with the Order's paragraph for its own certifications."""
        key = "doc.summary.kept" if data.kind == Kind.EXTRAORDINARY else "doc.summary.kept_880"
        return self.w.label(key, 7)
