"""Member scorecard (Order 880 Appendix 2, R-DOC-4): one per member per case.

Several scorecards may share one PDF (``render_many``): the pack prints one
file per member, which is far cheaper than one file per card because the fonts
are embedded once per file. Each card starts on a new page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import PageBreak

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import field, kind_boxes, long_field, signatures
from kzcommission.documents.data import CaseDoc, ScorecardDoc, SittingDoc
from kzcommission.documents.minutes import sitting_line
from kzcommission.documents.sheet_regular import secretary_name, sitting_header
from kzcommission.domain.kinds import NO_GRADE_OPTION, grade_of

Card = tuple[SittingDoc, CaseDoc, ScorecardDoc]


class ScorecardRenderer(Renderer):
    doc_key = "doc.scorecard.title_short"

    def identity(self, data: Sequence[Card]) -> tuple[str, str, Any]:
        sitting = data[0][0]
        ids = ",".join(f"{c.case_uuid[:8]}" for _, c, _ in data[:3])
        more = "…" if len(data) > 3 else ""
        digest_source = {
            "document": "scorecards",
            "sitting": sitting_header(sitting),
            "cards": [
                {"case": c.case_uuid, "person": c.person_name, "card": card} for _, c, card in data
            ],
        }
        return sitting_line(self.fw, sitting), f"C-{ids}{more}", digest_source

    def render_card(self, sitting: SittingDoc, case: CaseDoc, card: ScorecardDoc) -> bytes:
        return self.render([(sitting, case, card)])

    def render_many(self, cards: Sequence[Card]) -> bytes:
        return self.render(list(cards))

    def story(self, data: Sequence[Card]) -> list[Any]:
        out: list[Any] = []
        for i, card in enumerate(data):
            if i:
                out.append(PageBreak())
            out += self._card(*card)
        return out

    def _card(self, sitting: SittingDoc, case: CaseDoc, card: ScorecardDoc) -> list[Any]:
        w, st = self.w, self.st
        grade = grade_of(card.grade_option or "")
        fits_grade = f"{grade} ({w.grade_words(grade)})" if grade else ""
        no_grade = w.text("doc.yes") if card.grade_option == NO_GRADE_OPTION else ""
        return [
            para(w.label("doc.scorecard.title", 10), st["title"]),
            para(w.label("doc.scorecard.subtitle"), st["subtitle"]),
            para(kind_boxes(w, case.kind), st["body"]),
            field(w, st, "doc.scorecard.name", case.person_name),
            field(w, st, "doc.position", case.position),
            field(w, st, "doc.scorecard.score", w.score(card.score)),
            para(w.inline("doc.scorecard.score_note"), st["note"]),
            field(w, st, "doc.scorecard.decision", w.option(card.decision)),
            para(w.inline("doc.scorecard.decision_note"), st["note"]),
            *long_field(w, st, "doc.scorecard.grounds", card.decision_grounds),
            field(w, st, "doc.scorecard.fits_grade", fits_grade),
            field(w, st, "doc.scorecard.no_grade", no_grade),
            *long_field(w, st, "doc.scorecard.grade_grounds", card.grade_grounds),
            signatures(
                w,
                st,
                [
                    (w.label("doc.scorecard.member", 7), card.member),
                    (w.label("doc.sheet.secretary", 7), secretary_name(sitting)),
                ],
            ),
            # R-DOC-4 Reading: dated the day of the sitting, whenever it was typed in.
            field(w, st, "doc.date", w.date(sitting.date)),
        ]
