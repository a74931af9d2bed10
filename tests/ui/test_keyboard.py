"""Issue 14, item 5: the sitting's planning screens by keys alone, and the room display
that never takes the keyboard. Each test presses real keys and reads the database back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from kzcommission.i18n import tr
from kzcommission.services.sitting import cases, sittings
from kzcommission.store import models
from kzcommission.ui.console import VOTE_TAB, SittingConsole
from kzcommission.ui.home_page import HomePage
from kzcommission.ui.sitting_dialogs import AddCaseDialog, NewSittingDialog
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys, activate

K = Qt.Key
M = Qt.KeyboardModifier


def wait_dialog(qtbot, owner, kind):  # noqa: ANN001, ANN201
    qtbot.waitUntil(
        lambda: isinstance(getattr(owner, "dialog", None), kind) and owner.dialog.isVisible()
    )
    activate(qtbot, owner.dialog)
    return owner.dialog


def home(qtbot, window) -> HomePage:  # noqa: ANN001
    window.go_home()
    page = window.page
    assert isinstance(page, HomePage)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.sittingList)
    return page


def history_actions(entity_id: str) -> list[str]:
    entries = models.HistoryEntry.select().where(models.HistoryEntry.entity_id == entity_id)
    return [e.action for e in entries.order_by(models.HistoryEntry.id)]


def planned(desk) -> int:  # noqa: ANN001
    """A second, planned sitting of the desk's commission (the desk's own one is open)."""
    return sittings.create_sitting(desk.commission.id, date(2025, 4, 2), place="Hall 1").id


# -- the date field ------------------------------------------------------------------------


def test_tab_leaves_the_date_and_digits_give_the_date(qtbot, window):
    """Tab in the date goes to the place, not to the month; 8 digits from entry are the date.

    The reported accident: "02", Tab, "03" made 02.03.2026. Now "03" is the place.
    """
    desk = make_desk()
    page = home(qtbot, window)
    keys = Keys(qtbot)
    keys.press(K.Key_T, M.ControlModifier, widget=window)
    dialog = wait_dialog(qtbot, window, NewSittingDialog)
    f = dialog.form
    assert QApplication.focusWidget() is dialog.date
    keys.type("02")
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is f.placeEdit
    keys.type("03")
    assert f.placeEdit.text() == "03"
    keys.press(K.Key_Backtab)  # Shift+Tab back into the date: typing starts at the day
    assert QApplication.focusWidget() is dialog.date
    keys.type("15012027")
    keys.press(K.Key_Tab, M.ShiftModifier)  # Shift+Tab leaves backwards, to the commission
    assert QApplication.focusWidget() is f.commissionCombo
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is f.placeEdit
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))
    created = [s for s in sittings.list_sittings(desk.commission.id) if s.id != desk.sitting_id]
    assert [(s.held_on, s.place) for s in created] == [(date(2027, 1, 15), "03")]
    assert page is not window.page


def test_a_sitting_date_typed_with_its_dots_is_that_date_and_a_wrong_one_is_refused(
    qtbot, window
):
    """Seen on the desk: "12.03.2025" typed into the new sitting's date made the sitting
    of 12.12.2026 without a word. Now the date typed is the date saved, and a text that is
    no date is refused naming the field, nothing created."""
    desk = make_desk()
    home(qtbot, window)
    keys = Keys(qtbot)
    keys.press(K.Key_T, M.ControlModifier, widget=window)
    dialog = wait_dialog(qtbot, window, NewSittingDialog)
    keys.type("31.02.2025")
    keys.press(K.Key_Return)
    assert dialog.isVisible() and "31.02.2025" in dialog.form.errorLabel.text()
    assert len(sittings.list_sittings(desk.commission.id)) == 1
    assert QApplication.focusWidget() is dialog.date
    dialog.date.selectAll()
    keys.type("12.03.2025")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))
    created = [s for s in sittings.list_sittings(desk.commission.id) if s.id != desk.sitting_id]
    assert [s.held_on for s in created] == [date(2025, 3, 12)]


# -- the home page ---------------------------------------------------------------------------


def test_enter_opens_the_selected_sitting_from_arrival(qtbot, window):
    desk = make_desk()
    later = planned(desk)
    page = home(qtbot, window)
    lst = page.form.sittingList
    assert lst.count() == 2 and page.sitting_id() == later  # the newest first
    keys = Keys(qtbot)
    keys.press(K.Key_Down)
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))
    assert window.page.sitting.id == desk.sitting_id
    assert keys.count == 2
    # Enter on a commission opens its selected sitting too: no Tab needed first.
    page = home(qtbot, window)
    page.form.commissionList.setFocus()
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))
    assert window.page.sitting.id == later


def test_planned_sitting_edited_by_keys(qtbot, window):
    desk = make_desk()
    sitting_id = planned(desk)
    add_case_for(sitting_id, "regular")
    home(qtbot, window)
    keys = Keys(qtbot)
    keys.press(K.Key_F2)
    dialog = wait_dialog(qtbot, window.page, NewSittingDialog)
    assert dialog.windowTitle() == tr("sitting.edit_title", "en")
    assert not dialog.form.commissionCombo.isEnabled()
    keys.type("20052025")
    keys.press(K.Key_Tab)
    keys.press(K.Key_A, M.ControlModifier)
    keys.type("Hall 7")
    for _ in range(3):  # past the place in Russian and in English (issue 15 item 6)
        keys.press(K.Key_Tab)
    keys.press(K.Key_A, M.ControlModifier)
    keys.type("12-B")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    view = sittings.get_sitting(sitting_id)
    assert (view.held_on, view.place, view.number) == (date(2025, 5, 20), "Hall 7", "12-B")
    assert history_actions(view.uuid)[-1] == "sitting.update"
    page = window.page
    activate(qtbot, window)  # the dialog gone, the window has the keys back
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.sittingList)
    assert page.sitting_id() == sitting_id
    assert "12-B" in page.form.sittingList.currentItem().text()


def test_planned_sitting_deleted_by_keys_and_refused_with_facts(qtbot, window):
    desk = make_desk()
    sitting_id = planned(desk)
    uuid = sittings.get_sitting(sitting_id).uuid
    add_case_for(sitting_id, "regular")
    page = home(qtbot, window)
    keys = Keys(qtbot)
    # The open sitting holds attendance: Delete refuses and says why.
    keys.press(K.Key_Down)
    assert page.sitting_id() == desk.sitting_id
    keys.press(K.Key_Delete)
    box = page.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert tr("sitting.fact.attendance_event", "en") in box.text()
    assert tr("sitting.fact.status", "en") in box.text()
    keys.press(K.Key_Return, widget=box)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert sittings.get_sitting(desk.sitting_id).status == "open"
    # The planned one goes after a yes (Enter), its case with it.
    keys.press(K.Key_Up, widget=page.form.sittingList)
    keys.press(K.Key_Delete)
    question = page.dialog
    assert isinstance(question, QMessageBox) and "1 case" in question.text()
    keys.press(K.Key_Return, widget=question)
    qtbot.waitUntil(lambda: page.form.sittingList.count() == 1)
    assert [s.id for s in sittings.list_sittings(desk.commission.id)] == [desk.sitting_id]
    assert cases.list_cases(sitting_id) == []
    assert history_actions(uuid)[-1] == "sitting.delete"
    activate(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.sittingList)


# -- adding cases ---------------------------------------------------------------------------


def add_case_for(sitting_id: int, kind: str) -> cases.CaseView:
    person = add_employee(f"Planned{kind}", f"P-{kind}")
    return cases.add_case(sitting_id, person.id, kind)


def open_adder(qtbot, window, desk, keys: Keys) -> AddCaseDialog:  # noqa: ANN001
    """The console of the desk's sitting, then Ctrl+Shift+N."""
    window.open_sitting(desk.sitting_id)
    console = window.page
    activate(qtbot, console)
    keys.press(K.Key_N, M.ControlModifier | M.ShiftModifier, widget=console)
    return wait_dialog(qtbot, console, AddCaseDialog)


