"""The protocol of a calibration session (R-CAL-2, R-CAL-3).

Order 13 prescribes no form for it (App. 2 §23: "оформляется соответствующим
протоколом"); this layout states the facts §20-§23 ask for: the composition,
each member's vote by name in every round, the score adopted by majority, and
the day by which the personnel service places it in the information system.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from kzcommission.documents.base import para
from kzcommission.documents.blocks import grid_table, signatures
from kzcommission.documents.evaluation.common import EvaluationRenderer, band, number
from kzcommission.documents.evaluation.data import ProtocolDoc
from kzcommission.documents.wording import esc


class ProtocolRenderer(EvaluationRenderer):
    corps = "b"
    doc_key = "eval.doc.protocol.short"

    def identity(self, data: ProtocolDoc) -> tuple[str, str, Any]:
        return (
            self.footer_line(f"{data.year} Q{data.quarter}"),
            f"EP-{data.uuid[:8]}",
            {"document": "calibration_protocol", "data": data},
        )

    def story(self, data: ProtocolDoc) -> list[Any]:
        w, st = self.w, self.st
        period = w.text("eval.doc.quarter_period", quarter=data.quarter, year=data.year)
        disputed = w.text(
            "eval.doc.protocol.disputed",
            score=number(w, data.disputed_score),
            band=band(w, "b", data.disputed_band),
        )
        out: list[Any] = [
            para(f"<b>{w.inline('eval.doc.confidential')}</b>", st["right"]),
            para(w.label("eval.doc.protocol.title"), st["title"]),
            para(w.inline("eval.doc.protocol.basis"), st["small"]),
            Spacer(1, 4),
            para(f"{w.label('eval.employee')}: <b>{esc(data.person_name)}</b>, "
                 f"{esc(data.position)}", st["body"]),
            para(f"{w.label('eval.evaluator')}: {esc(data.evaluator_name)}", st["body"]),
            para(f"{w.label('eval.doc.review.period')}: {esc(period)}", st["body"]),
            para(esc(disputed), st["body"]),
            para(w.inline("eval.doc.protocol.request", date=w.date(data.request_received)),
                 st["body"]),
            para(w.inline("eval.doc.protocol.held", date=w.date(data.held_on)), st["body"]),
            para(w.label("eval.doc.protocol.members"), st["heading"]),
        ]  # fmt: skip
        rows = []
        for n, m in enumerate(data.members, start=1):
            roles = [w.inline("eval.is_evaluator")] if m.is_evaluator else []
            roles += [w.inline("eval.is_personnel_officer")] if m.is_personnel_officer else []
            rows.append([str(n), esc(m.name), esc(m.position), ", ".join(roles)])
        header = [w.inline(k) for k in ("eval.doc.col.no", "eval.member", "eval.doc.position",
                                        "eval.doc.protocol.role")]  # fmt: skip
        out.append(grid_table(st, header, rows, (6, 38, 34, 22)))
        for number_, votes in enumerate(data.rounds, start=1):
            out.append(para(w.label("eval.doc.protocol.round", round=number_), st["heading"]))
            vote_rows = [[esc(name), f"<b>{number(w, score)}</b>"] for name, score in votes]
            vote_header = [w.inline("eval.member"), w.inline("eval.vote")]
            out.append(grid_table(st, vote_header, vote_rows, (60, 40)))
            if number_ < len(data.rounds) or not data.adopted_score:
                out.append(para(w.inline("eval.doc.protocol.no_majority"), st["small"]))
        out.append(Spacer(1, 6))
        if data.adopted_score:
            adopted = w.text(
                "eval.doc.protocol.adopted",
                score=number(w, data.adopted_score),
                band=band(w, "b", data.adopted_band),
            )
            out.append(para(f"<b>{esc(adopted)}</b>", st["body"]))
        else:
            out.append(para(w.inline("eval.doc.protocol.pending"), st["body"]))
        if data.upload_due:
            out.append(para(w.inline("eval.doc.protocol.upload", date=w.date(data.upload_due)),
                            st["small"]))  # fmt: skip
        out.append(signatures(w, st, [(w.label("eval.member") if i == 0 else "", m.name)
                                      for i, m in enumerate(data.members)]))  # fmt: skip
        out.append(para(f"{w.label('eval.doc.date')}: {w.date(data.signed_on)}", st["body"]))
        return out
