"""The commission editor: seats by position, the person filling each, deputies, public members.

Templates of Decree 490 pre-fill the positions (R-COMP-3). A holder is either
picked from the roster (F4) or typed as "Surname Given Patronymic"; a typed
name that matches nobody becomes a new person when the commission is saved.

The name, the place and each seat's position are kept in Kazakh, Russian and
English (issue 15 item 6): one field per language for the name and the place;
the table shows a seat's position in the interface language, and the three
fields under it (Ctrl+L) hold the selected seat's position in each language.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.kinds import Role
from kzcommission.domain.names import LANGS, Names
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.preparation import commissions, persons
from kzcommission.services.preparation.commissions import CommissionView, SeatSpec
from kzcommission.services.preparation.templates import TEMPLATES, template
from kzcommission.ui import name_index
from kzcommission.ui.dialogs import REFUSED, attempt, confirm, error_text
from kzcommission.ui.form_types import CommissionEditorForm
from kzcommission.ui.forms import load_form
from kzcommission.ui.labels import role_label
from kzcommission.ui.person_picker import PersonPicker
from kzcommission.ui.window_fit import fit_window

ROLE, POSITION, HOLDER, DEPUTY, PUBLIC = range(5)
ID = Qt.ItemDataRole.UserRole
TITLES = Qt.ItemDataRole.UserRole + 1  # the position cell: the seat's Names
LEVELS: tuple[str, ...] = ("central", "regional", "other")


class RoleDelegate(QStyledItemDelegate):
    """The role column edits through a list of the three roles (R-COMP-1)."""

    def __init__(self, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.lang = lang

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for role in Role:
            combo.addItem(role_label(role.value, self.lang), role.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(ID))))

    def setModelData(self, editor: QWidget, model, index) -> None:  # noqa: ANN001 - Qt types
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), ID)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class CommissionEditor(QDialog):
    saved = Signal(object)  # CommissionView

    def __init__(self, lang: str, commission_id: int | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.lang = lang
        self.commission_id = commission_id
        self.dialog: QDialog | None = None
        self.setWindowTitle(tr("editor.title", lang))
        self.form = f = load_form(CommissionEditorForm, lang, self)
        QVBoxLayout(self).addWidget(f.widget)
        for level in LEVELS:
            f.levelCombo.addItem(tr(f"level.{level}", lang), level)
        for item in TEMPLATES:
            f.templateCombo.addItem(tr(f"template.{item.code}", lang), item.code)
        table = f.seatsTable
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(
            [
                tr(f"editor.col.{c}", lang)
                for c in ("role", "position", "holder", "deputy", "public")
            ]
        )
        header = table.horizontalHeader()
        header.setSectionResizeMode(POSITION, QHeaderView.ResizeMode.Stretch)
        for column in (ROLE, PUBLIC):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (HOLDER, DEPUTY):
            table.setColumnWidth(column, 250)  # a full Kazakh name with patronymic
        table.setItemDelegateForColumn(ROLE, RoleDelegate(lang, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.itemChanged.connect(self._typed)
        f.applyTemplateButton.clicked.connect(self.apply_template)
        f.addSeatButton.clicked.connect(lambda: self.add_seat(SeatSpec(Role.MEMBER.value)))
        f.removeSeatButton.clicked.connect(self.remove_seat)
        f.pickPersonButton.clicked.connect(self.pick_person)
        f.saveButton.clicked.connect(self.save)
        f.cancelButton.clicked.connect(self.reject)
        for lang, field in self.title_edits().items():
            field.textEdited.connect(lambda text, lang=lang: self._title_typed(lang, text))
        self._table().currentCellChanged.connect(lambda *_: self._show_titles())
        for keys, slot in (
            ("Ctrl+L", self.edit_titles),
            ("Ctrl+S", self.save),
            ("F4", self.pick_person),
            ("Ctrl+Ins", lambda: self.add_seat(SeatSpec(Role.MEMBER.value))),
            ("Ctrl+Del", self.remove_seat),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        if commission_id is not None:
            self._load(commissions.get_commission(commission_id))
        else:
            self.apply_template()
        self._show_titles()
        fit_window(self, "commission_editor", 1280, 680)

    # -- names per language ------------------------------------------------------------
    def _edits(self, *names: str) -> dict[str, QLineEdit]:
        """The form's line edits ``names``, by language kk, ru, en."""
        return {
            lang: cast(QLineEdit, getattr(self.form, name))
            for lang, name in zip(LANGS, names, strict=True)
        }

    def name_edits(self) -> dict[str, QLineEdit]:
        return self._edits("nameEdit", "nameRuEdit", "nameEnEdit")

    def place_edits(self) -> dict[str, QLineEdit]:
        return self._edits("placeEdit", "placeRuEdit", "placeEnEdit")

    def title_edits(self) -> dict[str, QLineEdit]:
        return self._edits("titleKkEdit", "titleRuEdit", "titleEnEdit")

    def _table(self) -> QTableWidget:
        return cast(QTableWidget, self.form.seatsTable)

    @staticmethod
    def _typed_names(edits: dict[str, QLineEdit]) -> Names:
        return Names(**{lang: edit.text().strip() for lang, edit in edits.items()})

    @staticmethod
    def _show(edits: dict[str, QLineEdit], names: Names) -> None:
        for lang, edit in edits.items():
            edit.setText(names.variants()[lang])

    def _show_titles(self) -> None:
        """The three fields under the table show the selected seat's position."""
        table = self._table()
        item = table.item(table.currentRow(), POSITION) if table.currentRow() >= 0 else None
        titles = item.data(TITLES) if item is not None else None
        for edit in self.title_edits().values():
            edit.setEnabled(item is not None)
        self._show(self.title_edits(), titles or Names())

    def edit_titles(self) -> None:
        """Ctrl+L: to the selected seat's position in Kazakh (the first seat if none is)."""
        table = self._table()
        if table.currentRow() < 0 and table.rowCount():
            table.setCurrentCell(0, POSITION)
        if table.currentRow() >= 0:
            self.title_edits()["kk"].setFocus()

    def _title_typed(self, lang: str, text: str) -> None:
        table = self._table()
        item = table.item(table.currentRow(), POSITION) if table.currentRow() >= 0 else None
        if item is None:
            return
        titles = replace(item.data(TITLES) or Names(), **{lang: text.strip()})
        table.blockSignals(True)
        item.setData(TITLES, titles)
        item.setText(titles.pick(self.lang))
        table.blockSignals(False)

    # -- filling the table -------------------------------------------------------------
    def _load(self, view: CommissionView) -> None:
        f = self.form
        self._show(self.name_edits(), view.names)
        self._show(self.place_edits(), view.places)
        f.levelCombo.setCurrentIndex(max(0, f.levelCombo.findData(view.level)))
        for spec in commissions.composition_specs(view.id):
            self.add_seat(spec)
        # The chooser shows the commission's own template, not the first one of the list,
        # so an Apply pressed by habit cannot swap its composition for another's.
        index = f.templateCombo.findData(view.level)
        if index < 0:
            f.templateCombo.insertItem(0, tr("template.own", self.lang), None)
            index = 0
        f.templateCombo.setCurrentIndex(index)

    def apply_template(self) -> None:
        code = self.form.templateCombo.currentData()
        if code is None:
            return
        table = self.form.seatsTable
        named = any(
            table.item(row, column) is not None and table.item(row, column).data(ID)
            for row in range(table.rowCount())
            for column in (HOLDER, DEPUTY)
        )
        if named:  # the seats hold people: refill only after a yes
            confirm(
                self,
                tr("editor.apply_template", self.lang),
                tr("editor.refill_question", self.lang),
                lambda: self._fill_template(code),
                self.lang,
            )
            return
        self._fill_template(code)

    def _fill_template(self, code: str) -> None:
        self.form.seatsTable.setRowCount(0)
        self.form.levelCombo.setCurrentIndex(max(0, self.form.levelCombo.findData(code)))
        for seat in template(code).seats:
            self.add_seat(SeatSpec(seat.role, seat.kk))

    def _person_item(self, person_id: int | None) -> QTableWidgetItem:
        name = persons.get_person(person_id).full_name if person_id else ""
        item = QTableWidgetItem(name)
        item.setData(ID, person_id)
        return item

    def add_seat(self, spec: SeatSpec) -> None:
        table = self.form.seatsTable
        table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        role = QTableWidgetItem(role_label(spec.role, self.lang))
        role.setData(ID, spec.role)
        table.setItem(row, ROLE, role)
        titles = spec.title_names()  # a Decree position with its catalogue translations
        position = QTableWidgetItem(titles.pick(self.lang))
        position.setData(TITLES, titles)
        table.setItem(row, POSITION, position)
        table.setItem(row, HOLDER, self._person_item(spec.holder_id))
        table.setItem(row, DEPUTY, self._person_item(spec.deputy_id))
        public = QTableWidgetItem()
        public.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        public.setCheckState(Qt.CheckState.Checked if spec.is_public else Qt.CheckState.Unchecked)
        table.setItem(row, PUBLIC, public)
        table.blockSignals(False)

    def remove_seat(self) -> None:
        row = self.form.seatsTable.currentRow()
        if row >= 0:
            self.form.seatsTable.removeRow(row)

    def _typed(self, item: QTableWidgetItem) -> None:
        # A retyped name no longer names the picked person; a position typed in the cell
        # is its wording in the interface language.
        if item.column() in (HOLDER, DEPUTY):
            item.setData(ID, None)
        elif item.column() == POSITION:
            titles = replace(item.data(TITLES) or Names(), **{self.lang: item.text().strip()})
            item.setData(TITLES, titles)
            self._show_titles()

    def pick_person(self) -> None:
        table = self.form.seatsTable
        row, column = table.currentRow(), table.currentColumn()
        if row < 0:
            return
        column = column if column in (HOLDER, DEPUTY) else HOLDER
        picker = PersonPicker(self.lang, self)

        def take(person) -> None:  # noqa: ANN001
            table.blockSignals(True)
            item = table.item(row, column)
            item.setText(person.full_name)
            item.setData(ID, person.id)
            table.blockSignals(False)

        picker.picked.connect(take)
        self.dialog = picker
        picker.open()

    # -- saving -----------------------------------------------------------------------
    def _resolve(self, item: QTableWidgetItem) -> int | None:
        """The person of a cell: the picked one, an exact name match, or a new person."""
        if item.data(ID):
            return int(item.data(ID))
        text = " ".join(item.text().split())
        if not text:
            return None
        for person in persons.search_persons(text.split()[0], limit=50):
            if person.full_name.casefold() == text.casefold():
                return person.id
        parts = text.split(" ", 2)
        if len(parts) < 2:
            raise ServiceError(
                tr("editor.need_full_name", self.lang, name=text),
                field="holder",
                key="editor_need_full_name",
                params={"name": text},
            )
        person = persons.add_person(parts[0], parts[1], parts[2] if len(parts) > 2 else "")
        name_index.invalidate()
        item.setData(ID, person.id)
        return person.id

    def specs(self) -> list[SeatSpec]:
        table = self.form.seatsTable
        result = []
        for row in range(table.rowCount()):
            titles = table.item(row, POSITION).data(TITLES) or Names()
            result.append(
                SeatSpec(
                    role=table.item(row, ROLE).data(ID),
                    position_title=titles.pick("kk"),
                    titles=titles,
                    holder_id=self._resolve(table.item(row, HOLDER)),
                    deputy_id=self._resolve(table.item(row, DEPUTY)),
                    is_public=table.item(row, PUBLIC).checkState() == Qt.CheckState.Checked,
                )
            )
        return result

    def save(self) -> None:
        f = self.form

        def save() -> CommissionView:
            seats = self.specs()
            names = self._typed_names(self.name_edits())
            places = self._typed_names(self.place_edits())
            if self.commission_id is None:
                return commissions.create_commission(
                    names, seats, level=f.levelCombo.currentData(), place=places
                )
            return commissions.replace_composition(
                self.commission_id, seats, name=names, place=places
            )

        say = lambda exc: f.errorLabel.setText(error_text(exc, self.lang))  # noqa: E731
        view = attempt(say, save)
        if view is REFUSED:
            return
        self.commission_id = view.id
        self.saved.emit(view)
        self.accept()
