"""The personnel record of an employee: position, service, grade, leaves, past
certifications, applications for the next category, and the restricted
pregnancy exclusion (R-ELIG-1..R-ELIG-6).

Every write builds the employee's whole history with the new fact through the
domain (:class:`EmployeeHistory`, :func:`due_window`) before saving anything, so
a leave ending before it starts, overlapping leaves, a certification before the
appointment or an appointment after today are refused with a message naming
the field, inside a transaction that then saves nothing.

The pregnancy flag (R-ELIG-1) is readable and writable only with the
``personnel.restricted`` permission; other roles see ``pregnant`` as None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kzcommission.domain.eligibility import (
    LEAVE_KINDS,
    EmployeeHistory,
    Leave,
    PastCertification,
    due_window,
)
from kzcommission.domain.errors import RuleError
from kzcommission.domain.kinds import Kind
from kzcommission.domain.names import Names
from kzcommission.services import permissions, stale
from kzcommission.services.errors import NotFound, PermissionDenied, ServiceError
from kzcommission.services.inputs import check_names
from kzcommission.services.preparation import persons
from kzcommission.services.preparation.person_identity import check_identity
from kzcommission.services.stale import ChangedElsewhere, parts_of
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.models import (
    CategoryApplication,
    CertificationRecord,
    PersonnelLeave,
    RestrictedFact,
)
from kzcommission.store.names import names_of, set_names

RESTRICTED = "personnel.restricted"


@dataclass(frozen=True)
class LeaveView:
    id: int
    kind: str
    start: date
    end: date | None
    note: str


@dataclass(frozen=True)
class CertificationView:
    id: int
    on: date
    kind: str
    result: str
    note: str


@dataclass(frozen=True)
class ApplicationView:
    id: int
    applied_on: date
    grade: str
    note: str


@dataclass(frozen=True)
class PersonnelView:
    """One employee's record. ``pregnant`` is None when the actor may not see it."""

    person_id: int
    full_name: str
    personnel_number: str
    position: str
    grade: str
    appointed_on: date | None
    service_start: date | None
    leaves: tuple[LeaveView, ...]
    certifications: tuple[CertificationView, ...]
    applications: tuple[ApplicationView, ...]
    pregnant: bool | None
    specialty: str = ""  # v10: Decree 490 App. 3 item 4
    special_rank: str = ""  # v10: Decree 490 App. 3 item 6
    iin: str = ""  # v14: "" when not known
    birth_date: date | None = None
    sex: str = ""  # v14: "m" / "f" / "" unknown
    patronymic: str = ""  # the editor says when the sex is taken from it
    positions: Names = Names()  # v13: the position per language


def may_see_restricted() -> bool:
    """The same test as every service's permission check (R-ELIG-1, R-CAL-4): where the
    installation has accounts, nobody signed in sees no restricted fact."""
    try:
        permissions.require(RESTRICTED)
    except PermissionDenied:
        return False
    return True


def _person(person_id: int) -> models.Person:
    person = models.Person.get_or_none(models.Person.id == person_id)
    if person is None:
        raise NotFound(
            f"no person {person_id}",
            field="person",
            key="not_found_person",
            params={"id": person_id},
        )
    return person


def _refuse(exc: RuleError, field: str) -> ServiceError:
    """The domain's refusal as a service error naming the form's field."""
    return ServiceError(  # refusal: passes on
        f"{field}: {exc}", field=field, rule_id=exc.rule_id, key=exc.key, params=exc.params
    )


def _short_field(domain_field: str | None) -> str:
    """ "leaves[2].end" -> "end"; "certifications[0].on" -> "on"."""
    return (domain_field or "record").rsplit(".", 1)[-1]


def _leaves(person_id: int) -> list[PersonnelLeave]:
    return list(
        PersonnelLeave.select()
        .where(PersonnelLeave.person == person_id)
        .order_by(PersonnelLeave.start, PersonnelLeave.id)
    )


