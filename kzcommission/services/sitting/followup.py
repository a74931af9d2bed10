"""After the sitting: minutes signed (R-DL-6), results communicated against signature
(R-DL-7), the head's decision, appeals (R-DOC-8), re-certification no earlier than
R-ELIG-6 allows, and postponed cases (R-SIT-3) moved onto a new sitting.

Moving a case creates a new case on the later sitting and links the two in
``case_move``; the old case stays as it was in its sitting, which may already
be finalized and locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import fn

from kzcommission.domain.appeals import check_filing, check_outcome
from kzcommission.domain.eligibility import RECERTIFY_RESULT, earliest_recertification
from kzcommission.domain.head_decision import check_change, check_head_decision
from kzcommission.domain.kinds import Kind
from kzcommission.domain.sitting import Appearance, absence_outcome
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.preparation import campaign
from kzcommission.services.sitting import cases as case_service
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import (
    Appeal,
    CaseMove,
    CaseStep,
    CertificationRecord,
    HeadDecision,
)
from kzcommission.store.names import names_of

HEAD_ACTION = "followup.head_decision"
# The printed forms that carry it: both sheets (documents.pack) and the personal-file
# extract (documents.summary).
SHEET_KINDS = ("sheet", "xsheet", "summary")


@dataclass(frozen=True)
class AppealView:
    id: int
    case_id: int
    filed_on: date
    text: str
    outcome: str
    outcome_on: date | None
    outcome_note: str


@dataclass(frozen=True)
class FollowUp:
    """Where a decided case stands after the sitting."""

    case_id: int
    decision: str | None
    decided_on: date | None
    minutes_signed_on: date | None
    familiarised_on: date | None
    head_decision_on: date | None
    head_order: str
    appeals: tuple[AppealView, ...]
    head_text: str = ""


@dataclass(frozen=True)
class WaitingCase:
    """A case waiting for a new sitting: postponed (R-SIT-3) or to be re-certified (R-ELIG-6)."""

    case_id: int
    person_id: int
    person_name: str
    kind: str
    sitting_id: int
    sitting_date: date
    reason: str  # postponed / recertify / appeal
    absence_reason: str
    earliest: date  # no sitting before this day
    rule_id: str

    @property
    def label_key(self) -> str:
        """The catalogue key naming why the case waits, after the rule that applied: a case
        postponed by a first unexcused absence (R-SIT-5, Decree 490) is not one postponed
        for a good reason (R-SIT-3)."""
        if self.reason == "postponed" and self.rule_id == "R-SIT-5":
            return "prep.reason.postponed_unexcused"
        return f"prep.reason.{self.reason}"


def _case(case_id: int) -> models.Case:
    case = models.Case.get_or_none(models.Case.id == case_id)
    if case is None:
        raise NotFound(
            f"no case {case_id}", field="case", key="not_found_case", params={"id": case_id}
        )
    return case


def _sitting(sitting_id: int) -> models.Sitting:
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}",
            field="sitting",
            key="not_found_sitting",
            params={"id": sitting_id},
        )
    return sitting


def _decided(case: models.Case) -> date:
    decided = campaign.decision_date(case, case.sitting.held_on)
    if decided is None:
        raise ServiceError(
            "decision: the case is not decided yet", field="decision", key="followup_not_decided"
        )
    return decided


def _appeal_view(a: Appeal) -> AppealView:
    return AppealView(a.id, a.case_id, a.filed_on, a.text, a.outcome, a.outcome_on, a.outcome_note)


@read("records.view")
def follow_up(case_id: int) -> FollowUp:
    case = _case(case_id)
    steps = {s.step: s.done_on for s in CaseStep.select().where(CaseStep.case == case)}
    head = HeadDecision.get_or_none(HeadDecision.case == case)
    appeals = Appeal.select().where(Appeal.case == case).order_by(Appeal.filed_on, Appeal.id)
    return FollowUp(
        case_id=case.id,
        decision=case.decision,
        decided_on=campaign.decision_date(case, case.sitting.held_on),
        minutes_signed_on=steps.get(campaign.MINUTES),
        familiarised_on=steps.get("communicate"),
        head_decision_on=head.decided_on if head else None,
        head_order=head.order_number if head else "",
        appeals=tuple(_appeal_view(a) for a in appeals),
        head_text=head.text if head else "",
    )


@write("followup.record")
def sign_minutes(case_id: int, on: date, *, today: date | None = None) -> FollowUp:
    """The minutes signed on ``on``: R-DL-6 for extraordinary cases, the Order 880 R-DL-7 anchor."""
    campaign.record_step(case_id, campaign.MINUTES, on, today=today)
    return follow_up(case_id)


@write("followup.record")
def sign_sitting_minutes(case_id: int, on: date, *, today: date | None = None) -> list[FollowUp]:
    """The minutes of the sitting of ``case_id`` signed on ``on``: one document for the
    whole sitting, so the step is recorded for each of its decided cases at once."""
    sitting = _case(case_id).sitting
    decided = (
        models.Case.select()
        .where((models.Case.sitting == sitting) & models.Case.decision.is_null(False))
        .order_by(models.Case.order)
    )
    return [sign_minutes(case.id, on, today=today) for case in decided]


@write("followup.record")
def familiarise(case_id: int, on: date, *, today: date | None = None) -> FollowUp:
    """Results communicated against signature with a copy of the sheet on ``on`` (R-DL-7)."""
    campaign.record_step(case_id, "communicate", on, note="against signature", today=today)
    return follow_up(case_id)


def _printed_since_recorded(case: models.Case) -> bool:
    """True when a certification sheet of the case was issued after the head's decision
    was last recorded: the paper then carries it, and a change is an amendment-like act.
    Ordered by the history's own sequence, not by clock seconds (both happen in one)."""
    H, D = models.HistoryEntry, models.IssuedDocument
    order = H._meta.primary_key  # the order entries were written in
    last = (
        H.select(fn.MAX(order))
        .where((H.entity == "case") & (H.entity_id == case.uuid) & H.action.startswith(HEAD_ACTION))
        .scalar()
    )
    if last is None:
        return False
    sheets = D.select(D.uuid).where((D.case == case) & D.kind.in_(SHEET_KINDS))
    return (
        H.select()
        .where((H.action == "document.issue") & H.entity_id.in_(sheets) & (order > last))
        .exists()
    )


