"""Calibration sessions on a disputed corps "B" score, and the retention of evaluation papers.

R-CAL-1 (request and deadlines in working days), R-CAL-2 (composition),
R-CAL-3 (vote by majority, recorded by name; protocol placed within 3 working
days of signing), R-CAL-4 (confidential; kept three years, then disposed of).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kzcommission.domain.evaluation import (
    CalibrationDeadlines,
    Number,
    PanelError,
    PanelMember,
    calibration_deadlines,
    calibration_result,
    check_calibration_panel,
    corps_b_band,
    is_due_for_disposal,
    protocol_upload_due,
    retention_until,
)
from kzcommission.domain.evaluation.values import to_score
from kzcommission.i18n import refusal_reason
from kzcommission.services.errors import NotFound, ServiceError, rules
from kzcommission.services.evaluation.common import EDIT, person_or_fail
from kzcommission.services.evaluation.corps_b import sheet_or_fail
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import (
    CalibrationMember,
    CalibrationSession,
    CalibrationVote,
    CorpsAAgreement,
    CorpsBSheet,
)


class PanelRefused(ServiceError):
    """An unlawful panel (R-CAL-2) with every defect, persons named as the screen knows them
    (the domain names them by uuid)."""

    def __init__(self, error: PanelError, names: Mapping[str, str]):
        self.defects, self.names = error.defects, dict(names)
        text = self._named("; ".join(error.problems))
        super().__init__(f"[R-CAL-2] {text}", field="members", rule_id="R-CAL-2")

    def _named(self, text: str) -> str:
        for uid, name in self.names.items():
            text = text.replace(uid, name)
        return text

    def detail_in(self, lang: str) -> str:
        """Every defect in the user's language."""
        return self._named("; ".join(refusal_reason(d, lang) or str(d) for d in self.defects))


@dataclass(frozen=True)
class PanelSpec:
    person_id: int
    is_evaluator: bool = False
    is_personnel_officer: bool = False


@dataclass(frozen=True)
class MemberView:
    person_id: int
    name: str
    position: str
    is_evaluator: bool
    is_personnel_officer: bool


@dataclass(frozen=True)
class VoteView:
    round: int
    person_id: int
    name: str
    score: Decimal


@dataclass(frozen=True)
class SessionView:
    id: int
    uuid: str
    sheet_id: int
    person_name: str
    position: str
    evaluator_name: str
    year: int
    quarter: int
    result_received: date
    request_received: date
    deadlines: CalibrationDeadlines
    composition_approved_on: date | None
    held_on: date | None
    members: tuple[MemberView, ...]
    votes: tuple[VoteView, ...]
    disputed_score: Decimal
    adopted_score: Decimal | None
    adopted_band: str | None
    rounds: int
    status: str
    protocol_signed_on: date | None
    protocol_upload_due: date | None
    protocol_uploaded_on: date | None

    def protocol_overdue(self, today: date) -> bool:
        """R-CAL-3: signed, not placed in the system, and the three working days are over."""
        due = self.protocol_upload_due
        if due is None:
            return False
        return (self.protocol_uploaded_on or today) > due


def _view(s: CalibrationSession) -> SessionView:
    sheet = s.sheet
    members = tuple(
        MemberView(m.person.id, m.person.full_name, m.person.position, m.is_evaluator,
                   m.is_personnel_officer)
        for m in s.members.order_by(CalibrationMember.order)
    )  # fmt: skip
    votes = tuple(
        VoteView(v.round, v.person.id, v.person.full_name, v.score)
        for v in s.votes.order_by(CalibrationVote.round, CalibrationVote.id)
    )
    due = protocol_upload_due(s.protocol_signed_on) if s.protocol_signed_on else None
    return SessionView(
        s.id, s.uuid, sheet.id, sheet.person.full_name, sheet.person.position,
        sheet.evaluator.full_name, sheet.year, sheet.quarter, s.result_received,
        s.request_received, calibration_deadlines(s.request_received, s.result_received),
        s.composition_approved_on, s.held_on, members, votes, s.disputed_score, s.adopted_score,
        s.adopted_band, s.rounds, s.status, s.protocol_signed_on, due, s.protocol_uploaded_on,
    )  # fmt: skip