def _certifications(person_id: int) -> list[CertificationRecord]:
    return list(
        CertificationRecord.select()
        .where(CertificationRecord.person == person_id)
        .order_by(CertificationRecord.on, CertificationRecord.id)
    )


def _applications(person_id: int) -> list[CategoryApplication]:
    return list(
        CategoryApplication.select()
        .where(CategoryApplication.person == person_id)
        .order_by(CategoryApplication.applied_on, CategoryApplication.id)
    )


def _validate(
    person: models.Person,
    leaves: list[Leave],
    certifications: list[PastCertification],
    today: date,
) -> None:
    """Build the history through the domain; raise ServiceError naming the field."""
    appointed = person.appointed_on or date.min
    # Without an appointment date only the leaves can be checked.
    service = person.service_start if person.appointed_on else date.min
    try:
        history = EmployeeHistory(
            appointed_on=appointed,
            service_start=service or appointed,
            leaves=tuple(leaves),
            certifications=tuple(certifications),
        )
        if person.appointed_on is not None:
            due_window(history, today)  # refuses an appointment after today
    except RuleError as exc:
        raise _refuse(exc, _short_field(exc.field)) from exc


def _domain_leaves(rows: list[PersonnelLeave]) -> list[Leave]:
    return [Leave(r.kind, r.start, r.end) for r in rows]


# Issue 22: what a form saved over a record changed on another desk since is told (the
# shared mechanism of services/stale.py); the personnel pages know it by this name.
RecordChanged = ChangedElsewhere


@write("person.edit")
def save_over(loaded: PersonnelView, change: Callable[[], PersonnelView]) -> PersonnelView:
    """Run ``change`` (one of the record's writes) only if the record is still the version
    the form loaded, every part of it compared (services/stale.py): the person's row is
    locked first, so two desks never save over each other unseen."""
    return stale.save_over(
        _parts(loaded),
        models.Person,
        loaded.person_id,
        lambda: get_record(loaded.person_id),
        _parts,
        change,
        record="record",
    )


def _parts(view: PersonnelView) -> dict[str, object]:
    """The record's parts as compared: the position's languages (v13) are the position,
    as the form names it."""
    parts = parts_of(view, ("positions",))
    parts["position"] = (view.position, view.positions)
    return parts


def _domain_certs(rows: list[CertificationRecord]) -> list[PastCertification]:
    return [PastCertification(r.on, r.kind, r.result or None) for r in rows]


@read("records.view")
def get_record(person_id: int) -> PersonnelView:
    person = _person(person_id)
    pregnant: bool | None = None
    if may_see_restricted():
        fact = RestrictedFact.get_or_none(RestrictedFact.person == person_id)
        pregnant = bool(fact and fact.pregnant)
    return PersonnelView(
        person_id=person.id,
        full_name=person.full_name,
        personnel_number=person.personnel_number or "",
        position=person.position,
        grade=person.grade,
        appointed_on=person.appointed_on,
        service_start=person.service_start,
        leaves=tuple(LeaveView(r.id, r.kind, r.start, r.end, r.note) for r in _leaves(person_id)),
        certifications=tuple(
            CertificationView(r.id, r.on, r.kind, r.result, r.note)
            for r in _certifications(person_id)
        ),
        applications=tuple(
            ApplicationView(r.id, r.applied_on, r.grade, r.note) for r in _applications(person_id)
        ),
        pregnant=pregnant,
        specialty=person.specialty,
        special_rank=person.special_rank,
        iin=person.iin or "",
        birth_date=person.birth_date,
        sex=person.sex,
        patronymic=person.patronymic,
        positions=names_of(person, "position"),
    )


