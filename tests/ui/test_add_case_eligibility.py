"""R-ELIG-3 Reading in the Add cases dialog (Ctrl+Shift+N): an excluded person is refused
naming the rule, one not yet due is added with the date he falls due shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from kzcommission.services.preparation import personnel
from kzcommission.store import models
from kzcommission.ui.sitting_dialogs import AddCaseDialog
from tests.services.helpers import make_desk
from tests.services.test_due import _employee
from tests.ui.driver import Keys, activate


def _dialog(qtbot, sitting_id: int) -> AddCaseDialog:
    dialog = AddCaseDialog("en", sitting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    return dialog


def test_add_cases_refuses_on_leave_and_warns_not_yet_due(qtbot, database):
    desk = make_desk(members=3, held_on=date(2025, 3, 12))
    away = _employee("AWAY-1", date(2015, 3, 1), date(2015, 3, 1))
    personnel.add_leave(away, "unpaid", date(2025, 2, 1), None, today=date(2025, 3, 1))
    young = _employee("SOON-1", date(2023, 6, 1), date(2023, 6, 1))
    dialog = _dialog(qtbot, desk.sitting_id)
    keys = Keys(qtbot)
    form = dialog.form

    form.filterEdit.setFocus()
    keys.type("AWAY-1")
    keys.press(Qt.Key.Key_Return)
    assert "R-ELIG-3" in form.errorLabel.text()
    assert models.Case.select().where(models.Case.person == away).count() == 0

    form.filterEdit.selectAll()
    keys.type("SOON-1")
    keys.press(Qt.Key.Key_Return)
    assert models.Case.select().where(models.Case.person == young).count() == 1
    assert "01.06.2026" in form.errorLabel.text()
    assert "not checked" not in form.errorLabel.text()


def test_a_person_without_a_personnel_record_is_added_with_a_warning(qtbot, database):
    """Seen on the desk: a commission member without a record was added without a word;
    R-ELIG-1, R-ELIG-3 and R-ELIG-6 cannot be applied without his appointment date."""
    from kzcommission.services.preparation import persons

    desk = make_desk(members=3, held_on=date(2025, 3, 12))
    bare = persons.add_person("Бекова", "Айна", personnel_number="BARE-1")
    dialog = _dialog(qtbot, desk.sitting_id)
    keys = Keys(qtbot)
    dialog.form.filterEdit.setFocus()
    keys.type("BARE-1")
    keys.press(Qt.Key.Key_Return)
    assert models.Case.select().where(models.Case.person == bare.id).count() == 1
    text = dialog.form.errorLabel.text()
    assert "Бекова Айна" in text and "was not checked" in text and "R-ELIG-3" in text
