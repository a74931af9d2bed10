"""Choosing a person from the roster by typing: filter, arrows, Enter."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.preparation.persons import PersonView
from kzcommission.ui import name_index
from kzcommission.ui.form_types import PersonPickerForm
from kzcommission.ui.forms import load_form
from kzcommission.ui.list_steering import ListSteering
from kzcommission.ui.roster_model import RosterModel
from kzcommission.ui.table_fit import elided_tips, keep_in_view
from kzcommission.ui.window_fit import fit_window


class RosterSearch(QObject):
    """A filter line edit driving a RosterModel in a table view; Up/Down move the choice."""

    chosen = Signal(object)  # PersonView

    def __init__(self, edit: QLineEdit, view: QTableView, lang: str) -> None:
        super().__init__(edit)
        self.edit = edit
        self.view = view
        self.model = RosterModel(lang)
        self._waiting = False
        name_index.build_in_background()
        view.setModel(self.model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        # Whole names (and the note of a commission member) rather than "Байжанова Л ...":
        # the columns are fitted to the rows in sight once typing pauses, so a keystroke
        # costs no more than the filter itself (benchmarks/bench_ui.py).
        header.setResizeContentsPrecision(0)
        self._fit = QTimer(self, singleShot=True, interval=150)
        self._fit.timeout.connect(self._fit_columns)
        view.setTabKeyNavigation(False)  # Tab leaves the list for the next field
        elided_tips(view)  # a name cut to keep every column in sight: whole in its tooltip
        edit.textChanged.connect(self.refilter)
        ListSteering(edit, view)
        view.activated.connect(lambda index: self._choose(index.row()))

    def refilter(self, text: str = "") -> None:
        self.model.set_filter(text)
        if self.model.rowCount():
            self.view.selectRow(0)
            self._fit.start()
        if not text and name_index.current() is None and not self._waiting:
            # Nothing typed yet and no index: the first names come when it is built.
            self._waiting = True
            name_index.when_ready(self._index_ready)

    def _fit_columns(self) -> None:
        for column in range(self.model.columnCount() - 1):  # the last one stretches
            self.view.resizeColumnToContents(column)
        keep_in_view(self.view)  # the last column and its header stay on screen

    def _index_ready(self) -> None:
        self._waiting = False
        if not self.edit.text():
            self.refilter("")

    def set_hidden(self, person_ids: set[int], notes: dict[int, str] | None = None) -> None:
        """Leave ``person_ids`` out of the list and add ``notes`` after some names."""
        self.model.hidden = frozenset(person_ids)
        self.model.notes = dict(notes or {})
        self.refilter(self.edit.text())

    def current(self) -> PersonView | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.person(rows[0].row() if rows else 0)

    def _choose(self, row: int) -> None:
        person = self.model.person(row)
        if person is not None:
            self.chosen.emit(person)


class PersonPicker(QDialog):
    """Type part of a name or number, Enter takes the highlighted person."""

    picked = Signal(object)  # PersonView

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("picker.title", lang))
        self.form = load_form(PersonPickerForm, lang, self)
        QVBoxLayout(self).addWidget(self.form.widget)
        self.search = RosterSearch(self.form.filterEdit, self.form.personView, lang)
        self.search.chosen.connect(self._take)
        self.form.filterEdit.returnPressed.connect(self._take_current)
        self.search.refilter("")
        fit_window(self, "person_picker", 720, 480)

    def _take_current(self) -> None:
        person = self.search.current()
        if person is not None:
            self._take(person)

    def _take(self, person: PersonView) -> None:
        self.picked.emit(person)
        self.accept()