@write("person.edit")
def update_record(
    person_id: int,
    *,
    position: str | Names,
    grade: str,
    appointed_on: date | None,
    service_start: date | None,
    today: date | None = None,
    specialty: str | None = None,
    special_rank: str | None = None,
    iin: str | None = None,
    birth_date: date | None = None,
    sex: str | None = None,
) -> PersonnelView:
    """Position, grade, appointment date and start of service (R-ELIG-1, R-ELIG-2); the
    specialty and special rank the extraordinary sheet prints; the IIN, birth date and sex
    (checked together, see services.preparation.person_identity). None: left as it is ("" clears the
    IIN and the stated sex)."""
    check_names(
        {"position": position, "grade": grade, "specialty": specialty, "special_rank": special_rank}
    )
    person = _person(person_id)
    identity = check_identity(
        person.iin if iin is None else iin,
        person.birth_date if birth_date is None else birth_date,
        person.patronymic,
        person.sex if sex is None else sex,
        person_id=person.id,
    )
    if appointed_on is not None and service_start is None:
        raise ServiceError(
            "service_start: the start of service is required",
            field="service_start",
            key="service_start_required",
        )
    before = {
        "position": person.position,
        "grade": person.grade,
        "appointed_on": person.appointed_on,
        "service_start": person.service_start,
        "specialty": person.specialty,
        "special_rank": person.special_rank,
        "iin": person.iin,
        "birth_date": person.birth_date,
        "sex": person.sex,
    }
    person.iin, person.birth_date, person.sex = identity.iin, identity.birth_date, identity.sex
    set_names(person, "position", position)  # v13: an unchanged single value keeps them
    person.grade = grade.strip()
    if specialty is not None:
        person.specialty = specialty.strip()
    if special_rank is not None:
        person.special_rank = special_rank.strip()
    person.appointed_on, person.service_start = appointed_on, service_start
    _validate(
        person,
        _domain_leaves(_leaves(person_id)),
        _domain_certs(_certifications(person_id)),
        today or date.today(),
    )
    person.save()
    after = {k: getattr(person, k) for k in before}
    record_history("personnel.record", "person", person.uuid, before=before, after=after)
    return get_record(person_id)


def _check_leave_kind(kind: str) -> None:
    if kind not in LEAVE_KINDS:
        raise ServiceError(
            f"kind: unknown leave kind {kind!r}",
            field="kind",
            key="leave_kind_unknown",
            params={"kind": kind},
        )


@write("person.edit")
def add_leave(
    person_id: int,
    kind: str,
    start: date,
    end: date | None = None,
    note: str = "",
    *,
    today: date | None = None,
) -> PersonnelView:
    """A leave (R-ELIG-3); ``end`` None while the return date is unknown."""
    person = _person(person_id)
    _check_leave_kind(kind)
    rows = _leaves(person_id)
    # The new leave goes last so the domain's index names it in the message.
    leaves = [*_domain_leaves(rows), Leave(kind, start, end)]
    _validate(person, leaves, _domain_certs(_certifications(person_id)), today or date.today())
    PersonnelLeave.create(person=person, kind=kind, start=start, end=end, note=note)
    record_history(
        "personnel.leave.add",
        "person",
        person.uuid,
        after={"kind": kind, "start": start, "end": end},
    )
    return get_record(person_id)


@write("person.edit")
def update_leave(
    leave_id: int,
    *,
    kind: str,
    start: date,
    end: date | None,
    note: str = "",
    reason: str = "",
    today: date | None = None,
) -> PersonnelView:
    """Change a leave, e.g. set the end of an open one (R-ELIG-3); ``reason`` goes to history."""
    row = PersonnelLeave.get_or_none(PersonnelLeave.id == leave_id)
    if row is None:
        raise NotFound(
            f"no leave {leave_id}", field="leave", key="not_found_leave", params={"id": leave_id}
        )
    _check_leave_kind(kind)
    person = _person(row.person_id)
    others = [r for r in _leaves(person.id) if r.id != leave_id]
    leaves = [*_domain_leaves(others), Leave(kind, start, end)]
    _validate(person, leaves, _domain_certs(_certifications(person.id)), today or date.today())
    before = {"kind": row.kind, "start": row.start, "end": row.end}
    row.kind, row.start, row.end, row.note = kind, start, end, note
    row.save()
    record_history(
        "personnel.leave.update",
        "person",
        person.uuid,
        before=before,
        after={"kind": kind, "start": start, "end": end, "reason": reason},
    )
    return get_record(person.id)


