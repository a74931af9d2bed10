"""The person record's IIN, birth date and sex (issue 19 item 4, issue 15 item 6)."""

from datetime import date

import pytest

from kzcommission.services.preparation import personnel, persons
from kzcommission.services.preparation.person_identity import IdentityRefused
from kzcommission.store import models
from kzcommission.ui.dialogs import error_text

MAN = "850315300019"  # 15 March 1985, male
WOMAN = "880620400019"  # 20 June 1988, female


def test_the_iin_gives_birth_date_and_sex(database):
    person = persons.add_person("Сейітов", "Ерлан", iin=f" {MAN} ")
    row = models.Person.get_by_id(person.id)
    assert (row.iin, row.birth_date, row.sex) == (MAN, date(1985, 3, 15), "m")
    assert (person.iin, person.sex) == (MAN, "m")


def test_without_an_iin_the_patronymic_then_the_stated_sex(database):
    by_name = persons.add_person("Ахметова", "Айгүл", "Маратқызы")
    stated = persons.add_person("Smith", "Alex", sex="f")
    unknown = persons.add_person("Ким", "Алекс")
    assert [p.sex for p in (by_name, stated, unknown)] == ["f", "f", ""]
    assert models.Person.get_by_id(unknown.id).iin is None


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"iin": "85031530001"}, "iin", "length"),
        ({"iin": "85031530001X"}, "iin", "digits"),
        ({"iin": "851315300019"}, "iin", "date"),
        ({"iin": "850315300018"}, "iin", "check"),
        ({"iin": "850315302600"}, "iin", "not_issued"),
        ({"iin": MAN, "birth_date": date(1985, 3, 16)}, "birth_date", "birth_date"),
        ({"iin": MAN, "sex": "f"}, "sex", "sex"),
        ({"patronymic": "Маратқызы", "sex": "m"}, "sex", "sex_patronymic"),
    ],
)
def test_each_refusal_names_the_field_and_saves_nothing(database, kwargs, field, code):
    with pytest.raises(IdentityRefused) as caught:
        persons.add_person("Сейітов", "Ерлан", **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert models.Person.select().count() == 0


def test_not_issued_example_gives_ten_twice():
    from kzcommission.domain.iin import check_digit

    assert check_digit("85031530260") is None


def test_an_iin_is_one_persons(database):
    first = persons.add_person("Сейітов", "Ерлан", iin=MAN)
    with pytest.raises(IdentityRefused) as caught:
        persons.add_person("Other", "Man", iin=MAN)
    assert caught.value.code == "taken" and "Сейітов" in caught.value.value
    # Saving the holder's own record again is no duplicate.
    record = personnel.update_record(
        first.id, position="Inspector", grade="", appointed_on=None, service_start=None, iin=MAN
    )
    assert record.iin == MAN


def test_the_editor_service_sets_and_clears_the_iin(database):
    person = persons.add_person("Ахметова", "Айгүл")
    record = personnel.update_record(
        person.id, position="", grade="", appointed_on=None, service_start=None, iin=WOMAN
    )
    assert (record.iin, record.birth_date, record.sex) == (WOMAN, date(1988, 6, 20), "f")
    record = personnel.update_record(
        person.id, position="", grade="", appointed_on=None, service_start=None, iin=""
    )
    assert (record.iin, record.birth_date, record.sex) == ("", date(1988, 6, 20), "f")
    with pytest.raises(IdentityRefused):
        personnel.update_record(
            person.id, position="", grade="", appointed_on=None, service_start=None, iin=MAN
        )
    assert models.Person.get_by_id(person.id).iin is None


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ("ИИН", "Контрольный разряд")),
        ("kk", ("ЖСН", "бақылау разряды")),
        ("en", ("IIN", "check digit")),
    ],
)
def test_the_refusal_reads_in_the_users_language(database, lang, words):
    with pytest.raises(IdentityRefused) as caught:
        persons.add_person("Сейітов", "Ерлан", iin="850315300018")
    text = error_text(caught.value, lang)
    assert all(w in text for w in words), text