@read("followup.view")
def head_decision_printed(case_id: int) -> bool:
    """Whether changing the recorded head's decision needs a reason (R-DOC-7)."""
    case = _case(case_id)
    head = HeadDecision.get_or_none(HeadDecision.case == case)
    return head is not None and _printed_since_recorded(case)


@write("followup.record")
def record_head_decision(
    case_id: int, decided_on: date, order_number: str = "", text: str = "", reason: str = ""
) -> FollowUp:
    """The head's decision (order) on the commission's decision; never before it.

    R-DOC-7: the decision the head approved goes into the employee's service
    record, as a certification held on the sitting's date (one record per case).
    Once a sheet carrying it was printed, a change needs ``reason`` and is kept in
    the history with the values before and after; the sheet then prints the new one.
    """
    case = _case(case_id)
    order_number, text, reason = order_number.strip(), text.strip(), reason.strip()
    with rules():
        check_head_decision(_decided(case), decided_on, order_number, text)
    before = HeadDecision.get_or_none(HeadDecision.case == case)
    old = (
        {"decided_on": before.decided_on, "order": before.order_number, "text": before.text}
        if before
        else None
    )
    new = {"decided_on": decided_on, "order": order_number, "text": text}
    if old == new:
        return follow_up(case_id)
    amending = before is not None and _printed_since_recorded(case)
    with rules():
        check_change(amending, reason)
    HeadDecision.insert(
        case=case, decided_on=decided_on, order_number=order_number, text=text
    ).on_conflict(
        conflict_target=[HeadDecision.case],
        update={
            HeadDecision.decided_on: decided_on,
            HeadDecision.order_number: order_number,
            HeadDecision.text: text,
        },
    ).execute()
    held_on = case.sitting.held_on
    note = f"approved by the head: order {order_number}".strip()
    updated = (
        CertificationRecord.update(result=case.decision or "", note=note)
        .where(
            (CertificationRecord.person == case.person_id)
            & (CertificationRecord.on == held_on)
            & (CertificationRecord.kind == case.kind)
        )
        .execute()
    )
    if not updated:
        CertificationRecord.create(
            person=case.person_id, on=held_on, kind=case.kind, result=case.decision or "", note=note
        )
    after = {**new, "reason": reason} if reason else new
    record_history(
        f"{HEAD_ACTION}.amend" if amending else HEAD_ACTION,
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        before=old,
        after=after,
    )
    return follow_up(case_id)


