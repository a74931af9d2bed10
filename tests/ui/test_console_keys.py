"""Issue 14: every key lands on the member the secretary is looking at (R-VOTE-1, R-DOC-4).

Each test replays, with real key events, a sequence the secretary reported, and
reads the ballots and scorecards back through the services.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from kzcommission.services.sitting import cases, scorecards, voting
from kzcommission.ui.console import SittingConsole
from kzcommission.ui.scorecard_panel import DECISION, SCORE
from tests.services.helpers import add_employee, make_desk
from tests.ui.driver import Keys
from tests.ui.test_integration import open_console

K = Qt.Key
M = Qt.KeyboardModifier
DIGIT = {n: getattr(K, f"Key_{n}") for n in range(1, 10)}


def ballots_of(case_id: int, subject: str = voting.DECISION) -> dict[int, str]:
    rounds = [r for r in voting.rounds_of(case_id) if r.subject == subject]
    return dict(rounds[-1].ballots) if rounds else {}


def highlighted(console: SittingConsole) -> int:
    return console.vote.form.ballotTable.currentRow()


def first_voter_row(console: SittingConsole) -> int:
    return next(i for i, s in enumerate(console.commission.seats) if s.role != "secretary")


def regular_case(qtbot, window):  # noqa: ANN001, ANN201
    """Nine members, one regular case with grade 2 to vote on (his grade, R-DEC-3), the
    console open on it."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee(grade="2").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    return desk, case, console, Keys(qtbot), console.vote.form.ballotTable


def vote_all(keys: Keys, console: SittingConsole, n: int) -> None:
    """F5, then key ``n`` for every voter one by one, then Ctrl+Enter."""
    keys.press(K.Key_F5)
    table = console.vote.form.ballotTable
    for _ in console.commission.voting_seats:
        keys.press(DIGIT[n], widget=table)
    keys.press(K.Key_Return, M.ControlModifier, widget=table)


def test_the_next_case_starts_on_the_first_voter_and_each_key_on_its_member(qtbot, window):
    """Keys 1…5 one by one, Ctrl+Enter, Ctrl+Down, F5: the nine keys of the next case
    went to the last voter, nine times over; now one to each member (R-VOTE-1)."""
    desk = make_desk(held_on=date(2024, 9, 17))
    first = cases.add_case(desk.sitting_id, add_employee("First").id, "extraordinary")
    second = cases.add_case(desk.sitting_id, add_employee("Second").id, "extraordinary")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    table = console.vote.form.ballotTable
    vote_all(keys, console, 2)
    assert cases.get_case(first.id).decision == "fits"
    keys.press(K.Key_Down, M.ControlModifier, widget=table)
    assert console.case.id == second.id
    keys.press(K.Key_F5)
    assert highlighted(console) == first_voter_row(console)
    typed = [1, 2, 1, 2, 3, 1, 2, 3, 1]
    for n in typed:
        keys.press(DIGIT[n], widget=table)
    options = voting.rounds_of(second.id)[-1].options
    assert ballots_of(second.id) == {
        seat: options[n - 1] for seat, n in zip(desk.voting, typed, strict=True)
    }
    # Every voter has a ballot: no row is left where a key would overwrite one.
    assert highlighted(console) == -1
    keys.press(K.Key_5, widget=table)
    assert ballots_of(second.id)[desk.voting[-1]] == options[0]


def test_a_refused_count_names_the_members_not_their_seat_ids(qtbot, window):
    desk = make_desk(held_on=date(2024, 9, 17))
    case = cases.add_case(desk.sitting_id, add_employee().id, "extraordinary")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    table = console.vote.form.ballotTable
    keys.press(K.Key_F5)
    for _ in range(7):
        keys.press(K.Key_2, widget=table)
    keys.press(K.Key_Return, M.ControlModifier, widget=table)
    assert cases.get_case(case.id).decision is None
    text = console.form.messageLabel.text()
    missing = [s.holder_name for s in desk.commission.voting_seats[7:]]
    assert all(name in text for name in missing), text
    assert not any(f"'{seat}'" in text for seat in desk.voting), text


def test_the_grade_round_opens_on_the_first_voter(qtbot, window):
    """After the decision is counted the grade round opened on row 8 and the first key
    went to that member (R-DEC-3)."""
    desk, case, console, keys, table = regular_case(qtbot, window)
    vote_all(keys, console, 1)
    assert cases.get_case(case.id).decision == "fits"
    assert console.vote.round.subject == voting.GRADE
    assert highlighted(console) == first_voter_row(console)
    keys.press(K.Key_2, widget=table)
    assert ballots_of(case.id, voting.GRADE) == {desk.voting[0]: "no_grade"}


def test_a_revote_opens_on_the_first_voter(qtbot, window):
    desk, case, console, keys, table = regular_case(qtbot, window)
    keys.press(K.Key_F5)
    for n in (1, 2, 3) * 3:  # 3-3-3: no majority, all three again (R-VOTE-3)
        keys.press(DIGIT[n], widget=table)
    keys.press(K.Key_Return, M.ControlModifier, widget=table)
    assert console.vote.round.number == 2
    assert highlighted(console) == first_voter_row(console)
    keys.press(K.Key_3, widget=table)
    assert ballots_of(case.id) == {desk.voting[0]: "unfit"}


