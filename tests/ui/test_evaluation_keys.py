"""The evaluation pages by keys (issue 22 items 5 and 1): Ctrl+E from a KPI cell being typed
in (its editor made after the page was built), and F5 asking before unsaved edits are lost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from kzcommission.services.evaluation import calibration as cal
from kzcommission.services.evaluation import corps_b as evb
from kzcommission.services.evaluation.calibration import PanelSpec
from kzcommission.store.models import CalibrationVote, CorpsAAgreement, CorpsBSheet
from tests.services.eval_helpers import person
from tests.ui import test_evaluation_binding as binding
from tests.ui.driver import Keys, activate, click_cell
from tests.ui.modal import ModalAnswer
from tests.ui.test_evaluation_binding import _choose, _retype, type_into_cell

Mod = Qt.KeyboardModifier
K = Qt.Key
pytestmark = pytest.mark.usefixtures("database")
CTRL_E = (Mod.ControlModifier | K.Key_E).toCombined()


class X11LineEdit(QLineEdit):
    """A cell editor taking Ctrl+E for itself (end of line), as every line edit does under
    the X11 key scheme of a Linux desk; offscreen Qt follows the Windows scheme, where it
    does not, so the test brings the desk's behaviour with it."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.keyCombination().toCombined() == CTRL_E
        ):
            event.accept()
            return True
        return super().event(event)


