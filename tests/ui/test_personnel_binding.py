"""Issue 22: the personnel officer's editors are bound to one person and one record.

Typing into every field of the personnel record editor and switching between three
people never carries a value over: each switch reloads every field from the store, and
the unsaved edits are saved or discarded by the user's answer, asked each time.
Dates are typed by keys (ui/date_field.py), the 1st of a month included.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt

from kzcommission.services.preparation import personnel, persons
from kzcommission.store import models
from kzcommission.store.models import (
    CategoryApplication,
    CertificationRecord,
    PersonnelLeave,
)
from kzcommission.ui.preparation import PreparationWidget
from tests.conftest import ARTIFACTS
from tests.ui.driver import Keys, activate
from tests.ui.modal import ModalAnswer

Mod = Qt.KeyboardModifier
PEOPLE = {
    "E-1": ("Alpha", "Inspector", "1", date(2015, 3, 1)),
    "E-2": ("Bravo", "Analyst", "2", date(2016, 4, 1)),
    "E-3": ("Charlie", "Lawyer", "3", date(2017, 5, 1)),
}


@pytest.fixture
def people(database):
    ids = {}
    for number, (name, position, grade, appointed) in PEOPLE.items():
        person = persons.add_person(name, "Test", personnel_number=number)
        personnel.update_record(
            person.id, position=position, grade=grade, appointed_on=appointed,
            service_start=appointed,
        )  # fmt: skip
        ids[number] = person.id
    return ids


@pytest.fixture
def page(qtbot, people):
    w = PreparationWidget("en")
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
    activate(keys.qtbot, page)  # after a question, as the window manager would


def _retype(keys: Keys, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    keys.type(text)
    keys.press(Qt.Key.Key_Tab)  # Tab leaves a date field like any other


def _type_everything(keys: Keys, page, tag: str) -> None:
    """A value in every field of the editor, by keys."""
    _retype(keys, page.position, f"Position {tag}")
    _retype(keys, page.grade, f"G{tag}")
    _retype(keys, page.appointed, "15022021")  # typed into a field, from empty digits
    _retype(keys, page.service, "01092015")  # the 1st of a month is kept
    _retype(keys, page.specialty, f"Specialty {tag}")
    _retype(keys, page.special_rank, f"Rank {tag}")
    page.leave_kind.setFocus()
    keys.press(Qt.Key.Key_Down)  # maternity
    _retype(keys, page.leave_start, "01.03.2021")
    _retype(keys, page.leave_end, "31.05.2021")
    _retype(keys, page.cert_on, "10.10.2021")
    page.cert_kind.setFocus()
    keys.press(Qt.Key.Key_Down)
    page.cert_result.setFocus()
    keys.press(Qt.Key.Key_Down)
    _retype(keys, page.app_on, "01.11.2021")
    _retype(keys, page.app_grade, f"A{tag}")


def _shows_store(page, person_id: int) -> None:
    """Every field shows the store's value of ``person_id``; the entry rows are empty."""
    record = personnel.get_record(person_id)
    assert page.person_id == person_id
    assert page.position.text() == record.position
    assert page.grade.text() == record.grade
    assert page.appointed.text() == record.appointed_on.strftime("%d.%m.%Y")
    assert page.service.text() == record.service_start.strftime("%d.%m.%Y")
    assert page.specialty.text() == record.specialty
    assert page.special_rank.text() == record.special_rank
    for field in (page.leave_start, page.leave_end, page.cert_on, page.app_on, page.app_grade):
        assert field.text() == ""
    assert page.leave_kind.currentIndex() == 0 and page.cert_kind.currentIndex() == 0
    assert page.leaves.rowCount() == len(record.leaves)
    assert page.certs.rowCount() == len(record.certifications)
    assert page.apps.rowCount() == len(record.applications)


def _counts(person_id: int) -> tuple[int, int, int]:
    return (
        PersonnelLeave.select().where(PersonnelLeave.person == person_id).count(),
        CertificationRecord.select().where(CertificationRecord.person == person_id).count(),
        CategoryApplication.select().where(CategoryApplication.person == person_id).count(),
    )