def _session(session_id: int) -> CalibrationSession:
    row = CalibrationSession.get_or_none(CalibrationSession.id == session_id)
    if row is None:
        raise NotFound(
            f"calibration session {session_id} does not exist",
            field="session",
            key="cal_session_not_found",
            params={"id": session_id},
        )
    return row


def _date(value: object, field: str) -> date:
    if not isinstance(value, date):
        raise ServiceError(
            f"{field}: a date is required",
            field=field,
            key="date_required",
            params={"field": field},
        )
    return value


@write(EDIT)
def request_session(sheet_id: int, *, result_received: date, request_received: date) -> SessionView:
    """R-CAL-1: the employee's written disagreement; a late request is recorded, flagged."""
    sheet = sheet_or_fail(sheet_id)
    with rules():
        calibration_deadlines(
            _date(request_received, "request_received"), _date(result_received, "result_received")
        )
    open_ = CalibrationSession.select().where(
        (CalibrationSession.sheet == sheet) & (CalibrationSession.status != "adopted")
    )
    if open_.exists():
        raise ServiceError(
            "a session on this sheet is already under way",
            field="sheet",
            key="cal_session_under_way",
        )
    row = CalibrationSession.create(
        sheet=sheet, result_received=result_received, request_received=request_received,
        disputed_score=sheet.final_score,
    )  # fmt: skip
    record_history(
        "calibration.request", "calibration_session", row.uuid,
        after={"sheet": sheet.uuid, "request_received": request_received},
    )  # fmt: skip
    return _view(row)


@write(EDIT)
def set_panel(session_id: int, members: Sequence[PanelSpec], *, approved_on: date) -> SessionView:
    """R-CAL-2: the composition, checked as a whole; a refusal names every defect."""
    row = _session(session_id)
    if row.adopted_score is not None or row.rounds:
        raise ServiceError(
            "the session has voted; its composition is fixed",
            field="members",
            key="cal_composition_fixed",
        )
    _date(approved_on, "approved_on")
    if isinstance(members, str | bytes) or not isinstance(members, Sequence):
        raise ServiceError(
            "members must be a list", field="members", rule_id="R-CAL-2", key="cal_members_not_list"
        )
    people = [(person_or_fail(m.person_id, "members"), m) for m in members]
    panel = [PanelMember(p.uuid, m.is_evaluator, m.is_personnel_officer) for p, m in people]
    sheet = row.sheet
    try:
        check_calibration_panel(
            panel, employee_id=sheet.person.uuid, evaluator_id=sheet.evaluator.uuid
        )
    except PanelError as error:
        # The domain names persons by uuid; the screen wants their names.
        names = {p.uuid: p.full_name for p, _ in people}
        names |= {sheet.person.uuid: sheet.person.full_name,
                  sheet.evaluator.uuid: sheet.evaluator.full_name}  # fmt: skip
        raise PanelRefused(error, names) from error
    CalibrationMember.delete().where(CalibrationMember.session == row).execute()
    for order, (person, spec) in enumerate(people):
        CalibrationMember.create(
            session=row, person=person, is_evaluator=spec.is_evaluator,
            is_personnel_officer=spec.is_personnel_officer, order=order,
        )  # fmt: skip
    row.composition_approved_on, row.status = approved_on, "composed"
    row.save()
    record_history(
        "calibration.panel", "calibration_session", row.uuid,
        after={"members": [p.uuid for p, _ in people], "approved_on": approved_on},
    )  # fmt: skip
    return _view(row)


