"""Pieces the evaluation forms share: numbers with the decimal comma, bands, headers."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from kzcommission.documents.base import Renderer, para
from kzcommission.documents.blocks import value_markup
from kzcommission.documents.wording import Wording, esc


def number(w: Wording, value: str) -> str:
    """A score as the order prints it: "4,75" in Kazakh and Russian, "4.75" in English."""
    if not value:
        return ""
    return value if w.langs[0] == "en" else value.replace(".", ",")


def band(w: Wording, corps: str, band_id: str) -> str:
    """Band label of R-EVA-3 (``corps="a"``) or R-EVB-3 (``corps="b"``); "" for none."""
    return w.text(f"eval.band.{corps}.{band_id}") if band_id else ""


def filled(w: Wording, st: dict, value: str, caption_key: str, **params: object) -> list[Any]:
    """A filled-in line with its small caption under it, as the forms print "____ (caption)"."""
    return [
        para(value_markup(value), st["body"]),
        para(f"({w.inline(caption_key, **params)})", st["note"]),
    ]


class EvaluationRenderer(Renderer):
    """Base of the Order 13 forms: the header lines and the footer identity."""

    corps = "a"

    def footer_line(self, period: str) -> str:
        corps = self.w.text(f"eval.doc.corps_{self.corps}")
        return self.w.text("eval.doc.order", corps=corps, period=period)

    def head(self, appendix: str) -> list[Any]:
        """Confidentiality mark (R-CAL-4), "Appendix N to ...", "Form", right-aligned."""
        st = self.st
        return [
            para(f"<b>{self.w.inline('eval.doc.confidential')}</b>", st["right"]),
            para(appendix, st["right"]),
            para(self.w.inline("eval.doc.form"), st["right"]),
            Spacer(1, 3 * mm),
        ]

    def signed(self, role_key: str, name: str, position: str = "", with_position: bool = True):
        """ "Role ____ (full name) / Position ____ / Signature ____ (EDS) / Date ____"."""
        w, st = self.w, self.st
        out: list[Any] = [Spacer(1, 3 * mm)]
        out.append(para(f"{w.label(role_key)}: {value_markup(name)}", st["body"]))
        if with_position:
            out.append(
                para(f"{w.label('eval.doc.position')}: {value_markup(position)}", st["body"])
            )
        out.append(para(f"{w.label('eval.doc.signature')}: {'_' * 24}", st["body"]))
        out.append(para(w.inline("eval.doc.eds"), st["note"]))
        out.append(para(f"{w.label('eval.doc.date')}: {'_' * 24}", st["body"]))
        return out


__all__ = ["EvaluationRenderer", "band", "esc", "filled", "number"]
