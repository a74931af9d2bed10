"""Familiarisation slip (R-DL-7; Order 880 §26, Decree 490 §21).

The results are communicated to the employee against signature within three
working days of signing the minutes, with a copy of the certification sheet.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import field, signatures
from kzcommission.documents.data import FamiliarisationDoc
from kzcommission.documents.minutes import sitting_line_of
from kzcommission.documents.wording import esc
from kzcommission.domain.kazakh import ATTRIBUTIVE


class FamiliarisationRenderer(Renderer):
    doc_key = "doc.familiarisation.title_short"

    def identity(self, data: FamiliarisationDoc) -> tuple[str, str, Any]:
        return (
            sitting_line_of(self.fw, data.sitting_number, data.sitting_date),
            f"F-{data.case_uuid[:8]}",
            {"document": "familiarisation", "data": data},
        )

    def story(self, data: FamiliarisationDoc) -> list[Any]:
        w, st = self.w, self.st
        grade = data.grade_assigned
        body = w.label(
            "doc.familiarisation.body",
            9,
            sex=data.person_sex,
            number=esc(data.sitting_number),
            date=w.date(data.sitting_date, ATTRIBUTIVE),  # kk "15 мамырдағы" (R-DOC-6)
            kind=w.text(f"doc.kind.{data.kind}"),
        )
        out: list[Any] = [
            para(w.label("doc.familiarisation.title", 10), st["title"]),
            field(w, st, "doc.familiarisation.name", data.person_name),
            field(w, st, "doc.position", data.position),
            Spacer(1, 4),
            para(body, st["body"]),
            field(w, st, "doc.minutes.decision", w.option(data.decision)),
        ]
        if grade:
            out.append(field(w, st, "doc.minutes.grade", f"{grade} ({w.grade_words(grade)})"))
        out += [
            field(w, st, "doc.familiarisation.signed", w.date(data.minutes_signed_on)),
            para(w.label("doc.familiarisation.copy", sex=data.person_sex), st["body"]),
            Spacer(1, 8),
            para(
                w.label("doc.familiarisation.signature", sex=data.person_sex) + ": " + "_" * 30,
                st["body"],
            ),
            para(w.inline("doc.sheet.familiarised_note"), st["note"]),
            signatures(w, st, [(w.label("doc.familiarisation.officer", 7), data.officer_name)]),
            field(w, st, "doc.position", data.officer_position),
        ]
        return out