@write("followup.record")
def file_appeal(case_id: int, filed_on: date, text: str = "") -> AppealView:
    """The employee appeals the decision (R-DOC-8)."""
    case = _case(case_id)
    with rules():
        check_filing(_decided(case), filed_on)
    pending = Appeal.select().where((Appeal.case == case) & (Appeal.outcome == "pending"))
    if pending.exists():
        raise ServiceError(
            "filed_on: an appeal of this case is still to be decided",
            field="filed_on",
            rule_id="R-DOC-8",
            key="appeal_pending",
        )
    appeal = Appeal.create(case=case, filed_on=filed_on, text=text)
    record_history("followup.appeal", "case", case.uuid, after={"filed_on": filed_on})
    return _appeal_view(appeal)


@write("followup.record")
def decide_appeal(appeal_id: int, outcome: str, on: date, note: str = "") -> AppealView:
    """rejected, or cancelled: the order is cancelled and re-certification scheduled (R-DOC-8)."""
    appeal = Appeal.get_or_none(Appeal.id == appeal_id)
    if appeal is None:
        raise NotFound(
            f"no appeal {appeal_id}",
            field="appeal",
            key="not_found_appeal",
            params={"id": appeal_id},
        )
    with rules():
        check_outcome(outcome, appeal.filed_on, on)
    if appeal.outcome != "pending":
        raise ServiceError(
            "outcome: the appeal is already decided", field="outcome", key="appeal_already_decided"
        )
    appeal.outcome, appeal.outcome_on, appeal.outcome_note = outcome, on, note
    appeal.save()
    record_history(
        "followup.appeal_outcome",
        "case",
        appeal.case.uuid,
        after={"outcome": outcome, "on": on},
    )
    return _appeal_view(appeal)


def _moved(reason: str) -> set[int]:
    query = CaseMove.select(CaseMove.from_case).where(CaseMove.reason == reason)
    return {r[0] for r in models.database.execute(query).fetchall()}


@read("records.view")
def moved_to(case_id: int) -> tuple[str, date] | None:
    """The sitting (number, date) a postponed case was moved to (R-SIT-3), if it was."""
    row = (
        models.Sitting.select(models.Sitting.number, models.Sitting.held_on)
        .join(models.Case, on=(models.Case.sitting == models.Sitting.id))
        .join(CaseMove, on=(CaseMove.to_case == models.Case.id))
        .where((CaseMove.from_case == case_id) & (CaseMove.reason == "postponed"))
        .tuples()
        .first()
    )
    return (row[0], row[1]) if row else None


def _waiting(case: models.Case, reason: str, earliest: date, rule_id: str) -> WaitingCase:
    return WaitingCase(
        case_id=case.id,
        person_id=case.person_id,
        person_name=case.person.full_name,
        kind=case.kind,
        sitting_id=case.sitting_id,
        sitting_date=case.sitting.held_on,
        reason=reason,
        absence_reason=case.absence_reason,
        earliest=earliest,
        rule_id=rule_id,
    )


def postponed_rule(case: models.Case) -> str:
    """The rule that postponed the case: R-SIT-3 (absent for a good reason) or R-SIT-5 (a
    first unexcused absence under Decree 490, Reading of R-SIT-5)."""
    try:
        appearance = Appearance(case.appearance)
    except ValueError:
        return "R-SIT-3"
    outcome = absence_outcome(case_service.ruleset_of(case), appearance)
    return outcome.rule_id if outcome is not None and outcome.postpone else "R-SIT-3"


