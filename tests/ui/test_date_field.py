"""The one date field of the preparation and evaluation pages (ui/date_field.py), by keys."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kzcommission.ui.date_field import BadDate, DateField, parse_date
from tests.ui.driver import Keys, activate


@pytest.fixture
def form(qtbot, request):
    host = QWidget()
    layout = QVBoxLayout(host)
    field = DateField(optional=True, field="appointed_on")
    required = DateField(field="start")
    after = QLineEdit()
    for widget in (field, required, after):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    activate(qtbot, host)
    request.node.host = host  # kept alive for the test
    return field, required, after


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15022021", date(2021, 2, 15)),  # observed: gave "502202101092015"
        ("01092015", date(2015, 9, 1)),  # the 1st of a month (observed: blanked)
        ("1.9.15", date(2015, 9, 1)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_typed_from_empty_then_tab_leaves(qtbot, form, typed, expected):
    field, required, _after = form
    keys = Keys(qtbot)
    field.setFocus()
    keys.type(typed)
    keys.press(Qt.Key.Key_Tab)
    assert required.hasFocus() and not field.hasFocus()  # Tab left the date field
    assert field.value() == expected
    assert field.text() == expected.strftime("%d.%m.%Y")


def test_blank_invalid_and_arrows(qtbot, form):
    field, required, _after = form
    keys = Keys(qtbot)
    assert field.value() is None  # optional and blank
    with pytest.raises(BadDate) as blank:
        required.value()
    assert blank.value.field == "start"
    field.setFocus()
    keys.type("31022021")
    with pytest.raises(BadDate) as wrong:
        field.value()
    assert wrong.value.field == "appointed_on" and "31022021" in str(wrong.value)
    field.set_value(date(2024, 1, 31))
    keys.press(Qt.Key.Key_Up)
    assert field.value() == date(2024, 2, 1)
    keys.press(Qt.Key.Key_PageUp)
    assert field.value() == date(2024, 3, 1)
    assert parse_date("") is None
