"""Printing the Order 13 forms: the store's facts into document data, then PDF bytes.

Reading the results is confidential (R-CAL-4): printing needs ``evaluation.view``.
Chapter 5 records (appendices 8-10) are not printed by this version: their forms
differ (competency scores) and are refused with a message, not printed wrongly.
"""

from __future__ import annotations

from decimal import Decimal

from kzcommission.documents.evaluation import (
    AgreementRenderer,
    CorpsADoc,
    CorpsASheetRenderer,
    CorpsBDoc,
    CorpsBSheetRenderer,
    KpiLineDoc,
    MaxScoreTableRenderer,
    ParameterDoc,
    ProtocolDoc,
    ProtocolMemberDoc,
    ProtocolRenderer,
    ReviewRenderer,
)
from kzcommission.domain.evaluation import FORMS, corps_b_band
from kzcommission.services.errors import ServiceError
from kzcommission.services.evaluation import calibration, corps_a, corps_b
from kzcommission.services.evaluation.common import STANDARD
from kzcommission.services.unit import read

CORPS_A_FORMS = {
    "agreement": AgreementRenderer,
    "sheet": CorpsASheetRenderer,
    "review": ReviewRenderer,
    "max_table": MaxScoreTableRenderer,  # Appendix 4 (R-EVA-2)
}


def _s(value: Decimal | None) -> str:
    return "" if value is None else str(value)


@read("evaluation.view")
def corps_a_doc(agreement_id: int) -> CorpsADoc:
    a = corps_a.get_agreement(agreement_id)
    return CorpsADoc(
        uuid=a.uuid,
        person_name=a.person_name,
        position=a.position,
        year=a.year,
        category=a.category,
        authorised_name=a.authorised_name,
        authorised_position=a.authorised_position,
        agreed_on=a.agreed_on,
        evaluated_on=a.evaluated_on,
        kpis=tuple(
            KpiLineDoc(
                k.number,
                k.title,
                k.instructions,
                k.link,
                k.unit,
                k.plan,
                k.due,
                k.result,
                k.actual,
                _s(k.percent),
                _s(k.score),
            )
            for k in a.kpis
        ),  # fmt: skip
        final_score=_s(a.final_score),
        band=a.band or "",
        review=a.review,
        additional_info=a.additional_info,
        decision=a.decision or "",
    )


@read("evaluation.view")
def corps_a_pdf(agreement_id: int, form: str, lang: str) -> bytes:
    """``form``: "agreement" (Appendices 1-2), "sheet" (Appendix 3), "max_table" (Appendix 4,
    the mandatory KPI's maximum scores), "review" (Appendix 6)."""
    if form not in CORPS_A_FORMS:
        raise ServiceError(
            f"unknown form {form!r}; allowed: {', '.join(CORPS_A_FORMS)}",
            field="form",
            key="eva_form_unknown",
            params={"form": form, "allowed": ", ".join(CORPS_A_FORMS)},
        )
    view = corps_a.get_agreement(agreement_id)
    if view.procedure != STANDARD:
        raise ServiceError(
            "the forms of chapter 5 (appendices 8-10) are not printed by this version",
            field="procedure",
            key="eva_chapter5_not_printed",
        )
    return CORPS_A_FORMS[form](lang).render(corps_a_doc(agreement_id))


@read("evaluation.view")
def corps_b_doc(sheet_id: int) -> CorpsBDoc:
    s = corps_b.get_sheet(sheet_id)
    calibrated = s.calibrated_score
    return CorpsBDoc(
        uuid=s.uuid,
        form=s.form,
        person_name=s.person_name,
        position=s.position,
        evaluator_name=s.evaluator_name,
        evaluator_position=s.evaluator_position,
        year=s.year,
        quarter=s.quarter,
        parameters=tuple(
            ParameterDoc(key, str(score), comment)
            for key, score, comment in zip(FORMS[s.form], s.scores, s.comments, strict=True)
        ),
        penalty=s.penalty or "",
        final_score=str(s.final_score),
        band=s.band,
        evaluated_on=s.evaluated_on,
        calibrated_score=_s(calibrated),
        calibrated_band=str(corps_b_band(calibrated)) if calibrated is not None else "",
    )


@read("evaluation.view")
def corps_b_pdf(sheet_id: int, lang: str) -> bytes:
    return CorpsBSheetRenderer(lang).render(corps_b_doc(sheet_id))


@read("evaluation.view")
def protocol_doc(session_id: int) -> ProtocolDoc:
    c = calibration.get_session(session_id)
    names = [m.name for m in c.members]
    rounds = []
    for number in range(1, c.rounds + 1):
        votes = {v.name: str(v.score) for v in c.votes if v.round == number}
        rounds.append(tuple((name, votes.get(name, "—")) for name in names))
    return ProtocolDoc(
        uuid=c.uuid,
        person_name=c.person_name,
        position=c.position,
        evaluator_name=c.evaluator_name,
        year=c.year,
        quarter=c.quarter,
        disputed_score=str(c.disputed_score),
        disputed_band=str(corps_b_band(c.disputed_score)),
        request_received=c.request_received,
        held_on=c.held_on,
        members=tuple(
            ProtocolMemberDoc(m.name, m.position, m.is_evaluator, m.is_personnel_officer)
            for m in c.members
        ),
        rounds=tuple(rounds),
        adopted_score=_s(c.adopted_score),
        adopted_band=c.adopted_band or "",
        signed_on=c.protocol_signed_on,
        upload_due=c.protocol_upload_due,
    )


@read("evaluation.view")
def protocol_pdf(session_id: int, lang: str) -> bytes:
    return ProtocolRenderer(lang).render(protocol_doc(session_id))
