"""Corps "A": the annual agreement of five KPIs, its evaluation and the National Commission.

R-EVA-1 (five KPIs in an annual agreement, Appendices 1-2), R-EVA-2 (score per
KPI by Appendix 4 or 5), R-EVA-3 (final score and band), R-EVA-4 (who is
evaluated), R-EVA-5 (the National Commission's decision). Scores are ``Decimal``
and stored as exact text (see ``DecimalText`` in ``store/models.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from kzcommission.domain.evaluation import (
    NATIONAL_COMMISSION_OPTIONS,
    Kpi,
    Number,
    corps_a_eligible,
    corps_a_sheet,
    kpi_score_bounds,
    validate_national_commission_decision,
)
from kzcommission.domain.evaluation.corps_a import check_agreement, check_results_cover
from kzcommission.domain.evaluation.rounding import round2
from kzcommission.domain.evaluation.values import to_decimal
from kzcommission.services import stale
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.evaluation.common import (
    EDIT,
    PROCEDURE_PARTS,
    STANDARD,
    NotEvaluated,
    check_year,
    edition_in_force,
    person_or_fail,
    procedures_for,
)
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import CorpsAAgreement, CorpsAKpi

T = TypeVar("T")
# Issue 22: what a form's save is checked against is the agreement as typed; the person's
# name and position belong to his record, the edition, score and band follow the rest.
NOT_COMPARED = ("id", "uuid", "person_id", "person_name", "position", "year", "edition",
                "final_score", "band")  # fmt: skip

# R-EVA-5: the decisions the editor offers, from the domain.
DECISIONS: tuple[str, ...] = NATIONAL_COMMISSION_OPTIONS

__all__ = [
    "DECISIONS",
    "AgreementView",
    "KpiResult",
    "KpiSpec",
    "KpiView",
    "evaluate_agreement",
    "get_agreement",
    "kpi_bounds",
    "list_agreements",
    "procedures_for",
    "record_decision",
    "save_agreement",
    "save_over",
    "set_review",
    "suggest_percent",
]


@dataclass(frozen=True)
class KpiSpec:
    """A KPI as agreed at the start of the year (Appendices 1-2)."""

    title: str
    instructions: bool = False  # the mandatory KPI on executing instructions (Appendix 4)
    link: str = ""
    unit: str = "%"
    plan: str = ""
    due: str = ""
    result: str = ""


@dataclass(frozen=True)
class KpiResult:
    """What the authorised person enters on the evaluation sheet (Appendix 3)."""

    number: int
    actual: str
    percent: Number
    score: Number


@dataclass(frozen=True)
class KpiView:
    number: int
    title: str
    instructions: bool
    link: str
    unit: str
    plan: str
    due: str
    result: str
    actual: str
    percent: Decimal | None
    score: Decimal | None


@dataclass(frozen=True)
class AgreementView:
    id: int
    uuid: str
    person_id: int
    person_name: str
    position: str
    year: int
    category: int
    procedure: str
    edition: str
    authorised_name: str
    authorised_position: str
    agreed_on: date | None
    evaluated_on: date | None
    days_worked: int | None
    kpis: tuple[KpiView, ...]
    final_score: Decimal | None
    band: str | None
    review: str
    additional_info: str
    decision: str | None
    decided_on: date | None


def _view(a: CorpsAAgreement) -> AgreementView:
    kpis = tuple(
        KpiView(
            k.number,
            k.title,
            k.instructions,
            k.link,
            k.unit,
            k.plan,
            k.due,
            k.result,
            k.actual,
            k.percent,
            k.score,
        )
        for k in a.kpis.order_by(CorpsAKpi.number)
    )
    p = a.person
    return AgreementView(
        a.id, a.uuid, p.id, p.full_name, p.position, a.year, a.category, a.procedure, a.edition,
        a.authorised_name, a.authorised_position, a.agreed_on, a.evaluated_on, a.days_worked,
        kpis, a.final_score, a.band, a.review, a.additional_info, a.decision, a.decided_on,
    )  # fmt: skip


def _agreement(agreement_id: int) -> CorpsAAgreement:
    row = CorpsAAgreement.get_or_none(CorpsAAgreement.id == agreement_id)
    if row is None:
        raise NotFound(
            f"agreement {agreement_id} does not exist",
            field="agreement",
            key="eva_agreement_not_found",
            params={"id": agreement_id},
        )
    return row


def _check_specs(kpis: Sequence[KpiSpec], category: int) -> None:
    """R-EVA-1, as the domain reads it; a malformed list is refused before it is read."""
    if isinstance(kpis, str | bytes) or not isinstance(kpis, Sequence):
        raise ServiceError("kpis must be a list", field="kpis", key="eva_kpis_not_list")
    for index, spec in enumerate(kpis):
        if not isinstance(spec, KpiSpec):
            raise ServiceError(
                f"KPI {index + 1}: not a KPI",
                field=f"kpis[{index}]",
                key="eva_not_a_kpi",
                params={"number": index + 1},
            )
    with rules():
        check_agreement([s.title for s in kpis], [s.instructions for s in kpis], category)


@write(EDIT)
def save_agreement(
    person_id: int,
    year: int,
    kpis: Sequence[KpiSpec],
    *,
    category: int = 1,
    procedure: str = STANDARD,
    authorised_name: str = "",
    authorised_position: str = "",
    agreed_on: date | None = None,
) -> AgreementView:
    """Create or amend the annual agreement (R-EVA-1); refused once it has been evaluated."""
    person = person_or_fail(person_id)
    year = check_year(year)
    _check_specs(kpis, category)
    if procedure not in PROCEDURE_PARTS:
        raise ServiceError(
            f"unknown procedure {procedure!r}",
            field="procedure",
            key="eva_procedure_unknown",
            params={"procedure": procedure},
        )
    edition = edition_in_force(date(year, 12, 31), PROCEDURE_PARTS[procedure], "procedure")
    existing = CorpsAAgreement.get_or_none(
        (CorpsAAgreement.person == person) & (CorpsAAgreement.year == year)
    )
    if existing is not None and existing.final_score is not None:
        raise ServiceError(
            "the agreement has been evaluated; it can no longer change",
            field="kpis",
            key="eva_agreement_evaluated",
        )
    values = dict(
        category=category,
        procedure=procedure,
        edition=edition,
        authorised_name=authorised_name.strip(),
        authorised_position=authorised_position.strip(),
        agreed_on=agreed_on,
    )
    CorpsAAgreement.insert(person=person, year=year, **values).on_conflict(
        conflict_target=[CorpsAAgreement.person, CorpsAAgreement.year],
        update={getattr(CorpsAAgreement, k): v for k, v in values.items()},
    ).execute()
    row = CorpsAAgreement.get((CorpsAAgreement.person == person) & (CorpsAAgreement.year == year))
    CorpsAKpi.delete().where(CorpsAKpi.agreement == row).execute()
    for number, spec in enumerate(kpis, start=1):
        CorpsAKpi.create(
            agreement=row, number=number, title=spec.title.strip(),
            instructions=spec.instructions, link=spec.link, unit=spec.unit, plan=spec.plan,
            due=spec.due, result=spec.result,
        )  # fmt: skip
    record_history(
        "evaluation.agreement", "corps_a_agreement", row.uuid,
        after={**values, "year": year, "person": person.uuid, "kpis": [s.title for s in kpis]},
    )  # fmt: skip
    return _view(row)


@write(EDIT)
def evaluate_agreement(
    agreement_id: int, results: Sequence[KpiResult], *, evaluated_on: date, days_worked: int
) -> AgreementView:
    """Score the five KPIs (R-EVA-2), final score and band (R-EVA-3), after R-EVA-4.

    All or nothing: one refused score leaves the agreement as it was.
    """
    row = _agreement(agreement_id)
    if not isinstance(evaluated_on, date):
        raise ServiceError(
            "the evaluation date is required", field="evaluated_on", key="eva_evaluated_on_required"
        )
    lines = list(row.kpis.order_by(CorpsAKpi.number))
    by_number = {r.number: r for r in results if isinstance(r, KpiResult)}
    if any(not isinstance(r, KpiResult) for r in results):
        raise ServiceError(
            "results: a KPI result is expected for each line",
            field="kpis",
            key="eva_results_each_line",
        )
    with rules():
        check_results_cover([k.number for k in lines], [r.number for r in results])
    with rules():
        eligibility = corps_a_eligible(
            appointed_on=row.person.appointed_on or date(row.year, 1, 1),
            period_start=date(row.year, 1, 1),
            period_end=date(row.year, 12, 31),
            days_worked=days_worked,
        )
    if not eligibility:
        raise NotEvaluated(eligibility, "R-EVA-4")
    sheet = [
        Kpi(by_number[k.number].percent, by_number[k.number].score, k.instructions) for k in lines
    ]
    with rules():
        final, band = corps_a_sheet(sheet)
    for line, kpi in zip(lines, sheet, strict=True):
        with rules():
            percent = round2(to_decimal(kpi.percent, field="percent", rule_id="R-EVA-2"))
            score = round2(to_decimal(kpi.score, field="score", rule_id="R-EVA-2"))
        line.actual = str(by_number[line.number].actual).strip()
        line.percent, line.score = percent, score
        line.save()
    row.final_score, row.band = final, str(band)
    row.evaluated_on, row.days_worked = evaluated_on, days_worked
    row.save()
    record_history(
        "evaluation.corps_a", "corps_a_agreement", row.uuid,
        after={"final": str(final), "band": str(band), "scores": [str(k.score) for k in sheet]},
    )  # fmt: skip
    return _view(row)


@write(EDIT)
def set_review(agreement_id: int, review: str, additional_info: str = "") -> AgreementView:
    """The activity review for the National Commission (Appendix 6)."""
    row = _agreement(agreement_id)
    row.review, row.additional_info = review.strip(), additional_info.strip()
    row.save()
    record_history("evaluation.review", "corps_a_agreement", row.uuid, after={"review": "set"})
    return _view(row)


@write(EDIT)
def record_decision(agreement_id: int, decision: str, decided_on: date) -> AgreementView:
    """R-EVA-5: the National Commission's decision, after the final score exists."""
    row = _agreement(agreement_id)
    if row.final_score is None:
        raise ServiceError(
            "the agreement has not been evaluated",
            field="decision",
            rule_id="R-EVA-5",
            key="eva_agreement_not_evaluated",
        )
    with rules():
        validate_national_commission_decision(decision)
    before = {"decision": row.decision}
    row.decision, row.decided_on = decision, decided_on
    row.save()
    record_history(
        "evaluation.decision", "corps_a_agreement", row.uuid,
        before=before, after={"decision": decision, "decided_on": decided_on},
    )  # fmt: skip
    return _view(row)


