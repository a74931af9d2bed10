"""From an empty database to a closed sitting, driven with real key and mouse events.

After each step the test reads the database back through the services.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from kzcommission.i18n import tr
from kzcommission.services.preparation import commissions, persons
from kzcommission.services.sitting import cases, review, sittings, voting
from kzcommission.ui.commission_editor import DEPUTY, HOLDER, PUBLIC, CommissionEditor
from kzcommission.ui.console import SittingConsole
from kzcommission.ui.home_page import FirstRunPage, HomePage
from kzcommission.ui.roster_dialog import RosterImportDialog
from kzcommission.ui.sitting_dialogs import AddCaseDialog, NewSittingDialog
from tests.ui.driver import Keys, activate, click_cell, type_into_cell

K = Qt.Key
M = Qt.KeyboardModifier
MEMBERS = [
    "Сейітқали Ерлан Болатұлы",
    "Жұмабекова Әсем Қайратқызы",
    "Нұрғалиев Дәурен Серікұлы",
    "Ибраева Гүлнұр Өмірзаққызы",
    "Оспанов Ғалым Жақсылықұлы",
    "Петров Андрей Викторович",
    "Төлеуов Нұрлан Ұзақбайұлы",
    "Смағұлова Айгерім Һадиқызы",
    "Қасымов Бауыржан Іслямұлы",
    "Әбенова Мөлдір Ержанқызы",  # the secretary's seat is the template's last row
]
ROSTER = (
    # R-DEC-3: E-0001 holds grade 2, the grade at stake on his case; the others none.
    "personnel_number,surname,given_name,patronymic,birth_date,position,grade\n"
    "E-0001,Әлиев,Тимур,Маратұлы,1985-04-02,Senior Inspector,2\n"
    "E-0002,Байжанова,Ләззат,Ғаниқызы,12.07.1990,Inspector,\n"
    "E-0003,Мұхаметжанов,Серік,Қуанышұлы,1988-01-15,Investigator,\n"
    "E-0004,Кузнецова,Ольга,Игоревна,1979-11-30,Senior Investigator,\n"
    "E-0005,Есенов,Арман,Бекұлы,1992-05-05,District Inspector,\n"
    "E-0006,Сәрсенбаев,Ержан,Төлегенұлы,1983-03-03,Duty Officer,\n"
    "E-0007,Орынбасар,Дамир,Ерланұлы,1980-02-02,Deputy Head,\n"
)


def wait_dialog(qtbot, owner, kind):  # noqa: ANN001, ANN201
    qtbot.waitUntil(
        lambda: isinstance(getattr(owner, "dialog", None), kind) and owner.dialog.isVisible()
    )
    activate(qtbot, owner.dialog)
    return owner.dialog


@pytest.mark.slow
def test_empty_database_to_closed_sitting(qtbot, window, artifacts, tmp_path: Path):
    keys = Keys(qtbot)
    # -- first run --------------------------------------------------------------------
    assert isinstance(window.page, FirstRunPage)
    window.grab().save(str(artifacts / "first_run.png"))

    # -- the roster first: the deputy comes from it -----------------------------------
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text(ROSTER, encoding="utf-8-sig")
    window.file_chooser = lambda: str(roster_file)
    keys.press(K.Key_I, M.ControlModifier, widget=window)
    dialog = wait_dialog(qtbot, window, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.form.importAllButton.isEnabled())
    qtbot.mouseClick(dialog.form.importAllButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert persons.count_persons() == 7
    assert [p.personnel_number for p in persons.search_persons("Әлиев")] == ["E-0001"]
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage))
    activate(qtbot, window)

    # -- the commission: regional template, 9 voting members, a deputy, a public member --
    keys.press(K.Key_N, M.ControlModifier, widget=window)
    editor = wait_dialog(qtbot, window, CommissionEditor)
    f = editor.form
    qtbot.mouseClick(f.nameEdit, Qt.MouseButton.LeftButton)
    keys.type("Regional commission of Astana")
    keys.press(K.Key_Down, widget=f.templateCombo)  # central -> regional
    qtbot.mouseClick(f.applyTemplateButton, Qt.MouseButton.LeftButton)
    table = f.seatsTable
    assert table.rowCount() == 10
    for row, name in enumerate(MEMBERS):
        type_into_cell(qtbot, keys, table, row, HOLDER, name)
    # The deputy of seat 2 is picked from the roster with F4.
    click_cell(qtbot, table, 1, DEPUTY)
    keys.press(K.Key_F4, widget=table)
    picker = qtbot.waitUntil(lambda: editor.dialog is not None) or editor.dialog
    keys.type("E-0007", widget=picker.form.filterEdit)
    keys.press(K.Key_Return, widget=picker.form.filterEdit)
    click_cell(qtbot, table, 7, PUBLIC)
    keys.press(K.Key_Space, widget=table)
    editor.grab().save(str(artifacts / "commission_editor.png"))
    keys.press(K.Key_S, M.ControlModifier, widget=table)
    qtbot.waitUntil(lambda: not editor.isVisible())
    [commission] = commissions.list_commissions()
    assert commission.level == "regional"
    assert len(commission.voting_seats) == 9
    assert [s.holder_name for s in commission.seats] == MEMBERS
    assert commission.seats[1].deputy_name == "Орынбасар Дамир Ерланұлы"
    assert [s.is_public for s in commission.seats].count(True) == 1 and commission.seats[
        7
    ].is_public
    assert commission.seats[0].position_title.startswith("Қазақстан Республикасы Ішкі істер")

    # -- a sitting, opened, with six cases -------------------------------------------
    activate(qtbot, window)
    keys.press(K.Key_T, M.ControlModifier, widget=window)
    new_sitting = wait_dialog(qtbot, window, NewSittingDialog)
    keys.type("Astana", widget=new_sitting.form.placeEdit)
    keys.press(K.Key_Return, widget=new_sitting.form.placeEdit)
    qtbot.waitUntil(lambda: isinstance(window.page, SittingConsole))
    console: SittingConsole = window.page
    [sitting] = sittings.list_sittings(commission.id)
    assert sitting.status == "planned" and sitting.place == "Astana"
    activate(qtbot, console)
    keys.press(K.Key_O, M.ControlModifier | M.ShiftModifier, widget=console)
    assert sittings.get_sitting(sitting.id).status == "open"

    keys.press(K.Key_N, M.ControlModifier | M.ShiftModifier, widget=console)
    adder = wait_dialog(qtbot, console, AddCaseDialog)
    for number in ("E-0001", "E-0002", "E-0003", "E-0004", "E-0005", "E-0006"):
        if number == "E-0001":
            keys.type("2", widget=adder.form.gradeEdit)  # the grade to vote on (R-DEC-3)
        else:
            adder.form.gradeEdit.clear()
        keys.type(number, widget=adder.form.filterEdit)
        keys.press(K.Key_Return, widget=adder.form.filterEdit)
    keys.press(K.Key_Escape, widget=adder.form.filterEdit)
    qtbot.waitUntil(lambda: not adder.isVisible())
    activate(qtbot, console)
    all_cases = cases.list_cases(sitting.id)
    assert [c.personnel_number for c in all_cases] == [f"E-000{i}" for i in range(1, 7)]
    assert all_cases[0].candidate_grade == "2" and all_cases[0].kind == "regular"
    assert console.case.id == all_cases[0].id
    ids = [c.id for c in all_cases]

    # -- attendance: F2, then P for the nine members and the secretary ----------------
    activate(qtbot, console)
    keys.press(K.Key_F2, widget=console)
    att = console.attendance.table
    for _ in range(10):
        keys.press(K.Key_P, widget=att)
    state = sittings.quorum_state(sitting.id)
    assert (state.present, state.members, state.required, state.valid) == (9, 9, 6, True)
    assert console.form.quorumLabel.text() == "9 of 9 present, 6 needed: valid"
    assert "R-QUO-1" in console.form.quorumLabel.toolTip()
    assert all(a.kind == "present" and a.at for a in sittings.attendance(sitting.id).values())

    # -- case 1: unanimous, then the grade; materials typed and saved -----------------
    keys.press(K.Key_F4, widget=console)
    keys.type("Performance report, test results", widget=console.case_panel.form.materialsEdit)
    start = keys.count
    keys.press(K.Key_F5, widget=console)
    ballots = console.vote.form.ballotTable
    assert ballots.hasFocus()
    for _ in range(9):
        keys.press(K.Key_1, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    keys.press(K.Key_1, M.AltModifier, widget=ballots)  # the grade: everyone for grade 2
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    keys.press(K.Key_Down, M.ControlModifier, widget=ballots)
    first_case_keys = keys.count - start
    one = cases.get_case(ids[0])
    assert (one.decision, one.decision_rule, one.grade_result) == ("fits", "R-VOTE-2", "grade:2")
    assert one.texts["materials"] == "Performance report, test results"
    grade, decision = voting.rounds_of(ids[0])  # ordered by subject, grade first
    assert decision.counts()["fits"] == 9 and grade.counts()["grade:2"] == 9
    assert sittings.get_sitting(sitting.id).current_case_id == ids[1]
    assert first_case_keys == 14  # F5, 9 ballots, count, Alt+1, count, next case

    # -- case 2: one member absent, 4-4, the chair's side wins (R-VOTE-3) -------------
    keys.press(K.Key_F2, widget=console)
    keys.press(K.Key_Up, widget=att)  # from the secretary's row to the ninth member
    keys.press(K.Key_A, widget=att)
    assert sittings.quorum_state(sitting.id).present == 8
    keys.press(K.Key_F5, widget=console)
    for key in (K.Key_3, K.Key_3, K.Key_3, K.Key_3, K.Key_1, K.Key_1, K.Key_1, K.Key_1):
        keys.press(key, widget=ballots)
    console.window().grab().save(str(artifacts / "console_mid_vote.png"))
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    two = cases.get_case(ids[1])
    [round_two] = voting.rounds_of(ids[1])
    assert two.decision == "unfit" and two.decision_rule == "R-VOTE-3"
    assert round_two.casting_vote_used and round_two.counts() == {
        "fits": 4,
        "recertify": 0,
        "unfit": 4,
    }
    assert "casting vote" in console.vote.form.resultLabel.text()
    keys.press(K.Key_F2, widget=console)
    keys.press(K.Key_Up, widget=att)  # the roll call moved on to the secretary's row
    keys.press(K.Key_L, widget=att)  # the ninth member arrives late
    assert sittings.attendance(sitting.id)[commission.seats[8].id].kind == "late"
    keys.press(K.Key_Down, M.ControlModifier, widget=console)

    # -- case 3: a recused member, one who left; 3-3-1, then a second round ---------
    keys.press(K.Key_F5, widget=console)
    click_cell(qtbot, ballots, 6, 0)
    keys.press(K.Key_R, M.ControlModifier, widget=ballots)
    reason = wait_dialog(qtbot, console, QInputDialog)
    keys.type("Close relative of the person certified")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: not reason.isVisible())
    activate(qtbot, console)  # offscreen has no window manager to hand focus back
    keys.press(K.Key_F2, widget=console)
    keys.press(K.Key_Up, widget=att)
    keys.press(K.Key_E, widget=att)  # the ninth member leaves: 8 present, 7 voters
    keys.press(K.Key_F9, widget=console)
    three = cases.get_case(ids[2])
    assert three.recused == {commission.seats[6].id: "Close relative of the person certified"}
    assert len(cases.voters_of(ids[2])) == 7
    assert "Close relative" in ballots.item(6, 2).text()
    assert not ballots.item(9, 0).flags() & Qt.ItemFlag.ItemIsEnabled  # the secretary
    for key in (K.Key_1, K.Key_1, K.Key_1, K.Key_3, K.Key_3, K.Key_3, K.Key_2):
        keys.press(key, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    first_round = voting.rounds_of(ids[2])[0]  # only decision rounds so far
    assert first_round.adopted is None and first_round.runoff == ("fits", "unfit")
    assert console.vote.round.number == 2 and console.vote.round.options == ("fits", "unfit")
    keys.press(K.Key_1, M.AltModifier, widget=ballots)
    keys.press(K.Key_Return, M.ControlModifier, widget=ballots)
    # R-DEC-3: no grade at stake: no one-option vote, "no grounds" in one step.
    assert console.vote.round is None
    assert console.vote.form.roundLabel.text() == tr("vote.no_grade_title", "en")
    assert console.vote.form.optionsLabel.text() == tr("vote.no_grade_one_step", "en")
    keys.press(K.Key_G, M.ControlModifier | M.ShiftModifier, widget=ballots)
    three = cases.get_case(ids[2])
    assert (three.decision, three.grade_result) == ("fits", "no_grade")
    assert sorted((r.subject, r.number) for r in voting.rounds_of(ids[2])) == [
        ("decision", 1),
        ("decision", 2),
    ]
    keys.press(K.Key_F2, widget=console)
    keys.press(K.Key_Up, widget=att)
    keys.press(K.Key_P, widget=att)  # back in the room
    keys.press(K.Key_Down, M.ControlModifier, widget=console)

    # -- case 4: quorum lost mid-vote and regained; undo of the last ballot ----------
    keys.press(K.Key_F5, widget=console)
    keys.press(K.Key_2, widget=ballots)
    keys.press(K.Key_2, widget=ballots)
    keys.press(K.Key_Z, M.ControlModifier, widget=ballots)
    four_round = voting.rounds_of(ids[3])[0]
    assert list(four_round.ballots.values()) == ["recertify"]  # the second one undone
    keys.press(K.Key_F2, widget=console)
    for row in (1, 2, 3, 4):
        click_cell(qtbot, att, row, 0)
        keys.press(K.Key_E, widget=att)
    state = sittings.quorum_state(sitting.id)
    assert (state.present, state.valid) == (5, False)
    assert console.form.quorumLabel.text() == "5 of 9 present, 6 needed: NO QUORUM"
    assert not ballots.isEnabled() and console.vote.form.blockedLabel.isVisible()
    assert "R-QUO-2" in console.vote.form.blockedLabel.text()
    keys.press(K.Key_F9, widget=console)
    keys.press(K.Key_1, M.AltModifier, widget=console)
    assert len(voting.rounds_of(ids[3])[0].ballots) == 1  # nothing recorded while red
    console.window().grab().save(str(artifacts / "quorum_lost.png"))
    keys.press(K.Key_F2, widget=console)
    for row in (1, 2, 3, 4):
        click_cell(qtbot, att, row, 0)
        keys.press(K.Key_L, widget=att)
    assert sittings.quorum_state(sitting.id).valid and ballots.isEnabled()
    keys.press(K.Key_2, M.AltModifier, widget=console)
    keys.press(K.Key_Return, M.ControlModifier, widget=console)
    four = cases.get_case(ids[3])
    assert four.decision == "recertify" and not voting.needs_grade_vote(ids[3])
    keys.press(K.Key_Down, M.ControlModifier, widget=console)

    # -- case 5: absent for a good reason: moves to a later sitting (R-SIT-3) ---------
    keys.press(K.Key_F6, widget=console)
    reason = wait_dialog(qtbot, console, QInputDialog)
    keys.type("Sick leave, certificate No. 12")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: not reason.isVisible())
    activate(qtbot, console)  # offscreen has no window manager to hand focus back
    five = cases.get_case(ids[4])
    assert (five.appearance, five.status, five.decision) == ("absent_excused", "postponed", None)
    assert five.texts["absence_reason"] == "Sick leave, certificate No. 12"
    keys.press(K.Key_Down, M.ControlModifier, widget=console)

    # -- case 6: absent without a good reason: the R-SIT-4 proposal, confirmed --------
    keys.press(K.Key_F7, widget=console)
    box = wait_dialog(qtbot, console, QMessageBox)
    assert "R-SIT-4" in box.text()
    keys.press(K.Key_Return, widget=box)
    activate(qtbot, console)
    six = cases.get_case(ids[5])
    assert (six.appearance, six.decision, six.decision_rule) == (
        "absent_unexcused",
        "unfit",
        "R-SIT-4",
    )

    # -- a correction after the decision needs its reason -----------------------------
    keys.press(K.Key_Up, M.ControlModifier, widget=console)
    keys.press(K.Key_Up, M.ControlModifier, widget=console)  # back to case 4, decided
    assert console.case.id == ids[3]
    assert console.case_panel.form.commentsEdit.isReadOnly()
    keys.press(K.Key_K, M.ControlModifier, widget=console)
    reason = wait_dialog(qtbot, console, QInputDialog)
    keys.type("Typing error in the comments")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: not reason.isVisible())
    activate(qtbot, console)  # offscreen has no window manager to hand focus back
    assert "Typing error in the comments" in cases.get_case(ids[3]).texts["comments"]
    corrected = next(x for x in review.review_sitting(sitting.id).lines if x.case_id == ids[3])
    assert [reason for reason, _by, _at in corrected.corrections] == [
        "Typing error in the comments"
    ]  # the chair's review lists it with its reason
    assert not console.case_panel.form.commentsEdit.isReadOnly()

    # -- the sitting is closed ----------------------------------------------------------
    keys.press(K.Key_W, M.ControlModifier | M.ShiftModifier, widget=console)
    box = wait_dialog(qtbot, console, QMessageBox)
    keys.press(K.Key_Return, widget=box)
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage))
    assert sittings.get_sitting(sitting.id).status == "closed"
    assert sittings.last_active_sitting() is None
