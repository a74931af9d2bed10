"""Members' scorecards (Order 880 Appendix 2), one row per member, filled at the keyboard.

In the score column keys 1-4 give excellent ... unsatisfactory; in the decision
column keys 1-5 pick the member's proposed decision; in the grade column G
gives "fits the qualification grade (category)" the case is for (pressed again,
the next one where several are named) and N "no grounds for assigning it",
Delete clears it (R-DOC-4, R-DEC-3). The grounds columns are typed. Each entry
is saved at once through ``scorecards.save_scorecard``.

A member's decision and grade opinion are his own ballots unless the secretary
types others (the service fills them; the grid shows them before the score
comes). Each case's grid starts on the first member without a scorecard, in the
score column; a score moves to the next member without one, and when every
member has one nothing is highlighted, so no stray key changes a score (issue 14).
Members who do not vote on the case (absent, recused) are passed over.
"""

from __future__ import annotations

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

from kzcommission.domain.kinds import NO_GRADE_OPTION, Score
from kzcommission.i18n import tr
from kzcommission.services.preparation.commissions import CommissionView
from kzcommission.services.sitting import cases, grades, scorecards
from kzcommission.services.sitting.cases import CaseView
from kzcommission.ui.case_panel import Host
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.labels import option_label, role_label, score_label
from kzcommission.ui.table_fit import fit_score_table

SCORES: tuple[str, ...] = tuple(s.value for s in Score)
MEMBER, SCORE, DECISION, GROUNDS, GRADE, GRADE_GROUNDS = range(6)
COLUMNS = ("member", "score", "decision", "grounds", "grade", "grade_grounds")
DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
FIELDS = ("score", "decision", "grounds", "grade", "grade_grounds")
MOVES = (
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Up,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
)


