"""Certification sheet, extraordinary certification (Decree 490 Appendix 3, R-DOC-3).

Eight items, the chair's and secretary's signatures, the date, the
familiarisation line and the stamp place "МО"; the head's decision once recorded
(R-DOC-7). Item 7 is the adopted decision
(R-DEC-4); the vote itself is in the minutes.
"""

from __future__ import annotations

from typing import Any

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import field, grounds, long_field, signatures, stamp
from kzcommission.documents.data import CaseDoc, SittingDoc
from kzcommission.documents.minutes import sitting_line
from kzcommission.documents.sheet_regular import chair_name, secretary_name, sitting_header


class ExtraordinarySheetRenderer(Renderer):
    doc_key = "doc.xsheet.title_short"

    def identity(self, data: tuple[SittingDoc, CaseDoc]) -> tuple[str, str, Any]:
        sitting, case = data
        return (
            sitting_line(self.fw, sitting),
            f"X-{case.case_uuid[:8]}",
            {"document": "xsheet", "sitting": sitting_header(sitting), "case": case},
        )

    def story(self, data: tuple[SittingDoc, CaseDoc]) -> list[Any]:
        sitting, case = data
        w, st = self.w, self.st
        return [
            para(w.label("doc.xsheet.title", 10), st["title"]),
            field(w, st, "doc.xsheet.item1", case.person_name, "1"),
            field(w, st, "doc.xsheet.item2", w.date(case.birth_date), "2"),
            *long_field(w, st, "doc.xsheet.item3", case.education, "3"),
            field(w, st, "doc.xsheet.item4", case.specialty, "4"),
            field(w, st, "doc.xsheet.item5", case.position, "5"),
            field(w, st, "doc.xsheet.item6", case.rank, "6"),
            field(w, st, "doc.xsheet.item7", w.option(case.decision), "7"),
            *grounds(w, st, case),
            *long_field(w, st, "doc.xsheet.item8", case.notes, "8"),
            signatures(
                w,
                st,
                [
                    (w.label("doc.sheet.chair", 7), chair_name(case)),
                    (w.label("doc.sheet.secretary", 7), secretary_name(sitting)),
                ],
            ),
            field(w, st, "doc.xsheet.date", w.date(sitting.date)),
            # R-DOC-7: the head's decision, once recorded (the form has no line for it blank).
            *(
                long_field(w, st, "doc.sheet.head_decision", case.head_decision)
                if case.head_decision
                else []
            ),
            para(
                w.label("doc.sheet.familiarised", sex=case.person_sex) + ": " + "_" * 30,
                st["body"],
            ),
            para(w.inline("doc.xsheet.familiarised_note"), st["note"]),
            stamp(w, st),
        ]
