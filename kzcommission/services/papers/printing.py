"""From the store to the printed forms: fill the renderers' data, write the print pack.

The renderers never read the database (STYLE practice 7); this module is the
only place that knows both sides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kzcommission.documents import data as doc
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import NO_GRADE_OPTION, Appearance, Kind, Role, grade_of
from kzcommission.domain.quorum import QuorumState, in_room_when
from kzcommission.domain.recount import DISCARDED
from kzcommission.domain.service_length import ServiceLength, service_length
from kzcommission.files import write_atomic
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.sitting import review
from kzcommission.services.sitting.sittings import quorum_state, voting_seat_ids
from kzcommission.services.trust.history import chain_head
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.models import HeadDecision
from kzcommission.store.names import case_position, names_of

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en", "kk+ru")


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _length(start: date | None, on: date) -> ServiceLength | None:
    """Items 5 and 6 of the sheet: a length of service reckoned to the sitting (R-DOC-2)."""
    if start is None:
        return None
    try:
        return service_length(start, on)
    except RuleError:  # a start after the sitting: the line stays blank to fill by hand
        return None


def _time(moment: datetime | None):
    return moment.time().replace(microsecond=0) if moment else None


def _composition(sitting: models.Sitting) -> tuple[doc.MemberLine, ...]:
    events: dict[int, list[models.AttendanceEvent]] = {}
    for event in (
        models.AttendanceEvent.select()
        .where(models.AttendanceEvent.sitting == sitting)
        .order_by(models.AttendanceEvent.at, models.AttendanceEvent.id)
    ):
        events.setdefault(event.seat_id, []).append(event)
    seats = (
        models.Seat.select()
        .where(
            (models.Seat.commission == sitting.commission_id)
            & ((models.Seat.order >= 0) | models.Seat.id.in_(list(events)))
        )
        .order_by(models.Seat.order)
    )
    lines = []
    for seat in seats:
        seat_events = events.get(seat.id, [])
        acting = next(
            (e.acting_person.full_name for e in reversed(seat_events) if e.acting_person_id), ""
        )
        lines.append(
            doc.MemberLine(
                seat_id=seat.uuid,
                name=seat.holder.full_name if seat.holder_id else seat.position_title,
                position=names_of(seat, "position_title"),
                role=Role(seat.role),
                is_public=seat.is_public,
                events=tuple(doc.AttendanceEvent(e.kind, _time(e.at), e.note) for e in seat_events),
                acting_deputy=acting,
            )
        )
    return tuple(lines)


def _rounds(case: models.Case, names: dict[int, str]) -> tuple[doc.RoundDoc, ...]:
    rounds = []
    query = (  # R-DOC-1 Reading: rounds in the order they were held
        models.VoteRound.select()
        .where(models.VoteRound.case == case)
        .order_by(models.VoteRound.opened_at, models.VoteRound.id)
    )
    counted: set[str] = set()  # subjects with a counted round before this one
    for r in query:
        options = tuple(o for o in r.options.split("\n") if o)
        ballots = {
            names.get(b.seat_id, str(b.seat_id)): b.option
            for b in r.ballots.order_by(models.Ballot.id)
        }
        counts = {o: 0 for o in options}
        for option in ballots.values():
            counts[option] = counts.get(option, 0) + 1
        rounds.append(
            doc.RoundDoc(
                subject=r.subject,
                number=r.number,
                options=options,
                ballots=ballots,
                counts=counts,
                adopted=r.adopted,
                casting_vote_used=r.casting_vote_used,
                runoff=r.subject in counted and r.status != DISCARDED,
                discarded=r.status == DISCARDED,  # R-DEC-5: printed, not counted
                presiding=names.get(r.presiding_id, "") if r.presiding_id else "",
            )
        )
        if r.status != DISCARDED:
            counted.add(r.subject)
    return tuple(rounds)


def _review_facts(line: review.ReviewLine | None) -> dict:
    """What the minutes print of the chair's review: only a confirmation still current."""
    if line is None:
        return {}
    signoff = line.confirmation
    return {
        "corrections": tuple(reason for reason, _by, _at in line.corrections),
        "explanations": tuple(
            (f.finding.rule_id, f.explanation) for f in line.findings if not f.blocking
        ),
        "review_confirmed": doc.ReviewSignoff(signoff.chair_name, signoff.at, signoff.entered_by)
        if signoff is not None and signoff.current
        else None,
    }


@dataclass(frozen=True)
class _Room:
    """The attendance log of a sitting, to answer who was in the room at a moment."""

    events: tuple[tuple[int, str, datetime], ...]
    voting: tuple[int, ...]
    now: QuorumState

    def at(self, moment: datetime | None) -> tuple[tuple[int, ...], QuorumState]:
        """Voting seats in the room and the quorum at ``moment`` (R-QUO-2, R-DOC-1 Reading)."""
        if moment is None:
            return (), self.now
        room = in_room_when(self.events, moment)
        present = tuple(s for s in self.voting if s in room)
        return present, QuorumState.of(len(present), len(self.voting) or 1)


