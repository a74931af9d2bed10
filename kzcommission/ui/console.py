"""The sitting console: attendance and quorum, the cases, and the current case's
interview, scorecards and vote, all at the keyboard (F1 lists the keys).

Every entry goes to a service at once, so a crash loses nothing; the current
case is remembered in the sitting (``set_current_case``) to reopen there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from kzcommission.domain.quorum import QuorumState
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import commissions
from kzcommission.services.sitting import cases, sittings, voting
from kzcommission.services.sitting.cases import CaseView
from kzcommission.ui.attendance_panel import AttendancePanel, show_quorum
from kzcommission.ui.case_panel import CasePanel
from kzcommission.ui.chair_actions import ChairActions
from kzcommission.ui.dialogs import REFUSED, attempt, confirm, error_text
from kzcommission.ui.form_types import SittingConsoleForm
from kzcommission.ui.forms import load_form, reserve_lines
from kzcommission.ui.labels import kind_label, option_label, status_label
from kzcommission.ui.scorecard_panel import ScorecardPanel
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.sitting_actions import SittingActions
from kzcommission.ui.sitting_dialogs import AddCaseDialog
from kzcommission.ui.vote_panel import VotePanel

INTERVIEW_TAB, SCORES_TAB, VOTE_TAB = range(3)


class SittingConsole(QWidget):
    def __init__(self, lang: str, sitting_id: int, on_home: Callable[[], None]) -> None:
        super().__init__()
        self.lang = lang
        self.dialog: object = None
        self.undo_stack: list[tuple] = []
        self.on_home = on_home
        self.sitting = sittings.get_sitting(sitting_id)
        self.commission = commissions.get_commission(self.sitting.commission_id)
        self.opened_at: datetime | None = sittings.opened_at(sitting_id)
        self.case: CaseView | None = None
        self.cases: list[CaseView] = []
        self.form = f = load_form(SittingConsoleForm, lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        self.attendance = AttendancePanel(
            lang, sitting_id, self.commission, self.quorum_changed, self.error
        )
        f.attendanceHost.addWidget(self.attendance)
        self.case_panel = CasePanel(self)
        f.interviewHost.addWidget(self.case_panel)
        self.scores = ScorecardPanel(self, self.commission)
        f.scoresHost.addWidget(self.scores)
        self.vote = VotePanel(self, self.commission, sitting_id)
        f.voteHost.addWidget(self.vote)
        self.paperwork = SittingActions(self)  # print, finalize, export
        self.chair = ChairActions(self)  # the chair's review, the room display
        # The roll call and the case list keep their width; the case itself takes the rest.
        f.attendanceBox.setMinimumWidth(340)
        f.casesBox.setMinimumWidth(230)
        reserve_lines(f.messageLabel, 2)
        for index, stretch in enumerate((0, 0, 1)):
            f.splitter.setStretchFactor(index, stretch)
        f.caseList.currentRowChanged.connect(self._row_chosen)
        f.caseList.installEventFilter(self)  # a digit there is no jump to another case
        self.vote.on_focus_lost = f.caseList.setFocus  # the ballots closed under the focus
        f.addCaseButton.clicked.connect(self.add_case)
        f.openSittingButton.clicked.connect(self.open_sitting)
        f.closeSittingButton.clicked.connect(self.close_sitting)
        self._bind_keys()
        self.clock = QTimer(self)
        self.clock.timeout.connect(self._tick)
        self.clock.start(1000)
        self.load_cases(self.sitting.current_case_id)
        self.quorum_changed(sittings.quorum_state(sitting_id))
        self.refresh_sitting()

    # -- keys ---------------------------------------------------------------------------
    def _bind_keys(self) -> None:
        actions: dict[str, Callable[[], None]] = {
            "focus_attendance": lambda: self.attendance.table.setFocus(),
            "focus_cases": lambda: self.form.caseList.setFocus(),
            "focus_interview": self.focus_interview,
            "present": lambda: self.appearance("present"),
            "absent_excused": lambda: self.appearance("absent_excused"),
            "absent_unexcused": lambda: self.appearance("absent_unexcused"),
            "focus_scores": self.focus_scores,
            "focus_vote": self.focus_vote,
            "next_case": lambda: self.step_case(1),
            "previous_case": lambda: self.step_case(-1),
            "count": self.vote.count,
            "no_grade": self.vote.record_no_grade,  # R-DEC-3: no grade at stake
            "undo": self.undo,
            "recuse": self.vote.recuse,
            "withdraw_recusal": self.vote.withdraw_recusal,
            "restricted": lambda: self.case_panel.set_restricted(None),
            "recording_file": self.case_panel.choose_file,
            "recording_label": self.focus_label,
            "interview_starts": lambda: self.case_panel.mark(start=True),
            "interview_ends": lambda: self.case_panel.mark(start=False),
            "correction": self.case_panel.correction,
            "add_case": self.add_case,
            "open_sitting": self.open_sitting,
            "close_sitting": self.close_sitting,
            "presiding": self.vote.ask_presiding,  # R-VOTE-4: per case
            **self.paperwork.slots,
            **self.chair.slots,
        }
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for name, slot in actions.items():
            QShortcut(key_of(name), self, slot, context=context)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.vote.count, context=context)
        for n in range(1, 6):
            QShortcut(
                QKeySequence(f"Alt+{n}"), self, lambda n=n: self.vote.unanimous(n), context=context
            )

    # -- the sitting ---------------------------------------------------------------------
    def refresh_sitting(self) -> None:
        s = self.sitting
        header = tr(
            "console.sitting",
            self.lang,
            number=s.number,
            date=s.held_on.strftime("%d.%m.%Y"),
            place=s.place_in(self.lang) or "—",
            commission=self.commission.names.pick(self.lang),
            status=tr(f"sitting_status.{s.status}", self.lang),
        )
        self.form.sittingLabel.setText(header)
        self.form.openSittingButton.setVisible(s.status == "planned")
        self.form.closeSittingButton.setVisible(s.status == "open")
        self._tick()
        self.chair.update()
        if s.status == "planned":
            self.message(tr("console.planned_hint", self.lang))
        self.paperwork.show_state()  # a finalized sitting is shown locked

    def _tick(self) -> None:
        now = datetime.now()
        text = tr("console.clock", self.lang, time=now.strftime("%H:%M:%S"))
        seconds = self.clock_seconds()
        if seconds is not None:
            text += "   " + tr(
                "console.elapsed",
                self.lang,
                elapsed=f"{int(seconds) // 3600:02d}:"
                f"{int(seconds) % 3600 // 60:02d}:{int(seconds) % 60:02d}",
            )
        self.form.clockLabel.setText(text)
        self.chair.update()

    def clock_seconds(self) -> float | None:
        if self.opened_at is None:
            return None
        # A closed sitting's clock stands at its length; only an open one runs.
        end = self.sitting.closed_at if self.sitting.status != "open" else None
        return max(0.0, ((end or datetime.now()) - self.opened_at).total_seconds())

    def open_sitting(self) -> None:
        sitting = attempt(self.error, sittings.set_status, self.sitting.id, "open")
        if sitting is REFUSED:
            return
        self.sitting = sitting
        self.opened_at = sittings.opened_at(self.sitting.id)
        self.refresh_sitting()
        self.message(tr("console.opened", self.lang))

    def close_sitting(self) -> None:
        def close() -> None:
            self.case_panel.flush()
            sitting = attempt(self.error, sittings.set_status, self.sitting.id, "closed")
            if sitting is REFUSED:
                return
            self.sitting = sitting
            self.on_home()

        confirm(
            self,
            tr("console.close_sitting", self.lang),
            tr("console.close_confirm", self.lang),
            close,
            self.lang,
        )

    def quorum_changed(self, state: QuorumState) -> None:
        show_quorum(self.form.quorumLabel, state, self.lang)
        self.quorum = state
        self.vote.set_quorum(state.valid)
        self.chair.update()
        lost = tr("console.quorum_lost_message", self.lang)
        if not state.valid:
            self.message(lost)
        elif self.form.messageLabel.text() == lost:
            self.message("")  # quorum is back: the warning would now mislead

    # -- cases ---------------------------------------------------------------------------
    def load_cases(self, select_id: int | None = None) -> None:
        self.cases = cases.list_cases(self.sitting.id)
        lst = self.form.caseList
        lst.blockSignals(True)
        lst.clear()
        for view in self.cases:
            lst.addItem(QListWidgetItem())
            self._label_item(lst.count() - 1, view)
        lst.blockSignals(False)
        ids = [c.id for c in self.cases]
        if select_id in ids:
            row = ids.index(select_id)
        else:
            row = 0 if ids else -1
        if row >= 0:
            lst.setCurrentRow(row)  # goes through _row_chosen
        else:
            self.show_case(None)

    def _label_item(self, row: int, view: CaseView) -> None:
        item = self.form.caseList.item(row)
        outcome = (
            option_label(view.decision, self.lang)
            if view.decision
            else status_label(view.status, self.lang)
        )
        item.setText(
            f"{view.order + 1}. {view.person_name}\n   {kind_label(view.kind, self.lang)}"
            f" — {outcome}"
        )
        item.setData(Qt.ItemDataRole.UserRole, view.id)
        font = QFont(item.font())
        font.setBold(self.case is not None and view.id == self.case.id)
        item.setFont(font)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.cases):
            self.show_case(cases.get_case(self.cases[row].id))

    def show_case(self, view: CaseView | None) -> None:
        previous = self.case
        self.case = view
        if previous is not None and (view is None or view.id != previous.id):
            self.message("")  # a message about the last case would mislead on this one
        if view is not None and self.sitting.current_case_id != view.id:

            def make_current() -> None:
                sittings.set_current_case(self.sitting.id, view.id)
                self.sitting = sittings.get_sitting(self.sitting.id)

            attempt(self.error, make_current)
        self.case_panel.set_case(view)
        self.scores.set_case(view)
        self.vote.set_case(view)
        self._offer_scores(view)
        for row, item_view in enumerate(self.cases):
            if (
                previous is not None
                and item_view.id == previous.id
                or (view is not None and item_view.id == view.id)
            ):
                self._label_item(row, item_view)
        self.chair.update()

    def _offer_scores(self, view: CaseView | None) -> None:
        """The Scorecards tab only where the case's rule set asks for scorecards (R-DOC-4)."""
        wanted = view is None or cases.ruleset_of(view).scorecards_required
        self.form.caseTabs.setTabVisible(SCORES_TAB, wanted)

    def case_changed(self, view: CaseView) -> None:
        """A service changed the current case: show it everywhere."""
        for row, item_view in enumerate(self.cases):
            if item_view.id == view.id:
                self.cases[row] = view
                self._label_item(row, view)
        if self.case is not None and view.id == self.case.id:
            self.case = view
            self.case_panel.set_case(view)
            self.scores.set_case(view)
            self.vote.set_case(view)
        self.chair.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """A ballot or score key typed while the case list has the focus is kept from
        searching the list (it would jump to case n): it says why nothing was recorded."""
        if (
            watched is self.form.caseList
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9
        ):
            open_round = self.vote.round is not None and self.vote.round.status == "open"
            text = self.vote.form.roundLabel.text()  # why there is nothing to vote, if so
            self.message(tr("console.digit_in_cases", self.lang) if open_round else text)
            return True
        return False

    def step_case(self, step: int) -> None:
        lst = self.form.caseList
        row = lst.currentRow() + step
        if 0 <= row < lst.count():
            lst.setCurrentRow(row)

    def add_case(self) -> None:
        dialog = AddCaseDialog(self.lang, self.sitting.id, self)
        dialog.added.connect(lambda view: self.load_cases(self.case.id if self.case else view.id))
        self.dialog = dialog
        dialog.open()

    def appearance(self, value: str) -> None:
        self.case_panel.appearance(value)
        if value == "present" and self.case is not None and self.case.appearance == "present":
            self.focus_vote()

    # -- focus ---------------------------------------------------------------------------
    def focus_interview(self) -> None:
        self.form.caseTabs.setCurrentIndex(INTERVIEW_TAB)
        self.case_panel.focus_texts()

    def focus_label(self) -> None:
        self.form.caseTabs.setCurrentIndex(INTERVIEW_TAB)
        self.case_panel.focus_label()

    def focus_scores(self) -> None:
        if not self.form.caseTabs.isTabVisible(SCORES_TAB):
            self.message(tr("console.no_scorecards", self.lang))
            return
        self.form.caseTabs.setCurrentIndex(SCORES_TAB)
        self.scores.focus()

    def focus_vote(self) -> None:
        self.form.caseTabs.setCurrentIndex(VOTE_TAB)
        if self.vote.form.ballotTable.isEnabled():
            self.vote.focus()
        else:  # nothing to vote: the focus waits in the case list, where digits do nothing
            self.form.caseList.setFocus()

    # -- messages and undo ---------------------------------------------------------------
    def message(self, text: str) -> None:
        self.form.messageLabel.setStyleSheet("")
        self.form.messageLabel.setText(text)

    def error(self, exc: BaseException) -> None:
        self.form.messageLabel.setStyleSheet("color:#b00020;font-weight:bold;")
        self.form.messageLabel.setText(error_text(exc, self.lang))

    def push_undo(self, entry: tuple) -> None:
        self.undo_stack.append(entry)

    def undo(self) -> None:
        """Take back the last entry on the current case while it is still open."""
        if self.case is None:
            return
        mine = [i for i, e in enumerate(self.undo_stack) if e[1] == self.case.id]
        if not mine:
            self.message(tr("console.nothing_to_undo", self.lang))
            return
        entry = self.undo_stack.pop(mine[-1])

        def refused(exc: ServiceError) -> None:
            self.error(exc)
            if self.case is not None and self.case.decision is not None:
                self.message(tr("console.undo_after_decision", self.lang))

        if attempt(refused, self._undo, entry) is REFUSED:
            return
        self.message(tr("console.undone", self.lang))
        self.case_changed(cases.get_case(self.case.id))
        if entry[0] in ("ballot", "ballot_back"):
            self.vote.show_member(entry[3])  # back on the member whose ballot it was

    def _undo(self, entry: tuple) -> None:
        kind = entry[0]
        if kind == "appearance":
            cases.set_appearance(entry[1], entry[2])
        elif kind == "ballot":
            _, _, round_id, seat, previous = entry
            if previous is None:
                voting.retract_ballot(round_id, seat)
            else:
                voting.cast_ballot(round_id, seat, previous)
        elif kind == "ballot_back":
            _, _, round_id, seat, option = entry
            voting.cast_ballot(round_id, seat, option)
        elif kind == "all":
            _, _, round_id, previous = entry
            for seat in voting.live_tally(round_id).ballots:
                if seat in previous:
                    voting.cast_ballot(round_id, seat, previous[seat])
                else:
                    voting.retract_ballot(round_id, seat)
