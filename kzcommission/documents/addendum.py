"""The addendum to the minutes: signed amendments of a finalized sitting, and the
appeals against its decisions (R-DOC-8) with their outcome or "pending".

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
class AddendumAppeal:
    person: str
    filed_on: str
    outcome: str  # pending / rejected / cancelled
    outcome_on: str  # "" while pending


@dataclass(frozen=True)
class AddendumData:
    sitting_uuid: str
    commission: str | Names  # printed in the document's language(s)
    number: str
    held_on: str
    chain_head: str
    items: tuple[AddendumItem, ...]
    appeals: tuple[AddendumAppeal, ...] = ()

    @property
    def printable(self) -> bool:
        """The pack prints the addendum when there is an amendment or an appeal."""
        return bool(self.items or self.appeals)


class AddendumRenderer(Renderer):
    doc_key = "trust.addendum.title"

    def identity(self, data: AddendumData) -> tuple[str, str, Any]:
        line = self.w.text("trust.addendum.sitting", number=data.number, date=data.held_on)
        key = f"addendum-{data.sitting_uuid[:8]}-{len(data.items)}-{len(data.appeals)}"
        return line, key, data

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
        ]
        # Amendments first: the original minutes stay, the corrections are signed off. An
        # addendum printed for appeals alone says nothing of amendments there were none of.
        if data.items:
            out.append(para(esc(text("trust.addendum.original_unchanged")), st["body"]))
        elif not data.appeals:
            out.append(para(esc(text("trust.addendum.none")), st["body"]))
        out.append(Spacer(1, 4 * mm))
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
            out.append(_grid(rows, (0.05, 0.17, 0.17, 0.17, 0.21, 0.23)))
        if data.appeals:
            out += [Spacer(1, 6 * mm), para(esc(text("trust.addendum.appeals")), st["body"])]
            out.append(_grid(self._appeal_rows(data), (0.05, 0.4, 0.2, 0.35)))
        out += [
            Spacer(1, 6 * mm),
            para(esc(text("trust.addendum.chain", head=data.chain_head or "—")), st["cell"]),
            Spacer(1, 10 * mm),
            para(esc(text("trust.addendum.chair_signature")), st["body"]),
        ]
        return out

    def _appeal_rows(self, data: AddendumData) -> list[list[Any]]:
        st, text = self.st, self.w.text
        keys = ("trust.addendum.no", "trust.addendum.appeal_person",
                "trust.addendum.appeal_filed", "trust.addendum.appeal_outcome")  # fmt: skip
        rows: list[list[Any]] = [[para(esc(text(k)), st["cellhead"]) for k in keys]]
        for index, a in enumerate(data.appeals, start=1):
            outcome = text(f"trust.addendum.appeal.{a.outcome}", date=a.outcome_on)
            cells = (str(index), a.person, a.filed_on, outcome)
            rows.append([para(esc(c), st["cell"]) for c in cells])
        return rows


def _grid(rows: list[list[Any]], shares: tuple[float, ...]) -> Table:
    table = Table(rows, colWidths=[w * FRAME_WIDTH for w in shares], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    return table


def render_addendum(data: AddendumData, lang: str = "ru") -> bytes:
    return AddendumRenderer(lang).render(data)