def test_each_case_scorecards_start_at_the_first_score_cell(qtbot, window):
    """After case 1's scorecards, Ctrl+Down, F5, F8 started at row 9, Decision column,
    and nine score keys went into one decision cell (R-DOC-4)."""
    desk = make_desk()
    first = cases.add_case(desk.sitting_id, add_employee("First").id, "regular")
    second = cases.add_case(desk.sitting_id, add_employee("Second").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    grid = console.scores.table
    keys.press(K.Key_F8)
    assert (grid.currentRow(), grid.currentColumn()) == (0, SCORE)
    for _ in desk.voting:
        keys.press(K.Key_1, widget=grid)
    assert grid.currentRow() == -1  # every member has a scorecard: no cell a key could change
    keys.press(K.Key_5, widget=grid)
    keys.press(K.Key_End, widget=grid)  # the secretary looks at the last member's decision
    keys.press(K.Key_Right, widget=grid)
    assert (grid.currentRow(), grid.currentColumn()) == (len(desk.voting) - 1, DECISION)
    assert len(scorecards.scorecards_of(first.id)) == len(desk.voting)
    keys.press(K.Key_Down, M.ControlModifier, widget=grid)
    assert console.case.id == second.id
    keys.press(K.Key_F5)
    keys.press(K.Key_F8)
    assert (grid.currentRow(), grid.currentColumn()) == (0, SCORE)
    scores = [2, 1, 3, 2, 1, 4, 2, 1, 2]
    for n in scores:
        keys.press(DIGIT[n], widget=grid)
    saved = scorecards.scorecards_of(second.id)
    names = ("excellent", "good", "satisfactory", "unsatisfactory")
    assert {seat: card.score for seat, card in saved.items()} == {
        seat: names[n - 1] for seat, n in zip(desk.voting, scores, strict=True)
    }
    assert all(card.decision == "" for card in saved.values())  # nobody has voted yet


def test_a_unanimous_regular_case_with_its_scorecards_takes_at_most_16_keys(qtbot, window):
    """R-DOC-4: nine scorecards, each member's decision and grade from his own ballots;
    from the case selected to the next one selected in at most 16 keystrokes."""
    from tests.ui.driver import keys_for_case

    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee("A", grade="2").id, "regular")
    after = cases.add_case(desk.sitting_id, add_employee("B", grade="2").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    assert keys_for_case(keys, console, "scorecards") <= 16
    view = cases.get_case(case.id)
    assert (view.decision, view.grade_result) == ("fits", "grade:2")
    cards = scorecards.scorecards_of(case.id)
    assert sorted(cards) == sorted(desk.voting)
    assert {(c.score, c.decision, c.grade) for c in cards.values()} == {
        ("excellent", "fits", "grade:2")
    }
    assert console.case.id == after.id
    assert scorecards.scorecards_of(after.id) == {}  # nothing filled by default


def test_each_scorecard_takes_the_members_own_ballots_unless_typed(qtbot, window):
    """R-DOC-4: a 5-4 split; each card says what its member voted, a typed decision stays,
    and a card scored before the count gets the member's ballot at the count."""
    desk = make_desk()
    case = cases.add_case(desk.sitting_id, add_employee(grade="2").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    grid = console.scores.table
    keys.press(K.Key_F8)
    keys.press(K.Key_2, widget=grid)  # the chair's score, before any vote
    keys.press(K.Key_Up, widget=grid)
    keys.press(K.Key_Right, widget=grid)
    keys.press(K.Key_3, widget=grid)  # the chair's own decision: "unfit", typed
    first = scorecards.scorecards_of(case.id)[desk.voting[0]]
    assert (first.score, first.decision) == ("good", "unfit")
    keys.press(K.Key_F5)
    votes = (1, 1, 1, 1, 1, 3, 3, 3, 3)
    for n in votes:
        keys.press(DIGIT[n], widget=console.vote.form.ballotTable)
    keys.press(K.Key_Return, M.ControlModifier)
    assert cases.get_case(case.id).decision == "fits"
    assert scorecards.scorecards_of(case.id)[desk.voting[0]].decision == "unfit"  # typed
    keys.press(K.Key_Return, M.ControlModifier)  # nobody voted on the grade: refused
    keys.press(K.Key_1, M.AltModifier)
    keys.press(K.Key_Return, M.ControlModifier)
    keys.press(K.Key_F8)
    assert (grid.currentRow(), grid.currentColumn()) == (1, DECISION)  # where he left it
    keys.press(K.Key_Left, widget=grid)
    for _seat in desk.voting[1:]:
        keys.press(K.Key_3, widget=grid)
    assert grid.currentRow() == -1
    cards = scorecards.scorecards_of(case.id)
    options = ("fits", "recertify", "unfit")
    assert {seat: card.decision for seat, card in cards.items()} == {
        seat: "unfit" if i == 0 else options[n - 1]
        for i, (seat, n) in enumerate(zip(desk.voting, votes, strict=True))
    }
    assert {card.grade for card in cards.values()} == {"grade:2"}


def test_the_idle_lock_and_a_cancelled_dialog_leave_the_highlight_where_it_was(
    qtbot, window, monkeypatch
):
    """The secretary chose the fourth member with the arrows; Ctrl+R cancelled, the room
    display opened and closed, the interview tab and back, the idle lock and a new
    sign-in: the next key is still the fourth member's ballot (R-VOTE-1)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    from kzcommission.services.context import current_actor
    from kzcommission.services.installation import accounts
    from kzcommission.ui.idle_lock import install_idle_lock
    from kzcommission.ui.login_dialog import LoginDialog
    from tests.ui.driver import activate

    accounts.create_user("admin", "password-0", "administrator")
    accounts.authenticate("admin", "password-0")
    accounts.create_user("clerk", "password-1", "secretary")
    accounts.authenticate("clerk", "password-1")
    desk, case, console, keys, table = regular_case(qtbot, window)
    keys.press(K.Key_F5)
    keys.press(K.Key_1, widget=table)
    for _ in range(3):
        keys.press(K.Key_Down, widget=table)
    assert highlighted(console) == 4  # the secretary's own choice, past the next voter
    keys.press(K.Key_R, M.ControlModifier, widget=table)
    qtbot.waitUntil(lambda: isinstance(console.dialog, QInputDialog))
    keys.press(K.Key_Escape, widget=console.dialog)
    qtbot.waitUntil(lambda: not console.dialog.isVisible())
    activate(qtbot, console)
    keys.press(K.Key_F10, M.ControlModifier, widget=console)  # the room display, and away
    qtbot.waitUntil(lambda: console.chair.display is not None)
    console.chair.display.close()
    activate(qtbot, console)
    keys.press(K.Key_F4, widget=console)
    keys.press(K.Key_F9, widget=console)
    lock = install_idle_lock(QApplication.instance(), "en", minutes=5)

    def sign_in_again() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        qtbot.keyClicks(dialog.name, "clerk")
        qtbot.keyClicks(dialog.password, "password-1")
        qtbot.keyClick(dialog.password, K.Key_Return)
        signed_in.append(current_actor().name)

    signed_in: list[str] = []
    QTimer.singleShot(100, sign_in_again)
    try:
        lock.lock()
    finally:
        QApplication.instance().removeEventFilter(lock)
        lock.set_minutes(0)
    assert signed_in == ["clerk"]
    activate(qtbot, console)
    keys.press(K.Key_F9, widget=console)
    assert highlighted(console) == 4
    keys.press(K.Key_3, widget=table)
    assert ballots_of(case.id) == {desk.voting[0]: "fits", desk.voting[4]: "unfit"}
    assert highlighted(console) == 5  # on to the next voter without a ballot


def test_a_digit_in_the_case_list_jumps_to_no_other_case(qtbot, window):
    """The list's type-ahead took "2" for case 2: a ballot typed there changed the case."""
    from kzcommission.i18n import tr

    desk = make_desk()
    first = cases.add_case(desk.sitting_id, add_employee("First").id, "regular")
    cases.add_case(desk.sitting_id, add_employee("Second").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_2, widget=console.form.caseList)
    assert console.case.id == first.id
    assert console.form.messageLabel.text() == tr("vote.needs_presence", "en")
    keys.press(K.Key_F9)  # nothing to vote yet: the focus waits in the case list
    assert console.form.caseList.hasFocus()
    keys.press(K.Key_F5)
    console.form.caseList.setFocus()
    keys.press(K.Key_2, widget=console.form.caseList)
    assert console.case.id == first.id and ballots_of(first.id) == {}
    assert console.form.messageLabel.text() == tr("console.digit_in_cases", "en")


def test_scorecards_start_on_the_first_member_when_the_case_was_shown_before_the_roll_call(
    qtbot, window
):
    """Walked on a real screen: the console opened on case 1 before anyone was marked
    present; after the roll call and the votes, F8 highlighted no cell and nine score keys
    recorded nothing (R-DOC-4)."""
    desk = make_desk(present=0)
    case = cases.add_case(desk.sitting_id, add_employee("Early", grade="2").id, "regular")
    console = open_console(qtbot, window, desk.sitting_id)
    keys = Keys(qtbot)
    keys.press(K.Key_F2)
    roll = console.attendance.table
    for _ in console.commission.seats:
        keys.press(K.Key_P, widget=roll)
    keys.press(K.Key_F3)
    keys.press(K.Key_F5)
    for _ in range(2):  # the decision, then the grade at stake
        keys.press(K.Key_1, M.AltModifier)
        keys.press(K.Key_Return, M.ControlModifier)
    keys.press(K.Key_F8)
    grid = console.scores.table
    assert (grid.currentRow(), grid.currentColumn()) == (0, SCORE)
    for _ in desk.voting:
        keys.press(K.Key_2, widget=grid)
    saved = scorecards.scorecards_of(case.id)
    assert sorted(saved) == sorted(desk.voting)
    assert {c.score for c in saved.values()} == {"good"}
