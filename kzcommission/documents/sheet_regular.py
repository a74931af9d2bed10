"""Certification sheet, regular and repeat certification (Order 880 Appendix 1, R-DOC-2).

All 14 items; items 10-12 are filled from the recorded vote (R-VOTE-1): the
counts of the last round of each subject, the one that adopted the result,
then the adopted decision, the casting vote where it decided (R-VOTE-3) and
the ground of a decision taken by rule (R-SIT-4). R-DOC-2 Reading: item 4 is
the position, date of appointment and current grade; items 5 and 6 lengths of
service to the sitting's date; item 10 the members present when the case was
decided; the head's decision once recorded (R-DOC-7).
The grade is printed in figures and in words in the document's language (R-DOC-6).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import (
    field,
    grounds,
    kind_boxes,
    long_field,
    signatures,
    stamp,
)
from kzcommission.documents.data import CaseDoc, RoundDoc, SittingDoc
from kzcommission.documents.minutes import sitting_line
from kzcommission.documents.wording import esc
from kzcommission.domain.kinds import NO_GRADE_OPTION, REGULAR_OPTIONS, Role, grade_of


def sitting_header(sitting: SittingDoc) -> dict[str, Any]:
    """The sitting facts a case document shows, for its digest."""
    return {
        "uuid": sitting.sitting_uuid,
        "number": sitting.number,
        "date": sitting.date,
        "place": sitting.place,
        "commission": sitting.commission_name,
    }


def chair_name(case: CaseDoc) -> str:
    """Who signs as chair: who presided over THIS case, never an absent chair (R-VOTE-4)."""
    return case.presiding


def secretary_name(sitting: SittingDoc) -> str:
    secretary = sitting.with_role(Role.SECRETARY)
    return secretary[0].sitter if secretary else ""


def last_round(rounds: tuple[RoundDoc, ...]) -> RoundDoc | None:
    """The counted round that decided (a round discarded under R-DEC-5 never does)."""
    counted = [r for r in rounds if not r.discarded]
    return counted[-1] if counted else None


class RegularSheetRenderer(Renderer):
    doc_key = "doc.sheet.title_short"

    def identity(self, data: tuple[SittingDoc, CaseDoc]) -> tuple[str, str, Any]:
        sitting, case = data
        return (
            sitting_line(self.fw, sitting),
            f"S-{case.case_uuid[:8]}",
            {"document": "sheet", "sitting": sitting_header(sitting), "case": case},
        )

    def story(self, data: tuple[SittingDoc, CaseDoc]) -> list[Any]:
        sitting, case = data
        w, st = self.w, self.st
        position = w.text(
            "doc.sheet.item4_value",
            position=case.position,
            date=w.date(case.appointment_date),
            grade=case.grade or "—",
        )
        out: list[Any] = [
            para(w.label("doc.sheet.title", 10), st["title"]),
            para(kind_boxes(w, case.kind), st["body"]),
            field(w, st, "doc.sheet.item1", case.person_name, "1"),
            field(w, st, "doc.sheet.item2", w.date(case.birth_date), "2"),
            *long_field(w, st, "doc.sheet.item3", case.education, "3"),
            *long_field(w, st, "doc.sheet.item4", position, "4"),
            field(w, st, "doc.sheet.item5", w.service(case.service_total), "5"),
            field(w, st, "doc.sheet.item6", w.service(case.service_in_position), "6"),
            *long_field(w, st, "doc.sheet.item7", case.comments, "7"),
            *long_field(w, st, "doc.sheet.item8", case.opinion, "8"),
            *long_field(w, st, "doc.sheet.item9", case.supervisor_assessment, "9"),
            # R-DOC-6: the count in the plural form its language takes (CLDR, Babel).
            para("10. " + w.counted("doc.sheet.item10", case.members_present), st["body"]),
        ]
        out += self._item11(case)
        out += self._item12(case)
        out += long_field(w, st, "doc.sheet.item13", case.recommendations, "13")
        out += long_field(w, st, "doc.sheet.item14", case.notes, "14")
        out += self._closing(sitting, case)
        return out

    def _votes_line(self, key: str, rnd: RoundDoc | None, option: str, n: str) -> Paragraph:
        count = "—"
        if rnd is not None and option in rnd.options:
            count = str(rnd.counts.get(option, 0))
        text = f"{n}) {self.w.inline(key)}: <b>{count}</b>"
        return para(text, self.st["indent"])

    def _item11(self, case: CaseDoc) -> list[Any]:
        w, st = self.w, self.st
        rnd = last_round(case.decision_rounds)
        out: list[Any] = [para("11. " + w.label("doc.sheet.item11"), st["body"])]
        for i, option in enumerate(REGULAR_OPTIONS, start=1):
            out.append(self._votes_line(f"doc.sheet.votes.{option}", rnd, option, str(i)))
        if rnd is not None and rnd.number > 1:
            out.append(para(w.inline("doc.sheet.round_note", number=rnd.number), st["note"]))
        # The adopted decision, the casting vote where it decided, a decision by rule's ground.
        out.append(field(w, st, "doc.sheet.adopted", w.option(case.decision)))
        if rnd is not None and rnd.casting_vote_used:
            out.append(para(w.inline("doc.minutes.casting_vote"), st["note"]))
        out += grounds(w, st, case)
        return out

    def _item12(self, case: CaseDoc) -> list[Any]:
        w, st = self.w, self.st
        rnd = last_round(case.grade_rounds)
        out: list[Any] = [para("12. " + w.label("doc.sheet.item12"), st["body"])]
        grades = [o for o in (rnd.options if rnd else ()) if grade_of(o) is not None]
        if not grades:
            out.append(
                para(
                    f"1) {w.inline('doc.sheet.grade_votes', grade=BLANK_GRADE)}: <b>—</b>",
                    st["value"],
                )
            )
        for option in grades:
            grade = grade_of(option) or ""
            words = esc(f"{grade} ({w.grade_words(grade)})")
            text = w.inline("doc.sheet.grade_votes", grade="\x00")
            text = text.replace("\x00", f"<u>{words}</u>")
            out.append(para(f"1) {text}: <b>{rnd.counts.get(option, 0)}</b>", st["indent"]))
        out.append(para(w.inline("doc.sheet.grade_separately"), st["note"]))
        if case.grade_without_vote:  # R-DEC-3 Reading: the sheet says so
            out.append(para(w.inline("doc.grade_without_vote"), st["note"]))
        out.append(self._votes_line("doc.sheet.votes.no_grade", rnd, NO_GRADE_OPTION, "2"))
        grade = case.grade_assigned
        if rnd is not None and rnd.casting_vote_used:
            out.append(para(w.inline("doc.minutes.casting_vote"), st["note"]))
        out.append(field(w, st, "doc.sheet.summary", grade or ""))
        out.append(para(w.inline("doc.sheet.in_figures"), st["note"]))
        out.append(para(f"<i>{esc(w.grade_words(grade))}</i>" if grade else "_" * 40, st["value"]))
        out.append(para(w.inline("doc.sheet.in_words"), st["note"]))
        return out

    def _closing(self, sitting: SittingDoc, case: CaseDoc) -> list[Any]:
        w, st = self.w, self.st
        rows = [
            (w.label("doc.sheet.chair", 7), chair_name(case)),
            (w.label("doc.sheet.secretary", 7), secretary_name(sitting)),
        ]
        members = [  # the member presiding over the case signs once, as its chair
            m.sitter
            for m in sitting.with_role(Role.MEMBER)
            if m.attended and m.sitter != case.presiding
        ]
        rows += [
            (w.label("doc.sheet.members", 7) if i == 0 else "", name)
            for i, name in enumerate(members)
        ]
        return [
            signatures(w, st, rows),
            field(w, st, "doc.sheet.date", w.date(sitting.date)),
            *long_field(w, st, "doc.sheet.head_decision", case.head_decision),
            para(
                w.label("doc.sheet.familiarised", sex=case.person_sex) + ": " + "_" * 30,
                st["body"],
            ),
            para(w.inline("doc.sheet.familiarised_note"), st["note"]),
            stamp(w, st),
        ]


BLANK_GRADE = "_" * 12
