"""One case's own papers: the characteristic (R-DOC-5), the familiarisation slip (R-DL-7)
and the personal-file extract (R-DOC-7).

The print pack (services.papers.printing) writes the minutes, sheets and scorecards of a
whole sitting; these forms belong to one person and are printed one at a time,
from the CLI (``kzcommission print SITTING --only characteristic --case N``), from
the sitting console for the current case, or (the extract) from the follow-up view.
Each printed file is registered like the pack's: the data digest and the file's SHA-256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kzcommission.documents.base import document_digest
from kzcommission.documents.data import (
    AppealLine,
    CharacteristicDoc,
    FamiliarisationDoc,
    HeadDecisionLine,
    SummaryDoc,
)
from kzcommission.documents.pack import job_path, pack_prefix, safe_name
from kzcommission.domain.kinds import Kind, Role, grade_of
from kzcommission.domain.leading import is_leading_position
from kzcommission.files import write_atomic
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.papers.printing import grade_without_vote
from kzcommission.services.sitting import followup
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.models import CaseStep
from kzcommission.store.names import case_position, names_of

CASE_DOCUMENTS: tuple[str, ...] = ("characteristic", "familiarisation", "summary")
MINUTES_STEP = "minutes"  # services.preparation.campaign.MINUTES: the day the minutes were signed


def _case(case_id: int) -> models.Case:
    case = models.Case.get_or_none(models.Case.id == case_id)
    if case is None:
        raise NotFound(
            f"no case {case_id}", field="case", key="not_found_case", params={"id": case_id}
        )
    return case


@read("documents.print")
def case_by_number(sitting_id: int, number: int) -> int:
    """The id of the case printed as No. ``number`` in the sitting's minutes (1, 2, ...)."""
    cases = list(
        models.Case.select(models.Case.id)
        .where(models.Case.sitting == sitting_id)
        .order_by(models.Case.order, models.Case.id)
        .tuples()
    )
    if not 1 <= number <= len(cases):
        raise NotFound(
            f"sitting {sitting_id} has no case No. {number} (it has {len(cases)})",
            field="case",
            key="doc_case_number_not_in_sitting",
            params={"sitting": sitting_id, "number": number, "count": len(cases)},
        )
    return cases[number - 1][0]


@read("documents.print")
def characteristic_doc(case_id: int) -> CharacteristicDoc:
    """Decree 490 Appendix 2 for an extraordinary case (R-DOC-5).

    The header (name, position, appointment date, rank) comes from the store; the
    supervisor fills sections 1-5 by hand; section 6 carries the supervisor's
    assessment where one was entered. Section 5 is printed only when the position
    is leading (domain.leading, R-DOC-5).
    """
    case = _case(case_id)
    if case.kind != Kind.EXTRAORDINARY.value:
        raise ServiceError(
            "the characteristic of Decree 490 Appendix 2 is drawn up for extraordinary "
            "certification only",
            field="case",
            rule_id="R-DOC-5",
            key="doc_characteristic_extraordinary_only",
        )
    person = case.person
    position = case_position(case)
    return CharacteristicDoc(
        case_uuid=case.uuid,
        person_name=person.full_name,
        position=position,
        appointment_date=person.appointed_on,
        rank=person.special_rank,
        duties="",
        knowledge="",
        legality="",
        personal_qualities="",
        overall=case.supervisor_assessment,
        # R-DOC-5: a head's title in any of its languages makes section 5 printed.
        unit_results=""
        if is_leading_position(" | ".join([*position.variants().values(), position.other]))
        else None,
    )


@read("documents.print")
def familiarisation_doc(case_id: int) -> FamiliarisationDoc:
    """The slip the employee signs on being told the result (R-DL-7): a decided case only.

    The officer who communicates it is the commission's secretary, as seated now.
    """
    case = _case(case_id)
    if case.decision is None:
        raise ServiceError(
            "the case has no decision yet: there is nothing to familiarise with",
            field="case",
            rule_id="R-DL-7",
            key="doc_nothing_to_familiarise",
        )
    sitting = case.sitting
    secretary = (
        models.Seat.select()
        .where(
            (models.Seat.commission == sitting.commission_id)
            & (models.Seat.role == Role.SECRETARY.value)
        )
        .first()
    )
    signed = CaseStep.get_or_none((CaseStep.case == case) & (CaseStep.step == MINUTES_STEP))
    return FamiliarisationDoc(
        case_uuid=case.uuid,
        person_name=case.person.full_name,
        position=case_position(case),
        kind=Kind(case.kind),
        sitting_number=sitting.number or str(sitting.id),
        sitting_date=sitting.held_on,
        minutes_signed_on=signed.done_on if signed else None,
        decision=case.decision,
        grade_assigned=grade_of(case.grade_result) if case.grade_result else None,
        officer_name=secretary.holder.full_name if secretary and secretary.holder_id else "",
        officer_position=names_of(secretary, "position_title") if secretary else "",
        person_sex=case.person.sex,
    )


def _summary_refusal(case: models.Case) -> ServiceError | None:
    """Why the case has no personal-file extract (R-DOC-7), or None when it has one."""
    if case.decision is None:
        return ServiceError(
            f"case No. {case.order + 1} has no decision yet: there is nothing to extract "
            "for the personal file",
            field="case", rule_id="R-DOC-7",
            key="summary_undecided", params={"number": case.order + 1},
        )  # fmt: skip
    sitting = case.sitting
    if sitting.status != "finalized":
        number = sitting.number or sitting.get_id()
        return ServiceError(
            f"sitting {number} is not finalized yet: its decisions may still change, so no "
            "extract for the personal file is printed",
            field="case", rule_id="R-DOC-7",
            key="summary_not_finalized", params={"number": number},
        )  # fmt: skip
    return None


