"""The addendum to the minutes: signed amendments of a finalized sitting.

The original minutes are not reprinted or changed; this sheet lists each
correction (old and new value, reason, who asked, the chair's sign-off) and
the mac of the sitting's last history entry, which ties it to the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from kzcommission.documents.base import FRAME_WIDTH, Renderer, para
from kzcommission.documents.wording import esc
from kzcommission.domain.names import Names


@dataclass(frozen=True)
class AddendumItem:
    uuid: str
    person: str  # "" for an amendment of the sitting itself
    field: str
    old: str
    new: str
    reason: str
    requested_by: str
    signed_by: str
    signed_at: str


@dataclass(frozen=True)
class AddendumData:
    sitting_uuid: str
    commission: str | Names  # printed in the document's language(s)
    number: str
    held_on: str
    chain_head: str
    items: tuple[AddendumItem, ...]


class AddendumRenderer(Renderer):
    doc_key = "trust.addendum.title"

    def identity(self, data: AddendumData) -> tuple[str, str, Any]:
        line = self.w.text("trust.addendum.sitting", number=data.number, date=data.held_on)
        return line, f"addendum-{data.sitting_uuid[:8]}-{len(data.items)}", data

    def story(self, data: AddendumData) -> list[Any]:
        st = self.st
        text = self.w.text
        out: list[Any] = [
            para(esc(text("trust.addendum.title")), st["title"]),
            para(esc(self.w.name(data.commission)), st["body"]),
            para(
                esc(text("trust.addendum.sitting", number=data.number, date=data.held_on)),
                st["body"],
            ),
            para(esc(text("trust.addendum.original_unchanged")), st["body"]),
            Spacer(1, 4 * mm),
        ]
        if not data.items:
            out.append(para(esc(text("trust.addendum.none")), st["body"]))
        head = [
            para(esc(text(key)), st["cellhead"])
            for key in (
                "trust.addendum.no",
                "trust.addendum.what",
                "trust.addendum.old",
                "trust.addendum.new",
                "trust.addendum.reason",
                "trust.addendum.signed",
            )
        ]
        rows: list[list[Any]] = [head]
        for index, item in enumerate(data.items, start=1):
            what = f"{item.person}: {item.field}" if item.person else item.field
            signed = f"{item.signed_by}, {item.signed_at}"
            requested = text("trust.addendum.requested_by", name=item.requested_by)
            rows.append(
                [
                    para(str(index), st["cell"]),
                    para(esc(what), st["cell"]),
                    para(esc(item.old), st["cell"]),
                    para(esc(item.new), st["cell"]),
                    para(f"{esc(item.reason)}<br/>{esc(requested)}", st["cell"]),
                    para(esc(signed), st["cell"]),
                ]
            )
        if data.items:
            widths = [w * FRAME_WIDTH for w in (0.05, 0.17, 0.17, 0.17, 0.21, 0.23)]
            table = Table(rows, colWidths=widths, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ]
                )
            )
            out.append(table)
        out += [
            Spacer(1, 6 * mm),
            para(esc(text("trust.addendum.chain", head=data.chain_head or "—")), st["cell"]),
            Spacer(1, 10 * mm),
            para(esc(text("trust.addendum.chair_signature")), st["body"]),
        ]
        return out


def render_addendum(data: AddendumData, lang: str = "ru") -> bytes:
    return AddendumRenderer(lang).render(data)
