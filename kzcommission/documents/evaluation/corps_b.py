"""Corps "B": the quarterly evaluation sheet in its two forms (Order 13, Appendix 2, App. 1).

Five parameters scored 0-5 (R-EVB-3), parameter 5 capped by the quarter's
penalty (R-EVB-4, stated in its explanation), the mean and the result band.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from kzcommission.documents.base import para
from kzcommission.documents.blocks import grid_table
from kzcommission.documents.evaluation.common import EvaluationRenderer, band, filled, number
from kzcommission.documents.evaluation.data import CorpsBDoc
from kzcommission.documents.wording import esc


class CorpsBSheetRenderer(EvaluationRenderer):
    """Either form: "leading" or "non_leading" (the parameters differ, the layout does not)."""

    corps = "b"
    doc_key = "eval.doc.sheet_b.short"

    def identity(self, data: CorpsBDoc) -> tuple[str, str, Any]:
        period = f"{data.year} Q{data.quarter}"
        return (
            self.footer_line(period),
            f"EB-{data.uuid[:8]}",
            {"document": "corps_b_sheet", "data": data},
        )

    def story(self, data: CorpsBDoc) -> list[Any]:
        w, st = self.w, self.st
        header = [
            w.inline(f"eval.doc.col.{c}") for c in ("parameter", "score_b", "comment", "hint")
        ]
        rows = [
            [f"<b>{w.inline(f'eval.param.{p.key}')}</b>", f"<b>{number(w, p.score)}</b>",
             esc(p.comment), w.inline(f"eval.hint.{p.key}")]
            for p in data.parameters
        ]  # fmt: skip
        rows.append(
            [f"<b>{w.inline('eval.doc.mean_row')}</b>", f"<b>{number(w, data.final_score)}</b>",
             "", ""]
        )  # fmt: skip
        penalty = w.text(f"eval.penalty.{data.penalty or 'none'}")
        period = w.text("eval.doc.quarter_period", quarter=data.quarter, year=data.year)
        out: list[Any] = [
            *self.head(w.inline("eval.doc.appendix_b")),
            para(w.label(f"eval.doc.sheet_b.title_{data.form}"), st["title"]),
            *filled(w, st, f"{data.person_name}, {data.position}", "eval.doc.sheet_b.evaluated"),
            *filled(w, st, period, "eval.doc.period"),
            *filled(
                w, st, f"{data.evaluator_name}, {data.evaluator_position}",
                "eval.doc.sheet_b.evaluator",
            ),
            para(w.inline("eval.doc.sheet_b.intro"), st["small"]),
            Spacer(1, 4),
            grid_table(st, header, rows, (30, 12, 20, 38)),
            para(w.inline("eval.doc.mean_note"), st["small"]),
            para(w.inline("eval.doc.penalty_line", penalty=penalty), st["small"]),
            Spacer(1, 6),
            para(f"{w.label('eval.doc.result')}: <b>{esc(band(w, 'b', data.band))}</b>",
                 st["body"]),
        ]  # fmt: skip
        if data.calibrated_score:
            text = w.text(
                "eval.doc.calibrated",
                score=number(w, data.calibrated_score),
                band=band(w, "b", data.calibrated_band),
            )
            out.append(para(f"<b>{esc(text)}</b>", st["body"]))
        out += [
            Spacer(1, 6),
            para(f"{w.label('eval.doc.signature')}: {'_' * 24}", st["body"]),
            para(w.inline("eval.doc.eds"), st["note"]),
            para(f"{w.label('eval.doc.date')}: {w.date(data.evaluated_on)}", st["body"]),
        ]
        return out
