"""R-DOC-4 in the scorecards grid: the grade column, filled at the keyboard (G, N, Delete)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from kzcommission.services.preparation import personnel
from kzcommission.services.sitting import cases, scorecards
from kzcommission.ui.scorecard_panel import GRADE, GRADE_GROUNDS, SCORE
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys, click_cell
from tests.ui.test_integration import open_console

K = Qt.Key


def test_grade_column_saves_fits_and_no_grounds(qtbot, window):
    desk = make_desk(members=3)
    person = add_employee(grade="3")  # R-DEC-3: his grade 3 and the grade 2 he applied for
    personnel.add_application(person.id, date(2025, 1, 10), "2", today=date(2025, 3, 12))
    case = cases.add_case(desk.sitting_id, person.id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_F8)
    table = console.scores.table
    qtbot.waitUntil(table.hasFocus)
    assert not table.isColumnHidden(GRADE) and "[G]" in console.scores.legend.text()
    for _ in desk.voting:
        keys.press(K.Key_1, widget=table)  # excellent, row after row
    click_cell(qtbot, table, 0, GRADE)
    keys.press(K.Key_G, widget=table)  # fits grade 2; stays: two grades are named
    assert table.currentRow() == 0
    keys.press(K.Key_G, widget=table)  # the next one: grade 3
    keys.press(K.Key_Down, widget=table)
    keys.press(K.Key_N, widget=table)  # no grounds, then the next row
    assert (table.currentRow(), table.currentColumn()) == (2, GRADE)
    keys.press(K.Key_G, widget=table)
    keys.press(K.Key_Delete, widget=table)  # taken back
    click_cell(qtbot, table, 1, GRADE_GROUNDS)
    keys.press(K.Key_Return, widget=table)  # Enter starts typing the grounds
    keys.type("Stazh nedostatochen")
    keys.press(K.Key_Return)
    qtbot.waitUntil(
        lambda: (
            scorecards.scorecards_of(case.id)[desk.voting[1]].grade_grounds == "Stazh nedostatochen"
        )
    )
    saved = scorecards.scorecards_of(case.id)
    first, second, third = (saved[seat] for seat in desk.voting)
    assert first.grade == "grade:3" and first.score == "excellent"
    assert second.grade == "no_grade" and second.grade_grounds == "Stazh nedostatochen"
    assert third.grade == ""
    assert table.item(0, GRADE).text() == "fits grade 3"
    assert table.item(1, GRADE).text() == "no grounds for a grade"


def test_grade_waits_for_the_score_and_one_grade_moves_on(qtbot, window):
    desk = make_desk(members=3)
    case = cases.add_case(desk.sitting_id, add_employee(grade="C-4").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_F8)
    table = console.scores.table
    qtbot.waitUntil(table.hasFocus)
    click_cell(qtbot, table, 0, GRADE)
    keys.press(K.Key_G, widget=table)
    assert (table.currentRow(), table.currentColumn()) == (1, GRADE)
    assert scorecards.scorecards_of(case.id) == {}  # kept until the score comes
    assert table.item(0, GRADE).text() == "fits grade C-4"
    click_cell(qtbot, table, 0, SCORE)
    keys.press(K.Key_2, widget=table)
    card = scorecards.scorecards_of(case.id)[desk.voting[0]]
    assert (card.score, card.grade) == ("good", "grade:C-4")


def test_no_grade_column_for_an_extraordinary_certification(qtbot, window):
    desk = make_desk(members=3, held_on=date(2024, 6, 3))
    cases.add_case(desk.sitting_id, add_employee().id, "extraordinary")
    console = open_console(qtbot, window, desk.sitting_id)
    assert console.scores.table.isColumnHidden(GRADE)
    assert console.scores.table.isColumnHidden(GRADE_GROUNDS)
    assert "[G]" not in console.scores.legend.text()
