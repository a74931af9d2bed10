"""Writing a verified package's sitting into the store (inside the caller's transaction)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kzcommission.domain.iin import IinError, parse_iin
from kzcommission.domain.names import Names
from kzcommission.domain.person_sex import sex_from_patronymic
from kzcommission.i18n import Line, Phrase
from kzcommission.services.unit import read
from kzcommission.store import models
from kzcommission.store.names import name_values


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iin(p: dict[str, Any], warnings: list[str]) -> str | None:
    """The package's IIN of a person if its check digit holds; else None, with a warning."""
    number = p.get("iin")
    if not number:
        return None
    try:
        return parse_iin(number).number
    except IinError as exc:
        warnings.append(
            Line(
                f"IIN of {p['surname']}: {exc}; imported without it",
                "package.warn.iin",
                surname=p["surname"],
                reason=Phrase(f"iin.error.{exc.code}", {"value": exc.value}),
            )
        )
        return None


def _named(obj: dict[str, Any], *fields: str) -> dict[str, str]:
    """Columns of each named field: the variants of a version 2 package, or the single
    value of a version 1 package placed by its language (as the v13 migration does)."""
    out: dict[str, str] = {}
    given = obj.get("names", {})
    for field in fields:
        single = obj.get(field, "") or ""
        names = Names(**given[field], other=single) if field in given else Names.single(single)
        out.update(name_values(field, names))
    return out


def _persons(data: dict[str, Any], warnings: list[str]) -> dict[str, models.Person]:
    """The package's persons: the same uuid, else the same IIN (issue 19: an employee
    entered at both offices is one person), else created."""
    found = {}
    for p in data["persons"]:
        iin = _iin(p, warnings)
        person = models.Person.get_or_none(models.Person.uuid == p["uuid"])
        if person is None and iin:
            person = models.Person.get_or_none(models.Person.iin == iin)
        if person is None:
            number = p.get("personnel_number")
            if number and models.Person.get_or_none(models.Person.personnel_number == number):
                warnings.append(
                    Line(
                        f"personnel number {number} of {p['surname']} is already used "
                        "here by another person; imported without it",
                        "package.warn.personnel_number",
                        number=number,
                        surname=p["surname"],
                    )
                )
                number = None
            person = models.Person.create(
                uuid=p["uuid"],
                personnel_number=number,
                surname=p["surname"],
                given_name=p["given_name"],
                patronymic=p.get("patronymic", ""),
                birth_date=_date(p.get("birth_date"))
                or (parse_iin(iin).birth_date if iin else None),
                **_named(p, "position", "unit"),
                grade=p.get("grade", ""),
                appointed_on=_date(p.get("appointed_on")),
                service_start=_date(p.get("service_start")),
                education=p.get("education", ""),
                specialty=p.get("specialty", ""),
                special_rank=p.get("special_rank", ""),
                iin=iin,
                sex=parse_iin(iin).sex
                if iin
                else p.get("sex") or sex_from_patronymic(p.get("patronymic", "")),
            )
        found[p["uuid"]] = person
    return found


def _seats(data: dict[str, Any], persons: dict[str, models.Person]) -> dict[str, models.Seat]:
    c = data["commission"]
    commission = models.Commission.get_or_none(models.Commission.uuid == c["uuid"])
    if commission is None:
        commission = models.Commission.create(
            uuid=c["uuid"], level=c["level"], **_named(c, "name", "place")
        )
    seats = {}
    for s in c["seats"]:
        seat = models.Seat.get_or_none(models.Seat.uuid == s["uuid"])
        if seat is None:
            seat = models.Seat.create(
                uuid=s["uuid"],
                commission=commission,
                role=s["role"],
                **_named(s, "position_title"),
                holder=persons.get(s["holder"] or ""),
                deputy=persons.get(s.get("deputy") or ""),
                is_public=s["is_public"],
                order=s["order"],
            )
        seats[s["uuid"]] = seat
    return seats