@write("person.edit")
def remove_leave(leave_id: int, reason: str = "") -> PersonnelView:
    """Delete a leave entered by mistake; the reason is kept in history."""
    row = _entry(PersonnelLeave, leave_id, "leave")
    return _remove(row, "personnel.leave.remove", ("kind", "start", "end"), reason)


@write("person.edit")
def add_certification(
    person_id: int,
    on: date,
    kind: str,
    result: str = "",
    note: str = "",
    *,
    today: date | None = None,
) -> PersonnelView:
    """A past certification with its result (R-ELIG-2, R-ELIG-6)."""
    person = _person(person_id)
    today = today or date.today()
    if kind not in {k.value for k in Kind}:
        raise ServiceError(
            f"kind: unknown kind of certification {kind!r}",
            field="kind",
            key="certification_kind_unknown",
            params={"kind": kind},
        )
    if on > today:
        raise ServiceError(
            "on: a past certification cannot be dated after today",
            field="on",
            key="past_certification_in_future",
        )
    certs = [
        *_domain_certs(_certifications(person_id)),
        PastCertification(on, kind, result or None),
    ]
    _validate(person, _domain_leaves(_leaves(person_id)), certs, today)
    CertificationRecord.create(person=person, on=on, kind=kind, result=result, note=note)
    record_history(
        "personnel.certification.add",
        "person",
        person.uuid,
        after={"on": on, "kind": kind, "result": result},
    )
    return get_record(person_id)


def _check_application(person: models.Person, applied_on: date, today: date | None) -> None:
    if applied_on > (today or date.today()):
        raise ServiceError(
            "applied_on: an application cannot be dated after today",
            field="applied_on",
            rule_id="R-ELIG-4",
            key="application_in_future",
        )
    if person.appointed_on is not None and applied_on < person.appointed_on:
        raise ServiceError(
            "applied_on: the application precedes the appointment",
            field="applied_on",
            rule_id="R-ELIG-4",
            key="application_before_appointment",
        )


@write("person.edit")
def add_application(
    person_id: int,
    applied_on: date,
    grade: str = "",
    note: str = "",
    *,
    today: date | None = None,
) -> PersonnelView:
    """An application for the next category: may bring the window forward (R-ELIG-4)."""
    person = _person(person_id)
    _check_application(person, applied_on, today)
    CategoryApplication.create(person=person, applied_on=applied_on, grade=grade, note=note)
    record_history(
        "personnel.application.add",
        "person",
        person.uuid,
        after={"applied_on": applied_on, "grade": grade},
    )
    return get_record(person_id)


@write(RESTRICTED)
def set_pregnant(person_id: int, pregnant: bool) -> PersonnelView:
    """The R-ELIG-1 exclusion. History records the change, not the value, to keep it restricted."""
    person = _person(person_id)
    RestrictedFact.insert(person=person, pregnant=pregnant, updated_at=models.now()).on_conflict(
        conflict_target=[RestrictedFact.person],
        update={RestrictedFact.pregnant: pregnant, RestrictedFact.updated_at: models.now()},
    ).execute()
    record_history("personnel.restricted", "person", person.uuid, after={"field": "pregnant"})
    return get_record(person_id)


def _entry(model, entry_id: int, field: str):  # noqa: ANN001, ANN202 - a store model and its row
    row = model.get_or_none(model.id == entry_id)
    if row is None:
        raise NotFound(
            f"no {field} {entry_id}",
            field=field,
            key="not_found_personnel_entry",
            params={"entry_key": f"refusal.entry.{field}", "id": entry_id},
        )
    return row


