"""The grades at stake after a positive decision, and "no grounds" recorded in one step
(R-DEC-3 Reading, R-ELIG-4).

The options come from the personnel record: the person's current grade and the
grade of his application for the next category (``category_application``). The
rule itself is :func:`kzcommission.domain.decisions.grades_at_stake`; this module
only reads the facts it needs.
"""

from __future__ import annotations

from datetime import date

from kzcommission.domain import kinds
from kzcommission.domain.decisions import (
    applied_grade,
    check_grade_outcome_due,
    check_no_grade_in_one_step,
    grade_vote_opens,
    grades_at_stake,
)
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.sitting.cases import CaseView, bump, editable_case, get_case, ruleset_of
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import CategoryApplication, CertificationRecord


@read("records.view")
def options_by_case(rows: list[models.Case], on: date) -> dict[int, tuple[str, ...]]:
    """The grade vote's options of each case (R-DEC-3), in two queries for the lot.

    ``rows`` are cases of one sitting, held on ``on``, with their person loaded. The
    next grade is that of his application (R-ELIG-4); an application that names no
    grade is completed by the grade written on the case.
    """
    persons = {c.person_id for c in rows}
    if not persons:
        return {}
    last: dict[int, date] = {}
    for r in CertificationRecord.select(CertificationRecord.person, CertificationRecord.on).where(
        CertificationRecord.person.in_(persons) & (CertificationRecord.on < on)
    ):
        last[r.person_id] = max(r.on, last.get(r.person_id, r.on))
    applications: dict[int, list[tuple[date, str]]] = {}
    for a in CategoryApplication.select().where(CategoryApplication.person.in_(persons)):
        applications.setdefault(a.person_id, []).append((a.applied_on, a.grade))
    return {
        c.id: grades_at_stake(
            c.person.grade,
            applied_grade(
                [(d, g or c.candidate_grade) for d, g in applications.get(c.person_id, [])],
                last.get(c.person_id),
                on,
            ),
        )
        for c in rows
    }


@read("records.view")
def options_of(case: models.Case) -> tuple[str, ...]:
    """The grade vote's options for this case (R-DEC-3): from the record, not free text."""
    return options_by_case([case], case.sitting.held_on)[case.id]


@read("records.view")
def grade_options(case_id: int) -> tuple[str, ...]:
    """The grades at stake on a case, "no grounds" last (for the screens and the review)."""
    case = models.Case.get_or_none(models.Case.id == case_id)
    if case is None:
        raise NotFound(f"no case {case_id}", key="not_found_case", params={"id": case_id})
    return options_of(case)


@read("records.view")
def one_step(case_id: int) -> bool:
    """True when the case's grade outcome is recorded in one step, without a vote."""
    return not grade_vote_opens(grade_options(case_id))


@write("ballot.record")
def record_no_grade(case_id: int) -> CaseView:
    """With no grade at stake, record "no grounds" in one step (R-DEC-3 Reading)."""
    case = editable_case(case_id)
    options = options_of(case)
    with rules():
        check_grade_outcome_due(ruleset_of(case), case.decision)
        if case.grade_result is None:
            check_no_grade_in_one_step(options)
    if case.grade_result is not None:
        raise ServiceError(
            "the grade outcome is already recorded", field="grade", key="grade_already_recorded"
        )
    case.grade_result = kinds.NO_GRADE_OPTION
    bump(case)
    record_history(
        "case.grade_no_grounds",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"grade_result": kinds.NO_GRADE_OPTION, "rule": "R-DEC-3", "options": options},
    )
    return get_case(case.id)
