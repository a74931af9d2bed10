"""Writing the package of a finalized sitting."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kzcommission.files import replacing
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.exchange import package
from kzcommission.services.exchange.keys import check_key, exchange_key
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.names import names_of


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _uuid(model: Any) -> str | None:
    return model.uuid if model is not None else None


def _names(row: models.BaseModel, *fields: str) -> dict[str, Any]:
    """Schema v2: each named field of ``row`` in kk, ru and en (the single value stays)."""
    return {"names": {field: names_of(row, field).variants() for field in fields}}


def _person(p: models.Person) -> dict[str, Any]:
    return {
        "uuid": p.uuid,
        "personnel_number": p.personnel_number,
        "surname": p.surname,
        "given_name": p.given_name,
        "patronymic": p.patronymic,
        "birth_date": _iso(p.birth_date),
        "position": p.position,
        "unit": p.unit,
        "grade": p.grade,
        "appointed_on": _iso(p.appointed_on),
        "service_start": _iso(p.service_start),
        "education": p.education,
        "specialty": p.specialty,
        "special_rank": p.special_rank,
        "iin": p.iin,  # v14: persons are matched by it on import where both sides have one
        "sex": p.sex,
        **_names(p, "position", "unit"),
    }


def _case(case: models.Case, seat_uuid: dict[int, str]) -> dict[str, Any]:
    from kzcommission.services.sitting.cases import TEXT_FIELDS

    rounds = []
    for r in case.rounds.order_by(models.VoteRound.subject, models.VoteRound.number):
        rounds.append(
            {
                "subject": r.subject,
                "number": r.number,
                "options": [o for o in r.options.split("\n") if o],
                "status": r.status,
                "adopted": r.adopted,
                "casting_vote_used": bool(r.casting_vote_used),
                "runoff": [o for o in r.runoff.split("\n") if o],
                "presiding": seat_uuid.get(r.presiding_id) if r.presiding_id else None,
                "ballots": [
                    {"seat": seat_uuid[b.seat_id], "option": b.option, "cast_at": _iso(b.cast_at)}
                    for b in r.ballots.order_by(models.Ballot.id)
                ],
            }
        )
    recording = models.Recording.get_or_none(models.Recording.case == case)
    # R-VOTE-4: the member named to preside over this case (absent when none, as in
    # packages written before the naming moved onto the case).
    named = {"presiding": seat_uuid[case.presiding_id]} if case.presiding_id else {}
    return {
        "uuid": case.uuid,
        "person": case.person.uuid,
        "kind": case.kind,
        "ruleset": case.ruleset,
        "order": case.order,
        "position": case.position,
        **_names(case, "position"),
        "status": case.status,
        "appearance": case.appearance,
        "restricted": bool(case.restricted),
        "texts": {f: getattr(case, f) for f in TEXT_FIELDS},
        "candidate_grade": case.candidate_grade,
        "decision": case.decision,
        "decision_rule": case.decision_rule,
        "grade_result": case.grade_result,
        "decided_at": _iso(case.decided_at),
        **named,
        "recusals": [{"seat": seat_uuid[r.seat_id], "reason": r.reason} for r in case.recusals],
        # The deadline steps (R-DL-1..R-DL-8; "minutes" = signed, R-DL-6), so the centre's
        # deadline report counts them as the office's does. Optional in the schema.
        "steps": case_steps(case.id),
        "rounds": rounds,
        "scorecards": [
            {
                "seat": seat_uuid[s.seat_id],
                "score": s.score,
                "decision": s.decision,
                "grounds": s.grounds,
                "grade": s.grade,
                "grade_grounds": s.grade_grounds,
            }
            for s in case.scorecards
        ],
        "recording": None
        if recording is None
        else {
            "media": recording.media,
            "sha256": recording.sha256,
            "size": recording.size,
            "starts_at": recording.starts_at,
            "ends_at": recording.ends_at,
        },
    }


@read("exchange.export")
def case_steps(case_id: int) -> list[dict[str, Any]]:
    """The steps of a case done, as the package carries them (ordered by step)."""
    from kzcommission.store.models import CaseStep

    query = CaseStep.select().where(CaseStep.case == case_id).order_by(CaseStep.step)
    return [{"step": s.step, "done_on": _iso(s.done_on), "note": s.note} for s in query]


@read("exchange.export")
def sitting_data(sitting: models.Sitting, office: str) -> dict[str, Any]:
    commission = sitting.commission
    seats = list(
        models.Seat.select()
        .where(models.Seat.commission == commission)
        .order_by(models.Seat.order, models.Seat.id)
    )
    seat_uuid = {s.id: s.uuid for s in seats}
    cases = list(
        models.Case.select()
        .where(models.Case.sitting == sitting)
        .order_by(models.Case.order, models.Case.id)
    )
    events = list(
        models.AttendanceEvent.select()
        .where(models.AttendanceEvent.sitting == sitting)
        .order_by(models.AttendanceEvent.at, models.AttendanceEvent.id)
    )
    person_ids = {c.person_id for c in cases} | {s.holder_id for s in seats if s.holder_id}
    person_ids |= {s.deputy_id for s in seats if s.deputy_id}
    person_ids |= {e.acting_person_id for e in events if e.acting_person_id}
    persons = models.Person.select().where(models.Person.id.in_(list(person_ids)))
    return {
        "format": package.FORMAT,
        "schema_version": package.SCHEMA_VERSION,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "office": office,
        "commission": {
            "uuid": commission.uuid,
            "name": commission.name,
            "level": commission.level,
            "place": commission.place,
            **_names(commission, "name", "place"),
            "seats": [
                {
                    "uuid": s.uuid,
                    "role": s.role,
                    "position_title": s.position_title,
                    **_names(s, "position_title"),
                    "holder": _uuid(s.holder),
                    "deputy": _uuid(s.deputy),
                    "is_public": bool(s.is_public),
                    "order": s.order,
                }
                for s in seats
            ],
        },
        "persons": [_person(p) for p in persons.order_by(models.Person.uuid)],
        "sitting": {
            "uuid": sitting.uuid,
            "number": sitting.number,
            "held_on": _iso(sitting.held_on),
            "place": sitting.place,
            **_names(sitting, "place"),
            "status": sitting.status,
            "opened_at": _iso(sitting.opened_at),
            "closed_at": _iso(sitting.closed_at),
            "acting_chair": seat_uuid.get(sitting.acting_chair_id),  # before v8 only
            "attendance": [
                {
                    "seat": seat_uuid[e.seat_id],
                    "kind": e.kind,
                    "at": _iso(e.at),
                    "acting_person": _uuid(e.acting_person),
                    "note": e.note,
                }
                for e in events
            ],
            "cases": [_case(c, seat_uuid) for c in cases],
        },
    }


@read("exchange.export")
def history_segment(sitting_uuid: str) -> list[dict[str, Any]]:
    rows = (
        models.HistoryEntry.select()
        .where(models.HistoryEntry.sitting == sitting_uuid)
        .order_by(models.HistoryEntry.id)
    )
    return [
        {
            "at": _iso(h.at),
            "actor": h.actor,
            "action": h.action,
            "entity": h.entity,
            "entity_id": h.entity_id,
            "before": h.before,
            "after": h.after,
        }
        for h in rows
    ]


@read("exchange.export")
def export_package(
    sitting_id: int,
    dest: Path,
    *,
    key: bytes | None = None,
    lang: str = "kk",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Write the sealed package of a finalized sitting to ``dest``."""
    from kzcommission.services.papers import printing
    from kzcommission.services.trust.history import installation_id

    sitting = models.Sitting.get_or_none(models.Sitting.id == sitting_id)
    if sitting is None:
        raise NotFound(
            f"no sitting {sitting_id}", key="not_found_sitting", params={"id": sitting_id}
        )
    if sitting.status != "finalized":
        raise ServiceError(
            "only a finalized sitting can be sent; finalize it first",
            field="status",
            key="export_not_finalized",
        )
    key = exchange_key() if key is None else check_key(key)
    data = package.dumps(sitting_data(sitting, installation_id()))
    linked, head = package.link_history(sitting.uuid, history_segment(sitting.uuid))
    files: dict[str, bytes] = {package.DATA: data, package.HISTORY: package.dumps(linked)}
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in printing.print_pack(
            sitting_id, lang, Path(tmp), progress=progress, cancelled=cancelled
        ):
            files[package.DOCUMENTS + pdf.name] = pdf.read_bytes()
    if cancelled is not None and cancelled():
        raise ServiceError(
            "export cancelled; no package written", field="cancelled", key="export_cancelled"
        )
    manifest = package.dumps(
        {
            "format": package.FORMAT,
            "schema_version": package.SCHEMA_VERSION,
            "sitting": sitting.uuid,
            "history_head": head,
            "files": {name: package.sha256(body) for name, body in sorted(files.items())},
        }
    )
    # A half-written package never carries the final name (kzcommission.files).
    with (
        replacing(dest) as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, body in sorted(files.items()):
            archive.writestr(name, body)
        archive.writestr(package.MANIFEST, manifest)
        archive.writestr(package.SEAL, package.dumps(package.seal(manifest, key)))
    return dest
