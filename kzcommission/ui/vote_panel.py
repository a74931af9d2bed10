"""The open vote by name on the current case: one row per member, keys 1-5.

The options are those of the case's rule set, already narrowed by R-DEC-5 and,
in a re-vote, by R-VOTE-3; the grade vote offers the grades at stake (R-DEC-3).
With no grade at stake no one-option vote is opened: the panel says so and
Ctrl+Shift+G records "no grounds" in one step. The secretary, absent and recused members are shown
disabled with the reason. While quorum is lost the whole panel is disabled and
says why (R-QUO-2); the services refuse ballots in any case. A line above the
ballots says who presides over the case (R-VOTE-4); when the count of a tie is
refused because nobody does, the panel asks who presides, then counts.

A ballot key records the ballot of the member highlighted, and only his
(R-VOTE-1, issue 14). Every round (a new case, a re-vote, the grade vote) starts
on the first voter without a ballot; after a ballot the highlight moves to the
next voter without one, and when every voter has one nothing is highlighted, so
no stray key can change a ballot. A row the secretary chose himself (arrows,
mouse) stays while it is a voter's row; any other change (attendance, recusal,
undo, a count) puts the highlight back on the first voter without a ballot.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.recount import DISCARDED
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation.commissions import CommissionView
from kzcommission.services.sitting import cases, followup, grades, presiding, voting
from kzcommission.services.sitting.cases import CaseView
from kzcommission.services.sitting.voting import RoundView
from kzcommission.ui.case_panel import Host
from kzcommission.ui.dialogs import REFUSED, ask_text, attempt
from kzcommission.ui.form_types import VotePanelForm
from kzcommission.ui.forms import load_form, reserve_lines
from kzcommission.ui.labels import option_label, role_label
from kzcommission.ui.presiding_dialog import PresidingDialog
from kzcommission.ui.table_fit import fit_side_column, fit_vote_list

DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
# Keys that move the highlight among the voters (the greyed rows are skipped).
MOVES = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -100,
    Qt.Key.Key_PageDown: 100,
    Qt.Key.Key_Home: -100,
    Qt.Key.Key_End: 100,
}


class VotePanel(QWidget):
    def __init__(self, host: Host, commission: CommissionView, sitting_id: int) -> None:
        super().__init__()
        self.host = host
        self.lang = host.lang
        self.commission = commission
        self.sitting_id = sitting_id
        self.case: CaseView | None = None
        self.round: RoundView | None = None
        self.no_grade_pending = False  # R-DEC-3: no grade at stake, "no grounds" in one step
        self.voters: tuple[int, ...] = ()
        self.quorum_valid = True
        self.shown: tuple[int, int] | None = None  # (case, round) the highlight belongs to
        self.chosen = False  # the secretary moved the highlight himself
        self.moving = False  # the panel is moving it
        self.on_focus_lost: Callable[[], None] | None = None  # where the focus goes then
        self.form = f = load_form(VotePanelForm, self.lang, self)
        layout = QVBoxLayout(self)
        self.presidingLabel = QLabel(objectName="presidingLabel")
        self.presidingLabel.setWordWrap(True)
        layout.addWidget(self.presidingLabel)
        layout.addWidget(f.widget)
        table = f.ballotTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(
            [tr(f"vote.col.{c}", self.lang) for c in ("member", "vote", "note")]
        )
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_vote_list(table)
        fit_side_column(f.sideScroll)
        table.installEventFilter(self)
        table.currentCellChanged.connect(self._cell_changed)
        f.unanimousButton.clicked.connect(lambda: self.unanimous(1))
        f.countButton.clicked.connect(self.count)
        f.undoButton.clicked.connect(lambda: self.host.undo())
        f.recuseButton.clicked.connect(self.recuse)
        f.blockedLabel.hide()
        reserve_lines(f.resultLabel, 3)
        reserve_lines(f.tallyLabel, 2)
        reserve_lines(f.optionsLabel, 2)  # five options, or the R-DEC-3 one-step hint

    # -- state --------------------------------------------------------------------------
    def subject(self) -> str | None:
        """What is to be voted on the case now, if anything."""
        case = self.case
        if case is None or case.appearance != "present":
            return None
        if case.decision is None:
            return voting.DECISION
        if voting.needs_grade_vote(case.id):
            return voting.GRADE
        return None

    def set_case(self, view: CaseView | None) -> None:
        if view is None or self.case is None or view.id != self.case.id:
            self.shown = None  # another case: its round starts on its first voter
        self.case = view
        self.round = None
        subject = self.subject()
        self.no_grade_pending = subject == voting.GRADE and grades.one_step(view.id)
        if view is not None and subject is not None and not self.no_grade_pending:
            opened = attempt(self.host.error, voting.open_round, view.id, subject)
            self.round = None if opened is REFUSED else opened
        self.refresh()

    def set_quorum(self, valid: bool) -> None:
        self.quorum_valid = valid
        self.refresh()

    def refresh(self, *, reread: bool = True) -> None:
        """Show the case's round. ``reread=False`` after a ballot: the service returned the
        round as it now stands, and a ballot changes neither the voters nor who presides
        (issue 20: a ballot key costs at most 10 statements)."""
        f = self.form
        view = self.case
        if reread:
            if self.round is not None:
                self.round = voting.live_tally(self.round.id)
            self.voters = cases.voters_of(view.id) if view is not None else ()
        open_round = self.round is not None and self.round.status == "open"
        f.blockedLabel.setVisible(open_round and not self.quorum_valid)
        f.blockedLabel.setText(tr("vote.blocked", self.lang))
        usable = open_round and self.quorum_valid
        had_focus = f.ballotTable.hasFocus()
        for widget in (f.ballotTable, f.unanimousButton, f.countButton, f.recuseButton):
            widget.setEnabled(usable)
        if had_focus and not usable and self.on_focus_lost is not None:
            self.on_focus_lost()  # not onto a button a stray Space would press
        f.roundLabel.setText(self._round_title())
        f.optionsLabel.setText(self._legend())
        if reread:
            self._show_presiding()
        self._fill_rows()
        self._fill_tally()
        if reread:  # the closed rounds; a ballot only changes the open one
            self._fill_history()

    def _round_title(self) -> str:
        if self.case is None:
            return tr("case.none", self.lang)
        if self.round is None:
            if self.case.status == "postponed":  # R-SIT-3: its vote is at a later sitting
                moved = followup.moved_to(self.case.id)
                if moved is None:
                    return tr("vote.postponed", self.lang)
                number, held_on = moved
                return tr(
                    "vote.postponed_moved",
                    self.lang,
                    number=number,
                    date=held_on.strftime("%d.%m.%Y"),
                )
            if self.case.appearance != "present" and self.case.decision is None:
                return tr("vote.needs_presence", self.lang)
            if self.no_grade_pending:
                return tr("vote.no_grade_title", self.lang)
            return tr("vote.finished", self.lang)
        key = "vote.round_grade" if self.round.subject == voting.GRADE else "vote.round_decision"
        return tr(key, self.lang, number=self.round.number)

    def _show_presiding(self) -> None:
        """R-VOTE-4: who presides over this case, or that nobody does while it matters."""
        label = self.presidingLabel
        if self.case is None or self.round is None:
            label.setText("")
            return
        view = presiding.presiding_of(self.case.id, self.voters)
        if view.presiding_id is None:
            label.setText(tr("vote.presiding_nobody", self.lang))
            label.setStyleSheet("color:#b00020;font-weight:bold;")
            return
        seat = next((s for s in self.commission.seats if s.id == view.presiding_id), None)
        name = (seat.holder_name if seat else "") or "—"
        key = "vote.presiding_chair" if view.chair_presides else "vote.presiding"
        label.setText(tr(key, self.lang, name=name))
        label.setStyleSheet("")

    def _legend(self) -> str:
        if self.round is None:  # R-DEC-3: with no grade at stake, what to press instead
            return tr("vote.no_grade_one_step", self.lang) if self.no_grade_pending else ""
        return "   ".join(
            f"[{n}] {option_label(o, self.lang)}" for n, o in enumerate(self.round.options, 1)
        )

    def _note(self, seat_id: int, role: str) -> str:
        if role == "secretary":
            return tr("vote.secretary", self.lang)
        if self.case is not None and seat_id in self.case.recused:
            return tr("vote.recused", self.lang, reason=self.case.recused[seat_id])
        if seat_id not in self.voters:
            return tr("vote.absent", self.lang)
        return ""

    def _fill_rows(self) -> None:
        table = self.form.ballotTable
        seats = self.commission.seats
        self.moving = True  # new items under the highlight are no choice of the secretary
        try:
            self._fill_items(table, seats)
        finally:
            self.moving = False
        table.resizeColumnToContents(1)
        self._place()

    def _fill_items(self, table: QTableWidget, seats: tuple) -> None:
        table.setRowCount(len(seats))
        ballots = self.round.ballots if self.round else {}
        for row, seat in enumerate(seats):
            name = f"{seat.holder_name or '—'} ({role_label(seat.role, self.lang)})"
            vote = ballots.get(seat.id)
            items = (
                QTableWidgetItem(name),
                QTableWidgetItem(option_label(vote, self.lang) if vote else ""),
                QTableWidgetItem(self._note(seat.id, seat.role)),
            )
            votes = seat.id in self.voters
            for column, item in enumerate(items):
                if not votes:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, greyed, not choosable
                table.setItem(row, column, item)

    def _place(self) -> None:
        """Put the highlight where the next key must land (see the module's note)."""
        r = self.round
        if r is None or r.status != "open":
            self.shown = None
            self._go_to(-1)
            return
        row = self.form.ballotTable.currentRow()
        voter_rows = self._voter_rows()
        if (r.case_id, r.id) != self.shown:
            self.shown = (r.case_id, r.id)
            self._go_to(self._next_without())
        elif self.chosen and row in voter_rows:
            return
        elif row in voter_rows and self.commission.seats[row].id not in r.ballots:
            self.chosen = False
        else:
            self._go_to(self._next_without())

    def _fill_tally(self) -> None:
        if self.round is None:
            self.form.tallyLabel.setText("")
            return
        counts = self.round.counts()
        parts = [f"{option_label(o, self.lang)}: {counts.get(o, 0)}" for o in self.round.options]
        self.form.tallyLabel.setText(
            tr(
                "vote.tally",
                self.lang,
                counts=" · ".join(parts),
                cast=len(self.round.ballots),
                voters=len(self.voters),
            )
        )

    def _fill_history(self) -> None:
        f = self.form
        f.roundsList.clear()
        if self.case is None:
            f.resultLabel.setText("")
            return
        last = ""
        for r in voting.rounds_of(self.case.id):
            if r.status not in ("closed", DISCARDED):
                continue
            last = self.describe(r)
            f.roundsList.addItem(last)
        f.resultLabel.setText(last)

    def describe(self, r: RoundView) -> str:
        counts = ", ".join(f"{option_label(o, self.lang)} {n}" for o, n in r.counts().items())
        subject = tr(f"vote.subject.{r.subject}", self.lang)
        if r.status == DISCARDED:  # R-DEC-5 changed the options while it was open
            outcome = tr("vote.result_discarded", self.lang)
        elif r.adopted is not None:
            key = "vote.result_casting" if r.casting_vote_used else "vote.result_adopted"
            outcome = tr(key, self.lang, option=option_label(r.adopted, self.lang))
        else:
            runoff = ", ".join(option_label(o, self.lang) for o in r.runoff)
            outcome = tr("vote.result_revote", self.lang, options=runoff)
        return tr(
            "vote.round_line",
            self.lang,
            subject=subject,
            number=r.number,
            counts=counts,
            outcome=outcome,
        )

    # -- navigation ---------------------------------------------------------------------
    def _voter_rows(self) -> list[int]:
        return [i for i, s in enumerate(self.commission.seats) if s.id in self.voters]

    def _next_without(self, after: int = -1) -> int:
        """The first voter's row without a ballot after ``after`` (wrapping), or -1."""
        ballots = self.round.ballots if self.round else {}
        rows = self._voter_rows()
        ordered = [r for r in rows if r > after] + [r for r in rows if r <= after]
        seats = self.commission.seats
        return next((r for r in ordered if seats[r].id not in ballots), -1)

    def _go_to(self, row: int) -> None:
        """Move the highlight (-1: none) as the panel's own move, not the secretary's."""
        table = self.form.ballotTable
        self.moving = True
        try:
            if row >= 0:
                table.setCurrentCell(row, 1)
            else:
                table.setCurrentIndex(QModelIndex())
                table.clearSelection()
        finally:
            self.moving = False
        self.chosen = False

    def _cell_changed(self, row: int, *_: int) -> None:
        if not self.moving and row >= 0:
            self.chosen = True  # a click: the secretary chose this member

    def _move(self, step: int) -> None:
        """The arrows: to the next or previous voter, skipping the greyed rows."""
        rows = self._voter_rows()
        if self.round is None or self.round.status != "open" or not rows:
            return
        row = self.form.ballotTable.currentRow()
        if row not in rows:
            index = 0 if step > 0 else len(rows) - 1
        else:
            index = max(0, min(rows.index(row) + step, len(rows) - 1))
        self._go_to(rows[index])
        self.chosen = True

    def show_member(self, seat_id: int) -> None:
        """Highlight this member (after his ballot was undone), if he votes now."""
        rows = [r for r in self._voter_rows() if self.commission.seats[r].id == seat_id]
        if rows and self.round is not None and self.round.status == "open":
            self._go_to(rows[0])

    def focus(self) -> None:
        self.form.ballotTable.setFocus()

    # -- entries ------------------------------------------------------------------------
    def ballot(self, row: int, number: int) -> None:
        if self.round is None or not 1 <= number <= len(self.round.options):
            return
        seat_id = self.commission.seats[row].id
        previous = self.round.ballots.get(seat_id)
        option = self.round.options[number - 1]
        cast = attempt(self.host.error, voting.cast_ballot, self.round.id, seat_id, option)
        if cast is REFUSED:
            return
        self.round = cast
        self.host.push_undo(("ballot", self.case.id, self.round.id, seat_id, previous))
        self.refresh(reread=False)
        self._go_to(self._next_without(row))

    def retract(self, row: int) -> None:
        if self.round is None:
            return
        seat_id = self.commission.seats[row].id
        previous = self.round.ballots.get(seat_id)
        if previous is None:
            return
        retracted = attempt(self.host.error, voting.retract_ballot, self.round.id, seat_id)
        if retracted is REFUSED:
            return
        self.round = retracted
        self.host.push_undo(("ballot_back", self.case.id, self.round.id, seat_id, previous))
        self.refresh(reread=False)

    def unanimous(self, number: int) -> None:
        """Every voter for option ``number``: a show of hands where all hands go up."""
        if self.round is None or not 1 <= number <= len(self.round.options):
            return
        previous = dict(self.round.ballots)
        cast = attempt(
            self.host.error, voting.cast_all, self.round.id, self.round.options[number - 1]
        )
        if cast is REFUSED:
            return
        self.round = cast
        self.host.push_undo(("all", self.case.id, self.round.id, previous))
        self.refresh(reread=False)

    def count(self) -> None:
        """Close the round: adopted, casting vote, or the re-vote; then the grade vote."""
        if self.round is None or self.case is None:
            return
        tie_unpresided = False

        def refused(exc: ServiceError) -> None:
            nonlocal tie_unpresided
            self.host.error(exc)
            # a tie with nobody presiding (R-VOTE-4): ask who does, then count
            tie_unpresided = exc.rule_id == "R-VOTE-4" and exc.field == "presiding"

        counted = attempt(refused, voting.close_round, self.round.id)
        if counted is REFUSED:
            if tie_unpresided:
                self.ask_presiding(tie=True)
            return
        closed, _result = counted
        self.host.message(self.describe(closed))
        view = cases.get_case(self.case.id)
        self.host.case_changed(view)  # opens the next round (re-vote or grade) if one is due

    def ask_presiding(self, tie: bool = False) -> None:
        """Name who presides over the current case among its voters (R-VOTE-4)."""
        if self.case is None:
            return
        view = presiding.presiding_of(self.case.id)
        if view.chair_presides:
            self.host.message(tr("presiding.chair_votes", self.lang))
            return
        ballots = self.round.ballots if tie and self.round is not None else None
        dialog = PresidingDialog(
            self.lang,
            self.case,
            view,
            list(self.commission.seats),
            tie,
            self.host,  # type: ignore[arg-type]
            ballots,
        )
        dialog.chosen.connect(lambda _view: self._presiding_named(tie))
        self.host.dialog = dialog
        dialog.open()

    def _presiding_named(self, tie: bool) -> None:
        self.refresh()
        if tie:
            self.count()
        else:
            self.host.message(self.presidingLabel.text())

    def record_no_grade(self) -> None:
        """Ctrl+Shift+G: with no grade at stake, "no grounds" without a vote (R-DEC-3)."""
        if self.case is None:
            return
        if not self.no_grade_pending:
            self.host.message(tr("vote.no_grade_not_now", self.lang))
            return
        view = attempt(self.host.error, grades.record_no_grade, self.case.id)
        if view is REFUSED:
            return
        self.host.message(tr("vote.no_grade_recorded", self.lang))
        self.host.case_changed(view)

    def recuse(self) -> None:
        row = self.form.ballotTable.currentRow()
        if self.case is None or row < 0:
            return
        seat_id, case_id = self.commission.seats[row].id, self.case.id

        def recuse_without_ballot(reason: str) -> CaseView:
            if self.round is not None and seat_id in self.round.ballots:
                voting.retract_ballot(self.round.id, seat_id)
            return cases.recuse(case_id, seat_id, reason)

        def done(reason: str) -> None:
            view = attempt(self.host.error, recuse_without_ballot, reason)
            if view is not REFUSED:
                self.host.case_changed(view)

        seat = self.commission.seats[row]
        name = seat.holder_name or role_label(seat.role, self.lang)
        ask_text(
            self.host,
            tr("vote.recuse", self.lang),  # type: ignore[arg-type]
            tr("vote.recuse_reason_named", self.lang, name=name),
            done,
        )

    def withdraw_recusal(self) -> None:
        table = self.form.ballotTable
        if self.case is None:
            return
        recused = [i for i, s in enumerate(self.commission.seats) if s.id in self.case.recused]
        row = table.currentRow() if table.currentRow() in recused else (recused or [-1])[0]
        if row < 0:
            return
        view = attempt(
            self.host.error, cases.withdraw_recusal, self.case.id, self.commission.seats[row].id
        )
        if view is not REFUSED:
            self.host.case_changed(view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            watched is self.form.ballotTable
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            return False
        key = event.key()
        row = self.form.ballotTable.currentRow()
        if key in MOVES:
            self._move(MOVES[key])
            return True
        if key in DIGITS:
            if row >= 0:
                self.ballot(row, DIGITS[key])
            elif self.round is not None and self.round.status == "open":
                self.host.message(tr("vote.nobody_highlighted", self.lang))
            return True  # never a search among the names: a digit is a ballot or nothing
        if row >= 0 and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.retract(row)
            return True
        return False