def _remove(row, action: str, fields: tuple[str, ...], reason: str) -> PersonnelView:  # noqa: ANN001
    """Delete an entry typed by mistake; history keeps what it was and the reason."""
    person = row.person
    before = {name: getattr(row, name) for name in fields}
    row.delete_instance()
    record_history(action, "person", person.uuid, before=before, after={"reason": reason})
    return get_record(person.id)


@write("person.edit")
def update_certification(
    cert_id: int,
    *,
    on: date,
    kind: str,
    result: str = "",
    reason: str = "",
    today: date | None = None,
) -> PersonnelView:
    """Correct a past certification typed in (R-ELIG-2, R-ELIG-6); ``reason`` goes to history."""
    row = _entry(CertificationRecord, cert_id, "certification")
    person = _person(row.person_id)
    today = today or date.today()
    if kind not in {k.value for k in Kind}:
        raise ServiceError(
            f"kind: unknown kind of certification {kind!r}",
            field="kind",
            key="certification_kind_unknown",
            params={"kind": kind},
        )
    if on > today:
        raise ServiceError(
            "on: a past certification cannot be dated after today",
            field="on",
            key="past_certification_in_future",
        )
    others = [r for r in _certifications(person.id) if r.id != cert_id]
    certs = [*_domain_certs(others), PastCertification(on, kind, result or None)]
    _validate(person, _domain_leaves(_leaves(person.id)), certs, today)
    before = {"on": row.on, "kind": row.kind, "result": row.result}
    row.on, row.kind, row.result = on, kind, result
    row.save()
    after = {"on": on, "kind": kind, "result": result, "reason": reason}
    record_history(
        "personnel.certification.update", "person", person.uuid, before=before, after=after
    )
    return get_record(person.id)


@write("person.edit")
def remove_certification(cert_id: int, reason: str = "") -> PersonnelView:
    """Delete a past certification entered by mistake; the reason is kept in history."""
    row = _entry(CertificationRecord, cert_id, "certification")
    return _remove(row, "personnel.certification.remove", ("on", "kind", "result"), reason)


@write("person.edit")
def update_application(
    app_id: int,
    *,
    applied_on: date,
    grade: str = "",
    reason: str = "",
    today: date | None = None,
) -> PersonnelView:
    """Correct an application for the next category (R-ELIG-4); ``reason`` goes to history."""
    row = _entry(CategoryApplication, app_id, "application")
    person = _person(row.person_id)
    _check_application(person, applied_on, today)
    before = {"applied_on": row.applied_on, "grade": row.grade}
    row.applied_on, row.grade = applied_on, grade
    row.save()
    after = {"applied_on": applied_on, "grade": grade, "reason": reason}
    record_history(
        "personnel.application.update", "person", person.uuid, before=before, after=after
    )
    return get_record(person.id)


@write("person.edit")
def remove_application(app_id: int, reason: str = "") -> PersonnelView:
    """Delete an application entered by mistake; the reason is kept in history."""
    row = _entry(CategoryApplication, app_id, "application")
    return _remove(row, "personnel.application.remove", ("applied_on", "grade"), reason)


@write("person.edit")
def add_employee(
    surname: str,
    given_name: str,
    patronymic: str = "",
    *,
    personnel_number: str | None = None,
    position: str = "",
    grade: str = "",
    appointed_on: date | None = None,
    service_start: date | None = None,
    today: date | None = None,
    iin: str | None = None,
    birth_date: date | None = None,
    sex: str = "",
) -> PersonnelView:
    """A new employee typed in by hand, with his record's fields, in one step."""
    person = persons.add_person(
        surname, given_name, patronymic, personnel_number=personnel_number, iin=iin,
        birth_date=birth_date, sex=sex,
    )  # fmt: skip
    return update_record(
        person.id,
        position=position,
        grade=grade,
        appointed_on=appointed_on,
        service_start=service_start,
        today=today,
    )