@read("evaluation.view")
def get_agreement(agreement_id: int) -> AgreementView:
    return _view(_agreement(agreement_id))


@read("evaluation.view")
def list_agreements(year: int | None = None) -> list[AgreementView]:
    query = CorpsAAgreement.select().order_by(CorpsAAgreement.year.desc(), CorpsAAgreement.id)
    if year is not None:
        query = query.where(CorpsAAgreement.year == year)
    return [_view(row) for row in query]


def kpi_bounds(percent: Number, instructions: bool) -> tuple[Decimal, Decimal]:
    """Allowed scores for a realisation percentage (R-EVA-2), for the editor's hint."""
    with rules():
        return kpi_score_bounds(percent, instructions)


def suggest_percent(plan: str, actual: str) -> Decimal | None:
    """actual / plan x 100, rounded (R-EVA-2); None where either is not a number.

    Only a suggestion: for a KPI where less is better the authorised person
    enters the percentage himself.
    """
    try:
        planned = to_decimal(plan, field="plan", rule_id=None)
        done = to_decimal(actual, field="actual", rule_id=None)
    except ValueError:
        return None
    if planned <= 0 or done < 0:
        return None
    return round2(done / planned * 100)


def _current(person_id: int, year: int) -> AgreementView | None:
    row = CorpsAAgreement.get_or_none(
        (CorpsAAgreement.person == person_id) & (CorpsAAgreement.year == year)
    )
    return None if row is None else _view(row)


def agreement_parts(view: AgreementView | None) -> dict[str, object]:
    """The parts of an agreement a save is checked against (none where there is none)."""
    return stale.parts_of(view, NOT_COMPARED)


@write(EDIT)
def save_over(
    loaded: AgreementView | None, person_id: int, year: int, change: Callable[[], T]
) -> T:
    """Run ``change`` (this module's writes on the person's agreement of ``year``) only if
    the agreement is still the version the form loaded (``None``: there was none), in one
    transaction; one saved on another desk since is refused naming what changed
    (services/stale.py). The person's row stands for the agreement, so a first one is
    guarded as well."""
    return stale.save_over(
        agreement_parts(loaded),
        models.Person,
        person_id,
        lambda: _current(person_id, year),
        agreement_parts,
        change,
        record="agreement",
    )
