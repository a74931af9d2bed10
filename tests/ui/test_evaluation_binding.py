"""Issue 22 on the evaluation tab: corps A and B editors bound to one person (nothing typed
for one is saved under the next), the KPI percentage and score range follow plan and actual
(R-EVA-2), Ctrl+E from every field, corps B's saved sheets and annual mean (R-EVB-1), and
"Protocol placed" (Ctrl+U) storing the date typed (R-CAL-3)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from kzcommission.services.evaluation import calibration as cal
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.evaluation.calibration import PanelSpec
from kzcommission.store.models import CalibrationSession, CorpsAAgreement
from tests.conftest import ARTIFACTS
from tests.services.eval_helpers import person
from tests.ui.driver import Keys, activate
from tests.ui.driver import type_into_cell as _type_into_cell
from tests.ui.modal import ModalAnswer

Mod = Qt.KeyboardModifier
pytestmark = pytest.mark.usefixtures("database")


@pytest.fixture
def people():
    return [person(name, f"N{n}") for n, name in enumerate(("Alpha", "Bravo", "Charlie"))]


@pytest.fixture
def widget(qtbot, people):
    from kzcommission.ui.evaluation import EvaluationWidget

    w = EvaluationWidget("en")
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    activate(qtbot, w)
    return w


def _choose(keys: Keys, panel, person_id: int) -> None:
    """Pick a person in the employee list with the arrow keys."""
    panel.employee.setFocus()
    step = (
        Qt.Key.Key_Down
        if panel.employee.findData(person_id) > panel.employee.currentIndex()
        else Qt.Key.Key_Up
    )
    while panel.employee.currentData() != person_id:
        keys.press(step, widget=panel.employee)
        activate(keys.qtbot, panel)  # after a question, as the window manager would


def type_into_cell(qtbot, keys: Keys, table, row: int, col: int, text: str) -> None:
    _type_into_cell(qtbot, keys, table, row, col, text)
    qtbot.wait(20)  # the delegate commits Return on the next turn of the event loop


def _retype(keys: Keys, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    keys.type(text)


def _type_corps_a(qtbot, keys: Keys, panel, tag: str) -> None:
    _retype(keys, panel.authorised, f"Authorised {tag}")
    _retype(keys, panel.authorised_position, f"Head {tag}")
    _retype(keys, panel.review, f"Confidential review of {tag}")
    _retype(keys, panel.additional, f"Additional {tag}")
    _retype(keys, panel.evaluated_on, "15.01.2026")
    for row in range(5):
        type_into_cell(qtbot, keys, panel.table, row, 0, f"KPI {row + 1} {tag}")
        type_into_cell(qtbot, keys, panel.table, row, 2, "100")


def test_corps_a_bound_to_one_person(qtbot, widget, people):
    keys = Keys(qtbot)
    panel = widget.corps_a
    a, b, c = (p.id for p in people)
    _choose(keys, panel, a)
    assert panel.authorised.text() == "" and panel.review.toPlainText() == ""

    _type_corps_a(qtbot, keys, panel, "A")
    assert panel.has_unsaved()
    answer = ModalAnswer(keys=[(Qt.Key.Key_D,)])
    _choose(keys, panel, b)
    answer.stop()
    assert answer.answered == 1
    for field in (panel.authorised, panel.authorised_position):
        assert field.text() == ""
    assert panel.review.toPlainText() == "" and panel.additional.toPlainText() == ""
    assert all(panel._cell(r, 0) == "" for r in range(5))
    assert CorpsAAgreement.select().count() == 0

    _type_corps_a(qtbot, keys, panel, "B")
    answer = ModalAnswer(keys=[(Qt.Key.Key_Return,)])  # save B's before showing C
    _choose(keys, panel, c)
    answer.stop()
    assert answer.answered == 1
    (saved,) = CorpsAAgreement.select()
    assert saved.person_id == b
    assert (saved.authorised_name, saved.review) == ("Authorised B", "Confidential review of B")
    assert saved.additional_info == "Additional B"
    assert panel.authorised.text() == "" and panel.review.toPlainText() == ""

    _choose(keys, panel, b)  # nothing typed on C: no question, B's record from the store
    assert panel.authorised.text() == "Authorised B"
    assert panel.review.toPlainText() == "Confidential review of B"
    assert panel._cell(0, 0) == "KPI 1 B"
    (ARTIFACTS / "evaluation").mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(ARTIFACTS / "evaluation" / "corps-a-1366.png"))
    _choose(keys, panel, a)
    assert panel.review.toPlainText() == ""
    assert CorpsAAgreement.select().where(CorpsAAgreement.person == a).count() == 0


def test_percent_and_range_follow_plan_and_actual_r_eva_2(qtbot, widget, people):
    keys = Keys(qtbot)
    panel = widget.corps_a
    _choose(keys, panel, people[0].id)
    type_into_cell(qtbot, keys, panel.table, 1, 2, "200")
    type_into_cell(qtbot, keys, panel.table, 1, 3, "200")
    assert panel._cell(1, 4) == "100.00"
    first = panel.table.item(1, 5).toolTip()
    type_into_cell(qtbot, keys, panel.table, 1, 3, "100")  # actual changed: percent follows
    assert panel._cell(1, 4) == "50.00"
    assert panel.table.item(1, 5).toolTip() != first
    type_into_cell(qtbot, keys, panel.table, 1, 2, "125")  # plan changed: percent follows
    assert panel._cell(1, 4) == "80.00"
    type_into_cell(qtbot, keys, panel.table, 1, 4, "95")  # typed by hand: kept
    type_into_cell(qtbot, keys, panel.table, 1, 3, "10")
    assert panel._cell(1, 4) == "95"


def test_ctrl_e_works_from_every_field(qtbot, widget, people):
    keys = Keys(qtbot)
    panel = widget.corps_a
    _choose(keys, panel, people[0].id)
    fields = [panel.employee, panel.year, panel.procedure, panel.category, panel.authorised,
              panel.authorised_position, panel.evaluated_on, panel.days, panel.review,
              panel.additional, panel.decision, panel.table, *panel.instructions]  # fmt: skip
    for field in fields:
        panel.feedback.setText("")
        field.setFocus()
        keys.press(Qt.Key.Key_E, Mod.ControlModifier)
        assert panel.feedback.text(), type(field).__name__  # evaluate ran (and said why not)


def test_corps_b_bound_and_annual_mean_r_evb_1(qtbot, widget, people):
    a, b, head = people
    evb.save_sheet(a.id, head.id, 2026, 1, "non_leading", ["4"] * 5,
                   evaluated_on=date(2026, 4, 10), days_worked=55)  # fmt: skip
    evb.save_sheet(a.id, head.id, 2026, 2, "non_leading", ["3"] * 5,
                   evaluated_on=date(2026, 7, 10), days_worked=55)  # fmt: skip
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_2, Mod.AltModifier, widget=widget.tabs)
    panel = widget.corps_b
    widget.corps_b.refresh()
    panel.year.setValue(2026)
    panel.quarter.setValue(1)
    _choose(keys, panel, a.id)
    assert [e.text() for e in panel.scores] == ["4.00"] * 5 or [e.text() for e in panel.scores] == [
        "4"
    ] * 5
    assert panel.sheets.rowCount() == 2
    assert "3.50" in panel.annual.text()  # mean of 4 and 3 (R-EVB-1)

    # B: scores typed, then discarded on switching to A; nothing saved for B.
    _choose(keys, panel, b.id)
    assert all(e.text() == "" for e in panel.scores) and panel.sheets.rowCount() == 0
    for edit in panel.scores:
        _retype(keys, edit, "2")
    answer = ModalAnswer(keys=[(Qt.Key.Key_D,)])
    _choose(keys, panel, a.id)
    answer.stop()
    assert answer.answered == 1
    assert [s.person_id for s in evb.list_sheets(2026)].count(b.id) == 0
    (ARTIFACTS / "evaluation").mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(ARTIFACTS / "evaluation" / "corps-b-1366.png"))


def test_protocol_placed_stores_the_typed_date_r_cal_3(qtbot, widget, people):
    employee, evaluator, _ = people
    sheet = evb.save_sheet(employee.id, evaluator.id, 2026, 1, "non_leading", ["3"] * 5,
                           evaluated_on=date(2026, 4, 10), days_worked=55)  # fmt: skip
    panel_people = [person(f"Member{n}", f"M{n}") for n in range(3)]
    session = cal.request_session(
        sheet.id, result_received=date(2026, 4, 10), request_received=date(2026, 4, 14)
    )
    specs = [PanelSpec(panel_people[0].id, is_evaluator=True),
             PanelSpec(panel_people[1].id, is_evaluator=True),
             PanelSpec(panel_people[2].id, is_personnel_officer=True)]  # fmt: skip
    cal.set_panel(session.id, specs, approved_on=date(2026, 4, 16))
    cal.record_votes(session.id, {p.id: "3.5" for p in panel_people}, held_on=date(2026, 4, 20))
    cal.sign_protocol(session.id, date(2026, 4, 21))
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_3, Mod.AltModifier, widget=widget.tabs)
    panel = widget.calibration
    panel.refresh()
    panel.session.setCurrentIndex(panel.session.findData(session.id))
    _retype(keys, panel.uploaded_on, "23042026")
    keys.press(Qt.Key.Key_U, Mod.ControlModifier)
    row = CalibrationSession.get_by_id(session.id)
    assert row.protocol_uploaded_on == date(2026, 4, 23)
    (ARTIFACTS / "evaluation").mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(ARTIFACTS / "evaluation" / "calibration-1366.png"))


def test_tabs_start_focus_and_ctrl_tab_guarded(qtbot, widget, people):
    keys = Keys(qtbot)
    widget.corps_a.authorised.setFocus()
    keys.press(Qt.Key.Key_Tab, Mod.ControlModifier)
    assert widget.tabs.currentIndex() == 0 and widget.corps_a.authorised.hasFocus()
    widget.corps_a.employee.setFocus()
    keys.press(Qt.Key.Key_Tab, Mod.ControlModifier)
    assert widget.tabs.currentIndex() == 1 and widget.corps_b.employee.hasFocus()
    keys.press(Qt.Key.Key_3, Mod.AltModifier)
    assert widget.tabs.currentIndex() == 2 and widget.calibration.sheet.hasFocus()
    widget.calibration.table.setFocus()
    keys.press(Qt.Key.Key_Tab)
    assert not widget.calibration.table.hasFocus()  # Tab leaves the table


def test_calibration_votes_not_carried_to_another_session(qtbot, widget, people):
    """Votes typed for one session are never shown or recorded under another."""
    from kzcommission.store.models import CalibrationVote

    head = people[2]
    members = [person(f"Member{n}", f"M{n}") for n in range(3)]
    sessions = []
    for employee in people[:2]:
        sheet = evb.save_sheet(employee.id, head.id, 2026, 1, "non_leading", ["3"] * 5,
                               evaluated_on=date(2026, 4, 10), days_worked=55)  # fmt: skip
        session = cal.request_session(
            sheet.id, result_received=date(2026, 4, 10), request_received=date(2026, 4, 14)
        )
        specs = [PanelSpec(members[0].id, is_evaluator=True),
                 PanelSpec(members[1].id, is_evaluator=True),
                 PanelSpec(members[2].id, is_personnel_officer=True)]  # fmt: skip
        cal.set_panel(session.id, specs, approved_on=date(2026, 4, 16))
        sessions.append(session.id)
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_3, Mod.AltModifier, widget=widget.tabs)
    panel = widget.calibration
    panel.refresh()
    panel.session.setCurrentIndex(panel.session.findData(sessions[0]))
    rows = [r for r in range(panel.table.rowCount()) if panel._person(r) == members[0].id]
    type_into_cell(qtbot, keys, panel.table, rows[0], 4, "4")
    assert panel.has_unsaved()
    answer = ModalAnswer(keys=[(Qt.Key.Key_D,)])
    panel.session.setFocus()
    keys.press(Qt.Key.Key_Down if panel.session.currentIndex() == 0 else Qt.Key.Key_Up)
    answer.stop()
    activate(qtbot, panel)
    assert answer.answered == 1 and panel.session.currentData() == sessions[1]
    assert all(panel.table.item(r, 4).text() == "" for r in range(panel.table.rowCount()))
    assert CalibrationVote.select().count() == 0
