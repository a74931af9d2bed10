"""Issue 14, item 9: the clock, the Scorecards tab, the template chooser, the roster list,
plural forms, and the vote tab of a postponed case."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kzcommission.i18n import LANGUAGES, catalogue, plural_category, tr, tr_count
from kzcommission.services.preparation import commissions
from kzcommission.services.sitting import cases, followup, sittings
from kzcommission.store import models
from kzcommission.ui.commission_editor import HOLDER, CommissionEditor
from kzcommission.ui.console import SCORES_TAB, SittingConsole
from kzcommission.ui.roster_dialog import RosterImportDialog
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys, activate
from tests.ui.test_keyboard import home, wait_dialog

K = Qt.Key
M = Qt.KeyboardModifier


def console_of(qtbot, window, sitting_id: int) -> SittingConsole:  # noqa: ANN001
    window.open_sitting(sitting_id)
    console = window.page
    activate(qtbot, console)
    return console


def test_elapsed_clock_stops_when_the_sitting_is_closed(qtbot, window):
    desk = make_desk()
    sittings.set_status(desk.sitting_id, "closed")
    opened = datetime.now().replace(microsecond=0) - timedelta(hours=3)
    closed = opened + timedelta(hours=2, minutes=30, seconds=15)
    models.Sitting.update(opened_at=opened, closed_at=closed).where(
        models.Sitting.id == desk.sitting_id
    ).execute()
    console = console_of(qtbot, window, desk.sitting_id)
    length = (closed - opened).total_seconds()
    assert console.clock_seconds() == pytest.approx(length)
    qtbot.wait(1100)  # a tick later the clock stands still
    console._tick()
    assert console.clock_seconds() == pytest.approx(length)
    assert console.form.clockLabel.text().endswith(tr("console.elapsed", "en", elapsed="02:30:15"))
    # An open sitting's clock runs.
    sittings.set_status(desk.sitting_id, "open")
    console.sitting = sittings.get_sitting(desk.sitting_id)
    assert console.clock_seconds() > length


def test_no_scorecards_tab_where_the_rules_ask_for_none(qtbot, window):
    """R-DOC-4: Order 880 cases have member scorecards; Decree 490 cases have none."""
    desk = make_desk(held_on=date(2024, 9, 17))  # in Decree 490's window (R-ELIG-7)
    regular = cases.add_case(desk.sitting_id, add_employee("A", "A-1").id, "regular")
    extraordinary = cases.add_case(desk.sitting_id, add_employee("B", "B-1").id, "extraordinary")
    console = console_of(qtbot, window, desk.sitting_id)
    tabs = console.form.caseTabs
    keys = Keys(qtbot)
    console.form.caseList.setFocus()
    assert console.case.id == regular.id and tabs.isTabVisible(SCORES_TAB)
    keys.press(K.Key_Down, M.ControlModifier)
    assert console.case.id == extraordinary.id
    assert not tabs.isTabVisible(SCORES_TAB)
    keys.press(K.Key_F8)
    assert tabs.currentIndex() != SCORES_TAB
    assert console.form.messageLabel.text() == tr("console.no_scorecards", "en")
    keys.press(K.Key_Up, M.ControlModifier)
    assert tabs.isTabVisible(SCORES_TAB)
    keys.press(K.Key_F8)
    assert tabs.currentIndex() == SCORES_TAB


def test_editor_shows_the_commissions_own_template(qtbot, window):
    desk = make_desk()
    models.Commission.update(level="regional").where(
        models.Commission.id == desk.commission.id
    ).execute()
    page = home(qtbot, window)
    page.form.editCommissionButton.click()
    editor = wait_dialog(qtbot, window, CommissionEditor)
    f = editor.form
    assert f.templateCombo.currentData() == "regional"
    before = [s.holder_name for s in commissions.get_commission(desk.commission.id).seats]
    keys = Keys(qtbot)
    f.applyTemplateButton.setFocus()
    keys.press(K.Key_Space)  # by habit: the seats name people, so it asks first
    box = editor.dialog
    assert isinstance(box, QMessageBox) and box.text() == tr("editor.refill_question", "en")
    activate(qtbot, box)
    keys.press(K.Key_Escape)  # no
    qtbot.waitUntil(lambda: not box.isVisible())
    assert [f.seatsTable.item(r, HOLDER).text() for r in range(f.seatsTable.rowCount())] == before
    # A yes refills the seats from the template: positions, nobody in them.
    activate(qtbot, editor)
    f.applyTemplateButton.setFocus()
    keys.press(K.Key_Space)
    qtbot.waitUntil(lambda: editor.dialog is not box and editor.dialog.isVisible())
    activate(qtbot, editor.dialog)
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: not f.seatsTable.item(0, HOLDER).text())
    assert f.seatsTable.rowCount() == 10  # the regional template
    editor.reject()
    assert [s.holder_name for s in commissions.get_commission(desk.commission.id).seats] == before


def test_other_level_shows_own_composition(qtbot, window):
    desk = make_desk()  # level "other": no Decree template
    page = home(qtbot, window)
    page.form.editCommissionButton.click()
    editor = wait_dialog(qtbot, window, CommissionEditor)
    combo = editor.form.templateCombo
    assert combo.currentData() is None and combo.currentText() == tr("template.own", "en")
    rows = editor.form.seatsTable.rowCount()
    editor.form.applyTemplateButton.setFocus()
    Keys(qtbot).press(K.Key_Space)  # no template to apply: the seats stay
    assert editor.form.seatsTable.rowCount() == rows == len(desk.commission.seats)
    editor.reject()


def test_roster_list_shows_people_before_typing(qtbot, window):
    make_desk()
    page = home(qtbot, window)
    model = page.roster.model
    assert page.form.rosterFilter.text() == ""
    qtbot.waitUntil(lambda: model.rowCount() == 10)
    names = [model.person(r).full_name for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    assert page.form.rosterCount.text() == "10 persons in the roster"


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", {1: "one", 2: "other", 5: "other", 21: "other"}),
        ("ru", {1: "one", 2: "few", 5: "many", 11: "many", 21: "one", 22: "few"}),
        ("kk", {1: "one", 2: "other", 5: "other"}),
    ],
)
def test_plural_categories_are_cldr(lang, counts):
    assert {n: plural_category(n, lang) for n in counts} == counts


def test_counted_texts_read_right():
    assert tr_count("count.problems", "en", 1) == "1 problem"
    assert tr_count("count.problems", "en", 3) == "3 problems"
    ru = [tr_count("count.problems", "ru", n) for n in (1, 2, 5, 21)]
    assert ru == ["1 ошибка", "2 ошибки", "5 ошибок", "21 ошибка"]
    assert tr_count("count.rows_in", "ru", 1) == "1 строке"
    assert tr_count("count.problems", "kk", 7) == "7 қате"
    # Every counted key has the forms its language needs, in all three languages.
    needed = {"en": {"one", "other"}, "ru": {"one", "few", "many", "other"}, "kk": {"one", "other"}}
    bases = {k.split("#")[0] for k in catalogue("en") if "#" in k}
    for lang in LANGUAGES:
        for base in bases:
            assert {f"{base}#{form}" for form in needed[lang]} <= catalogue(lang).keys()


def test_import_summary_in_plural_forms(qtbot, window, tmp_path: Path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "personnel_number,surname,given_name,patronymic,birth_date,position\n"
        "E-1,Әлиев,Тимур,,1985-04-02,Inspector\n"
        "E-2,Байжанова,Ләззат,,not a date,Inspector\n",
        encoding="utf-8-sig",
    )
    dialog = RosterImportDialog(path, "ru", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None)
    text = dialog.form.summaryLabel.text()
    assert text.startswith("Прочитано: 2 строки; 1 ошибка в 1 строке")
    assert "(1 строка)" in text
    assert dialog.form.importCleanButton.text() == "Импортировать только 1 строку без ошибок"
    dialog.reject()
    clean = tmp_path / "clean.csv"
    clean.write_text(
        path.read_text("utf-8-sig").splitlines()[0]
        + "\n"
        + "E-1,Әлиев,Тимур,,1985-04-02,Inspector\n",
        encoding="utf-8-sig",
    )
    dialog = RosterImportDialog(clean, "en", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.form.summaryLabel.text().startswith("1 row, no problems.")
    dialog.reject()


def test_vote_tab_of_a_moved_case_says_it_was_moved(qtbot, window):
    """R-SIT-3: the postponed case is voted at the sitting it was moved to."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee().id, "regular")
    cases.set_appearance(case.id, "absent_excused")
    console = console_of(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_F9, widget=console)
    label = console.vote.form.roundLabel
    assert label.text() == tr("vote.postponed", "en")
    later = sittings.create_sitting(desk.commission.id, date(2025, 4, 9))
    followup.move_postponed(case.id, later.id)
    console.show_case(cases.get_case(case.id))
    assert label.text() == tr("vote.postponed_moved", "en", number=later.number, date="09.04.2025")
