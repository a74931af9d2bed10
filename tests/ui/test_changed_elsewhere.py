"""Issue 22 item 8 on screen: a save over a record another desk saved since is refused with
a message naming what changed; Escape keeps the typing (unsaved), Enter reloads the
record as it now is. Corps B sheet (R-EVB-3), corps A agreement (R-EVA-1), a case's texts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from kzcommission.services.evaluation import corps_a as eva
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.sitting import cases
from tests.services.eval_helpers import five_kpis
from tests.services.helpers import add_employee, make_desk
from tests.ui import test_evaluation_binding as binding
from tests.ui.driver import Keys, activate
from tests.ui.modal import ModalAnswer
from tests.ui.test_evaluation_binding import _choose, _retype
from tests.ui.test_evaluation_keys import corps_b_on
from tests.ui.test_integration import open_console

K, Mod = Qt.Key, Qt.KeyboardModifier
people, widget = binding.people, binding.widget  # the same three people, the same page


def _save_answering(keys: Keys, panel, key: Qt.Key, save=(K.Key_S, Mod.ControlModifier)):
    answer = ModalAnswer(keys=[(key,)])
    keys.press(*save)
    answer.stop()
    activate(keys.qtbot, panel)
    return answer


@pytest.mark.usefixtures("database")
def test_corps_b_refuses_a_sheet_saved_on_another_desk_and_reloads_it_r_evb_3(
    qtbot, widget, people
):
    employee, _, head = people
    evb.save_sheet(employee.id, head.id, 2026, 1, "non_leading", ["4"] * 5,
                   evaluated_on=date(2026, 4, 10), days_worked=55)  # fmt: skip
    keys = Keys(qtbot)
    panel = corps_b_on(keys, widget, employee.id)
    assert [Decimal(e.text()) for e in panel.scores] == [Decimal(4)] * 5
    for edit in panel.scores:
        _retype(keys, edit, "3")
    # Another desk saves the same sheet meanwhile.
    evb.save_sheet(employee.id, head.id, 2026, 1, "non_leading", ["5"] * 5,
                   evaluated_on=date(2026, 4, 10), days_worked=55)  # fmt: skip

    keep = _save_answering(keys, panel, K.Key_Escape)
    assert keep.answered == 1 and "another desk" in keep.seen[0] and "Scores" in keep.seen[0]
    assert panel.feedback.is_error and "Scores" in panel.feedback.text()
    assert [e.text() for e in panel.scores] == ["3"] * 5  # the typing kept, unsaved
    (stored,) = evb.list_sheets(2026)
    assert stored.final_score == Decimal("5.00")

    reload = _save_answering(keys, panel, K.Key_Return)
    assert reload.answered == 1
    assert [Decimal(e.text()) for e in panel.scores] == [Decimal(5)] * 5  # as it now is
    assert "as it is now" in panel.feedback.text() and not panel.has_unsaved()

    for edit in panel.scores:  # typed over the version now loaded: saved, no question
        _retype(keys, edit, "3")
    saved = _save_answering(keys, panel, K.Key_Escape)
    assert saved.answered == 0
    (stored,) = evb.list_sheets(2026)
    assert stored.final_score == Decimal("3.00")


@pytest.mark.usefixtures("database")
def test_corps_a_refuses_an_agreement_saved_on_another_desk_r_eva_1(qtbot, widget, people):
    employee = people[0]
    agreement = eva.save_agreement(employee.id, 2025, five_kpis(), authorised_name="Akim")
    keys = Keys(qtbot)
    panel = widget.corps_a
    panel.year.setValue(2025)
    _choose(keys, panel, employee.id)
    _retype(keys, panel.authorised, "Deputy akim")
    eva.set_review(agreement.id, "Reviewed on desk 2")  # another desk

    reload = _save_answering(keys, panel, K.Key_Return)
    assert reload.answered == 1 and "Review of activity" in reload.seen[0]
    assert panel.review.toPlainText() == "Reviewed on desk 2"
    assert panel.authorised.text() == "Akim"  # reloaded: the typing dropped on request
    assert eva.get_agreement(agreement.id).authorised_name == "Akim"


def test_case_texts_refused_over_another_desks_and_reloaded(qtbot, window):
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    panel = console.case_panel
    questions = panel.form.questionsEdit
    questions.setFocus()
    keys.type("Asked on desk 1")
    view = cases.get_case(case.id)  # another desk saves the questions meanwhile
    loaded = {f: view.texts[f] for f in ("materials", "questions", "comments", "opinion")}
    cases.save_texts(case.id, loaded, {"questions": "Asked on desk 2"})

    keep = ModalAnswer(keys=[(K.Key_Escape,)])
    panel.flush()  # the pause in typing
    keep.stop()
    assert keep.answered == 1 and "Questions and answers" in keep.seen[0]
    assert questions.toPlainText() == "Asked on desk 1"  # kept on screen, not saved
    assert cases.get_case(case.id).texts["questions"] == "Asked on desk 2"
    assert "another desk" in console.form.messageLabel.text()

    activate(qtbot, console)
    reload = ModalAnswer(keys=[(K.Key_Return,)])
    keys.press(K.Key_F4, widget=questions)  # to the materials: leaving the box asks again
    reload.stop()
    activate(qtbot, console)
    assert reload.answered == 1
    assert questions.toPlainText() == "Asked on desk 2"  # reloaded as it now is
    assert cases.get_case(case.id).texts["questions"] == "Asked on desk 2"
    assert panel.form.materialsEdit.hasFocus()
    keys.type("Report")  # typed over the version now loaded: saved, no question
    panel.flush()
    assert cases.get_case(case.id).texts["materials"] == "Report"
