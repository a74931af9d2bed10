"""The IIN, date of birth and sex in the personnel record editor, by keys (issue 19 item 4,
issue 15 item 6): a wrong IIN is refused naming the field and the reason in the user's
language; a valid one fills the birth date and sex; the sex is asked only when neither the
IIN nor the patronymic tells it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from kzcommission.services.preparation import persons
from kzcommission.store import models
from kzcommission.ui.preparation import PreparationWidget
from tests.ui.driver import Keys, activate

Mod = Qt.KeyboardModifier


@pytest.fixture
def people(database):
    return {
        "E-1": persons.add_person("Ахметова", "Айгүл", personnel_number="E-1").id,
        "E-2": persons.add_person("Иванов", "Сергей", "Петрович", personnel_number="E-2").id,
    }


def _page(qtbot, lang: str):
    w = PreparationWidget(lang)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    activate(qtbot, w)
    return w.record


def _open(keys: Keys, page, number: str) -> None:
    keys.press(Qt.Key.Key_F, Mod.ControlModifier, widget=page)
    page.search.selectAll()
    keys.type(number)
    keys.press(Qt.Key.Key_Return)


def _type_iin(keys: Keys, page, text: str) -> None:
    page.special_rank.setFocus()
    keys.press(Qt.Key.Key_Tab)  # the IIN follows the special rank
    assert page.iin.hasFocus()
    page.iin.selectAll()
    keys.type(text)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ("IIN", "check digit")), ("ru", ("ИИН", "Контрольный разряд")),
     ("kk", ("ЖСН", "бақылау разряды"))],
)  # fmt: skip
def test_a_wrong_iin_is_refused_in_the_users_language(qtbot, people, lang, words):
    keys = Keys(qtbot)
    page = _page(qtbot, lang)
    _open(keys, page, "E-1")
    _type_iin(keys, page, "880620400018")
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)
    assert all(w in page.status.text() for w in words), page.status.text()
    assert models.Person.get_by_id(people["E-1"]).iin is None


def test_a_valid_iin_fills_birth_date_and_sex(qtbot, people):
    keys = Keys(qtbot)
    page = _page(qtbot, "en")
    _open(keys, page, "E-1")
    assert page.sex.isEnabled() and page.sex.currentData() == ""  # nothing tells it: asked
    _type_iin(keys, page, "880620400019")
    assert page.birth_date.text() == "20.06.1988"
    assert page.sex.currentData() == "f" and not page.sex.isEnabled()
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)
    stored = models.Person.get_by_id(people["E-1"])
    assert (stored.iin, stored.birth_date, stored.sex) == ("880620400019", date(1988, 6, 20), "f")


def test_a_birth_date_that_disagrees_is_refused(qtbot, people):
    keys = Keys(qtbot)
    page = _page(qtbot, "ru")
    _open(keys, page, "E-1")
    _type_iin(keys, page, "880620400019")
    page.birth_date.setFocus()
    page.birth_date.selectAll()
    keys.type("21061988")
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)
    assert "Дата рождения" in page.status.text() and "не совпадает" in page.status.text()
    assert models.Person.get_by_id(people["E-1"]).iin is None


def test_the_sex_is_asked_only_without_iin_and_patronymic(qtbot, people):
    keys = Keys(qtbot)
    page = _page(qtbot, "en")
    _open(keys, page, "E-2")  # Петрович: a man by his patronymic
    assert page.sex.currentData() == "m" and not page.sex.isEnabled()
    _open(keys, page, "E-1")
    page.sex.setFocus()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)  # not stated -> male -> female
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)
    assert models.Person.get_by_id(people["E-1"]).sex == "f"


@pytest.mark.parametrize(
    ("appearance", "lang", "sex", "label"),
    [
        ("present", "ru", "f", "явилась"),
        ("present", "ru", "m", "явился"),
        ("present", "ru", "", "явился(-ась)"),
        ("absent_unexcused", "ru", "f", "не явилась без уважительной причины"),
        ("present", "kk", "f", "келді"),
        ("present", "en", "f", "present"),
    ],
)
def test_the_screens_appearance_agrees_with_the_sex(appearance, lang, sex, label):
    from kzcommission.ui.labels import appearance_label

    assert appearance_label(appearance, lang, sex) == label


def test_the_case_view_carries_the_sex(database):
    from kzcommission.services.sitting import cases
    from tests.services.helpers import make_desk

    desk = make_desk(members=3)
    person = persons.add_person("Ахметова", "Айгүл", "Маратқызы")
    view = cases.add_case(desk.sitting_id, person.id, "regular")
    assert view.person_sex == "f"
