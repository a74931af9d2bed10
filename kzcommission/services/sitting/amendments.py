"""Corrections of a finalized sitting: requested with a reason, signed off by the chair.

The original record stays as it was; the amendment is printed as an addendum to
the minutes (documents.addendum). Only signed amendments are printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kzcommission.documents.addendum import AddendumAppeal, AddendumData, AddendumItem
from kzcommission.services.context import current_actor
from kzcommission.services.errors import NotFound, PermissionDenied, ServiceError
from kzcommission.services.sitting.cases import TEXT_FIELDS
from kzcommission.services.trust import history
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import Amendment
from kzcommission.store.names import names_of

CASE_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "decision", "grade_result", "appearance")
SITTING_FIELDS: tuple[str, ...] = ("number", "place")


@dataclass(frozen=True)
class AmendmentView:
    id: int
    uuid: str
    sitting_id: int
    case_id: int | None
    person_name: str
    field: str
    old: str
    new: str
    reason: str
    requested_by: str
    requested_at: datetime
    signed_by: str | None
    signed_at: datetime | None

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


def _view(a: Amendment) -> AmendmentView:
    person = a.case.person.full_name if a.case_id else ""
    return AmendmentView(
        a.id,
        a.uuid,
        a.sitting_id,
        a.case_id,
        person,
        a.field,
        a.old,
        a.new,
        a.reason,
        a.requested_by,
        a.requested_at,
        a.signed_by,
        a.signed_at,
    )


def _check_case_value(case: models.Case, field: str, new: str) -> None:
    """An amended decision, grade or appearance must be one the rules allow for the case."""
    from kzcommission.domain.decisions import allowed_decisions, decision_rule_of
    from kzcommission.domain.kinds import Appearance
    from kzcommission.services.sitting import grades
    from kzcommission.services.sitting.cases import ruleset_of

    if field == "decision":  # R-DEC-1/2/4, narrowed by R-DEC-5
        allowed = allowed_decisions(ruleset_of(case), case.kind, case.restricted)
        rule = decision_rule_of(case.kind, case.restricted)
    elif field == "grade_result":  # R-DEC-3: the grades at stake
        allowed, rule = grades.options_of(case), "R-DEC-3"
    elif field == "appearance":
        allowed, rule = tuple(a.value for a in Appearance), "R-SIT-3"
    else:
        return
    if new not in allowed:
        raise ServiceError(
            f"{new!r} is not a {field} this case allows; one of {', '.join(allowed)}",
            field="new",
            rule_id=rule,
            key="amend_value_not_allowed",
            params={
                "value": new,
                "field_key": f"amend.field.{field}",
                "allowed": ", ".join(allowed),
            },
        )


@write("amendment.request")
def request_amendment(
    sitting_id: int, field: str, new: str, reason: str, *, case_id: int | None = None
) -> AmendmentView:
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}",
            field="sitting",
            key="not_found_sitting",
            params={"id": sitting_id},
        )
    if sitting.status != "finalized":
        raise ServiceError(
            "the sitting is not finalized: change the record itself",
            field="sitting",
            key="amend_sitting_not_finalized",
        )
    if not reason.strip():
        raise ServiceError(
            "an amendment needs its reason", field="reason", key="amend_reason_missing"
        )
    if case_id is not None:
        case = models.Case.get_or_none(models.Case.id == case_id)
        if case is None or case.sitting_id != sitting.id:
            raise NotFound(
                f"no case {case_id} in this sitting",
                field="case",
                key="amend_case_not_in_sitting",
                params={"case": case_id},
            )
        if field not in CASE_FIELDS:
            raise ServiceError(
                f"{field!r} cannot be amended on a case",
                field="field",
                key="amend_not_a_case_field",
                params={"field": field},
            )
        _check_case_value(case, field, new)
        old = getattr(case, field)
    else:
        case = None
        if field not in SITTING_FIELDS:
            raise ServiceError(
                f"{field!r} cannot be amended on a sitting",
                field="field",
                key="amend_not_a_sitting_field",
                params={"field": field},
            )
        old = getattr(sitting, field)
    old_text = "" if old is None else str(old)
    if old_text == new:
        raise ServiceError(
            "the new value is the same as the recorded one", field="new", key="amend_same_value"
        )
    amendment = Amendment.create(
        sitting=sitting,
        case=case,
        field=field,
        old=old_text,
        new=new,
        reason=reason.strip(),
        requested_by=current_actor().name,
    )
    record_history(
        "amendment.request",
        "amendment",
        amendment.uuid,
        sitting=sitting.uuid,
        before={field: old_text},
        after={field: new, "case": case.uuid if case else "", "reason": amendment.reason},
    )
    return _view(amendment)


@write("amendment.sign")
def sign_amendment(amendment_id: int) -> AmendmentView:
    """The chair of the sitting's commission signs the amendment off."""
    amendment = Amendment.get_or_none(Amendment.id == amendment_id)
    if amendment is None:
        raise NotFound(
            f"no amendment {amendment_id}", key="amend_not_found", params={"id": amendment_id}
        )
    if amendment.signed_at is not None:
        raise ServiceError(
            "the amendment is signed already", field="amendment", key="amend_signed_already"
        )
    actor = current_actor()
    seat = models.Seat.get_or_none(models.Seat.uuid == actor.seat_uuid) if actor.seat_uuid else None
    if (
        seat is None
        or seat.role != "chair"
        or seat.commission_id != amendment.sitting.commission_id
    ):
        raise PermissionDenied(
            "only the chair of this commission signs its amendments", key="amend_chair_signs"
        )
    amendment.signed_by = actor.name
    amendment.signed_at = models.now()
    amendment.save()
    record_history(
        "amendment.sign",
        "amendment",
        amendment.uuid,
        sitting=amendment.sitting.uuid,
        after={"signed_by": actor.name, "field": amendment.field},
    )
    return _view(amendment)


