"""Employees and members as persons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import IntegrityError, fn

from kzcommission.domain.names import Names
from kzcommission.services.errors import NotFound, ServiceError
from kzcommission.services.inputs import check_names
from kzcommission.services.preparation.person_identity import check_identity
from kzcommission.services.unit import read, record_history, write
from kzcommission.store import models
from kzcommission.store.names import name_values, names_of


@dataclass(frozen=True)
class PersonView:
    id: int
    uuid: str
    personnel_number: str
    full_name: str
    birth_date: date | None
    position: str
    unit: str
    grade: str
    appointed_on: date | None
    specialty: str = ""  # v10: Decree 490 App. 3 item 4
    special_rank: str = ""  # v10: Decree 490 App. 3 item 6
    iin: str = ""  # v14: "" when not known
    sex: str = ""  # v14: "m" / "f" / "" unknown
    positions: Names = Names()  # v13: the position in each language, for lists on screen
    units: Names = Names()

    def position_in(self, lang: str) -> str:
        """The position a list in ``lang`` shows, by the names' fallback order."""
        return self.positions.pick(lang) or self.position


def _view(p: models.Person) -> PersonView:
    return PersonView(
        p.id,
        p.uuid,
        p.personnel_number or "",
        p.full_name,
        p.birth_date,
        p.position,
        p.unit,
        p.grade,
        p.appointed_on,
        p.specialty,
        p.special_rank,
        p.iin or "",
        p.sex,
        names_of(p, "position"),
        names_of(p, "unit"),
    )


@write("person.edit")
def add_person(
    surname: str,
    given_name: str,
    patronymic: str = "",
    *,
    personnel_number: str | None = None,
    birth_date: date | None = None,
    position: str | Names = "",
    unit: str | Names = "",
    grade: str = "",
    appointed_on: date | None = None,
    service_start: date | None = None,
    education: str = "",
    specialty: str = "",
    special_rank: str = "",
    iin: str | None = None,
    sex: str = "",
) -> PersonView:
    """A new person. With an IIN, the birth date and sex come from it (typed ones must
    agree); without one the sex comes from the patronymic, else as stated."""
    check_names(
        {
            "surname": surname, "given_name": given_name, "patronymic": patronymic,
            "personnel_number": personnel_number, "position": position, "unit": unit,
            "grade": grade, "education": education, "specialty": specialty,
            "special_rank": special_rank,
        }
    )  # fmt: skip
    if not surname.strip():
        raise ServiceError("the surname is required", field="surname", key="surname_required")
    if not given_name.strip():
        raise ServiceError(
            "the given name is required", field="given_name", key="given_name_required"
        )
    identity = check_identity(iin, birth_date, patronymic, sex)
    try:
        person = models.Person.create(
            surname=surname.strip(),
            given_name=given_name.strip(),
            patronymic=patronymic.strip(),
            personnel_number=personnel_number or None,
            birth_date=identity.birth_date,
            iin=identity.iin,
            sex=identity.sex,
            **name_values("position", position),
            **name_values("unit", unit),
            grade=grade,
            appointed_on=appointed_on,
            service_start=service_start,
            education=education,
            specialty=specialty.strip(),
            special_rank=special_rank.strip(),
        )
    except IntegrityError as exc:
        raise ServiceError(
            f"personnel number {personnel_number!r} is already used",
            field="personnel_number",
            key="personnel_number_taken",
            params={"number": personnel_number},
        ) from exc
    record_history("person.add", "person", person.uuid, after={"name": person.full_name})
    return _view(person)


@read("records.view")
def get_person(person_id: int) -> PersonView:
    person = models.Person.get_or_none(models.Person.id == person_id)
    if person is None:
        raise NotFound(f"no person {person_id}", key="not_found_person", params={"id": person_id})
    return _view(person)


@read("records.view")
def count_persons() -> int:
    return models.Person.select().count()


@read("records.view")
def search_persons(text: str = "", limit: int = 200) -> list[PersonView]:
    """Persons whose name or personnel number starts with ``text`` (case-insensitive)."""
    query = models.Person.select()
    text = text.strip()
    if text:
        pattern = f"{text}%"
        query = query.where(
            (models.Person.surname**pattern)
            | (models.Person.given_name**pattern)
            | (models.Person.personnel_number**pattern)
            | (fn.LOWER(models.Person.surname + " " + models.Person.given_name) ** pattern.lower())
        )
    return [
        _view(p)
        for p in query.order_by(models.Person.surname, models.Person.given_name).limit(limit)
    ]


@read("records.view")
def name_keys() -> list[tuple[int, str, str, str]]:
    """(id, surname, given name, personnel number) of everyone, for an in-memory search index."""
    query = models.Person.select(
        models.Person.id,
        models.Person.surname,
        models.Person.given_name,
        models.Person.personnel_number,
    ).tuples()
    return [(i, s, g, n or "") for i, s, g, n in query]


@read("records.view")
def get_persons(ids: list[int]) -> list[PersonView]:
    """Persons by id, in the order given (ids that do not exist are left out)."""
    by_id: dict[int, PersonView] = {}
    for start in range(0, len(ids), 500):
        query = models.Person.select().where(models.Person.id.in_(ids[start : start + 500]))
        by_id.update((p.id, _view(p)) for p in query)
    return [by_id[i] for i in ids if i in by_id]
