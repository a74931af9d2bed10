"""Who presides over the current case (R-VOTE-4): a list of that case's voters.

Opened by Ctrl+Shift+P ahead of the vote, or by the console itself when the
count of an exact half/half split is refused because nobody presides over the
case. Arrows choose, Enter names (and, after a refused tie, counts), Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.preparation.commissions import SeatView
from kzcommission.services.sitting import presiding
from kzcommission.services.sitting.cases import CaseView
from kzcommission.ui.dialogs import REFUSED, attempt, error_text
from kzcommission.ui.labels import option_label
from kzcommission.ui.window_fit import fit_window


class PresidingDialog(QDialog):
    """The case's voters other than the chair; Enter names the one who presides."""

    chosen = Signal(object)  # presiding.PresidingView

    def __init__(
        self,
        lang: str,
        case: CaseView,
        view: presiding.PresidingView,
        seats: list[SeatView],
        tie: bool,
        parent: QWidget | None = None,
        ballots: dict[int, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.lang, self.case_id = lang, case.id
        self.setWindowTitle(
            tr("presiding.title", lang, number=case.order + 1, person=case.person_name)
        )
        layout = QVBoxLayout(self)
        hint = QLabel(tr("presiding.hint_tie" if tie else "presiding.hint", lang))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.list = QListWidget(self)
        self.list.setObjectName("presidingList")
        names = {s.id: s.holder_name or "—" for s in seats}
        for seat_id, option in (ballots or {}).items():  # on a tie: how each one voted
            names[seat_id] = f"{names.get(seat_id, seat_id)} — {option_label(option, lang)}"
        rows: list[tuple[int | None, str]] = [(s, names.get(s, str(s))) for s in view.candidates]
        if not tie:  # ahead of the vote the naming can also be taken back
            rows.insert(0, (None, tr("presiding.none", lang)))
        for seat_id, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, seat_id)
            self.list.addItem(item)
            if seat_id == view.named_id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.save())
        layout.addWidget(self.list)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_window(self, "presiding", 460, 360)
        self.list.setFocus()

    def save(self) -> None:
        item = self.list.currentItem()
        seat_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        say = lambda exc: self.error.setText(error_text(exc, self.lang))  # noqa: E731
        view = attempt(say, presiding.name_presiding, self.case_id, seat_id)
        if view is REFUSED:
            return
        self.accept()
        self.chosen.emit(view)