class X11Cells(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802, ANN001, ANN201 - Qt API
        return X11LineEdit(parent)


people, widget = binding.people, binding.widget  # the same three people, the same page
GOOD = [("100", "5"), ("96", "4.8"), ("90", "4.5"), ("80", "4.1"), ("62.5", "3.1")]


def test_ctrl_e_from_a_kpi_cell_opened_after_the_page_was_built_r_eva_3(qtbot, widget, people):
    """The score of KPI 5 is typed and, its cell still open, Ctrl+E evaluates: the cell's
    editor did not exist when the page was built, yet the key reaches the page, and what
    it holds counts (R-EVA-2 scores, R-EVA-3 final score)."""
    keys = Keys(qtbot)
    panel = widget.corps_a
    panel.table.setItemDelegate(X11Cells(panel.table))
    _choose(keys, panel, people[0].id)
    _retype(keys, panel.evaluated_on, "15.01.2026")
    for row, (actual, score) in enumerate(GOOD):
        type_into_cell(qtbot, keys, panel.table, row, 0, f"KPI {row + 1}")
        type_into_cell(qtbot, keys, panel.table, row, 2, "100")
        type_into_cell(qtbot, keys, panel.table, row, 3, actual)
        if row < 4:
            type_into_cell(qtbot, keys, panel.table, row, 5, score)
    click_cell(qtbot, panel.table, 4, 5)
    keys.type("3", widget=panel.table)  # the editor opens with the first key
    keys.type(".1")
    assert isinstance(panel.table.focusWidget(), X11LineEdit)
    keys.press(K.Key_E, Mod.ControlModifier)
    (saved,) = CorpsAAgreement.select()
    assert saved.final_score == Decimal("4.30"), panel.feedback.text()
    assert saved.band == "effective"
    assert panel._cell(4, 5) == "3.1" and "4.3" in panel.feedback.text()


def _press_f5(keys: Keys, panel, answer_keys: list | None) -> ModalAnswer:
    """F5 from the panel's first field; ``answer_keys`` answer the question if one comes."""
    answer = ModalAnswer(keys=answer_keys or [(K.Key_Escape,)])
    keys.press(K.Key_F5, widget=panel.first)
    answer.stop()
    activate(keys.qtbot, panel)
    return answer


def corps_b_on(keys: Keys, widget, person_id: int):
    """Alt+2 to corps B, the first quarter of 2026, the person chosen by keys."""
    keys.press(K.Key_2, Mod.AltModifier, widget=widget.tabs)
    panel = widget.corps_b
    panel.year.setValue(2026)
    panel.quarter.setValue(1)
    _choose(keys, panel, person_id)
    return panel


def _corps_b_scores(keys: Keys, panel, score: str) -> None:
    for edit in panel.scores:
        _retype(keys, edit, score)


def test_f5_on_corps_b_asks_before_dropping_a_typed_sheet(qtbot, widget, people):
    """Issue 22 item 1: F5 with scores typed asks; Escape stays with them, D drops them,
    Enter saves them first; with nothing typed F5 reloads at once, without a question."""
    a, b, head = people
    keys = Keys(qtbot)
    panel = corps_b_on(keys, widget, a.id)
    panel.evaluator.setCurrentIndex(panel.evaluator.findData(head.id))
    _retype(keys, panel.evaluated_on, "10.04.2026")
    _corps_b_scores(keys, panel, "4")
    assert panel.has_unsaved()

    stay = _press_f5(keys, panel, [(K.Key_Escape,)])
    assert stay.answered == 1 and "Alpha" in stay.seen[0]
    assert [e.text() for e in panel.scores] == ["4"] * 5 and CorpsBSheet.select().count() == 0

    drop = _press_f5(keys, panel, [(K.Key_D,)])
    assert drop.answered == 1
    assert [e.text() for e in panel.scores] == [""] * 5 and CorpsBSheet.select().count() == 0

    _corps_b_scores(keys, panel, "3")
    _retype(keys, panel.evaluated_on, "10.04.2026")
    save = _press_f5(keys, panel, [(K.Key_Return,)])
    assert save.answered == 1
    (sheet,) = CorpsBSheet.select()
    assert (sheet.person_id, sheet.quarter, sheet.final_score) == (a.id, 1, Decimal("3.00"))
    assert not panel.has_unsaved() and panel.sheets.rowCount() == 1

    # Nothing typed: F5 shows what another desk saved since, without asking.
    evb.save_sheet(a.id, head.id, 2026, 1, "non_leading", ["5"] * 5,
                   evaluated_on=date(2026, 4, 12), days_worked=55)  # fmt: skip
    direct = _press_f5(keys, panel, None)
    assert direct.answered == 0
    assert [Decimal(e.text()) for e in panel.scores] == [Decimal(5)] * 5


def _composed_session(employee, evaluator) -> tuple[int, list]:
    sheet = evb.save_sheet(employee.id, evaluator.id, 2026, 1, "non_leading", ["3"] * 5,
                           evaluated_on=date(2026, 4, 10), days_worked=55)  # fmt: skip
    session = cal.request_session(
        sheet.id, result_received=date(2026, 4, 10), request_received=date(2026, 4, 14)
    )
    members = [person(f"Member{n}", f"M{n}") for n in range(3)]
    specs = [PanelSpec(members[0].id, is_evaluator=True),
             PanelSpec(members[1].id, is_evaluator=True),
             PanelSpec(members[2].id, is_personnel_officer=True)]  # fmt: skip
    cal.set_panel(session.id, specs, approved_on=date(2026, 4, 16))
    return session.id, members


def test_f5_on_calibration_asks_before_dropping_typed_votes_r_cal_3(qtbot, widget, people):
    """Votes typed and not recorded (R-CAL-3): F5 asks; Escape keeps them, D drops them;
    with nothing typed F5 shows the votes recorded elsewhere at once."""
    session, members = _composed_session(people[0], people[2])
    keys = Keys(qtbot)
    keys.press(K.Key_3, Mod.AltModifier, widget=widget.tabs)
    panel = widget.calibration
    panel.refresh()
    panel.session.setCurrentIndex(panel.session.findData(session))
    row = next(r for r in range(panel.table.rowCount()) if panel._person(r) == members[0].id)
    type_into_cell(qtbot, keys, panel.table, row, 4, "4")
    assert panel.has_unsaved()

    stay = _press_f5(keys, panel, [(K.Key_Escape,)])
    assert stay.answered == 1 and panel.table.item(row, 4).text() == "4"
    drop = _press_f5(keys, panel, [(K.Key_D,)])
    assert drop.answered == 1 and panel.table.item(row, 4).text() == ""
    assert CalibrationVote.select().count() == 0

    cal.record_votes(session, {m.id: "3.5" for m in members}, held_on=date(2026, 4, 20))
    direct = _press_f5(keys, panel, None)
    assert direct.answered == 0 and panel.table.item(row, 4).text() == "3.50"