@write(EDIT)
def record_votes(session_id: int, votes: Mapping[int, Number], *, held_on: date) -> SessionView:
    """R-CAL-3: one round of votes by name; adopted by a majority of all members.

    ``votes`` maps a member's person id to the score he supports. Without a
    majority the round is kept and the session votes again (the next call).
    """
    row = _session(session_id)
    if row.adopted_score is not None:
        raise ServiceError(
            "the session has already adopted a score",
            field="votes",
            rule_id="R-CAL-3",
            key="cal_score_adopted",
        )
    _date(held_on, "held_on")
    members = {m.person_id: m.person for m in row.members}
    if not members:
        raise ServiceError(
            "the composition is not approved yet",
            field="members",
            rule_id="R-CAL-2",
            key="cal_composition_not_approved",
        )
    if not isinstance(votes, Mapping) or not votes:
        raise ServiceError(
            "no votes were cast", field="votes", rule_id="R-CAL-3", key="cal_session_no_votes"
        )
    for person_id in votes:
        if person_id not in members:
            raise ServiceError(
                f"person {person_id} is not a member of the session",
                field="votes", rule_id="R-CAL-3", key="cal_not_a_member",
                params={"person": person_id},
            )  # fmt: skip
    with rules():
        adopted = calibration_result(
            {members[pid].uuid: score for pid, score in votes.items()},
            members=[p.uuid for p in members.values()],
        )
        scores = {pid: to_score(s, field="score", rule_id="R-CAL-3") for pid, s in votes.items()}
    row.rounds += 1
    for pid, score in scores.items():
        CalibrationVote.create(session=row, round=row.rounds, person=members[pid], score=score)
    row.held_on = held_on
    if adopted is None:
        row.status = "no_majority"
    else:
        row.status, row.adopted_score, row.adopted_band = (
            "adopted",
            adopted,
            str(corps_b_band(adopted)),
        )
    row.save()
    record_history(
        "calibration.vote", "calibration_session", row.uuid,
        after={"round": row.rounds, "adopted": str(adopted) if adopted is not None else None,
               "votes": {members[p].full_name: str(s) for p, s in scores.items()}},
    )  # fmt: skip
    return _view(row)


@write(EDIT)
def sign_protocol(session_id: int, signed_on: date) -> SessionView:
    """R-CAL-3: the protocol of an adopted score is signed; its upload deadline starts."""
    row = _session(session_id)
    if row.adopted_score is None:
        raise ServiceError(
            "no score was adopted yet",
            field="protocol",
            rule_id="R-CAL-3",
            key="cal_no_score_adopted",
        )
    row.protocol_signed_on = _date(signed_on, "signed_on")
    row.save()
    record_history("calibration.sign", "calibration_session", row.uuid, after={"on": signed_on})
    return _view(row)


@write(EDIT)
def mark_protocol_uploaded(session_id: int, uploaded_on: date) -> SessionView:
    """R-CAL-3: the personnel service placed the protocol in the information system."""
    row = _session(session_id)
    if row.protocol_signed_on is None:
        raise ServiceError(
            "the protocol is not signed yet",
            field="protocol",
            rule_id="R-CAL-3",
            key="cal_protocol_not_signed",
        )
    if _date(uploaded_on, "uploaded_on") < row.protocol_signed_on:
        raise ServiceError(
            "placed before it was signed",
            field="uploaded_on",
            rule_id="R-CAL-3",
            key="cal_placed_before_signed",
        )
    row.protocol_uploaded_on = uploaded_on
    row.save()
    record_history("calibration.upload", "calibration_session", row.uuid, after={"on": uploaded_on})
    return _view(row)


@read("evaluation.view")
def get_session(session_id: int) -> SessionView:
    return _view(_session(session_id))


@read("evaluation.view")
def list_sessions() -> list[SessionView]:
    return [_view(s) for s in CalibrationSession.select().order_by(CalibrationSession.id.desc())]


@dataclass(frozen=True)
class DisposalItem:
    kind: str  # corps_a_agreement / corps_b_sheet / calibration_session
    uuid: str
    person_name: str
    document_date: date
    keep_until: date


@read("evaluation.view")
def due_for_disposal(today: date) -> list[DisposalItem]:
    """R-CAL-4: evaluation papers whose three years of keeping are over, oldest first."""
    _date(today, "today")
    found: list[DisposalItem] = []

    def consider(kind: str, uuid: str, person: models.Person, on: date | None) -> None:
        if on is not None and is_due_for_disposal(on, today):
            found.append(DisposalItem(kind, uuid, person.full_name, on, retention_until(on)))

    for a in CorpsAAgreement.select():
        consider("corps_a_agreement", a.uuid, a.person, a.evaluated_on or a.agreed_on)
    for s in CorpsBSheet.select():
        consider("corps_b_sheet", s.uuid, s.person, s.evaluated_on)
    for c in CalibrationSession.select():
        consider("calibration_session", c.uuid, c.sheet.person,
                 c.protocol_signed_on or c.held_on or c.request_received)  # fmt: skip
    return sorted(found, key=lambda item: (item.document_date, item.kind, item.uuid))
