"""The first-run screen and the home page: commissions, their sittings, the roster."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from kzcommission.i18n import tr, tr_count
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import commissions, persons
from kzcommission.services.sitting import cases, sittings
from kzcommission.ui.dialogs import REFUSED, attempt, confirm, show_error
from kzcommission.ui.form_types import FirstRunForm, HomeForm
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
        self.form = load_form(FirstRunForm, lang, self)
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
        self.form = f = load_form(HomeForm, lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        f.newCommissionButton.clicked.connect(on_new_commission)
        f.editCommissionButton.clicked.connect(
            lambda: self.commission_id() and on_edit_commission(self.commission_id())
        )
        f.newSittingButton.clicked.connect(lambda: on_new_sitting(self.commission_id()))
        f.openSittingButton.clicked.connect(self._open)
        f.sittingList.itemActivated.connect(lambda _item: self._open())
        # Enter on a commission opens its selected sitting too: no Tab needed first.
        f.commissionList.itemActivated.connect(lambda _item: self._open())
        f.editSittingButton.clicked.connect(self.edit_sitting)
        f.deleteSittingButton.clicked.connect(self.delete_sitting)
        for keys, action in (("F2", self.edit_sitting), ("Delete", self.delete_sitting)):
            shortcut = QShortcut(QKeySequence(keys), f.sittingList)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(action)
        self.dialog: QWidget | None = None
        f.importButton.clicked.connect(on_import)
        f.commissionList.currentRowChanged.connect(lambda _row: self.load_sittings())
        self._on_open_sitting = on_open_sitting
        self.roster = RosterSearch(f.rosterFilter, f.rosterView, lang)
        # The first page of names at once if the name index is ready, else when it is.
        self.roster.refilter("")
        self.refresh()
        self._arrived = False

    def showEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        super().showEvent(event)
        if not self._arrived:  # on arrival the sittings have the keys: Enter opens one
            self._arrived = True
            self.form.sittingList.setFocus()

    def refresh(self) -> None:
        f = self.form
        current = self.commission_id()
        f.commissionList.clear()
        for commission in commissions.list_commissions():
            item = QListWidgetItem(
                tr(
                    "main.commission_line",
                    self.lang,
                    name=commission.names.pick(self.lang),
                    members=len(commission.voting_seats),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, commission.id)
            f.commissionList.addItem(item)
            if commission.id == current:
                f.commissionList.setCurrentItem(item)
        if f.commissionList.currentRow() < 0 and f.commissionList.count():
            f.commissionList.setCurrentRow(0)
        f.rosterCount.setText(tr_count("home.roster_persons", self.lang, persons.count_persons()))
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

    def sitting_id(self) -> int | None:
        item = self.form.sittingList.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open(self) -> None:
        sitting_id = self.sitting_id()
        if sitting_id is not None:
            self._on_open_sitting(sitting_id)

    def edit_sitting(self) -> None:
        """F2: the date, place and number of a sitting still being planned."""
        from kzcommission.ui.sitting_dialogs import NewSittingDialog  # not needed at start

        sitting_id = self.sitting_id()
        if sitting_id is None:
            return
        facts = sittings.recorded_facts(sitting_id)
        if facts:
            self._refused(sittings.SittingHasFacts("", facts))
            return
        view = sittings.get_sitting(sitting_id)
        dialog = NewSittingDialog(self.lang, view.commission_id, self, sitting=view)
        dialog.saved.connect(lambda saved: self._reload(saved.id))
        self.dialog = dialog
        dialog.open()

    def delete_sitting(self) -> None:
        """Delete: a sitting planned by mistake, after a yes (nothing recorded in it)."""
        sitting_id = self.sitting_id()
        if sitting_id is None:
            return
        view = sittings.get_sitting(sitting_id)
        facts = sittings.recorded_facts(sitting_id)
        if facts:
            self._refused(sittings.SittingHasFacts("", facts))
            return

        def delete() -> None:
            if attempt(self._refused, sittings.delete_sitting, sitting_id) is REFUSED:
                return
            self._reload(None)

        confirm(
            self,
            tr("home.delete_sitting_title", self.lang),
            tr(
                "home.delete_sitting_question",
                self.lang,
                number=view.number,
                date=view.held_on.strftime("%d.%m.%Y"),
                cases=tr_count("count.cases", self.lang, len(cases.list_cases(sitting_id))),
            ),
            delete,
            self.lang,
        )

    def _refused(self, exc: ServiceError) -> None:
        from kzcommission.ui.sitting_dialogs import refusal_text

        box = show_error(self, exc, self.lang)
        box.setText(refusal_text(exc, self.lang))  # names the facts the sitting holds
        box.finished.connect(lambda _result: self.form.sittingList.setFocus())

    def _reload(self, sitting_id: int | None) -> None:
        f = self.form
        self.load_sittings()
        for row in range(f.sittingList.count()):
            if f.sittingList.item(row).data(Qt.ItemDataRole.UserRole) == sitting_id:
                f.sittingList.setCurrentRow(row)
        f.sittingList.setFocus()