def test_switching_between_three_people_never_carries_a_value(qtbot, page, people):
    keys = Keys(qtbot)
    a, b, c = people["E-1"], people["E-2"], people["E-3"]
    _open(keys, page, "E-1")
    _shows_store(page, a)

    # A: everything typed, then discarded by the user's answer when B is chosen.
    _type_everything(keys, page, "A")
    assert page.has_unsaved()
    answer = ModalAnswer(keys=[(Qt.Key.Key_D,)])
    _open(keys, page, "E-2")
    answer.stop()
    assert answer.answered == 1 and "Alpha Test" in answer.seen[0]
    _shows_store(page, b)
    stored = models.Person.get_by_id(a)
    assert (stored.position, stored.grade, stored.appointed_on) == (
        "Inspector", "1", date(2015, 3, 1),
    )  # fmt: skip
    assert _counts(a) == (0, 0, 0)

    # B: everything typed, then saved by the user's answer (Enter) when C is chosen.
    _type_everything(keys, page, "B")
    answer = ModalAnswer(keys=[(Qt.Key.Key_Return,)])
    _open(keys, page, "E-3")
    answer.stop()
    assert answer.answered == 1
    _shows_store(page, c)
    stored = models.Person.get_by_id(b)
    assert (stored.position, stored.grade) == ("Position B", "GB")
    assert (stored.specialty, stored.special_rank) == ("Specialty B", "Rank B")
    assert stored.appointed_on == date(2021, 2, 15)  # 15022021 typed
    assert stored.service_start == date(2015, 9, 1)  # the 1st of the month kept
    (leave,) = PersonnelLeave.select().where(PersonnelLeave.person == b)
    assert (leave.kind, leave.start, leave.end) == (
        "maternity", date(2021, 3, 1), date(2021, 5, 31),
    )  # fmt: skip
    (cert,) = CertificationRecord.select().where(CertificationRecord.person == b)
    assert cert.on == date(2021, 10, 10) and cert.kind == "repeat"
    (app,) = CategoryApplication.select().where(CategoryApplication.person == b)
    assert (app.applied_on, app.grade) == (date(2021, 11, 1), "AB")
    assert models.Person.get_by_id(c).position == "Lawyer"  # nothing of B on C
    assert _counts(c) == (0, 0, 0)

    # C: typed; choosing C again keeps the typing (nothing asked, nothing reloaded);
    # Escape stays on C with the typed values; then discarded when A is chosen.
    _type_everything(keys, page, "C")
    answer = ModalAnswer(keys=[(Qt.Key.Key_Escape,)])
    _open(keys, page, "E-3")
    answer.stop()
    assert answer.answered == 0 and page.position.text() == "Position C"
    answer = ModalAnswer(keys=[(Qt.Key.Key_Escape,)])
    _open(keys, page, "E-1")
    answer.stop()
    assert answer.answered == 1 and page.person_id == c
    assert page.position.text() == "Position C" and page.app_grade.text() == "AC"
    answer = ModalAnswer(keys=[(Qt.Key.Key_D,)])
    _open(keys, page, "E-1")
    answer.stop()
    _shows_store(page, a)
    assert models.Person.get_by_id(c).position == "Lawyer"
    assert _counts(c) == (0, 0, 0) and _counts(a) == (0, 0, 0)

    # Nothing typed: no question when switching.
    answer = ModalAnswer(keys=[(Qt.Key.Key_Escape,)])
    _open(keys, page, "E-2")
    answer.stop()
    assert answer.answered == 0
    _shows_store(page, b)
    (ARTIFACTS / "preparation").mkdir(parents=True, exist_ok=True)
    page.window().grab().save(str(ARTIFACTS / "preparation" / "record-1366.png"))


def test_stray_ctrl_l_adds_no_leave(qtbot, page, people):
    keys = Keys(qtbot)
    _open(keys, page, "E-1")
    keys.press(Qt.Key.Key_L, Mod.ControlModifier, widget=page.position)
    assert _counts(people["E-1"]) == (0, 0, 0)
    assert page.leave_kind.hasFocus()  # the entry row is opened instead


def test_correct_and_remove_entries_with_a_reason(qtbot, page, people):
    """Issue 22 item 3: a leave is closed, a certification corrected, an application removed,
    each by keys with a reason kept in history."""
    a = people["E-1"]
    personnel.add_leave(a, "parental", date(2023, 1, 1), None)
    personnel.add_certification(a, date(2018, 3, 5), "regular", "fits")
    personnel.add_application(a, date(2024, 1, 10), "2")
    keys = Keys(qtbot)
    _open(keys, page, "E-1")

    # Close the open leave: Ctrl+Alt+L goes to the list (its first row chosen), Enter on
    # the row, type the end, Ctrl+L, give the reason.
    alt_ctrl = Mod.ControlModifier | Mod.AltModifier
    keys.press(Qt.Key.Key_C, alt_ctrl)
    assert page.certs.hasFocus() and page.certs.currentRow() == 0
    keys.press(Qt.Key.Key_L, alt_ctrl)
    assert page.leaves.hasFocus() and page.leaves.currentRow() == 0
    keys.press(Qt.Key.Key_Return)
    assert page.leave_end.hasFocus()
    assert page.buttons["leave"].text().startswith("Correct the leave")
    keys.type("30.06.2024")
    answer = ModalAnswer(text="back at work", keys=[(Qt.Key.Key_Return,)])
    keys.press(Qt.Key.Key_L, Mod.ControlModifier)
    answer.stop()
    activate(qtbot, page)
    assert page.buttons["leave"].text().startswith("Add leave")
    (leave,) = PersonnelLeave.select().where(PersonnelLeave.person == a)
    assert leave.end == date(2024, 6, 30) and leave.start == date(2023, 1, 1)

    # Correct the certification's date.
    page.certs.setFocus()
    page.certs.selectRow(0)
    keys.press(Qt.Key.Key_Return)
    page.cert_on.selectAll()
    keys.type("05.04.2018")
    answer = ModalAnswer(text="typo in the date", keys=[(Qt.Key.Key_Return,)])
    keys.press(Qt.Key.Key_C, Mod.ControlModifier | Mod.ShiftModifier)
    answer.stop()
    activate(qtbot, page)
    (cert,) = CertificationRecord.select().where(CertificationRecord.person == a)
    assert cert.on == date(2018, 4, 5)

    # Remove the application.
    page.apps.setFocus()
    page.apps.selectRow(0)
    answer = ModalAnswer(text="entered for the wrong person", keys=[(Qt.Key.Key_Return,)])
    keys.press(Qt.Key.Key_Delete)
    answer.stop()
    activate(qtbot, page)
    assert _counts(a) == (1, 1, 0)
    assert page.apps.rowCount() == 0

    H = models.HistoryEntry
    reasons = {
        h.action: json.loads(h.after or "{}").get("reason")
        for h in H.select().where(H.action.startswith("personnel."))
    }
    assert reasons["personnel.leave.update"] == "back at work"
    assert reasons["personnel.certification.update"] == "typo in the date"
    assert reasons["personnel.application.remove"] == "entered for the wrong person"