@read("records.view")
def postponed_cases() -> list[WaitingCase]:
    """Cases postponed and not yet moved to a new sitting: absent for a good reason
    (R-SIT-3) or, under Decree 490, a first unexcused absence (R-SIT-5)."""
    moved = _moved("postponed")
    K, S, P = models.Case, models.Sitting, models.Person
    query = (
        K.select(K, S, P)
        .join(S, on=(K.sitting == S.id))
        .switch(K)
        .join(P, on=(K.person == P.id))
        .where(K.status == "postponed")
        .order_by(S.held_on, P.surname, P.given_name)
    )
    return [
        _waiting(c, "postponed", c.sitting.held_on, postponed_rule(c))
        for c in query
        if c.id not in moved
    ]


@read("records.view")
def recertification_due() -> list[WaitingCase]:
    """Cases to re-certify: decided "recertify" (R-DEC-1) or cancelled on appeal (R-DOC-8),
    offered no earlier than three months after the initial certification (R-ELIG-6)."""
    moved = _moved("recertification")
    cancelled = {a.case_id for a in Appeal.select().where(Appeal.outcome == "cancelled")}
    K = models.Case
    query = K.select().where((K.decision == RECERTIFY_RESULT) | K.id.in_(list(cancelled) or [0]))
    result = []
    for case in query:
        if case.id in moved:
            continue
        reason = "appeal" if case.id in cancelled else "recertify"
        earliest = earliest_recertification(case.sitting.held_on)
        result.append(_waiting(case, reason, earliest, "R-ELIG-6"))
    return sorted(result, key=lambda w: (w.earliest, w.person_name))


def _move(case: models.Case, sitting: models.Sitting, kind: str, reason: str):
    # The position in every language goes with the case (v13).
    new = case_service.add_case(
        sitting.id, case.person_id, kind, position=names_of(case, "position")
    )
    CaseMove.create(from_case=case, to_case=new.id, reason=reason)
    record_history(
        f"followup.move.{reason}",
        "case",
        case.uuid,
        sitting=case.sitting.uuid,
        after={"to_case": new.uuid, "sitting": sitting.uuid},
    )
    return new


@write("case.edit")
def move_postponed(case_id: int, sitting_id: int) -> case_service.CaseView:
    """Put a postponed case (R-SIT-3, R-SIT-5) on a later sitting, same kind; once only."""
    case = _case(case_id)
    if case.status != "postponed":
        raise ServiceError(
            "case: the case is not postponed",
            field="case",
            rule_id="R-SIT-3",
            key="case_not_postponed",
        )
    rule_id = postponed_rule(case)
    if case.id in _moved("postponed"):
        raise ServiceError(
            "case: already moved to a new sitting",
            field="case",
            rule_id=rule_id,
            key="case_already_moved",
        )
    sitting = _sitting(sitting_id)
    if sitting.held_on <= case.sitting.held_on:
        raise ServiceError(
            "sitting: the new sitting must be later than the one postponed",
            field="sitting",
            rule_id=rule_id,
            key="move_sitting_not_later",
        )
    return _move(case, sitting, case.kind, "postponed")


@write("case.edit")
def schedule_recertification(case_id: int, sitting_id: int) -> case_service.CaseView:
    """Re-certify on ``sitting_id``; refused before the R-ELIG-6 earliest date."""
    waiting = {w.case_id: w for w in recertification_due()}
    if case_id not in waiting:
        raise ServiceError(
            "case: nothing to re-certify for this case",
            field="case",
            rule_id="R-ELIG-6",
            key="recertify_nothing",
        )
    case, sitting = _case(case_id), _sitting(sitting_id)
    earliest = waiting[case_id].earliest
    if sitting.held_on < earliest:
        raise ServiceError(
            f"sitting: re-certification not before {earliest.isoformat()}",
            field="sitting",
            rule_id="R-ELIG-6",
            key="recertify_not_before",
            params={"date": earliest.strftime("%d.%m.%Y")},
        )
    # An extraordinary certification cancelled on appeal is held again as such.
    kind = case.kind if case.kind == Kind.EXTRAORDINARY.value else Kind.REPEAT.value
    return _move(case, sitting, kind, "recertification")
