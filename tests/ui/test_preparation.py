"""The Preparation tab driven with keys: record editor (R-ELIG-1..4), due list (R-ELIG-5),
deadline dashboard (R-DL-1..R-DL-9) and postponed cases (R-SIT-3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor

from kzcommission.i18n import tr
from kzcommission.services.preparation import campaign, due, personnel, persons
from kzcommission.services.sitting import cases, followup, sittings
from kzcommission.store.models import PersonnelLeave
from kzcommission.ui.preparation import PreparationWidget
from kzcommission.ui.preparation.common import STATUS_COLOURS
from tests.conftest import ARTIFACTS
from tests.services.helpers import make_desk
from tests.ui.driver import Keys, activate

Mod = Qt.KeyboardModifier
TODAY = date.today()


@pytest.fixture
def prepared(database):
    """An employee on a sitting three weeks from today, one postponed, and a later sitting."""
    person = persons.add_person("Әлібеков", "Нұрғали", personnel_number="E-1")
    personnel.update_record(
        person.id,
        position="Inspector",
        grade="2",
        appointed_on=date(2019, 3, 1),
        service_start=date(2019, 3, 1),
    )
    other = persons.add_person("Absent", "Employee", personnel_number="E-2")
    desk = make_desk(members=3, held_on=TODAY + timedelta(days=21))
    (case,) = campaign.plan(desk.sitting_id, [person.id], "regular")
    (away,) = campaign.plan(desk.sitting_id, [other.id], "regular")
    cases.set_appearance(away.id, "absent_excused", reason="sick leave")
    later = sittings.create_sitting(desk.commission.id, TODAY + timedelta(days=60))
    return person.id, case.id, away.id, later.id


@pytest.fixture
def widget(qtbot, prepared):
    return _shown(qtbot)


def _shown(qtbot) -> PreparationWidget:
    w = PreparationWidget("en")
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    activate(qtbot, w)
    return w


def test_record_editor_with_keys(qtbot, widget, prepared, tmp_path):
    person_id = prepared[0]
    keys = Keys(qtbot)
    page = widget.record
    keys.press(Qt.Key.Key_F, Mod.ControlModifier, widget=page)
    assert page.search.hasFocus()
    keys.type("E-1")
    keys.press(Qt.Key.Key_Return)  # takes the first match and moves to the position field
    assert page.person_id == person_id and page.position.hasFocus()
    page.position.selectAll()
    keys.type("Senior inspector")
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)
    assert personnel.get_record(person_id).position == "Senior inspector"
    assert page.status.text() == "Saved."

    # v10: specialty and special rank, printed in items 4 and 6 of the extraordinary sheet.
    page.specialty.setFocus()
    keys.type("Jurisprudence")
    keys.press(Qt.Key.Key_Tab)
    assert page.special_rank.hasFocus()
    keys.type("police major")
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)
    record = personnel.get_record(person_id)
    assert (record.specialty, record.special_rank) == ("Jurisprudence", "police major")

    # R-ELIG-3: a leave that ends before it starts is refused, naming the field; nothing saved.
    page.leave_start.setDate(QDate(2023, 5, 1))
    page.leave_end.setDate(QDate(2023, 4, 1))
    keys.press(Qt.Key.Key_L, Mod.ControlModifier, widget=page.leave_end)
    assert "Leave end" in page.status.text() and "Not saved" in page.status.text()
    assert PersonnelLeave.select().count() == 0
    page.leave_end.setDate(QDate(2023, 9, 1))
    keys.press(Qt.Key.Key_L, Mod.ControlModifier, widget=page.leave_end)
    assert page.leaves.rowCount() == 1

    # R-ELIG-1: the restricted flag, for a role that may set it.
    assert page.pregnant.isVisible()
    keys.press(Qt.Key.Key_G, Mod.ControlModifier | Mod.ShiftModifier, widget=page.position)
    assert personnel.get_record(person_id).pregnant is True


def test_due_dashboard_and_postponed_with_keys(qtbot, widget, prepared, tmp_path):
    person_id, case_id, away_id, later_id = prepared
    keys = Keys(qtbot)

    keys.press(Qt.Key.Key_2, Mod.AltModifier, widget=widget.record.search)
    assert widget.tabs.currentWidget() is widget.due
    keys.press(Qt.Key.Key_F5, widget=widget.due)
    names = [widget.due.view.item(r, 0).text() for r in range(widget.due.view.rowCount())]
    assert "Әлібеков Нұрғали" in names  # overdue since 2022 (R-ELIG-2)
    (overdue,) = [
        r for r in due.due_list(widget.due.on.date().toPython()) if r.person.id == person_id
    ]
    reason = widget.due.view.item(names.index("Әлібеков Нұрғали"), 4).text()
    assert reason == tr(f"prep.reason.{overdue.reason}", widget.due.lang)  # words, not the id
    widget.due.ask_path = lambda name: tmp_path / name
    keys.press(Qt.Key.Key_P, Mod.ControlModifier, widget=widget.due.view)
    (printed,) = tmp_path.glob("due-list-*.pdf")
    assert printed.read_bytes().startswith(b"%PDF")

    keys.press(Qt.Key.Key_3, Mod.AltModifier, widget=widget.due.view)
    page = widget.deadlines
    assert widget.tabs.currentWidget() is page
    view = page.view
    rules = [view.item(r, 2).text() for r in range(view.rowCount())]
    assert {"R-DL-1", "R-DL-2", "R-DL-3"} <= set(rules)
    row = rules.index("R-DL-1")  # notice due one month before: already overdue
    assert page.rows[row].status == "overdue"
    assert view.item(row, 0).background().color() == QColor(STATUS_COLOURS["overdue"])
    (ARTIFACTS / "preparation").mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(ARTIFACTS / "preparation" / "dashboard.png"))
    view.setFocus()
    view.selectRow(row)
    keys.press(Qt.Key.Key_D, Mod.ControlModifier, widget=view)  # done today: late
    assert campaign.deadlines_of_case(case_id)[0].status == "done_late"
    assert page.rows[row].status == "done_late"
    page.ask_path = lambda name: tmp_path / name
    keys.press(Qt.Key.Key_P, Mod.ControlModifier, widget=view)
    keys.press(Qt.Key.Key_N, Mod.ControlModifier | Mod.ShiftModifier, widget=view)
    assert len(list(tmp_path.glob("deadlines-*.pdf"))) == 1
    assert len(list(tmp_path.glob("notice-*.pdf"))) == 1

    keys.press(Qt.Key.Key_4, Mod.AltModifier, widget=view)
    waiting = widget.waiting
    assert waiting.view.rowCount() == 1 and waiting.view.item(0, 4).text() == "R-SIT-3"
    waiting.sitting.setCurrentIndex(waiting.sitting.findData(later_id))
    keys.press(Qt.Key.Key_M, Mod.ControlModifier, widget=waiting.view)
    assert followup.postponed_cases() == []
    assert waiting.status.text() == "Moved."


def test_dashboard_choice_of_sittings_and_r_sit_5_label_with_keys(qtbot, database):
    """Issue 22: a planned sitting dated 100 days ago is on the dashboard (no silent 60-day
    cut-off); the choice of sittings is shown and Ctrl+Shift+S changes it to all sittings.
    The waiting list labels a first unexcused absence of an extraordinary case R-SIT-5."""
    from kzcommission.store import models

    planned = make_desk(members=3, held_on=TODAY - timedelta(days=100))
    models.Sitting.update(status="planned").where(models.Sitting.id == planned.sitting_id).execute()
    one = persons.add_person("Planned", "Employee", personnel_number="E-1")
    two = persons.add_person("Held", "Employee", personnel_number="E-2")
    campaign.plan(planned.sitting_id, [one.id], "regular")
    held = sittings.create_sitting(planned.commission.id, TODAY - timedelta(days=90))
    campaign.plan(held.id, [two.id], "regular")
    models.Sitting.update(status="closed").where(models.Sitting.id == held.id).execute()
    # A Decree 490 extraordinary case postponed by a first unexcused absence (R-SIT-5).
    decree = sittings.create_sitting(planned.commission.id, date(2024, 10, 15))
    sittings.set_status(decree.id, "open")
    three = persons.add_person("Unexcused", "Employee", personnel_number="E-3")
    (case,) = campaign.plan(decree.id, [three.id], "extraordinary")
    cases.set_appearance(case.id, "absent_unexcused")
    models.Sitting.update(status="closed").where(models.Sitting.id == decree.id).execute()

    widget = _shown(qtbot)
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_3, Mod.AltModifier, widget=widget.record.search)
    page = widget.deadlines
    names = lambda: {page.view.item(r, 0).text() for r in range(page.view.rowCount())}  # noqa: E731
    assert names() == {"Planned Employee"}
    assert page.scope.currentText().startswith("Planned and open sittings (any date)")
    assert page.scope.isVisible()
    keys.press(Qt.Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier, widget=page.view)
    assert page.scope.currentText() == "All sittings"
    assert names() == {"Planned Employee", "Held Employee"}  # postponed: on the waiting list

    keys.press(Qt.Key.Key_4, Mod.AltModifier, widget=page.view)
    waiting = widget.waiting
    row = [waiting.view.item(0, c).text() for c in range(waiting.view.columnCount())]
    assert row[0] == "Unexcused Employee"
    assert row[2] == "first absence without a good reason" and row[4] == "R-SIT-5"


def test_saving_a_record_changed_on_another_desk_offers_to_reload(qtbot, widget, prepared):
    """Issue 22: the record page saves over the version it loaded; saved meanwhile on
    another desk, Ctrl+S is refused naming what changed, and Enter on the question reloads
    the record as it now is."""
    from tests.ui.modal import ModalAnswer

    person_id = prepared[0]
    keys = Keys(qtbot)
    page = widget.record
    keys.press(Qt.Key.Key_F, Mod.ControlModifier, widget=page)
    keys.type("E-1")
    keys.press(Qt.Key.Key_Return)
    assert page.person_id == person_id and page.position.hasFocus()
    personnel.update_record(  # another desk, after this page loaded the record
        person_id,
        position="Changed elsewhere",
        grade="2",
        appointed_on=date(2019, 3, 1),
        service_start=date(2019, 3, 1),
    )
    page.position.selectAll()
    keys.type("Mine")
    answer = ModalAnswer()  # Enter: the default answer, reload
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)
    qtbot.waitUntil(lambda: answer.answered == 1)
    assert "changed on another desk" in answer.seen[0] and "(Position)" in answer.seen[0]
    assert personnel.get_record(person_id).position == "Changed elsewhere"
    assert page.position.text() == "Changed elsewhere"
    assert "Not saved" in page.status.text() and "as it is now" in page.status.text()
    activate(qtbot, widget)
    assert page.position.hasFocus()
    page.position.selectAll()
    keys.type("Mine")
    keys.press(Qt.Key.Key_S, Mod.ControlModifier)  # over the version now loaded: saved
    assert personnel.get_record(person_id).position == "Mine"


@pytest.mark.parametrize(
    ("lang", "shown"), [("en", "Inspector"), ("ru", "Инспектор"), ("kk", "Инспекторы")]
)
def test_due_list_shows_the_position_in_the_interface_language(qtbot, database, lang, shown):
    """Seen on the desk: the due list printed Kazakh positions in the English interface."""
    from kzcommission.domain.names import Names

    person = persons.add_person("Әлібеков", "Нұрғали", personnel_number="E-1")
    personnel.update_record(
        person.id, position=Names(kk="Инспекторы", ru="Инспектор", en="Inspector"), grade="2",
        appointed_on=date(2019, 3, 1), service_start=date(2019, 3, 1),
    )  # fmt: skip
    w = PreparationWidget(lang)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    activate(qtbot, w)
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_2, Mod.AltModifier, widget=w.record.search)
    keys.press(Qt.Key.Key_F5, widget=w.due)
    assert w.due.view.item(0, 0).text() == "Әлібеков Нұрғали"
    assert w.due.view.item(0, 2).text() == shown
