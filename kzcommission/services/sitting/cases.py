"""Cases of a sitting: appearance, texts, recusals (R-SIT-1 to R-SIT-6, R-DEC-5)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from kzcommission.domain.decisions import check_decision, check_restriction_change
from kzcommission.domain.eligibility import Admission
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Appearance, Kind
from kzcommission.domain.names import Names
from kzcommission.domain.recount import DISCARDED
from kzcommission.domain.rulesets import RuleSet, ruleset_by_code, ruleset_for
from kzcommission.domain.sitting import AbsenceOutcome, absence_outcome, case_voters
from kzcommission.domain.workdays import is_working_day
from kzcommission.services import stale
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.inputs import check_text
from kzcommission.services.preparation.due import admission_of
from kzcommission.services.sitting.sittings import ensure_editable, present_voting_seats
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models, raw
from kzcommission.store.errors import ConflictError
from kzcommission.store.names import name_values, names_of

# What is typed about a case from its materials to the interview's recommendations.
INTERVIEW_TEXTS: tuple[str, ...] = (
    "materials",
    "questions",
    "comments",
    "opinion",
    "supervisor_assessment",
    "recommendations",
)
TEXT_FIELDS: tuple[str, ...] = (
    *INTERVIEW_TEXTS,
    "absence_reason",
    "candidate_grade",
    "position",
)


@dataclass(frozen=True)
class CaseView:
    id: int
    uuid: str
    sitting_id: int
    person_id: int
    person_name: str
    personnel_number: str
    position: str
    kind: str
    ruleset: str
    order: int
    status: str
    appearance: str
    restricted: bool
    decision: str | None
    decision_rule: str
    grade_result: str | None
    candidate_grade: str
    version: int
    recused: dict[int, str]  # seat id -> reason
    texts: dict[str, str]
    # Set by add_case only (R-ELIG-3 Reading): the person is not yet due, he falls due
    # on this date; the sitting is held on a day off (R-DL-9 calendar).
    falls_due_on: date | None = None
    sitting_day_off: bool = False
    # No personnel record with an appointment date: R-ELIG-1/3/6 could not be applied.
    eligibility_unchecked: bool = False
    person_sex: str = ""  # v14: "явился"/"явилась" on the screens too (R-DOC-6)
    positions: Names = Names()  # v13: the position per language


def _case(case_id: int) -> models.Case:
    case = models.Case.get_or_none(models.Case.id == case_id)
    if case is None:
        raise NotFound(f"no case {case_id}", key="not_found_case", params={"id": case_id})
    return case


def _view(case: models.Case) -> CaseView:
    recused = {r.seat_id: r.reason for r in case.recusals}
    person = case.person
    return CaseView(
        id=case.id,
        uuid=case.uuid,
        sitting_id=case.sitting_id,
        person_id=case.person_id,
        person_name=person.full_name,
        personnel_number=person.personnel_number or "",
        person_sex=person.sex,
        position=case.position,
        positions=names_of(case, "position"),
        kind=case.kind,
        ruleset=case.ruleset,
        order=case.order,
        status=case.status,
        appearance=case.appearance,
        restricted=case.restricted,
        decision=case.decision,
        decision_rule=case.decision_rule,
        grade_result=case.grade_result,
        candidate_grade=case.candidate_grade,
        version=case.version,
        recused=recused,
        texts={f: getattr(case, f) for f in TEXT_FIELDS},
    )


@read("records.view")
def check_admission(sitting_id: int, person_id: int, kind: str) -> Admission | None:
    """R-ELIG-3 Reading, at the top of :func:`add_case`: refuse (naming R-ELIG-1, R-ELIG-3,
    R-ELIG-6 or R-ELIG-7) a person excluded on the sitting's date; otherwise the admission,
    whose ``falls_due_on`` the caller shows as a warning. None: no sitting, person or record
    (add_case reports the first two)."""
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None or kind not in {k.value for k in Kind}:
        return None
    return admission_of(person_id, sitting.held_on, kind)


def _admitted(view: CaseView, admitted: Admission | None, held_on: date) -> CaseView:
    return replace(
        view,
        falls_due_on=admitted.falls_due_on if admitted else None,
        sitting_day_off=not is_working_day(held_on),
        eligibility_unchecked=admitted is None,
    )


@read("records.view")
def get_case(case_id: int) -> CaseView:
    return _view(_case(case_id))


@read("records.view")
def list_cases(sitting_id: int) -> list[CaseView]:
    query = (
        models.Case.select(models.Case, models.Person)
        .join(models.Person)
        .where(models.Case.sitting == sitting_id)
        .order_by(models.Case.order, models.Case.id)
    )
    return [_view(c) for c in query]


def ruleset_of(case: models.Case | CaseView) -> RuleSet:
    return ruleset_by_code(case.ruleset)


@read("records.view")
def editable_case(case_id: int, expected_version: int | None = None) -> models.Case:
    """Load a case for writing: its sitting not locked, and nobody changed it meanwhile."""
    case = (
        models.Case.select(models.Case, models.Sitting)
        .join(models.Sitting)
        .where(models.Case.id == case_id)
        .first()
    )
    if case is None:
        raise NotFound(f"no case {case_id}", key="not_found_case", params={"id": case_id})
    ensure_editable(case.sitting)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            f"case of {case.person.full_name} was changed by someone else "
            f"(version {case.version}, you had {expected_version}); reload it and retry"
        )
    return case


def bump(case: models.Case) -> None:
    """Save with a version check, so two clients editing one case never overwrite silently."""
    old = case.version
    case.version = old + 1
    updated = (
        models.Case.update(
            {**{f: getattr(case, f.name) for f in case.dirty_fields}, models.Case.version: old + 1}
        )
        .where((models.Case.id == case.id) & (models.Case.version == old))
        .execute()
    )
    if updated != 1:
        raise ConflictError(f"case {case.id} was changed by someone else; reload it and retry")
    case._dirty.clear()


@write("case.edit")
def add_case(
    sitting_id: int,
    person_id: int,
    kind: str,
    *,
    restricted: bool = False,
    candidate_grade: str = "",
    position: str | Names | None = None,
) -> CaseView:
    admitted = check_admission(sitting_id, person_id, kind)
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}",
            field="sitting",
            key="not_found_sitting",
            params={"id": sitting_id},
        )
    ensure_editable(sitting)
    person = models.Person.get_or_none(models.Person.id == person_id)
    if person is None:
        raise NotFound(
            f"no person {person_id}",
            field="person",
            key="not_found_person",
            params={"id": person_id},
        )
    if kind not in {k.value for k in Kind}:
        raise ServiceError(
            f"unknown kind of certification {kind!r}",
            field="kind",
            key="case_kind_unknown",
            params={"kind": kind},
        )
    try:
        ruleset = ruleset_for(kind, sitting.held_on)
        if restricted:
            ruleset.decision_options(kind, restricted=True)
    except RuleError as exc:
        raise ServiceError(  # refusal: passes on
            str(exc), field=exc.field or "kind", rule_id=exc.rule_id, key=exc.key, params=exc.params
        ) from exc
    order = models.Case.select().where(models.Case.sitting == sitting).count()
    case = models.Case.create(
        sitting=sitting,
        person=person,
        kind=kind,
        ruleset=ruleset.code,
        order=order,
        restricted=restricted,
        candidate_grade=candidate_grade,
        **name_values("position", names_of(person, "position") if position is None else position),
    )
    # R-SIT-6: a member being certified does not vote on his own case.
    own_seats = models.Seat.select().where(
        (models.Seat.commission == sitting.commission_id) & (models.Seat.holder == person)
    )
    for seat in own_seats:
        models.Recusal.create(case=case, seat=seat, reason="R-SIT-6")
    record_history(
        "case.add",
        "case",
        case.uuid,
        sitting=sitting.uuid,
        after={"person": person.uuid, "kind": kind, "ruleset": ruleset.code},
    )
    return _admitted(_view(case), admitted, sitting.held_on)


@write("case.edit")
def set_text(
    case_id: int, field: str, text: str, *, expected_version: int | None = None
) -> CaseView:
    if field not in TEXT_FIELDS:
        raise ServiceError(
            f"{field!r} is not a text of a case",
            field=field,
            key="case_not_a_text",
            params={"field": field},
        )
    check_text(field, text, multiline=True)
    case = editable_case(case_id, expected_version)
    before = getattr(case, field)
    if before == text:
        return _view(case)
    setattr(case, field, text)
    bump(case)
    record_history(
        "case.text",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        before={field: before},
        after={field: text},
    )
    return _view(case)


@write("case.edit")
def save_texts(case_id: int, loaded: Mapping[str, str], typed: Mapping[str, str]) -> CaseView:
    """The interview texts typed on the case panel (the sheet's items 7-9, 13-14), saved
    over the version the panel loaded (issue 22: two desks): ``loaded`` holds each text
    the panel shows as it was read from the store; one saved on another desk since is
    refused naming it (stale.ChangedElsewhere, the case as it now is to reload), and
    nothing is saved. Each text saved is its own history entry, all in one transaction."""
    unknown = [f for f in (*loaded, *typed) if f not in TEXT_FIELDS]
    if unknown:
        raise ServiceError(
            f"{unknown[0]!r} is not a text of a case",
            field=unknown[0],
            key="case_not_a_text",
            params={"field": unknown[0]},
        )

    def change() -> CaseView:
        view = get_case(case_id)
        for field, text in typed.items():
            view = set_text(case_id, field, text)
        return view

    return stale.save_over(
        dict(loaded),
        models.Case,
        case_id,
        lambda: get_case(case_id),
        lambda now: {f: now.texts[f] for f in loaded},
        change,
        record="case",
    )


@write("case.edit")
def set_restricted(case_id: int, restricted: bool) -> CaseView:
    """R-DEC-5: failed fitness standards or the test: only decisions 3-5 remain.

    Set or cleared before the decision only. Rounds of the decision vote already
    begun (open, or closed without a majority) are discarded, their ballots kept and
    printed as discarded; voting starts again on the narrower (or wider) options.
    """
    case = editable_case(case_id)
    if case.restricted == restricted:
        return _view(case)
    try:
        check_restriction_change(case.decision is not None)
        if restricted:
            ruleset_of(case).decision_options(case.kind, restricted=True)
    except RuleError as exc:
        raise ServiceError(  # refusal: passes on
            str(exc), field="restricted", rule_id="R-DEC-5", key=exc.key, params=exc.params
        ) from exc
    begun = list(
        models.VoteRound.select().where(
            (models.VoteRound.case == case)
            & (models.VoteRound.subject == "decision")
            & (models.VoteRound.status != DISCARDED)
        )
    )
    reopen = any(r.status == "open" for r in begun)
    for r in begun:
        before = r.status
        r.status = DISCARDED
        r.closed_at = r.closed_at or models.now()
        r.save()
        record_history(
            "round.discard",
            "case",
            case.uuid,
            sitting=case.sitting.uuid,
            before={"status": before},
            after={
                "subject": r.subject,
                "number": r.number,
                "status": DISCARDED,
                "reason": "R-DEC-5: restriction " + ("set" if restricted else "cleared"),
            },
        )
    case.restricted = restricted
    bump(case)
    record_history(
        "case.restricted",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"restricted": restricted, "discarded_rounds": [r.number for r in begun]},
    )
    if reopen:  # the vote goes on, on the options the rule now allows
        from kzcommission.services.sitting import voting

        voting.open_round(case.id)
    return _view(case)


@read("records.view")
def earlier_unexcused_absences(case: models.Case) -> int:
    """Unexcused absences of the same person in the same kind, at other cases (R-SIT-5)."""
    return (
        models.Case.select()
        .where(
            (models.Case.person == case.person_id)
            & (models.Case.kind == case.kind)
            & (models.Case.id != case.id)
            & (models.Case.appearance == Appearance.ABSENT_UNEXCUSED.value)
        )
        .count()
    )


@write("case.edit")
def set_appearance(
    case_id: int, appearance: str, *, reason: str = "", at: datetime | None = None
) -> tuple[CaseView, AbsenceOutcome | None]:
    """Record whether the person came; apply R-SIT-3, or propose R-SIT-4 / R-SIT-5."""
    try:
        value = Appearance(appearance)
    except ValueError as exc:
        raise ServiceError(
            f"unknown appearance {appearance!r}",
            field="appearance",
            key="case_appearance_unknown",
            params={"appearance": appearance},
        ) from exc
    case = editable_case(case_id)
    if case.decision is not None:
        raise ServiceError(
            "the case is already decided", field="appearance", key="case_decided_already"
        )
    outcome = absence_outcome(ruleset_of(case), value, earlier_unexcused_absences(case))
    before = {"appearance": case.appearance, "status": case.status}
    case.appearance = value.value
    if reason:
        case.absence_reason = reason
    if outcome is None:
        case.status = "open"
    elif outcome.postpone:
        case.status = "postponed"
    else:
        case.status = "open"
    bump(case)
    record_history(
        "case.appearance",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        before=before,
        after={
            "appearance": value.value,
            "status": case.status,
            "rule": outcome.rule_id if outcome else "",
        },
    )
    return _view(case), outcome


@write("case.edit")
def decide_by_rule(case_id: int) -> CaseView:
    """Adopt the decision the rule set proposes for an unexcused absence (R-SIT-4, R-SIT-5)."""
    case = editable_case(case_id)
    outcome = absence_outcome(
        ruleset_of(case), Appearance(case.appearance), earlier_unexcused_absences(case)
    )
    if outcome is None or outcome.proposed_decision is None:
        raise ServiceError(
            "no decision follows from this appearance",
            field="appearance",
            key="case_no_decision_from_appearance",
        )
    with rules():  # R-DEC-5: a decision by rule too stays within what the case allows
        check_decision(ruleset_of(case), case.kind, case.restricted, outcome.proposed_decision)
    case.decision = outcome.proposed_decision
    case.decision_rule = outcome.rule_id
    case.status = "decided"
    case.decided_at = models.now()
    bump(case)
    record_history(
        "case.decide",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"decision": case.decision, "rule": outcome.rule_id},
    )
    return _view(case)


@write("case.edit")
def recuse(case_id: int, seat_id: int, reason: str) -> CaseView:
    case = editable_case(case_id)
    if not reason.strip():
        raise ServiceError(
            "a recusal needs its reason", field="reason", key="recusal_reason_missing"
        )
    seat = models.Seat.get_or_none(models.Seat.id == seat_id)
    if seat is None or seat.commission_id != case.sitting.commission_id:
        raise ServiceError(
            f"seat {seat_id} is not in this commission",
            field="seat",
            key="seat_not_in_commission",
            params={"seat": seat_id},
        )
    models.Recusal.insert(case=case, seat=seat, reason=reason.strip()).on_conflict(
        conflict_target=[models.Recusal.case, models.Recusal.seat],
        update={models.Recusal.reason: reason.strip()},
    ).execute()
    bump(case)
    record_history(
        "case.recuse",
        "seat",
        seat.uuid,
        sitting=case.sitting.uuid,
        after={"case": case.uuid, "reason": reason},
    )
    return _view(case)


@write("case.edit")
def withdraw_recusal(case_id: int, seat_id: int) -> CaseView:
    case = editable_case(case_id)
    models.Recusal.delete().where(
        (models.Recusal.case == case) & (models.Recusal.seat == seat_id)
    ).execute()
    bump(case)
    record_history(
        "case.unrecuse", "case", case.uuid, sitting=case.sitting.uuid, after={"seat": seat_id}
    )
    return _view(case)


@read("records.view")
def voters_of(case_id: int) -> tuple[int, ...]:
    """Present voting members minus the recused (R-VOTE-2 Reading, R-SIT-6)."""
    case = _case(case_id)
    return voters_among(case.id, present_voting_seats(case.sitting_id))


@read("records.view")
def voters_among(
    case_id: int, present: Sequence[int], recused: Sequence[int] | None = None
) -> tuple[int, ...]:
    """The voters of a case given the voting members present (R-VOTE-2 Reading, R-SIT-6);
    ``recused``: the case's recused seats when the caller read them already."""
    if recused is None:
        sql = "SELECT seat_id FROM recusal WHERE case_id = ?"
        recused = [seat for (seat,) in raw.fetch(sql, (case_id,))]
    return case_voters(present, set(recused))