def test_new_employee_by_hand(qtbot, page, people):
    keys = Keys(qtbot)

    def fill_in() -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        typed = ("Delta", "Dana", "", "E-9", "Clerk", "3", "01022024", "01.02.2020", "850315300019")
        for text in typed:
            if text:
                keys.type(text, widget=QApplication.focusWidget())
            keys.press(Qt.Key.Key_Tab, widget=QApplication.focusWidget())
        dialog.findChild(type(page.status)).setText("")
        keys.press(Qt.Key.Key_Return, widget=dialog.surname)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, fill_in)
    keys.press(Qt.Key.Key_E, Mod.ControlModifier | Mod.ShiftModifier, widget=page.search)
    person = models.Person.get(models.Person.personnel_number == "E-9")
    assert (person.surname, person.given_name, person.position) == ("Delta", "Dana", "Clerk")
    assert person.appointed_on == date(2024, 2, 1) and person.service_start == date(2020, 2, 1)
    assert page.person_id == person.id and page.position.text() == "Clerk"
    # v14: the IIN typed last gives the birth date and sex.
    assert (person.iin, person.birth_date, person.sex) == ("850315300019", date(1985, 3, 15), "m")


def test_ctrl_tab_only_outside_text_fields_and_tab_leaves_tables(qtbot, page, people):
    """Issue 22 item 6: Ctrl+Tab in a text field switches nothing; elsewhere it switches and
    the new tab's starting field takes the focus; Tab leaves a table."""
    keys = Keys(qtbot)
    widget = page.parentWidget().parentWidget().parentWidget()  # the PreparationWidget
    _open(keys, page, "E-1")
    assert page.position.hasFocus()
    keys.press(Qt.Key.Key_Tab, Mod.ControlModifier)
    assert widget.tabs.currentWidget() is page and page.position.hasFocus()
    page.results.setFocus()
    keys.press(Qt.Key.Key_Tab, Mod.ControlModifier)
    assert widget.tabs.currentWidget() is widget.due
    assert widget.due.view.hasFocus()
    keys.press(Qt.Key.Key_F5)
    assert widget.due.view.rowCount() >= 1
    widget.window().grab().save(str(ARTIFACTS / "preparation" / "due-1366.png"))
    widget.due.view.selectRow(0)
    keys.press(Qt.Key.Key_Tab)
    assert not widget.due.view.hasFocus()  # Tab left the table

    # Ctrl+G: a date typed into "Due on", Enter shows the list of that day.
    widget.due.view.setFocus()
    keys.press(Qt.Key.Key_G, Mod.ControlModifier)
    assert widget.due.on.hasFocus()
    keys.type("01012016")
    keys.press(Qt.Key.Key_Return)
    assert widget.due.on.text() == "01.01.2016"
    assert widget.due.view.hasFocus()


def test_arrows_in_the_search_field_move_the_highlight_and_enter_opens_it(qtbot, page, people):
    """Seen on the desk: Down in the search field did nothing, so only the first match
    could be opened by keys."""
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_F, Mod.ControlModifier, widget=page)
    keys.type("E-")
    first = page.results.currentItem().text()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Up)
    second = page.results.item(1).text()
    assert page.results.currentRow() == 1 and first != second
    assert page.search.hasFocus() and page.search.text() == "E-"
    keys.press(Qt.Key.Key_Return)
    assert page.person_id == page.results.item(1).data(Qt.ItemDataRole.UserRole)
    assert page.who.text().find(second.split("  ")[0]) >= 0