class ScorecardPanel(QWidget):
    def __init__(self, host: Host, commission: CommissionView) -> None:
        super().__init__()
        self.host = host
        self.lang = host.lang
        self.seats = commission.voting_seats  # the secretary fills no scorecard (R-COMP-2)
        self.case: CaseView | None = None
        self.options: tuple[str, ...] = ()
        self.grades: tuple[str, ...] = ()  # "grade:<g>" of the candidate grade(s)
        self.pending: dict[int, dict[str, str]] = {}  # entries waiting for their score
        self._started_on: int | None = None  # the case whose grid start was placed
        layout = QVBoxLayout(self)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.table = QTableWidget(len(self.seats), len(COLUMNS), self)
        self.table.setObjectName("scoreTable")
        self.table.setHorizontalHeaderLabels([tr(f"scores.col.{c}", self.lang) for c in COLUMNS])
        for column in (GROUNDS, GRADE_GROUNDS):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.installEventFilter(self)
        self.table.itemChanged.connect(self._grounds_typed)
        layout.addWidget(self.table)
        fit_score_table(
            self.table, {MEMBER: 2.5, DECISION: 2, GROUNDS: 2, GRADE: 1.5, GRADE_GROUNDS: 2}
        )
        layout.addStretch(1)

    def set_case(self, view: CaseView | None) -> None:
        another = self.case is None or view is None or view.id != self.case.id
        if another:
            self.pending.clear()
        self.case = view
        ruleset = cases.ruleset_of(view) if view is not None else None
        self.options = (
            ruleset.decision_options(view.kind, restricted=view.restricted) if ruleset else ()
        )
        # R-DEC-3: the grade only where the rule set votes on one (not Decree 490).
        with_grade = ruleset is not None and ruleset.grade_vote
        for column in (GRADE, GRADE_GROUNDS):
            self.table.setColumnHidden(column, not with_grade)
        scores = "   ".join(f"[{n}] {score_label(s, self.lang)}" for n, s in enumerate(SCORES, 1))
        decisions = "   ".join(
            f"[{n}] {option_label(o, self.lang)}" for n, o in enumerate(self.options, 1)
        )
        self.grades = (
            tuple(o for o in grades.grade_options(view.id) if o != NO_GRADE_OPTION)
            if view is not None and with_grade
            else ()
        )
        legend = tr("scores.legend", self.lang, scores=scores, decisions=decisions)
        if with_grade:
            fits = " / ".join(option_label(o, self.lang) for o in self.grades) or "—"
            legend += "\n" + tr(
                "scores.legend_grade",
                self.lang,
                fits=fits,
                no_grade=option_label(NO_GRADE_OPTION, self.lang),
            )
        self.legend.setText(legend)
        self.refresh()
        # Each case starts once on its first member without a scorecard; a case shown
        # before its voters were known (no roll call yet) gets that start when they are.
        if another or self._started_on != view.id:
            row = self._next_without()
            self._go_to(row, SCORE)
            self._started_on = view.id if view is not None and row >= 0 else None

    def refresh(self) -> None:
        saved = scorecards.scorecards_of(self.case.id) if self.case else {}
        voted = scorecards.opinions_from_ballots(self.case.id) if self.case else {}
        self.table.blockSignals(True)
        for row, seat in enumerate(self.seats):
            card = saved.get(seat.id)
            wait = {**voted.get(seat.id, {}), **self.pending.get(seat.id, {})}
            name = QTableWidgetItem(
                f"{seat.holder_name or '—'} ({role_label(seat.role, self.lang)})"
            )
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            score = QTableWidgetItem(score_label(card.score, self.lang) if card else "")
            decision_id = card.decision if card else wait.get("decision", "")
            decision = QTableWidgetItem(option_label(decision_id, self.lang) if decision_id else "")
            grade_id = card.grade if card else wait.get("grade", "")
            grade = QTableWidgetItem(option_label(grade_id, self.lang) if grade_id else "")
            for item in (score, decision, grade):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            grounds = QTableWidgetItem(card.grounds if card else wait.get("grounds", ""))
            grade_grounds = QTableWidgetItem(
                card.grade_grounds if card else wait.get("grade_grounds", "")
            )
            for column, item in enumerate((name, score, decision, grounds, grade, grade_grounds)):
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        for column in (SCORE, DECISION, GRADE):
            self.table.resizeColumnToContents(column)

    def _next_without(self, after: int = -1) -> int:
        """The first row after ``after`` (wrapping) of a member who votes on the case
        (present, not recused) and has no scorecard yet, or -1."""
        if self.case is None:
            return -1
        saved = scorecards.scorecards_of(self.case.id)
        voters = cases.voters_of(self.case.id)
        count = len(self.seats)
        rows = [(after + 1 + step) % count for step in range(count)]
        return next(
            (r for r in rows if self.seats[r].id in voters and self.seats[r].id not in saved), -1
        )

    def _go_to(self, row: int, column: int) -> None:
        """Highlight a cell; -1: none (every member done, no key may change a value)."""
        if 0 <= row < len(self.seats):
            self.table.setCurrentCell(row, column)
        else:
            self.table.setCurrentIndex(QModelIndex())
            self.table.clearSelection()

    def focus(self) -> None:
        self.table.setFocus()

    def _save(self, row: int, **change: str) -> bool:
        if self.case is None:
            return False
        seat = self.seats[row]
        card = scorecards.scorecards_of(self.case.id).get(seat.id)
        values = {name: getattr(card, name) if card else "" for name in FIELDS}
        values.update(self.pending.get(seat.id, {}))
        values.update(change)
        if not values["score"]:
            self.pending.setdefault(seat.id, {}).update(change)  # kept until a score comes
            self.refresh()
            return True
        save = scorecards.save_scorecard
        if attempt(self.host.error, save, self.case.id, seat.id, **values) is REFUSED:
            return False
        self.pending.pop(seat.id, None)
        self.refresh()
        return True

    def _grounds_typed(self, item: QTableWidgetItem) -> None:
        if item.column() in (GROUNDS, GRADE_GROUNDS):
            self._save(item.row(), **{COLUMNS[item.column()]: item.text()})

    def _grade_key(self, row: int, key: int) -> bool:
        """G: the candidate grade (the next one on a repeat); N: no grounds; Delete: clear."""
        if key == Qt.Key.Key_G:
            if not self.grades:
                self.host.message(tr("scores.no_candidate_grade", self.lang))
                return True
            current = self._current(row, "grade")
            step = self.grades.index(current) + 1 if current in self.grades else 0
            self._save(row, grade=self.grades[step % len(self.grades)])
        elif key == Qt.Key.Key_N:
            self._save(row, grade=NO_GRADE_OPTION)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._save(row, grade="")
            return True
        else:
            return False
        if key == Qt.Key.Key_N or len(self.grades) == 1:  # several grades: G again cycles
            self._go_to(row + 1, GRADE)  # after the last member: none
        return True

    def _current(self, row: int, name: str) -> str:
        seat = self.seats[row]
        card = scorecards.scorecards_of(self.case.id).get(seat.id) if self.case else None
        return getattr(card, name) if card else self.pending.get(seat.id, {}).get(name, "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() in PLAIN
        ):
            return False
        row, column = self.table.currentRow(), self.table.currentColumn()
        if row < 0:  # nothing highlighted: the arrows come back, nothing else is entered
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_PageDown):
                self._go_to(0, SCORE)
            elif key in (Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_PageUp):
                self._go_to(len(self.seats) - 1, SCORE)
            return key in DIGITS or key in (Qt.Key.Key_G, Qt.Key.Key_N) or key in MOVES
        if column == GRADE:
            return self._grade_key(row, event.key())
        if (
            column in (GROUNDS, GRADE_GROUNDS)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.table.state() != QAbstractItemView.State.EditingState  # not the commit
        ):
            self.table.editItem(self.table.item(row, column))  # Enter: type the grounds
            return True
        number = DIGITS.get(event.key())
        if number is None:
            return False
        if column == SCORE and number <= len(SCORES):
            if self._save(row, score=SCORES[number - 1]):
                self._go_to(self._next_without(row), SCORE)
            return True
        if column == DECISION and number <= len(self.options):
            if self._save(row, decision=self.options[number - 1]):
                self._go_to(row + 1, DECISION)  # after the last member: none
            return True
        return False
