"""NUL and other control characters are refused in names and texts, naming the field, and
nothing is written (issue 18)."""

from __future__ import annotations

import pytest

from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import personnel, persons
from kzcommission.services.sitting import cases
from kzcommission.store import models
from tests.services.helpers import add_employee, make_desk


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("surname", {"surname": "Әли\x00ев", "given_name": "Тимур"}),
        ("given_name", {"surname": "Әлиев", "given_name": "Ти\x1bмур"}),
        ("position", {"surname": "Әлиев", "given_name": "Тимур", "position": "Inspector\x07"}),
        ("unit", {"surname": "Әлиев", "given_name": "Тимур", "unit": "Line\nbreak"}),
    ],
)
def test_a_name_with_a_control_character_is_refused(database, field, kwargs):
    kwargs = dict(kwargs)  # the same dict serves both backends
    surname, given = kwargs.pop("surname"), kwargs.pop("given_name")
    with pytest.raises(ServiceError) as caught:
        persons.add_person(surname, given, **kwargs)
    assert caught.value.field == field and "\\x" in str(caught.value)
    assert models.Person.select().count() == 0


def test_a_case_text_keeps_its_lines_but_not_a_nul(database):
    desk = make_desk(members=3)
    case = cases.add_case(desk.sitting_id, add_employee("Texts", "T1").id, "regular")
    cases.set_text(case.id, "questions", "Q1?\n\tA1.\r\nQ2?")
    with pytest.raises(ServiceError) as caught:
        cases.set_text(case.id, "opinion", "agreed\x00")
    assert caught.value.field == "opinion"
    assert models.Case.get_by_id(case.id).opinion == ""


def test_the_personnel_record_refuses_control_characters(database):
    person = add_employee("Record", "R1")
    with pytest.raises(ServiceError) as caught:
        personnel.update_record(
            person.id, position="Chief\x00", grade="2", appointed_on=None, service_start=None
        )
    assert caught.value.field == "position"
