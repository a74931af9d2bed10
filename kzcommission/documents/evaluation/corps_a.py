"""Corps "A": annual agreement (Appendices 1-2), evaluation sheet (Appendix 3), review (App. 6).

Order 13, Appendix 1 (Methodology for corps "A"). The agreement lists the five
KPIs (R-EVA-1); the sheet their realisation and scores (R-EVA-2) and the final
score with its band (R-EVA-3); the review goes to the National Commission (R-EVA-5).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.platypus import Spacer

from kzcommission.documents.base import para
from kzcommission.documents.blocks import grid_table, long_field, value_markup
from kzcommission.documents.evaluation.common import EvaluationRenderer, band, filled, number
from kzcommission.documents.evaluation.data import CorpsADoc, KpiLineDoc
from kzcommission.documents.wording import esc
from kzcommission.domain.evaluation import APPENDIX_4, percent_band


def _kpi_title(line: KpiLineDoc) -> str:
    # The mandatory KPI on instructions is marked, the table's note says why (Appendix 4).
    return esc(line.title) + (" <b>**</b>" if line.instructions else "")


class _CorpsA(EvaluationRenderer):
    corps = "a"
    document = ""

    def identity(self, data: CorpsADoc) -> tuple[str, str, Any]:
        prefix = {"agreement": "EA", "sheet": "ES", "review": "ER", "max_table": "EM"}[
            self.document
        ]
        return (
            self.footer_line(str(data.year)),
            f"{prefix}-{data.uuid[:8]}",
            {"document": f"corps_a_{self.document}", "data": data},
        )

    def who(self, data: CorpsADoc, caption: str) -> list[Any]:
        return [
            *filled(
                self.w, self.st, f"{data.person_name}, {data.position}", "eval.doc.name_position"
            ),
            *filled(self.w, self.st, str(data.year), caption),
        ]

    def mandatory_note(self) -> Any:
        return para(f"** {self.w.inline('eval.doc.mandatory_mark')}", self.st["small"])


class AgreementRenderer(_CorpsA):
    """Appendix 1 (category 1) or Appendix 2 (category 2): the annual agreement."""

    doc_key = "eval.doc.agreement.short"
    document = "agreement"

    def story(self, data: CorpsADoc) -> list[Any]:
        w, st = self.w, self.st
        appendix = w.inline("eval.doc.appendix_a", number=data.category)
        header = [
            w.inline(f"eval.doc.col.{c}")
            for c in ("no", "kpi", "link", "unit", "plan", "due", "result")
        ]
        rows = [
            [str(k.number), _kpi_title(k), esc(k.link), esc(k.unit), esc(number(w, k.plan)),
             esc(k.due), esc(k.result)]
            for k in data.kpis
        ]  # fmt: skip
        return [
            *self.head(appendix),
            para(w.label("eval.doc.agreement.title", category=data.category), st["title"]),
            *self.who(data, "eval.doc.year_evaluated"),
            grid_table(st, header, rows, (5, 24, 21, 11, 15, 12, 18)),
            self.mandatory_note(),
            para(w.inline("eval.doc.end_result_note"), st["small"]),
            *self.signed("eval.doc.authorised", data.authorised_name, data.authorised_position),
            *self.signed("eval.doc.servant", data.person_name, with_position=False),
        ]


class CorpsASheetRenderer(_CorpsA):
    """Appendix 3: the evaluation sheet with the final score and its band (R-EVA-2, R-EVA-3)."""

    doc_key = "eval.doc.sheet_a.title"
    document = "sheet"

    def story(self, data: CorpsADoc) -> list[Any]:
        w, st = self.w, self.st
        header = [
            w.inline(f"eval.doc.col.{c}")
            for c in ("no", "kpi", "unit", "plan", "actual", "percent", "score")
        ]
        rows = [
            [str(k.number), _kpi_title(k), esc(k.unit), esc(number(w, k.plan)),
             esc(number(w, k.actual)), esc(number(w, k.percent)), f"<b>{number(w, k.score)}</b>"]
            for k in data.kpis
        ]  # fmt: skip
        rows.append(
            ["", f"<b>{w.inline('eval.doc.final_row')}</b>", "", "", "", "",
             f"<b>{number(w, data.final_score)}</b>"]
        )  # fmt: skip
        return [
            *self.head(w.inline("eval.doc.appendix_a", number=3)),
            para(w.label("eval.doc.sheet_a.title"), st["title"]),
            *self.who(data, "eval.doc.period"),
            grid_table(st, header, rows, (5, 37, 9, 10, 10, 12, 12)),
            self.mandatory_note(),
            para(w.inline("eval.doc.score_note"), st["small"]),
            Spacer(1, 6),
            # "Результат оценки ____ (неудовлетворительно, удовлетворительно, эффективно)"
            para(
                f"{w.label('eval.doc.result')}: {value_markup(band(w, 'a', data.band))}", st["body"]
            ),
            para(f"({w.inline('eval.doc.result_a_note')})", st["note"]),
            *self.signed("eval.doc.authorised", data.authorised_name, data.authorised_position),
        ]


class MaxScoreTableRenderer(_CorpsA):
    """Appendix 4: the maximum score of the mandatory KPI on executing instructions by its
    percentage of realisation (R-EVA-2), as the order prints it, from ``APPENDIX_4``.

    R-EVA-2 Reading: the 40% band prints "40-44,99" (the source's "40-44,49" is read as
    every other band). The band this agreement's instructions KPI reached is in bold.
    """

    doc_key = "eval.doc.max_table.short"
    document = "max_table"

    def story(self, data: CorpsADoc) -> list[Any]:
        w, st = self.w, self.st
        reached = {percent_band(k.percent) for k in data.kpis if k.instructions and k.percent}
        rows, above = [], None
        for lowest, maximum in APPENDIX_4:
            low = number(w, str(lowest))
            if above is None:
                span = w.inline("eval.doc.max_table.and_above", low=low)
            else:
                span = esc(f"{low}-{number(w, str(above - Decimal('0.01')))}")
            row = [span, esc(number(w, str(maximum)))]
            rows.append([f"<b>{c}</b>" for c in row] if lowest in reached else row)
            above = lowest
        header = [w.inline("eval.doc.col.percent"), w.inline("eval.doc.max_table.col_max")]
        return [
            *self.head(w.inline("eval.doc.appendix_a", number=4)),
            para(w.label("eval.doc.max_table.title"), st["title"]),
            grid_table(st, header, rows, (50, 50)),
            Spacer(1, 4),
            para(w.inline("eval.doc.max_table.note"), st["small"]),
        ]


class ReviewRenderer(_CorpsA):
    """Appendix 6: the review of the servant's activity for the National Commission."""

    doc_key = "eval.doc.review.short"
    document = "review"

    def story(self, data: CorpsADoc) -> list[Any]:
        w, st = self.w, self.st
        score = w.text(
            "eval.doc.review.score",
            score=number(w, data.final_score) or "—",
            band=band(w, "a", data.band) or "—",
        )
        text = "\n".join(line for line in (score, data.review) if line)
        out: list[Any] = [
            *self.head(w.inline("eval.doc.appendix_a", number=6)),
            para(w.label("eval.doc.review.commission"), st["subtitle"]),
            para(w.label("eval.doc.review.title"), st["title"]),
            *filled(w, st, data.person_name, "eval.doc.review.name"),
            para(w.label("eval.doc.review.period"), st["body"]),
            *filled(w, st, str(data.year), "eval.doc.period"),
            *long_field(w, st, "eval.doc.review.activity", text),
            *long_field(w, st, "eval.doc.review.additional", data.additional_info),
            Spacer(1, 8),
            *filled(
                w, st, f"{data.authorised_position} {data.authorised_name}".strip(),
                "eval.doc.review.signatory",
            ),
        ]  # fmt: skip
        if data.decision:
            decision = w.text(f"eval.decision.{data.decision}")
            out.append(para(f"<b>{w.inline('eval.doc.review.decision', decision=decision)}</b>",
                            st["body"]))  # fmt: skip
        return out