@read("records.view")
def list_amendments(sitting_id: int, *, signed_only: bool = False) -> list[AmendmentView]:
    query = Amendment.select().where(Amendment.sitting == sitting_id)
    if signed_only:
        query = query.where(Amendment.signed_at.is_null(False))
    return [_view(a) for a in query.order_by(Amendment.requested_at, Amendment.id)]


@read("records.view")
def addendum_data(sitting_id: int) -> AddendumData:
    """What the addendum to the minutes prints: the signed amendments of the sitting and
    the appeals against its decisions (R-DOC-8)."""
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}", key="not_found_sitting", params={"id": sitting_id}
        )
    items = tuple(
        AddendumItem(
            a.uuid,
            a.person_name,
            a.field,
            a.old,
            a.new,
            a.reason,
            a.requested_by,
            a.signed_by or "",
            a.signed_at.isoformat(sep=" ") if a.signed_at else "",
        )
        for a in list_amendments(sitting_id, signed_only=True)
    )
    return AddendumData(
        sitting_uuid=sitting.uuid,
        commission=names_of(sitting.commission, "name"),
        number=sitting.number,
        held_on=sitting.held_on.isoformat(),
        chain_head=history.chain_head(sitting.uuid),
        items=items,
        appeals=_appeals(sitting_id),
    )


def _appeals(sitting_id: int) -> tuple[AddendumAppeal, ...]:
    """The appeals of the sitting's cases, in the order filed (R-DOC-8)."""
    A, K = models.Appeal, models.Case
    query = (
        A.select(A, K, models.Person)
        .join(K)
        .join(models.Person)
        .where(K.sitting == sitting_id)
        .order_by(A.filed_on, models.Person.surname, models.Person.given_name)
    )
    return tuple(
        AddendumAppeal(
            a.case.person.full_name,
            a.filed_on.isoformat(),
            a.outcome,
            a.outcome_on.isoformat() if a.outcome_on else "",
        )
        for a in query
    )