@read("documents.print")
def summary_doc(case_id: int) -> SummaryDoc:
    """The personal-file extract (R-DOC-7): a decided case of a finalized sitting, with what
    followed it as recorded now (the head's decision in force, familiarisation, appeals)."""
    case = _case(case_id)
    refusal = _summary_refusal(case)
    if refusal is not None:
        raise refusal
    sitting, person = case.sitting, case.person
    after = followup.follow_up(case_id)  # as the follow-up view shows it
    head = (
        HeadDecisionLine(after.head_decision_on, after.head_order, after.head_text)
        if after.head_decision_on
        else None
    )
    return SummaryDoc(
        case_uuid=case.uuid,
        person_name=person.full_name,
        position=case_position(case),
        unit=names_of(person, "unit"),
        kind=Kind(case.kind),
        commission_name=names_of(sitting.commission, "name"),
        sitting_number=sitting.number or str(sitting.get_id()),
        sitting_date=sitting.held_on,
        place=names_of(sitting, "place"),
        decision=case.decision,
        person_sex=person.sex,
        appearance=case.appearance,
        decision_rule=case.decision_rule,
        restricted=case.restricted,
        grade_option=case.grade_result or "",
        grade_without_vote=grade_without_vote(case),
        minutes_signed_on=after.minutes_signed_on,
        familiarised_on=after.familiarised_on,
        head=head,
        appeals=tuple(AppealLine(a.filed_on, a.outcome, a.outcome_on) for a in after.appeals),
    )


def paper_stem(case: models.Case, document: str) -> str:
    """The file stem of one case's paper, beside the pack's files of the same sitting."""
    prefix = pack_prefix(case.sitting)  # the pack's file names: only .number is read
    return f"{prefix}_case-{case.order + 1:03d}_{safe_name(case.person.full_name)}_{document}"


@dataclass(frozen=True)
class CasePapers:
    """One case as the print dialog offers it: where it sits, and its papers now
    (file stem -> paper)."""

    sitting_id: int
    number: int  # as the minutes print it: 1, 2, ...
    person_name: str
    papers: dict[str, str]


@read("documents.print")
def papers_of(case_id: int) -> CasePapers:
    """The papers the case has now: the characteristic for an extraordinary case
    (R-DOC-5), the familiarisation slip once decided (R-DL-7), the personal-file extract
    once the sitting deciding it is finalized (R-DOC-7)."""
    case = _case(case_id)
    papers = [
        paper
        for paper in CASE_DOCUMENTS
        if (paper != "characteristic" or case.kind == Kind.EXTRAORDINARY.value)
        and (paper != "familiarisation" or case.decision is not None)
        and (paper != "summary" or _summary_refusal(case) is None)
    ]
    return CasePapers(
        case.sitting_id,
        case.order + 1,
        case.person.full_name,
        {paper_stem(case, paper): paper for paper in papers},
    )


@dataclass(frozen=True)
class CaseLine:
    """A case as a list of papers names it."""

    case_id: int
    number: int  # as the minutes print it: 1, 2, ...
    person_name: str


@read("documents.print")
def sitting_summaries(sitting_id: int) -> dict[str, CaseLine]:
    """The personal-file extracts a sitting has (R-DOC-7): one per decided case once the
    sitting is finalized, none before; file stem -> case."""
    cases = sorted(
        models.Case.select().where(models.Case.sitting == sitting_id),
        key=lambda case: (case.order, case.get_id()),  # the minutes' order
    )
    return {
        paper_stem(case, "summary"): CaseLine(case.get_id(), case.order + 1, case.person.full_name)
        for case in cases
        if _summary_refusal(case) is None
    }


@read("documents.print")
def render_case_document(document: str, case_id: int, lang: str) -> tuple[bytes, str]:
    """The PDF of one case's paper and its verification digest: not written, not registered."""
    from kzcommission.documents.characteristic import CharacteristicRenderer
    from kzcommission.documents.familiarisation import FamiliarisationRenderer
    from kzcommission.documents.summary import SummaryRenderer
    from kzcommission.services.papers.printing import LANGUAGES

    if document not in CASE_DOCUMENTS:
        raise ServiceError(
            f"document must be one of {', '.join(CASE_DOCUMENTS)}",
            field="document",
            key="doc_document_unknown",
            params={"allowed": ", ".join(CASE_DOCUMENTS)},
        )
    if lang not in LANGUAGES:
        raise ServiceError(
            f"language must be one of {', '.join(LANGUAGES)}",
            field="lang",
            key="doc_language_unknown",
            params={"allowed": ", ".join(LANGUAGES)},
        )
    kinds = {
        "characteristic": (characteristic_doc, CharacteristicRenderer),
        "familiarisation": (familiarisation_doc, FamiliarisationRenderer),
        "summary": (summary_doc, SummaryRenderer),
    }
    read_data, renderer_class = kinds[document]
    data = read_data(case_id)
    renderer = renderer_class(lang)
    return renderer.render(data), document_digest(renderer.identity(data)[2])


@read("documents.print")
def print_case_document(document: str, case_id: int, lang: str, out_dir: Path) -> Path:
    """Write ``document`` (one of CASE_DOCUMENTS) of one case as a PDF in
    ``out_dir`` and register it as issued (its digest and the file's SHA-256)."""
    from kzcommission.services.trust.documents_registry import register_issued

    pdf, digest = render_case_document(document, case_id, lang)
    case = _case(case_id)
    sitting = case.sitting
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = job_path(paper_stem(case, document), lang, out)
    write_atomic(path, pdf)
    register_issued(
        document,
        lang,
        digest,
        sitting=sitting.id,
        case=case.id,
        file_name=path.name,
        file_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    return path