def test_add_cases_entirely_by_keys(qtbot, window):
    """Name, Tab kind, Tab grade, Tab restricted, Enter: no mouse (R-SIT-6 members marked)."""
    desk = make_desk()
    for n in range(3):
        add_employee(f"Bekov{n}", f"E-{n}")
    keys = Keys(qtbot)
    adder = open_adder(qtbot, window, desk, keys)
    f = adder.form
    assert QApplication.focusWidget() is f.filterEdit
    keys.type("E-0")
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is f.kindCombo
    keys.press(K.Key_Down)  # regular -> repeat
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is f.gradeEdit
    keys.type("C-2")
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is f.restrictedCheck
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: len(cases.list_cases(desk.sitting_id)) == 1)
    [first] = cases.list_cases(desk.sitting_id)
    assert (first.personnel_number, first.kind, first.candidate_grade) == ("E-0", "repeat", "C-2")
    assert QApplication.focusWidget() is f.filterEdit  # ready for the next name
    # The second by keys only, the kind kept: Enter from the name.
    keys.type("E-1")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: len(cases.list_cases(desk.sitting_id)) == 2)
    assert cases.list_cases(desk.sitting_id)[1].kind == "repeat"
    # Whoever is in the sitting is not offered again.
    keys.type("E-")
    shown = [
        adder.search.model.person(r).personnel_number for r in range(adder.search.model.rowCount())
    ]
    assert shown == ["E-2"]
    # Commission members are offered, marked as such (they may be certified: R-SIT-6).
    f.filterEdit.clear()
    keys.type("Member1", widget=f.filterEdit)
    model = adder.search.model
    assert model.rowCount() == 1
    name = model.data(model.index(0, 1))
    assert name == "Member1 Test — " + tr("case.member_note", "en", role="member")
    f.filterEdit.clear()
    keys.type("S0", widget=f.filterEdit)  # the secretary does not vote at all
    assert model.data(model.index(0, 1)).endswith(tr("case.seat_note", "en", role="secretary"))
    keys.press(K.Key_Escape)
    qtbot.waitUntil(lambda: not adder.isVisible())


