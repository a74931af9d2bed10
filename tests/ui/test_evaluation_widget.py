"""The evaluation tab driven with keys: a corps B sheet refused over the cap, then saved.

R-EVB-4 (parameter 5 capped by the quarter's penalty), R-EVB-3 (mean and band),
R-CAL-4 (a viewer sees no results), editions (chapter 5 not offered after 2025).
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from kzcommission.services.context import Actor, set_actor
from kzcommission.services.evaluation import corps_b
from kzcommission.services.preparation import persons
from kzcommission.store.models import CorpsBSheet

pytestmark = pytest.mark.usefixtures("database")


@pytest.fixture
def widget(qtbot):
    from kzcommission.ui.evaluation import EvaluationWidget

    persons.add_person("Оспанова", "Әйгерім", personnel_number="E1", position="Expert",
                       appointed_on=date(2020, 1, 1))  # fmt: skip
    persons.add_person("Жұмабеков", "Ерлан", personnel_number="H1", position="Head",
                       appointed_on=date(2020, 1, 1))  # fmt: skip
    w = EvaluationWidget("en")
    qtbot.addWidget(w)
    w.resize(900, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def type_scores(qtbot, panel, values: list[str]) -> None:
    for edit, value in zip(panel.scores, values, strict=True):
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        qtbot.keyClicks(edit, value)


def test_corps_b_sheet_refused_over_cap_then_saved(qtbot, widget):
    qtbot.keyClick(widget.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert widget.tabs.currentIndex() == 1
    panel = widget.corps_b
    # The roster is sorted by name: Жұмабеков, then Оспанова; chosen with the arrows.
    panel.employee.setFocus()
    qtbot.keyClick(panel.employee, Qt.Key.Key_End)
    panel.evaluator.setFocus()
    qtbot.keyClick(panel.evaluator, Qt.Key.Key_Home)
    assert panel.employee.currentText().startswith("Оспанова")
    assert panel.evaluator.currentText().startswith("Жұмабеков")
    panel.year.setValue(2026)
    panel.quarter.setValue(1)
    panel.form.setFocus()
    qtbot.keyClick(panel.form, Qt.Key.Key_Down)  # leading -> non-leading: parameters relabelled
    assert panel.labels[0].text().startswith("1. Quality of performing")
    # Penalty "reprimand" chosen with the keyboard: none, remark, reprimand.
    panel.penalty.setFocus()
    qtbot.keyClick(panel.penalty, Qt.Key.Key_Down)
    qtbot.keyClick(panel.penalty, Qt.Key.Key_Down)
    assert panel.penalty.currentData() == "reprimand"
    type_scores(qtbot, panel, ["4", "4", "4", "4", "5"])
    qtbot.keyClick(panel.scores[4], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    text = panel.feedback.text()
    assert panel.feedback.is_error
    assert "[R-EVB-4]" in text and "No disciplinary penalties" in text and "2.99" in text
    assert CorpsBSheet.select().count() == 0
    assert panel.scores[4].hasFocus()  # the field at fault is focused
    # Fix parameter 5 within the cap and save again with the same keys.
    type_scores(qtbot, panel, ["4", "4", "4", "4", "2.5"])
    qtbot.keyClick(panel.scores[4], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not panel.feedback.is_error, panel.feedback.text()
    assert "3.70" in panel.feedback.text()
    assert "performs duties properly" in panel.feedback.text()
    sheet = corps_b.list_sheets(2026)[0]
    assert (str(sheet.final_score), sheet.penalty, sheet.form) == ("3.70", "reprimand",
                                                                  "non_leading")  # fmt: skip


def test_over_five_refused_naming_the_field(qtbot, widget):
    qtbot.keyClick(widget.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    panel = widget.corps_b
    panel.evaluator.setCurrentIndex(0)
    panel.employee.setCurrentIndex(1)
    panel.form.setCurrentIndex(panel.form.findData("non_leading"))
    panel.year.setValue(2026)
    type_scores(qtbot, panel, ["6", "4", "4", "4", "4"])
    qtbot.keyClick(panel.scores[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert panel.feedback.is_error
    assert "[R-EVB-3]" in panel.feedback.text()
    assert "Quality of performing the functional duties" in panel.feedback.text()
    assert CorpsBSheet.select().count() == 0


def test_expired_procedure_not_offered(widget):
    panel = widget.corps_a
    panel.year.setValue(2025)
    offered = [panel.procedure.itemData(i) for i in range(panel.procedure.count())]
    assert offered == ["standard", "chapter_5"]
    panel.year.setValue(2026)
    offered = [panel.procedure.itemData(i) for i in range(panel.procedure.count())]
    assert offered == ["standard"]


def test_viewer_sees_no_results_r_cal_4(qtbot):
    from kzcommission.ui.evaluation import EvaluationWidget

    set_actor(Actor(name="viewer", role="viewer"))
    w = EvaluationWidget("kk")
    qtbot.addWidget(w)
    assert w.corps_b is None
    assert w.tabs.count() == 0


def test_a_new_corps_b_quarter_starts_with_the_form_of_the_position(qtbot, widget):
    """Seen on the desk: an inspector's new sheet opened on the leading position's form."""
    from kzcommission.domain.evaluation import LEADING, NON_LEADING

    qtbot.keyClick(widget.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    panel = widget.corps_b
    panel.employee.setFocus()
    qtbot.keyClick(panel.employee, Qt.Key.Key_End)  # Оспанова, an expert
    assert panel.employee.currentText().startswith("Оспанова")
    assert panel.form.currentData() == NON_LEADING
    qtbot.keyClick(panel.employee, Qt.Key.Key_Home)  # Жұмабеков, a head
    assert panel.form.currentData() == LEADING
