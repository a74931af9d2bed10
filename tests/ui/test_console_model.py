"""Issue 14: the console against a model of what the secretary meant (R-VOTE-1, R-DOC-4).

A hypothesis state machine presses real keys on the real sitting console in
random orders: cases forward and back, F5, F6 (reason given or cancelled), F7
(the proposal declined), ballot keys, arrows, Delete, Alt+n, Ctrl+Enter, Ctrl+Z
(ballots and appearances), recusal (done and cancelled) and its withdrawal, a
late arrival, a member leaving and coming back, the room display, the interview
tab, the scorecards' score and decision keys (on the cases whose rule set asks for
scorecards: elsewhere F8 only says there are none, R-DOC-4). Not modelled: the chair's recusal
(who presides is tested in test_presiding), a lost quorum, the grade column's
G/N keys (test_scorecard_grade). The model keeps what the secretary meant: whose row is
highlighted, hence whose ballot or score a key records. After every step the
database must hold exactly the model's ballots and scorecards, for the members
the model expects, and the screen must show the same highlight and counts.

The highlight rules the model encodes (issue 14 item 1): a round starts on the
first voter without a ballot; a ballot moves to the next voter without one (none
left: no highlight); a row the secretary chose with the arrows stays while he
votes; undoing a ballot goes back to that member; a score moves to the next
member without a scorecard; each case's grid starts on the first member without one
(members who do not vote on the case are passed over).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from kzcommission.domain.kinds import (
    EXTRAORDINARY_OPTIONS,
    NO_GRADE_OPTION,
    POSITIVE_OPTIONS,
    REGULAR_OPTIONS,
    Score,
)
from kzcommission.domain.voting import BallotError, tally
from kzcommission.services.sitting import cases, scorecards, voting

K = Qt.Key
M = Qt.KeyboardModifier
SCORES = tuple(s.value for s in Score)
VOTING = 6  # the chair and five members; the secretary sits on the last row
LATE = 5  # the member who arrives late (index among the voting seats)
LEAVER = 4  # the member who leaves and comes back
SCORE_COL, DECISION_COL = 1, 2
GRADE_OPTIONS = ("grade:2", NO_GRADE_OPTION)


@dataclass
class MRound:
    subject: str
    number: int
    options: tuple[str, ...]
    ballots: dict[int, str] = field(default_factory=dict)
    status: str = "open"
    adopted: str | None = None
    runoff: tuple[str, ...] = ()


@dataclass
class MCase:
    id: int
    kind: str
    present: bool = False
    decision: str | None = None
    grade: str | None = None
    rounds: list[MRound] = field(default_factory=list)
    recused: list[int] = field(default_factory=list)
    cards: dict[int, dict[str, str]] = field(default_factory=dict)
    scorecards: bool = True  # R-DOC-4: the Scores tab only where the rule set asks for them

    @property
    def options(self) -> tuple[str, ...]:
        return EXTRAORDINARY_OPTIONS if self.kind == "extraordinary" else REGULAR_OPTIONS

    def open_round(self) -> MRound | None:
        return next((r for r in self.rounds if r.status == "open"), None)

    def live_round(self) -> MRound | None:
        """The round the vote panel shows: the open one, while there is something to vote."""
        return self.open_round() if self.subject() else None

    def subject(self) -> str | None:
        if not self.present:
            return None
        if self.decision is None:
            return voting.DECISION
        if self.kind == "regular" and self.decision in POSITIVE_OPTIONS and self.grade is None:
            return voting.GRADE
        return None

    def adopted_ballot(self, subject: str, seat: int) -> str:
        done = [r for r in self.rounds if r.subject == subject and r.adopted is not None]
        return done[-1].ballots.get(seat, "") if done else ""


class ConsoleMachine(RuleBasedStateMachine):
    """One sitting, three cases, six voting members; the real console, the real keys."""

    qtbot = None  # set by the test

    @initialize()
    def open_console(self) -> None:
        from kzcommission.services.context import reset_actor
        from kzcommission.services.installation.database import open_database
        from kzcommission.ui.console import SittingConsole
        from tests.services.helpers import add_employee, make_desk

        self.folder = tempfile.TemporaryDirectory()
        reset_actor()
        open_database(Path(self.folder.name) / "model.sqlite3")
        self.desk = make_desk(members=VOTING, held_on=date(2024, 9, 17), present=VOTING - 1)
        self.seats = self.desk.voting
        self.cases = [
            # R-DEC-3: grade 2 is at stake on a regular case because he holds it.
            MCase(cases.add_case(self.desk.sitting_id, add_employee(n, grade=g).id, kind).id, kind)
            for n, kind, g in (
                ("A", "regular", "2"),
                ("B", "extraordinary", ""),
                ("C", "regular", "2"),
            )
        ]
        for case in self.cases:
            case.scorecards = cases.ruleset_of(cases.get_case(case.id)).scorecards_required
        self.in_room = set(self.seats[:LATE])
        self.index = 0
        self.console = SittingConsole("en", self.desk.sitting_id, lambda: None)
        self.console.resize(1400, 900)
        self.console.show()
        self.console.activateWindow()
        QApplication.processEvents()
        self.console.form.caseList.setFocus()
        self.focus = "cases"
        self.undo: list[tuple] = []
        self.pending: dict[int, dict[str, str]] = {}
        self.shown: tuple | None = None  # the round the highlight belongs to
        self.highlight: int | None = None  # a seat id
        self.chosen = False
        self.grid: tuple[int, int] | None = None  # (index among voting seats, column)
        self._case_shown()

    def teardown(self) -> None:
        from kzcommission.services.installation.database import close_database

        if hasattr(self, "console"):
            if self.console.chair.display is not None:
                self.console.chair.display.close()
            self.console.close()
            self.console.deleteLater()
            QApplication.processEvents()
            close_database()
            self.folder.cleanup()

    # -- the model -------------------------------------------------------------------
    @property
    def case(self) -> MCase:
        return self.cases[self.index]

    def voters(self, case: MCase) -> list[int]:
        return [s for s in self.seats if s in self.in_room and s not in case.recused]

    def _ensure_round(self) -> None:
        """What VotePanel.set_case does: open the round that is due, if any."""
        case = self.case
        subject = case.subject()
        if subject is None or case.open_round() is not None:
            return
        earlier = [r for r in case.rounds if r.subject == subject]
        if earlier and earlier[-1].runoff:
            options = earlier[-1].runoff
        else:
            options = case.options if subject == voting.DECISION else GRADE_OPTIONS
        case.rounds.append(MRound(subject, len(earlier) + 1, options))

    def _first_without(self, after: int | None = None) -> int | None:
        """The first voter without a ballot (after ``after``, wrapping round)."""
        rnd = self.case.live_round()
        voters = self.voters(self.case)
        if after is not None and after in self.seats:
            start = self.seats.index(after) + 1
            order = [s for s in self.seats[start:] + self.seats[:start] if s in voters]
        else:
            order = voters
        return next((s for s in order if s not in rnd.ballots), None)

    def _settle(self) -> None:
        """Where the highlight is after the panel refreshes."""
        case, rnd = self.case, self.case.live_round()
        if rnd is None:
            self.shown, self.highlight, self.chosen = None, None, False
            if self.focus == "vote":
                self.focus = "cases"  # the ballots are disabled: the focus goes to the cases
            return
        key = (case.id, rnd.subject, rnd.number)
        voters = self.voters(case)
        if key != self.shown:
            self.shown, self.highlight, self.chosen = key, self._first_without(), False
        elif self.chosen and self.highlight in voters:
            pass
        elif self.highlight in voters and self.highlight not in rnd.ballots:
            self.chosen = False
        else:
            self.highlight, self.chosen = self._first_without(), False

    def _case_shown(self) -> None:
        self.shown = None
        self.pending = {}
        self._ensure_round()
        self._settle()
        cards, voters = self.case.cards, self.voters(self.case)
        first = next((s for s in voters if s not in cards), None)
        self.grid = None if first is None else (self.seats.index(first), SCORE_COL)

    def _case_changed(self) -> None:
        self._ensure_round()
        self._settle()

    def _save_card(self, seat: int, **change: str) -> None:
        case = self.case
        values = dict(case.cards.get(seat, {"score": "", "decision": "", "grade": ""}))
        values.update(self.pending.get(seat, {}))
        values.update(change)
        if not values["score"]:
            self.pending.setdefault(seat, {}).update(change)
            return
        for name, subject in (("decision", voting.DECISION), ("grade", voting.GRADE)):
            if not values[name]:  # R-DOC-4: his own ballot, unless the secretary typed another
                values[name] = case.adopted_ballot(subject, seat)
        case.cards[seat] = values
        self.pending.pop(seat, None)

    def _count(self) -> None:
        case, rnd = self.case, self.case.live_round()
        voters = self.voters(case)
        if any(seat not in voters for seat in rnd.ballots):
            return  # refused: a ballot from a member who left
        try:
            result = tally(
                rnd.ballots,
                voters=voters,
                chair=self.seats[0],
                options=rnd.options,
            )
        except BallotError:
            return  # refused: a ballot is missing
        rnd.status, rnd.adopted, rnd.runoff = "closed", result.adopted, result.runoff
        if result.adopted is not None:
            name = "decision" if rnd.subject == voting.DECISION else "grade"
            setattr(case, name, result.adopted)
            for seat, card in case.cards.items():
                if not card[name] and seat in rnd.ballots:
                    card[name] = rnd.ballots[seat]
        self._case_changed()

    # -- keys --------------------------------------------------------------------------
    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = M.NoModifier) -> None:
        widget = QApplication.focusWidget()
        if widget is None or not self.console.isAncestorOf(widget):
            widget = self.console
        QTest.keyClick(widget, key, modifier)

    @property
    def table(self):  # noqa: ANN201
        return self.console.vote.form.ballotTable

    @property
    def scores(self):  # noqa: ANN201
        return self.console.scores.table

    @rule(step=st.sampled_from([1, -1]))
    def go_to_case(self, step: int) -> None:
        self.press(K.Key_Down if step > 0 else K.Key_Up, M.ControlModifier)
        if 0 <= self.index + step < len(self.cases):
            self.index += step
            self._case_shown()

    @precondition(lambda self: not self.case.present)
    @rule()
    def present(self) -> None:
        self.press(K.Key_F5)
        self.undo.append((self.case.id, "appearance", self.case.present))
        self.case.present = True
        self._case_changed()
        self.focus = "vote"

    def _back_to_console(self) -> None:
        """A dialog or the room display went: the console is active again (as the WM does)."""
        QApplication.processEvents()
        self.console.activateWindow()
        self.qtbot.waitUntil(self.console.isActiveWindow)
        self.focus = "other"

    @precondition(lambda self: self.case.decision is None)
    @rule(key=st.sampled_from(["F6", "F7"]), accept=st.booleans())
    def absent(self, key: str, accept: bool) -> None:
        """F6 asks the reason (given or cancelled); F7 proposes the rule's decision (declined)."""
        from PySide6.QtWidgets import QMessageBox

        self.press(getattr(K, f"Key_{key}"))
        dialog = self.console.dialog
        if key == "F6":
            assert isinstance(dialog, QInputDialog) and dialog.isVisible()
            editor = dialog.findChild(QLineEdit)
            if accept:
                QTest.keyClicks(editor, "illness")
            QTest.keyClick(editor, K.Key_Return if accept else K.Key_Escape)
        else:
            accept = True  # recorded at once; the proposal that follows is declined
            if isinstance(dialog, QMessageBox) and dialog.isVisible():
                no = next(b for b in dialog.buttons() if b is not dialog.defaultButton())
                no.click()
        self._back_to_console()
        if accept:
            self.undo.append((self.case.id, "appearance", self.case.present))
            self.case.present = False
            self._case_changed()

    @rule(result=st.booleans())
    def room_display(self, result: bool) -> None:
        """Ctrl+F10 opens (or closes) the room display; F10 shows the counted vote there."""
        self.press(K.Key_F10, M.ControlModifier)
        self._back_to_console()
        if result:
            self.press(K.Key_F10)

    @rule(key=st.sampled_from(["F4", "F8", "F9"]))
    def focus_tab(self, key: str) -> None:
        self.press(getattr(K, f"Key_{key}"))
        if key == "F8" and not self.case.scorecards:
            return  # no Scores tab on this case (R-DOC-4): a message, the focus stays
        if key == "F9" and self.case.live_round() is None:
            self.focus = "cases"  # the ballots are disabled: the focus waits in the case list
            return
        self.focus = {"F4": "other", "F8": "scores", "F9": "vote"}[key]

    def _look_at(self, where: str) -> None:
        """The secretary goes to the ballots (F9) or the scorecards (F8) if he is not there."""
        if self.focus != where:
            self.press(K.Key_F9 if where == "vote" else K.Key_F8)
            if where == "vote" and self.case.live_round() is None:
                self.focus = "cases"  # the ballots are disabled: the focus waits in the cases
                return
            self.focus = where

    def _type(self, where: str, keys: list[int], one: Callable[[int], None]) -> None:
        """Several digits in one step, everything checked after each of them."""
        self._look_at(where)
        for n in keys:
            one(n)
            self.database_holds_what_the_secretary_meant()
            self.screen_shows_it()

    @rule(keys=st.lists(st.integers(1, 5), min_size=1, max_size=5))
    def ballot_keys(self, keys: list[int]) -> None:
        self._type("vote", keys, self.ballot_key)

    def ballot_key(self, n: int) -> None:
        self.press(getattr(K, f"Key_{n}"))
        rnd, seat = self.case.live_round(), self.highlight
        if self.focus != "vote" or rnd is None or seat is None or n > len(rnd.options):
            return
        self.undo.append((self.case.id, "ballot", rnd, seat, rnd.ballots.get(seat)))
        rnd.ballots[seat] = rnd.options[n - 1]
        self.highlight, self.chosen = self._first_without(after=seat), False

    @rule()
    def delete_key(self) -> None:
        self._look_at("vote")
        if self.focus != "vote":
            return  # no ballots open: the secretary has nothing to move or clear
        self.press(K.Key_Delete)
        rnd, seat = self.case.live_round(), self.highlight
        if rnd is None or seat is None or seat not in rnd.ballots:
            return
        self.undo.append((self.case.id, "ballot_back", rnd, seat, rnd.ballots.pop(seat)))
        self._settle()

    @rule(down=st.booleans())
    def arrow_in_votes(self, down: bool) -> None:
        self._look_at("vote")
        if self.focus != "vote":
            return  # no ballots open: the secretary has nothing to move or clear
        self.press(K.Key_Down if down else K.Key_Up)
        if self.case.live_round() is None:
            return
        voters = self.voters(self.case)
        if not voters:
            return
        if self.highlight is None:
            self.highlight = voters[0] if down else voters[-1]
        else:
            i = voters.index(self.highlight) + (1 if down else -1)
            self.highlight = voters[max(0, min(i, len(voters) - 1))]
        self.chosen = True

    @rule(n=st.integers(1, 3))
    def unanimous(self, n: int) -> None:
        self.press(getattr(K, f"Key_{n}"), M.AltModifier)
        rnd = self.case.live_round()
        if rnd is None or n > len(rnd.options):
            return
        self.undo.append((self.case.id, "all", rnd, dict(rnd.ballots)))
        for seat in self.voters(self.case):
            rnd.ballots[seat] = rnd.options[n - 1]
        self._settle()

    @rule(n=st.integers(1, 3))
    def all_hands_then_count(self, n: int) -> None:
        """The usual way: Alt+n, checked, then Ctrl+Enter."""
        self.unanimous(n)
        self.database_holds_what_the_secretary_meant()
        self.screen_shows_it()
        self.count()

    @rule()
    def count(self) -> None:
        self.press(K.Key_Return, M.ControlModifier)
        if self.case.live_round() is not None:
            self._count()

    @rule()
    def undo_key(self) -> None:
        self.press(K.Key_Z, M.ControlModifier)
        mine = [i for i, e in enumerate(self.undo) if e[0] == self.case.id]
        if not mine:
            return
        entry = self.undo.pop(mine[-1])
        if entry[1] == "appearance":
            if self.case.decision is None:  # refused once the case is decided
                self.case.present = entry[2]
                self._case_changed()
            return
        kind, rnd = entry[1], entry[2]
        if rnd.status != "open":
            return  # refused: the round is counted
        voters = self.voters(self.case)
        if kind in ("ballot", "ballot_back"):
            seat, previous = entry[3], entry[4]
            if previous is None:
                rnd.ballots.pop(seat, None)
            elif seat not in voters:
                return  # refused: he no longer votes
            else:
                rnd.ballots[seat] = previous
            self._case_changed()
            if seat in voters:
                self.highlight, self.chosen = seat, False
            return
        previous = entry[3]
        for seat in list(rnd.ballots):
            if seat in previous:
                if seat not in voters:
                    return  # refused half way, as the console does it
                rnd.ballots[seat] = previous[seat]
            else:
                rnd.ballots.pop(seat)
        self._case_changed()

    def _dialog(self) -> QInputDialog | None:
        dialog = self.console.dialog
        return dialog if isinstance(dialog, QInputDialog) and dialog.isVisible() else None

    @precondition(lambda self: self.highlight != self.seats[0])  # the chair presides
    @rule(accept=st.booleans())
    def recuse(self, accept: bool) -> None:
        self.press(K.Key_R, M.ControlModifier)
        dialog = self._dialog()
        seat = self.highlight
        if seat is None:
            assert dialog is None
            return
        assert dialog is not None
        editor = dialog.findChild(QLineEdit)
        if accept:
            QTest.keyClicks(editor, "conflict")
            QTest.keyClick(editor, K.Key_Return)
        else:
            QTest.keyClick(editor, K.Key_Escape)
        QApplication.processEvents()
        assert self._dialog() is None
        self._back_to_console()
        if not accept:
            return
        rnd = self.case.live_round()
        if rnd is not None:
            rnd.ballots.pop(seat, None)
        self.case.recused.append(seat)
        self.case.recused.sort(key=self.seats.index)
        self._case_changed()

    @rule()
    def withdraw_recusal(self) -> None:
        self.press(K.Key_R, M.ControlModifier | M.ShiftModifier)
        if self.case.recused:
            self.case.recused.pop(0)
            self._case_changed()

    def _attendance(self, index: int, key: Qt.Key) -> None:
        from tests.ui.driver import click_cell

        self.press(K.Key_F2)
        table = self.console.attendance.table
        click_cell(self.qtbot, table, index, 0)
        QTest.keyClick(table, key)
        self.focus = "other"
        self._settle()

    @precondition(lambda self: self.seats[LATE] not in self.in_room)
    @rule()
    def late_arrival(self) -> None:
        self.in_room.add(self.seats[LATE])
        self._attendance(LATE, K.Key_L)

    @rule()
    def leaves_or_returns(self) -> None:
        seat = self.seats[LEAVER]
        if seat in self.in_room:
            self.in_room.discard(seat)
            self._attendance(LEAVER, K.Key_E)
        else:
            self.in_room.add(seat)
            self._attendance(LEAVER, K.Key_P)

    # -- the scorecards ----------------------------------------------------------------
    @precondition(lambda self: self.case.scorecards)
    @rule(keys=st.lists(st.integers(1, 4), min_size=1, max_size=5))
    def scorecard_keys(self, keys: list[int]) -> None:
        self._type("scores", keys, self.score_or_decision_key)

    def score_or_decision_key(self, n: int) -> None:
        self.press(getattr(K, f"Key_{n}"))
        if self.grid is None:
            return
        row, column = self.grid
        seat = self.seats[row]
        if column == SCORE_COL:
            self._save_card(seat, score=SCORES[n - 1])
            cards, voters = self.case.cards, self.voters(self.case)
            order = self.seats[row + 1 :] + self.seats[: row + 1]
            nxt = next((s for s in order if s in voters and s not in cards), None)
            self.grid = None if nxt is None else (self.seats.index(nxt), SCORE_COL)
        elif n <= len(self.case.options):
            self._save_card(seat, decision=self.case.options[n - 1])
            self.grid = (row + 1, DECISION_COL) if row + 1 < len(self.seats) else None

    @precondition(lambda self: self.case.scorecards)
    @rule(key=st.sampled_from(["Up", "Down", "Left", "Right"]))
    def arrow_in_scores(self, key: str) -> None:
        self._look_at("scores")
        if self.grid is None and key in ("Left", "Right"):
            return
        if self.grid is not None:
            row, column = self.grid
            if (key, column) in (("Left", SCORE_COL), ("Right", DECISION_COL)):
                return  # the model keeps to the score and decision columns
        self.press(getattr(K, f"Key_{key}"))
        if self.grid is None:
            self.grid = (0 if key == "Down" else len(self.seats) - 1, SCORE_COL)
            return
        row, column = self.grid
        if key == "Up":
            row = max(0, row - 1)
        elif key == "Down":
            row = min(len(self.seats) - 1, row + 1)
        else:
            column = DECISION_COL if key == "Right" else SCORE_COL
        self.grid = (row, column)

    # -- what must hold after every step ------------------------------------------------
    @invariant()
    def database_holds_what_the_secretary_meant(self) -> None:
        if not hasattr(self, "console"):
            return
        for case in self.cases:
            stored = [
                (r.subject, r.number, r.status, dict(r.ballots)) for r in voting.rounds_of(case.id)
            ]
            meant = [(r.subject, r.number, r.status, dict(r.ballots)) for r in case.rounds]
            assert sorted(stored, key=repr) == sorted(meant, key=repr), (case.id, stored, meant)
            cards = {
                seat: {"score": c.score, "decision": c.decision, "grade": c.grade}
                for seat, c in scorecards.scorecards_of(case.id).items()
            }
            assert cards == case.cards, (case.id, cards, case.cards)
            assert sorted(cases.get_case(case.id).recused) == sorted(case.recused)

    @invariant()
    def screen_shows_it(self) -> None:
        if not hasattr(self, "console"):
            return
        from kzcommission.ui.labels import option_label, score_label

        assert self.console.case.id == self.case.id
        expected = -1 if self.highlight is None else self.seats.index(self.highlight)
        assert self.table.currentRow() == expected, ("highlight", self.table.currentRow())
        rnd = self.case.live_round()
        for row, seat in enumerate(self.seats):
            vote = rnd.ballots.get(seat) if rnd else None
            text = option_label(vote, "en") if vote else ""
            assert self.table.item(row, 1).text() == text, (row, text)
            card = self.case.cards.get(seat)
            score = score_label(card["score"], "en") if card else ""
            assert self.scores.item(row, SCORE_COL).text() == score, (row, score)
        if rnd is not None:
            tally_text = self.console.vote.form.tallyLabel.text()
            voters = len(self.voters(self.case))
            assert f"{len(rnd.ballots)} of {voters} voted" in tally_text, tally_text
        grid = (self.scores.currentRow(), self.scores.currentColumn())
        if self.grid is None:
            assert grid[0] == -1, ("grid", grid)
        else:
            assert grid == self.grid, ("grid", grid, self.grid)


