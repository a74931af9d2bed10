"""Attendance of the members, each change with its time, and the quorum indicator.

Keys on the table: P present, A absent, L late, E left, D the deputy is present
for the holder (R-COMP-3). Every change is saved at once and re-checks the
quorum (R-QUO-2); the indicator turns red the moment it is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.quorum import QuorumState
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import commissions
from kzcommission.services.preparation.commissions import CommissionView
from kzcommission.services.sitting import sittings
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.labels import attendance_label, role_label, short_name
from kzcommission.ui.table_fit import compact_rows, show_all_rows

COLUMNS = ("member", "status", "time")
KEYS: dict[int, str] = {
    Qt.Key.Key_P: "present",
    Qt.Key.Key_A: "absent",
    Qt.Key.Key_L: "late",
    Qt.Key.Key_E: "left",
}
VALID_STYLE = "background:#1b7f3b;color:white;font-size:17pt;font-weight:bold;border-radius:6px;"
LOST_STYLE = "background:#c62828;color:white;font-size:17pt;font-weight:bold;border-radius:6px;"


def show_quorum(label: QLabel, state: QuorumState, lang: str) -> None:
    """The large indicator: "6 of 9 present, 6 needed: valid", green or red."""
    key = "quorum.valid" if state.valid else "quorum.lost"
    label.setText(
        tr(key, lang, present=state.present, members=state.members, required=state.required)
    )
    label.setStyleSheet(VALID_STYLE if state.valid else LOST_STYLE)
    label.setToolTip(tr("quorum.tooltip", lang))
    label.setProperty("quorumValid", state.valid)


class AttendancePanel(QWidget):
    def __init__(
        self,
        lang: str,
        sitting_id: int,
        commission: CommissionView,
        on_changed: Callable[[QuorumState], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.lang = lang
        self.dialog: QDialog | None = None
        self.sitting_id = sitting_id
        self.commission = commission
        self.on_changed = on_changed
        self.on_error = on_error
        self.deputies = {
            seat.id: spec.deputy_id
            for seat, spec in zip(
                commission.seats, commissions.composition_specs(commission.id), strict=False
            )
        }
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(tr("attendance.hint", lang))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        layout.addWidget(hint)
        # Three columns: the role is said beside the name when it is not a plain member's,
        # and in the tooltip with the full name and position (the box is 340 px wide).
        self.table = QTableWidget(len(commission.seats), len(COLUMNS), self)
        self.table.setObjectName("attendanceTable")
        self.table.setHorizontalHeaderLabels([tr(f"attendance.col.{c}", lang) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        compact_rows(self.table)
        show_all_rows(self.table)
        self.table.installEventFilter(self)
        layout.addWidget(self.table)
        layout.addStretch(1)  # the table is as tall as its rows; the rest stays below
        self.refresh()
        self.table.setCurrentCell(0, 0)

    def seat_at(self, row: int) -> int:
        return self.commission.seats[row].id

    def refresh(self) -> None:
        state = sittings.attendance(self.sitting_id)
        for row, seat in enumerate(self.commission.seats):
            entry = state.get(seat.id)
            name, full = short_name(seat.holder_name), seat.holder_name or "—"
            if entry is not None and entry.acting_person:
                name = tr(
                    "attendance.acting", self.lang,
                    deputy=short_name(entry.acting_person), holder=name,
                )  # fmt: skip
                full = tr("attendance.acting", self.lang, deputy=entry.acting_person, holder=full)
            role = role_label(seat.role, self.lang)
            if seat.is_public:
                role = tr("attendance.public", self.lang, role=role)
            if seat.role != "member":
                name = f"{name} — {role_label(seat.role, self.lang)}"
            member = QTableWidgetItem(name)
            position = seat.title(self.lang)  # v13: the seat's position in this language
            member.setToolTip("\n".join(x for x in (full, role, position) if x))
            when = entry.at.strftime("%H:%M:%S") if entry is not None and entry.at else ""
            status = QTableWidgetItem(attendance_label(entry.kind if entry else None, self.lang))
            if entry is not None and not entry.in_room:
                status.setForeground(Qt.GlobalColor.darkRed)
            for column, item in enumerate((member, status, QTableWidgetItem(when))):
                self.table.setItem(row, column, item)
        for column in (1, 2):
            self.table.resizeColumnToContents(column)

    def mark(self, row: int, kind: str, *, deputy: bool = False) -> None:
        seat_id = self.seat_at(row)
        acting = self.deputies.get(seat_id) if deputy else None
        if deputy and acting is None:
            self.on_error(
                ServiceError(tr("attendance.no_deputy", self.lang), key="attendance_no_deputy")
            )
            return
        state = attempt(
            self.on_error, sittings.mark_attendance, self.sitting_id, seat_id, kind,
            acting_person_id=acting,
        )  # fmt: skip
        if state is REFUSED:
            return
        self.refresh()
        if row + 1 < self.table.rowCount():
            self.table.setCurrentCell(row + 1, 0)  # the roll call moves down the list
        self.on_changed(state)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                row = self.table.currentRow()
                if row >= 0 and event.key() in KEYS:
                    self.mark(row, KEYS[event.key()])
                    return True
                if row >= 0 and event.key() == Qt.Key.Key_D:
                    self.mark(row, "present", deputy=True)
                    return True
        return False
