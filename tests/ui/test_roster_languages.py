"""Issue 15 item 6 on screen: the roster lists each employee's position and unit in the
interface language, by the names' fallback order (domain.names)."""

from __future__ import annotations

import pytest

from kzcommission.domain.names import Names
from kzcommission.services.preparation import persons
from kzcommission.ui.roster_model import COLUMNS, RosterModel

POSITION = Names(kk="Аға инспектор", ru="Старший инспектор", en="Senior Inspector")
UNIT = Names(kk="Астана қаласының ПД", ru="ДП города Астаны")  # no English variant


@pytest.mark.parametrize(
    ("lang", "position", "unit"),
    [
        ("kk", "Аға инспектор", "Астана қаласының ПД"),
        ("ru", "Старший инспектор", "ДП города Астаны"),
        ("en", "Senior Inspector", "ДП города Астаны"),  # en falls back to ru
    ],
)
def test_the_roster_shows_names_in_the_interface_language(qtbot, database, lang, position, unit):
    persons.add_person("Әлиев", "Тимур", "Маратұлы", position=POSITION, unit=UNIT)
    model = RosterModel(lang)
    model.set_filter("Әлиев")
    row = next(r for r in range(model.rowCount()) if model.person(r).full_name.startswith("Әлиев"))
    shown = {c: model.data(model.index(row, i)) for i, c in enumerate(COLUMNS)}
    assert (shown["position"], shown["unit"]) == (position, unit)