def test_restricted_extraordinary_case_by_keys(qtbot, window):
    """An extraordinary case with restricted options (R-DEC-5): 10 keys, no mouse."""
    desk = make_desk(held_on=date(2024, 9, 17))  # in Decree 490's window (R-ELIG-7)
    add_employee("Restricted", "R-1")
    keys = Keys(qtbot)
    adder = open_adder(qtbot, window, desk, keys)
    keys.count = 0
    keys.type("R-1")
    keys.press(K.Key_Tab)
    keys.press(K.Key_End)  # the last kind: extraordinary
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is adder.form.restrictedCheck
    keys.press(K.Key_Space)
    assert adder.form.restrictedCheck.isChecked()
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: len(cases.list_cases(desk.sitting_id)) == 1)
    [case] = cases.list_cases(desk.sitting_id)
    assert (case.personnel_number, case.kind, case.restricted) == ("R-1", "extraordinary", True)
    assert not adder.form.restrictedCheck.isChecked()  # the flag is per case
    assert keys.count == 9


# -- the recusal ----------------------------------------------------------------------------


def test_recusal_dialog_names_the_member(qtbot, window):
    desk = make_desk()
    case = add_case_for(desk.sitting_id, "regular")
    cases.set_appearance(case.id, "present")
    window.open_sitting(desk.sitting_id)
    console: SittingConsole = window.page
    activate(qtbot, console)
    keys = Keys(qtbot)
    keys.press(K.Key_F9, widget=console)
    assert console.form.caseTabs.currentIndex() == VOTE_TAB
    table = console.vote.form.ballotTable
    table.setCurrentCell(2, 0)
    keys.press(K.Key_R, M.ControlModifier, widget=table)
    dialog = console.dialog
    assert isinstance(dialog, QInputDialog)
    member = desk.commission.seats[2].holder_name
    assert dialog.labelText() == tr("vote.recuse_reason_named", "en", name=member)
    activate(qtbot, dialog)
    keys.type("kinship")
    keys.press(K.Key_Return)
    seat = desk.commission.seats[2].id
    qtbot.waitUntil(lambda: seat in cases.get_case(case.id).recused)
    assert cases.get_case(case.id).recused[seat] == "kinship"


# -- the room display -----------------------------------------------------------------------


def test_room_display_never_takes_the_keyboard(qtbot, window):
    """One screen (offscreen has one): F10 and Ctrl+Up still work in the console."""
    desk = make_desk()
    first = add_case_for(desk.sitting_id, "regular")
    second = add_case_for(desk.sitting_id, "repeat")
    window.open_sitting(desk.sitting_id)
    console: SittingConsole = window.page
    activate(qtbot, console)
    console.form.caseList.setFocus()
    keys = Keys(qtbot)
    keys.press(K.Key_F10, M.ControlModifier)
    qtbot.waitUntil(lambda: console.chair.display is not None)
    display = console.chair.display
    qtbot.waitUntil(display.isVisible)
    assert display.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert display.focusPolicy() == Qt.FocusPolicy.NoFocus
    display.activateWindow()  # a window manager that activates it all the same
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is not None and window.isAncestorOf(
        QApplication.focusWidget()
    )
    assert console.case.id == first.id
    keys.press(K.Key_Down, M.ControlModifier)
    assert console.case.id == second.id
    keys.press(K.Key_Up, M.ControlModifier)  # Ctrl+Up reaches the console
    assert console.case.id == first.id
    keys.press(K.Key_F10)  # F10 too: no counted vote yet, the console says so
    assert console.form.messageLabel.text() == tr("console.room_no_result", "en")
    assert display.isVisible()


def test_every_date_helper_lets_tab_leave(qtbot):
    """The preparation and evaluation pages build their dates with the same helper."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    from kzcommission.ui.evaluation.common import date_edit as evaluation_date
    from kzcommission.ui.preparation.common import date_edit as preparation_date

    for make in (
        lambda: preparation_date(date(2025, 1, 1)),
        lambda: evaluation_date(date(2025, 1, 1)),
    ):
        dialog = QDialog()
        qtbot.addWidget(dialog)
        layout = QVBoxLayout(dialog)
        before, edit, after = QLineEdit(), make(), QLineEdit()
        for widget in (before, edit, after):
            layout.addWidget(widget)
        dialog.show()
        activate(qtbot, dialog)
        before.setFocus()
        keys = Keys(qtbot)
        keys.press(K.Key_Tab)
        assert QApplication.focusWidget() is edit
        keys.type("31122026")
        keys.press(K.Key_Tab)
        assert QApplication.focusWidget() is after
        assert edit.date().toPython() == date(2026, 12, 31)
        keys.press(K.Key_Backtab)
        keys.press(K.Key_Backtab)
        assert QApplication.focusWidget() is before
