"""Performance characteristic, extraordinary certification (Decree 490 Appendix 2, R-DOC-5).

Six sections, worded as the Decree prints them (the Kazakh text word for word,
the Russian and English renderings in full); section 5 (results of the unit the
person leads) applies only to leaders (domain.leading): for others it is left
out, the sections keep the Decree's numbers, and the note "* applies to persons
holding leading positions" says why. Drawn up by the supervisor at least three
weeks before the sitting (R-DL-4).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from kzcommission.documents.base import FRAME_WIDTH, Renderer, para, styles
from kzcommission.documents.blocks import field, long_field, signatures, stamp
from kzcommission.documents.data import CharacteristicDoc

HAND_LINES = 4  # lines left for a section the supervisor fills in by hand


@cache
def _writing_line() -> str:
    """Underscores across the frame, in the style of a filled-in value."""
    style = styles()["value"]
    width = FRAME_WIDTH - style.leftIndent - 2 * 6  # the frame pads 6 pt each side
    return "_" * int(width // stringWidth("_", style.fontName, style.fontSize) - 1)


class CharacteristicRenderer(Renderer):
    doc_key = "doc.characteristic.title_short"

    def identity(self, data: CharacteristicDoc) -> tuple[str, str, Any]:
        return (
            self.w.text("doc.characteristic.title_short"),
            f"H-{data.case_uuid[:8]}",
            {"document": "characteristic", "data": data},
        )

    def story(self, data: CharacteristicDoc) -> list[Any]:
        w, st = self.w, self.st
        out: list[Any] = [
            para(w.label("doc.characteristic.title", 10), st["title"]),
            field(w, st, "doc.characteristic.name", data.person_name),
            field(w, st, "doc.position", data.position),
            field(w, st, "doc.characteristic.appointed", w.date(data.appointment_date)),
            field(w, st, "doc.rank", data.rank),
        ]
        sections = [
            ("1", data.duties),
            ("2", data.knowledge),
            ("3", data.legality),
            ("4", data.personal_qualities),
        ]
        if data.is_leader:
            sections.append(("5", data.unit_results or ""))
        sections.append(("6", data.overall))
        for number, text in sections:
            label = f"doc.characteristic.section{number}"
            if text and text.strip():
                out += long_field(w, st, label, text, number)
            else:  # the supervisor writes it by hand: lines across the page
                out.append(para(f"{number}. {w.label(label)}", st["body"]))
                out += [para(_writing_line(), st["value"]) for _ in range(HAND_LINES)]
        out += [
            signatures(w, st, [(w.label("doc.characteristic.author", 7), data.author_name)]),
            field(w, st, "doc.position", data.author_position),
            field(w, st, "doc.rank", data.author_rank),
            field(w, st, "doc.date", w.date(data.drawn_up_on)),
            stamp(w, st),
            para(w.label("doc.characteristic.note", 7), st["small"]),
            para(w.inline("doc.characteristic.footnote"), st["small"]),
        ]
        return out
