"""The first-run screen and the home page: commissions, their sittings, the roster."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from kzcommission.i18n import tr
from kzcommission.services import commissions, persons, sittings
from kzcommission.ui.forms import load_form
from kzcommission.ui.person_picker import RosterSearch

SITTINGS_SHOWN = 100  # the newest; older ones are reached through the archive, not at start


class FirstRunPage(QWidget):
    """An empty database offers three ways forward; none of them is a dead end."""

    def __init__(
        self,
        lang: str,
        on_create: Callable[[], None],
        on_import: Callable[[], None],
        on_demo: Callable[[], None],
    ) -> None:
        super().__init__()
        self.form = load_form("first_run", lang, self)
        QVBoxLayout(self).addWidget(self.form.widget)
        self.form.createButton.clicked.connect(on_create)
        self.form.importButton.clicked.connect(on_import)
        self.form.demoButton.clicked.connect(on_demo)
        self.form.createButton.setFocus()


class HomePage(QWidget):
    def __init__(
        self,
        lang: str,
        on_new_commission: Callable[[], None],
        on_edit_commission: Callable[[int], None],
        on_new_sitting: Callable[[int | None], None],
        on_open_sitting: Callable[[int], None],
        on_import: Callable[[], None],
    ) -> None:
        super().__init__()
        self.lang = lang
        self.form = f = load_form("home", lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        f.newCommissionButton.clicked.connect(on_new_commission)
        f.editCommissionButton.clicked.connect(
            lambda: self.commission_id() and on_edit_commission(self.commission_id())
        )
        f.newSittingButton.clicked.connect(lambda: on_new_sitting(self.commission_id()))
        f.openSittingButton.clicked.connect(self._open)
        f.sittingList.itemActivated.connect(lambda _item: self._open())
        f.importButton.clicked.connect(on_import)
        f.commissionList.currentRowChanged.connect(lambda _row: self.load_sittings())
        self._on_open_sitting = on_open_sitting
        self.roster = RosterSearch(f.rosterFilter, f.rosterView, lang)
        # Only the count of the roster at start; names are fetched as the user types.
        self.refresh()

    def refresh(self) -> None:
        f = self.form
        current = self.commission_id()
        f.commissionList.clear()
        for commission in commissions.list_commissions():
            item = QListWidgetItem(
                tr(
                    "main.commission_line",
                    self.lang,
                    name=commission.name,
                    members=len(commission.voting_seats),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, commission.id)
            f.commissionList.addItem(item)
            if commission.id == current:
                f.commissionList.setCurrentItem(item)
        if f.commissionList.currentRow() < 0 and f.commissionList.count():
            f.commissionList.setCurrentRow(0)
        f.rosterCount.setText(tr("home.roster_count", self.lang, count=persons.count_persons()))
        self.load_sittings()

    def load_sittings(self) -> None:
        f = self.form
        f.sittingList.clear()
        commission_id = self.commission_id()
        if commission_id is None:
            return
        for sitting in sittings.list_sittings(commission_id, limit=SITTINGS_SHOWN):
            item = QListWidgetItem(
                tr(
                    "home.sitting_line",
                    self.lang,
                    number=sitting.number,
                    date=sitting.held_on.strftime("%d.%m.%Y"),
                    status=tr(f"sitting_status.{sitting.status}", self.lang),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, sitting.id)
            f.sittingList.addItem(item)
        if f.sittingList.count():
            f.sittingList.setCurrentRow(0)

    def commission_id(self) -> int | None:
        item = self.form.commissionList.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open(self) -> None:
        item = self.form.sittingList.currentItem()
        if item is not None:
            self._on_open_sitting(item.data(Qt.ItemDataRole.UserRole))
