"""Corps "B": quarterly evaluation sheets, the annual score, evaluators' load.

R-EVB-1 (quarterly, annual = mean of the quarters), R-EVB-2 (who is evaluated),
R-EVB-3 (five parameters, mean and band, two forms), R-EVB-4 (the disciplinary
cap on parameter 5), R-EVB-5 (more than twenty evaluated: additional evaluators).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from peewee import fn

from kzcommission.domain.evaluation import (
    FORMS,
    LEADING,
    LIGHT_PENALTIES,
    NON_LEADING,
    Number,
    corps_b_annual,
    corps_b_eligible,
    corps_b_sheet,
    needs_additional_evaluators,
)
from kzcommission.domain.evaluation.values import to_score
from kzcommission.domain.leading import is_leading_position
from kzcommission.services import stale
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.evaluation.common import (
    CORPS_B_PARTS,
    EDIT,
    NotEvaluated,
    edition_in_force,
    person_or_fail,
    quarter_bounds,
)
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import CalibrationSession, CorpsBSheet
from kzcommission.store.names import names_of

__all__ = ["FORMS", "PENALTY_CHOICES", "annual_score", "get_sheet", "list_sheets",
           "preview_sheet", "save_over", "save_sheet"]  # fmt: skip

# Penalty ids the editor offers (R-EVB-4): the three light ones, then any other penalty.
PENALTY_CHOICES: tuple[str, ...] = (*sorted(LIGHT_PENALTIES), "other")
PARAMS = ("p1", "p2", "p3", "p4", "p5")
T = TypeVar("T")
# Issue 22: what a form's save is checked against is the sheet as typed; names come from
# the persons' records, the score and band follow the rest, the load other sheets.
NOT_COMPARED = ("id", "uuid", "person_id", "person_name", "position", "evaluator_name",
                "evaluator_position", "year", "quarter", "edition", "final_score", "band",
                "evaluator_load", "additional_evaluators_needed", "calibrated_score")  # fmt: skip
COMMENTS = ("c1", "c2", "c3", "c4", "c5")


@dataclass(frozen=True)
class SheetView:
    id: int
    uuid: str
    person_id: int
    person_name: str
    position: str
    evaluator_id: int
    evaluator_name: str
    evaluator_position: str
    year: int
    quarter: int
    form: str
    edition: str
    scores: tuple[Decimal, ...]
    comments: tuple[str, ...]
    penalty: str | None
    final_score: Decimal
    band: str
    evaluated_on: date
    days_worked: int
    evaluator_load: int  # persons this evaluator scored in the quarter
    additional_evaluators_needed: bool  # R-EVB-5
    calibrated_score: Decimal | None  # adopted by a calibration session (R-CAL-3)


@dataclass(frozen=True)
class AnnualView:
    person_id: int
    year: int
    quarters: dict[int, Decimal]  # the score counted per quarter (calibrated where adopted)
    score: Decimal
    band: str


@read("evaluation.view")
def evaluator_load(evaluator_id: int, year: int, quarter: int) -> int:
    """Distinct persons ``evaluator_id`` scored in the quarter (R-EVB-5)."""
    return (
        CorpsBSheet.select(fn.COUNT(CorpsBSheet.person.distinct()))
        .where(
            (CorpsBSheet.evaluator == evaluator_id)
            & (CorpsBSheet.year == year)
            & (CorpsBSheet.quarter == quarter)
        )
        .scalar()
        or 0
    )


def adopted_score(sheet: CorpsBSheet) -> Decimal | None:
    session = (
        CalibrationSession.select()
        .where(
            (CalibrationSession.sheet == sheet) & CalibrationSession.adopted_score.is_null(False)
        )
        .order_by(CalibrationSession.id.desc())
        .first()
    )
    return session.adopted_score if session else None


def sheet_view(s: CorpsBSheet) -> SheetView:
    load = evaluator_load(s.evaluator_id, s.year, s.quarter)
    p, e = s.person, s.evaluator
    return SheetView(
        s.id, s.uuid, p.id, p.full_name, p.position, e.id, e.full_name, e.position, s.year,
        s.quarter, s.form, s.edition, tuple(getattr(s, n) for n in PARAMS),
        tuple(getattr(s, n) for n in COMMENTS), s.penalty, s.final_score, s.band, s.evaluated_on,
        s.days_worked, load, needs_additional_evaluators(load), adopted_score(s),
    )  # fmt: skip


@read("evaluation.view")
def sheet_or_fail(sheet_id: int) -> CorpsBSheet:
    row = CorpsBSheet.get_or_none(CorpsBSheet.id == sheet_id)
    if row is None:
        raise NotFound(
            f"evaluation sheet {sheet_id} does not exist",
            field="sheet",
            key="evb_sheet_not_found",
            params={"id": sheet_id},
        )
    return row


@write(EDIT)
def save_sheet(
    person_id: int,
    evaluator_id: int,
    year: int,
    quarter: int,
    form: str,
    scores: Sequence[Number],
    *,
    penalty: str | None = None,
    comments: Sequence[str] = (),
    evaluated_on: date,
    days_worked: int,
) -> SheetView:
    """Save (or correct) one quarterly sheet, all checks first, nothing saved on a refusal.

    ``scores`` are the five parameters in the printed order of ``form``.
    """
    person = person_or_fail(person_id)
    evaluator = person_or_fail(evaluator_id, "evaluator")
    if person.id == evaluator.id:
        raise ServiceError(
            "a person does not evaluate himself", field="evaluator", key="evb_evaluates_himself"
        )
    start, end = quarter_bounds(year, quarter)
    if isinstance(scores, Mapping):
        raise ServiceError(
            "scores must list the five parameters in order",
            field="scores",
            key="evb_scores_five_in_order",
        )
    if form not in FORMS:
        raise ServiceError(
            f"unknown form {form!r}; allowed: {', '.join(FORMS)}",
            field="form",
            rule_id="R-EVB-3",
            key="eva_form_unknown",
            params={"form": form, "allowed": ", ".join(FORMS)},
        )
    edition = edition_in_force(end, CORPS_B_PARTS, "quarter")
    if not isinstance(evaluated_on, date):
        raise ServiceError(
            "the evaluation date is required", field="evaluated_on", key="eva_evaluated_on_required"
        )
    with rules():
        eligibility = corps_b_eligible(
            appointed_on=person.appointed_on or start,
            period_start=start,
            period_end=end,
            days_worked=days_worked,
        )
    if not eligibility:
        raise NotEvaluated(eligibility, "R-EVB-2")
    with rules():
        final, band = corps_b_sheet(scores, penalty, form=form)
        # The values corps_b_sheet accepted, as the exact Decimals to store.
        values = dict(zip(PARAMS, _scores(scores), strict=True))
    notes = [str(c).strip() for c in comments][:5]
    notes += [""] * (5 - len(notes))
    existing = CorpsBSheet.get_or_none(
        (CorpsBSheet.person == person)
        & (CorpsBSheet.year == year)
        & (CorpsBSheet.quarter == quarter)
    )
    if existing is not None and existing.calibrations.count():
        raise ServiceError(
            "the sheet is under calibration; the session's protocol decides the score",
            field="scores", rule_id="R-CAL-3", key="evb_under_calibration",
        )  # fmt: skip
    fields = dict(
        evaluator=evaluator, form=form, edition=edition, penalty=penalty, final_score=final,
        band=str(band), evaluated_on=evaluated_on, days_worked=days_worked, **values,
        **dict(zip(COMMENTS, notes, strict=True)),
    )  # fmt: skip
    CorpsBSheet.insert(person=person, year=year, quarter=quarter, **fields).on_conflict(
        conflict_target=[CorpsBSheet.person, CorpsBSheet.year, CorpsBSheet.quarter],
        update={getattr(CorpsBSheet, k): v for k, v in fields.items()},
    ).execute()
    row = CorpsBSheet.get(
        (CorpsBSheet.person == person)
        & (CorpsBSheet.year == year)
        & (CorpsBSheet.quarter == quarter)
    )
    record_history(
        "evaluation.corps_b", "corps_b_sheet", row.uuid,
        before={"final": str(existing.final_score)} if existing else None,
        after={"final": str(final), "band": str(band), "form": form, "penalty": penalty,
               "scores": [str(v) for v in values.values()], "evaluator": evaluator.uuid},
    )  # fmt: skip
    return sheet_view(row)


def _scores(scores: Sequence[Number]) -> list[Decimal]:
    return [to_score(s, field=f"parameter {i}", rule_id="R-EVB-3") for i, s in enumerate(scores, 1)]


@read("evaluation.view")
def get_sheet(sheet_id: int) -> SheetView:
    return sheet_view(sheet_or_fail(sheet_id))


@read("evaluation.view")
def list_sheets(year: int | None = None, quarter: int | None = None) -> list[SheetView]:
    query = CorpsBSheet.select().order_by(
        CorpsBSheet.year.desc(), CorpsBSheet.quarter.desc(), CorpsBSheet.id
    )
    if year is not None:
        query = query.where(CorpsBSheet.year == year)
    if quarter is not None:
        query = query.where(CorpsBSheet.quarter == quarter)
    return [sheet_view(row) for row in query]


@read("evaluation.view")
def default_form(person_id: int) -> str:
    """The sheet form a new quarter starts with: the leading position's when his position
    is a leading one (domain/leading.py), else the other form; the user may change it."""
    person = models.Person.get_or_none(id=person_id)
    titles = names_of(person, "position").variants().values() if person else ()
    return LEADING if any(is_leading_position(t) for t in titles) else NON_LEADING


@read("evaluation.view")
def annual_score(person_id: int, year: int) -> AnnualView:
    """R-EVB-1: the mean of the quarters evaluated, each as calibrated where a session adopted."""
    person = person_or_fail(person_id)
    rows = CorpsBSheet.select().where((CorpsBSheet.person == person) & (CorpsBSheet.year == year))
    quarters = {}
    for row in rows.order_by(CorpsBSheet.quarter):
        calibrated = adopted_score(row)
        quarters[row.quarter] = calibrated if calibrated is not None else row.final_score
    if not quarters:
        raise ServiceError(
            f"no quarter of {year} was evaluated", field="year", rule_id="R-EVB-1",
            key="evb_no_quarter_evaluated", params={"year": year},
        )  # fmt: skip
    with rules():
        score, band = corps_b_annual(quarters)
    return AnnualView(person.id, year, quarters, score, str(band))


def preview_sheet(form: str, scores: Sequence[Number], penalty: str | None = None):
    """R-EVB-3/R-EVB-4 checks and the mean for the editor, before anything is saved.

    Refusals carry the parameter id in ``field`` so the screen can point at it.
    """
    if form not in FORMS:
        raise ServiceError(
            f"unknown form {form!r}", field="form", rule_id="R-EVB-3",
            key="eva_form_unknown_alone", params={"form": form},
        )  # fmt: skip
    with rules():
        final, band = corps_b_sheet(scores, penalty, form=form)
    return final, str(band)


def sheet_parts(view: SheetView | None) -> dict[str, object]:
    """The parts of a sheet a save is checked against (none where there is none)."""
    return stale.parts_of(view, NOT_COMPARED)


def _current(person_id: int, year: int, quarter: int) -> SheetView | None:
    row = CorpsBSheet.get_or_none(
        (CorpsBSheet.person == person_id)
        & (CorpsBSheet.year == year)
        & (CorpsBSheet.quarter == quarter)
    )
    return None if row is None else sheet_view(row)


@write(EDIT)
def save_over(
    loaded: SheetView | None, person_id: int, year: int, quarter: int, change: Callable[[], T]
) -> T:
    """Run ``change`` (a save of the person's sheet of the quarter) only if the sheet is
    still the version the form loaded (``None``: there was none), in one transaction; one
    saved on another desk since is refused naming what changed (services/stale.py)."""
    return stale.save_over(
        sheet_parts(loaded),
        models.Person,
        person_id,
        lambda: _current(person_id, year, quarter),
        sheet_parts,
        change,
        record="sheet",
    )