@pytest.mark.slow
def test_every_key_lands_where_the_secretary_looks(qtbot, ui_settings):
    ConsoleMachine.qtbot = qtbot
    run_state_machine_as_test(
        ConsoleMachine,
        settings=settings(
            max_examples=12,
            stateful_step_count=40,
            deadline=None,
            derandomize=True,
            print_blob=True,
            suppress_health_check=list(HealthCheck),
            # KZ_NO_SHRINK=1 while working on it: the failing run shows as found.
            phases=[p for p in Phase if not (os.environ.get("KZ_NO_SHRINK") and p == Phase.shrink)],
        ),
    )


def test_the_model_walks_the_rounds_random_runs_seldom_reach(qtbot, ui_settings):
    """The same machine on one fixed walk: a re-vote, the grade round, a late arrival
    in the middle of a round, an undone ballot, scorecards before and after the count."""
    ConsoleMachine.qtbot = qtbot
    state = ConsoleMachine()
    steps = [
        lambda: state.open_console(),
        lambda: state.scorecard_keys([2, 3]),  # two scores before any vote
        lambda: state.present(),
        lambda: state.ballot_keys([1, 2, 3, 1, 2]),  # 2-2-1 of five: no majority
        lambda: state.count(),  # re-vote between "fits" and "recertify"
        lambda: state.arrow_in_votes(down=True),
        lambda: state.ballot_keys([1]),
        lambda: state.undo_key(),  # back on that member
        lambda: state.late_arrival(),  # a sixth voter mid-round
        lambda: state.ballot_keys([1, 1, 1, 2, 1, 1]),
        lambda: state.count(),  # "fits": the grade round opens on the first voter
        lambda: state.ballot_keys([1, 1]),
        lambda: state.recuse(accept=False),
        lambda: state.all_hands_then_count(1),
        lambda: state.scorecard_keys([1, 1, 1, 1]),
        lambda: state.go_to_case(1),
        lambda: state.present(),
        lambda: state.ballot_keys([5, 5, 5]),
        lambda: state.go_to_case(-1),
        lambda: state.go_to_case(1),  # back: the first voter without a ballot
        lambda: state.ballot_keys([5, 5, 5]),
        lambda: state.count(),
    ]
    try:
        for step in steps:
            step()
            state.database_holds_what_the_secretary_meant()
            state.screen_shows_it()
        case = state.cases[0]
        assert [(r.subject, r.number, r.status) for r in case.rounds] == [
            ("decision", 1, "closed"),
            ("decision", 2, "closed"),
            ("grade", 1, "closed"),
        ]
        assert (case.decision, case.grade) == ("fits", "grade:2")
        assert len(case.cards) == VOTING and state.cases[1].decision == "unfit_dismiss"
    finally:
        state.teardown()
