"""Written notice of the certification date (R-DL-1; Order 880 §11, Decree 490 §5).

Handed at least a month before the certification starts; the employee signs
the receipt line, which is what proves the deadline was kept.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import field, signatures
from kzcommission.documents.data import NoticeDoc
from kzcommission.documents.wording import esc
from kzcommission.domain.kazakh import LOCATIVE


class NoticeRenderer(Renderer):
    doc_key = "doc.notice.title_short"

    def identity(self, data: NoticeDoc) -> tuple[str, str, Any]:
        return (
            self.fw.name(data.organisation)[:50],
            f"N-{data.notice_id[:8]}",
            {"document": "notice", "data": data},
        )

    def story(self, data: NoticeDoc) -> list[Any]:
        w, st = self.w, self.st
        basis = (
            "doc.notice.basis_extraordinary"
            if data.kind == "extraordinary"
            else "doc.notice.basis_regular"
        )
        when = w.date(data.certification_date, LOCATIVE)  # kk "15 мамырда" (R-DOC-6)
        if data.at:
            when += f", {w.time(data.at)}"
        body = w.label(
            "doc.notice.body",
            9,
            kind=w.text(f"doc.notice.kind.{data.kind}"),
            date=when,
            place=data.place,
            basis=w.text(basis),
        )
        return [
            para(esc(w.name(data.organisation)), st["subtitle"]),
            para(w.label("doc.notice.title", 10), st["title"]),
            field(w, st, "doc.notice.to", data.person_name),
            field(w, st, "doc.position", data.position),
            Spacer(1, 6),
            para(body, st["body"]),
            signatures(w, st, [(w.label("doc.notice.officer", 7), data.officer_name)]),
            field(w, st, "doc.position", data.officer_position),
            field(w, st, "doc.notice.issued", w.date(data.issued_on)),
            Spacer(1, 10),
            para(w.label("doc.notice.received", sex=data.person_sex) + ": " + "_" * 30, st["body"]),
            para(w.inline("doc.notice.received_note"), st["note"]),
        ]
