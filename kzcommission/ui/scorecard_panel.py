"""Members' scorecards (Order 880 Appendix 2), one row per member, filled at the keyboard.

In the score column keys 1-4 give excellent ... unsatisfactory; in the decision
column keys 1-5 pick the member's proposed decision; the grounds column is
typed. Each entry is saved at once through ``scorecards.save_scorecard``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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

from kzcommission.domain.kinds import Score
from kzcommission.i18n import tr
from kzcommission.services import cases, scorecards
from kzcommission.services.cases import CaseView
from kzcommission.services.commissions import CommissionView
from kzcommission.services.errors import ServiceError
from kzcommission.ui.case_panel import Host
from kzcommission.ui.labels import option_label, role_label, score_label

SCORES: tuple[str, ...] = tuple(s.value for s in Score)
MEMBER, SCORE, DECISION, GROUNDS = range(4)
DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class ScorecardPanel(QWidget):
    def __init__(self, host: Host, commission: CommissionView) -> None:
        super().__init__()
        self.host = host
        self.lang = host.lang
        self.seats = commission.voting_seats  # the secretary fills no scorecard (R-COMP-2)
        self.case: CaseView | None = None
        self.options: tuple[str, ...] = ()
        self.pending: dict[int, dict[str, str]] = {}  # entries waiting for their score
        layout = QVBoxLayout(self)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.table = QTableWidget(len(self.seats), 4, self)
        self.table.setObjectName("scoreTable")
        self.table.setHorizontalHeaderLabels(
            [tr(f"scores.col.{c}", self.lang) for c in ("member", "score", "decision", "grounds")]
        )
        self.table.horizontalHeader().setSectionResizeMode(GROUNDS, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.installEventFilter(self)
        self.table.itemChanged.connect(self._grounds_typed)
        layout.addWidget(self.table)

    def set_case(self, view: CaseView | None) -> None:
        if self.case is None or view is None or view.id != self.case.id:
            self.pending.clear()
        self.case = view
        self.options = (
            cases.ruleset_of(view).decision_options(view.kind, restricted=view.restricted)
            if view is not None
            else ()
        )
        scores = "   ".join(f"[{n}] {score_label(s, self.lang)}" for n, s in enumerate(SCORES, 1))
        decisions = "   ".join(
            f"[{n}] {option_label(o, self.lang)}" for n, o in enumerate(self.options, 1)
        )
        self.legend.setText(tr("scores.legend", self.lang, scores=scores, decisions=decisions))
        self.refresh()

    def refresh(self) -> None:
        saved = scorecards.scorecards_of(self.case.id) if self.case else {}
        self.table.blockSignals(True)
        for row, seat in enumerate(self.seats):
            card = saved.get(seat.id)
            wait = self.pending.get(seat.id, {})
            name = QTableWidgetItem(
                f"{seat.holder_name or '—'} ({role_label(seat.role, self.lang)})"
            )
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            score = QTableWidgetItem(score_label(card.score, self.lang) if card else "")
            decision_id = card.decision if card else wait.get("decision", "")
            decision = QTableWidgetItem(option_label(decision_id, self.lang) if decision_id else "")
            for item in (score, decision):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            grounds = QTableWidgetItem(card.grounds if card else wait.get("grounds", ""))
            for column, item in enumerate((name, score, decision, grounds)):
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(SCORE)
        self.table.resizeColumnToContents(DECISION)
        if self.table.currentRow() < 0:
            self.table.setCurrentCell(0, SCORE)

    def focus(self) -> None:
        self.table.setFocus()

    def _save(self, row: int, **change: str) -> None:
        if self.case is None:
            return
        seat = self.seats[row]
        card = scorecards.scorecards_of(self.case.id).get(seat.id)
        values = {
            "score": card.score if card else "",
            "decision": card.decision if card else "",
            "grounds": card.grounds if card else "",
        }
        values.update(self.pending.get(seat.id, {}))
        values.update(change)
        if not values["score"]:
            self.pending.setdefault(seat.id, {}).update(change)  # kept until a score comes
            self.refresh()
            return
        try:
            scorecards.save_scorecard(self.case.id, seat.id, **values)
        except ServiceError as exc:
            self.host.error(exc)
            return
        self.pending.pop(seat.id, None)
        self.refresh()

    def _grounds_typed(self, item: QTableWidgetItem) -> None:
        if item.column() == GROUNDS:
            self._save(item.row(), grounds=item.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent):
            if (
                event.type() == QEvent.Type.KeyPress
                and event.key() in DIGITS
                and (
                    event.modifiers()
                    in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                )
            ):
                row, column, number = (
                    self.table.currentRow(),
                    self.table.currentColumn(),
                    DIGITS[event.key()],
                )
                if column == SCORE and number <= len(SCORES):
                    self._save(row, score=SCORES[number - 1])
                    self.table.setCurrentCell(min(row + 1, len(self.seats) - 1), SCORE)
                    return True
                if column == DECISION and number <= len(self.options):
                    self._save(row, decision=self.options[number - 1])
                    self.table.setCurrentCell(min(row + 1, len(self.seats) - 1), DECISION)
                    return True
        return False