def _decided_when(case: models.Case) -> datetime | None:
    """When the case's decision was taken: by vote or by rule; None while undecided."""
    if case.decision is None:
        return None
    if case.decided_at is not None:
        return case.decided_at
    last = (
        models.VoteRound.select(models.VoteRound.closed_at)
        .where((models.VoteRound.case == case) & (models.VoteRound.subject == "decision"))
        .order_by(models.VoteRound.id.desc())
        .first()
    )
    return last.closed_at if last else None


def _head_decision(case: models.Case) -> str:
    """R-DOC-7: the head's decision once recorded: its text, order number and date."""
    head = HeadDecision.get_or_none(HeadDecision.case == case)
    if head is None:
        return ""
    parts = [head.text.strip()] if head.text.strip() else []
    if head.order_number:
        parts.append(f"№ {head.order_number}")
    parts.append(head.decided_on.strftime("%d.%m.%Y"))
    return ", ".join(parts)


def grade_without_vote(case: models.Case) -> bool:
    """R-DEC-3: "no grounds" recorded in one step, no grade round counted."""
    return case.grade_result == NO_GRADE_OPTION and not any(
        r.subject == "grade" and r.status != DISCARDED for r in case.rounds
    )


def _case_doc(
    case: models.Case, names: dict[int, str], room: _Room, line: review.ReviewLine | None = None
) -> doc.CaseDoc:
    person = case.person
    held_on = case.sitting.held_on
    moment = _decided_when(case)
    present, quorum = room.at(moment)
    recording = models.Recording.get_or_none(models.Recording.case == case)
    cards = [
        doc.ScorecardDoc(
            member=names.get(s.seat_id, ""),
            score=s.score,
            decision=s.decision or None,
            decision_grounds=s.grounds,
            grade_option=s.grade or None,
            grade_grounds=s.grade_grounds,
            filled_on=s.entered_at.date() if s.entered_at else None,
        )
        # In the composition's order: the pack numbers each member's scorecards file by it,
        # on every backend (PostgreSQL returns unordered rows in no fixed order).
        for s in case.scorecards.join(models.Seat).order_by(models.Seat.order, models.Seat.id)
    ]
    return doc.CaseDoc(
        case_uuid=case.uuid,
        number=case.order + 1,
        kind=Kind(case.kind),
        person_name=person.full_name,
        person_sex=person.sex,
        birth_date=person.birth_date,
        education=person.education,
        position=case_position(case),
        appointment_date=person.appointed_on,
        grade=person.grade,
        specialty=person.specialty,
        rank=person.special_rank,
        service_total=_length(person.service_start, held_on),
        service_in_position=_length(person.appointed_on, held_on),
        appearance=case.appearance,
        absence_reason=case.absence_reason,
        postponed=case.status == "postponed"
        or (case.appearance == Appearance.ABSENT_EXCUSED.value and case.decision is None),
        materials=_lines(case.materials),
        recording=doc.RecordingRef(
            media=recording.media,
            sha256=recording.sha256,
            start=_clock(recording.starts_at),
            end=_clock(recording.ends_at),
        )
        if recording
        else None,
        questions=_lines(case.questions),
        comments=case.comments,
        opinion=case.opinion,
        supervisor_assessment=case.supervisor_assessment,
        recusals=tuple(doc.Recusal(names.get(r.seat_id, ""), r.reason) for r in case.recusals),
        presiding=line.presiding if line is not None else "",  # R-VOTE-4: of THIS case
        members_present=quorum.present,
        present=tuple(names.get(seat, "") for seat in present),
        quorum=doc.Quorum(quorum.members, quorum.present, quorum.required) if moment else None,
        decided_at=_time(moment),
        rounds=_rounds(case, names),
        decision=case.decision,
        decision_rule=case.decision_rule,
        head_decision=_head_decision(case),
        grade_assigned=grade_of(case.grade_result) if case.grade_result else None,
        grade_without_vote=grade_without_vote(case),
        recommendations=case.recommendations,
        scorecards=tuple(cards),
        restricted=case.restricted,
        **_review_facts(line),
    )