@read("exchange.import")
def write_sitting(data: dict[str, Any]) -> list[str]:
    """Create the sitting, its attendance and its cases; return warnings for the user."""
    warnings: list[str] = []
    persons = _persons(data, warnings)
    seats = _seats(data, persons)
    s = data["sitting"]
    sitting = models.Sitting.create(
        uuid=s["uuid"],
        commission=next(iter(seats.values())).commission,
        number=s["number"],
        held_on=_date(s["held_on"]),
        **_named(s, "place"),
        status=s["status"],
        opened_at=_moment(s.get("opened_at")),
        closed_at=_moment(s.get("closed_at")),
        acting_chair=seats.get(s.get("acting_chair") or ""),
    )
    for e in s["attendance"]:
        models.AttendanceEvent.create(
            sitting=sitting,
            seat=seats[e["seat"]],
            kind=e["kind"],
            at=_moment(e["at"]),
            acting_person=persons.get(e.get("acting_person") or ""),
            note=e.get("note", ""),
        )
    for c in s["cases"]:
        fields = {
            **c.get("texts", {}),
            "uuid": c["uuid"],
            "sitting": sitting,
            "person": persons[c["person"]],
            "kind": c["kind"],
            "ruleset": c["ruleset"],
            "order": c["order"],
            **_named(c, "position"),
            "status": c["status"],
            "appearance": c["appearance"],
            "restricted": c["restricted"],
            "candidate_grade": c.get("candidate_grade", ""),
            "decision": c["decision"],
            "decision_rule": c["decision_rule"],
            "grade_result": c["grade_result"],
            "decided_at": _moment(c.get("decided_at")),
            "presiding": seats.get(c.get("presiding") or ""),  # R-VOTE-4
        }
        case = models.Case.create(**fields)
        for r in c["recusals"]:
            models.Recusal.create(case=case, seat=seats[r["seat"]], reason=r["reason"])
        for r in c["rounds"]:
            vote = models.VoteRound.create(
                case=case,
                subject=r["subject"],
                number=r["number"],
                options="\n".join(r["options"]),
                status=r["status"],
                adopted=r["adopted"],
                casting_vote_used=r["casting_vote_used"],
                runoff="\n".join(r["runoff"]),
                presiding=seats.get(r["presiding"] or ""),
            )
            for b in r["ballots"]:
                models.Ballot.create(
                    round=vote,
                    seat=seats[b["seat"]],
                    option=b["option"],
                    cast_at=_moment(b.get("cast_at")) or models.now(),
                )
        for card in c.get("scorecards", []):
            models.Scorecard.create(
                case=case,
                seat=seats[card["seat"]],
                score=card["score"],
                decision=card.get("decision", ""),
                grounds=card.get("grounds", ""),
                grade=card.get("grade", ""),
                grade_grounds=card.get("grade_grounds", ""),
            )
        if c.get("recording"):
            models.Recording.create(case=case, **c["recording"])
        write_steps(case, c.get("steps", []))
    return warnings


@read("exchange.import")
def write_steps(case: models.Case, steps: list[dict[str, Any]]) -> int:
    """Keep the case's deadline steps as the office sent them (R-DL-1..R-DL-8): a step
    done is added, one done on another day takes the office's date; returns how many
    rows changed. Steps are personnel facts recorded after the sitting, so a later
    package of the same sitting may bring new ones."""
    from kzcommission.store.models import CaseStep

    changed = 0
    have = {s.step: s for s in CaseStep.select().where(CaseStep.case == case)}
    for step in steps:
        done_on, note = _date(step["done_on"]), step.get("note", "")
        row = have.get(step["step"])
        if row is None:
            CaseStep.create(case=case, step=step["step"], done_on=done_on, note=note)
        elif (row.done_on, row.note) != (done_on, note):
            row.done_on, row.note = done_on, note
            row.save()
        else:
            continue
        changed += 1
    return changed