@read("documents.print")
def sitting_document(sitting_id: int) -> doc.SittingDoc:
    """Everything the minutes, sheets and scorecards of a sitting print."""
    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}", key="not_found_sitting", params={"id": sitting_id}
        )
    composition = _composition(sitting)
    seats = list(models.Seat.select().where(models.Seat.commission == sitting.commission_id))
    # Who sat in each seat at this sitting: the acting deputy where there was one, so
    # votes, recusals, scorecards and presence name the person who was there (R-COMP-3).
    sitters = {m.seat_id: m.sitter for m in composition}
    names = {
        s.id: sitters.get(s.uuid) or (s.holder.full_name if s.holder_id else s.position_title)
        for s in seats
    }
    quorum = quorum_state(sitting_id)
    room = _Room(
        tuple(
            models.AttendanceEvent.select(
                models.AttendanceEvent.seat, models.AttendanceEvent.kind, models.AttendanceEvent.at
            )
            .where(models.AttendanceEvent.sitting == sitting)
            .order_by(models.AttendanceEvent.at, models.AttendanceEvent.id)
            .tuples()
        ),
        tuple(voting_seat_ids(sitting.commission_id)),
        quorum,
    )
    lines = {line.case_id: line for line in review.sitting_lines(sitting_id)}
    cases = (
        models.Case.select()
        .where(models.Case.sitting == sitting)
        .order_by(models.Case.order, models.Case.id)
    )
    return doc.SittingDoc(
        sitting_uuid=sitting.uuid,
        number=sitting.number,
        date=sitting.held_on,
        place=names_of(sitting, "place"),
        commission_name=names_of(sitting.commission, "name"),
        composition=composition,
        quorum=doc.Quorum(quorum.members, quorum.present, quorum.required),
        opened_at=_time(sitting.opened_at),
        closed_at=_time(sitting.closed_at),
        cases=tuple(_case_doc(c, names, room, lines.get(c.id)) for c in cases),
        sexes=_sexes(sitting, seats),
        history_head=chain_head(sitting.uuid),
    )


def _sexes(sitting: models.Sitting, seats: list[models.Seat]) -> dict[str, str]:
    """The sex of everyone who may be named as a member (holders, deputies, those acting),
    by the name printed, for the Russian forms that agree with it (R-DOC-6)."""
    ids = {s.holder_id for s in seats} | {s.deputy_id for s in seats}
    ids |= {
        e.acting_person_id
        for e in models.AttendanceEvent.select(models.AttendanceEvent.acting_person).where(
            models.AttendanceEvent.sitting == sitting
        )
    }
    ids.discard(None)
    people = models.Person.select(
        models.Person.surname, models.Person.given_name, models.Person.patronymic, models.Person.sex
    )
    return {p.full_name: p.sex for p in people.where(models.Person.id.in_(list(ids)))}


@read("documents.print")
def print_pack(
    sitting_id: int,
    lang: str,
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    only: Collection[str] | None = None,
) -> list[Path]:
    """Minutes, every sheet and every scorecard of a sitting, as PDF files in ``out_dir``;
    with ``only``, just the files of those stems (``services.papers.paper.PackDocument.key``)."""
    from kzcommission.documents.pack import (
        job_digest,
        job_path,
        pack_jobs,
        pack_prefix,
        render_pack,
    )
    from kzcommission.services.trust.documents_registry import register_issued

    if lang not in LANGUAGES:
        raise ServiceError(
            f"language must be one of {', '.join(LANGUAGES)}",
            field="lang",
            key="language_not_offered",
            params={"languages": ", ".join(LANGUAGES)},
        )
    sitting = sitting_document(sitting_id)
    files = render_pack(
        sitting, lang, Path(out_dir), progress=progress, cancelled=cancelled, only=only
    )
    # Register what was issued, so `kzcommission verify` can match a paper or a file.
    written = set(files)
    case_ids = dict(
        models.Case.select(models.Case.uuid, models.Case.id)
        .where(models.Case.sitting == sitting_id)
        .tuples()
    )
    with models.database.atomic():
        for stem, doc, payload in pack_jobs(sitting):
            path = job_path(stem, lang, Path(out_dir))
            if path in written:
                case_uuid = payload[1].case_uuid if doc in ("sheet", "xsheet") else None
                register_issued(
                    doc,
                    lang,
                    job_digest(doc, payload, lang),
                    sitting=sitting_id,
                    case=case_ids.get(case_uuid),
                    file_name=path.name,
                    file_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                )
    prefix = pack_prefix(sitting)
    if not (cancelled and cancelled()) and (only is None or addendum_stem(prefix) in only):
        addendum = _print_addendum(sitting_id, prefix, lang, Path(out_dir))
        if addendum is not None:
            files.append(addendum)
    return files


def addendum_stem(prefix: str) -> str:
    """The addendum's file stem beside the pack of the same prefix."""
    return f"{prefix}_addendum"


def _print_addendum(sitting_id: int, prefix: str, lang: str, out_dir: Path) -> Path | None:
    """The signed amendments and the appeals of a finalized sitting, as the addendum."""
    from kzcommission.documents.addendum import render_addendum
    from kzcommission.documents.base import document_digest
    from kzcommission.documents.pack import job_path
    from kzcommission.services.sitting.amendments import addendum_data
    from kzcommission.services.trust.documents_registry import register_issued

    data = addendum_data(sitting_id)
    if not data.printable:  # neither an amendment nor an appeal
        return None
    path = job_path(addendum_stem(prefix), lang, out_dir)
    pdf = render_addendum(data, lang)
    write_atomic(path, pdf)
    register_issued(
        "addendum",
        lang,
        document_digest(data),
        sitting=sitting_id,
        file_name=path.name,
        file_sha256=hashlib.sha256(pdf).hexdigest(),
    )
    return path
