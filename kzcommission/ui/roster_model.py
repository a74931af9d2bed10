"""The roster as a table model: a page of matches at a time, never the whole list.

With 100,000 employees the model holds at most ``limit`` rows, fetched on each
change of the filter through the in-memory prefix index (``name_index``), so
typing stays fast and start-up loads nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kzcommission.i18n import tr
from kzcommission.services.preparation.persons import PersonView
from kzcommission.ui import name_index

COLUMNS: tuple[str, ...] = ("personnel_number", "full_name", "position", "unit")
Index = QModelIndex | QPersistentModelIndex


class RosterModel(QAbstractTableModel):
    def __init__(self, lang: str, limit: int = 200) -> None:
        super().__init__()
        self.lang = lang
        self.limit = limit
        self.text = ""
        self.rows: list[PersonView] = []
        self.loaded = False
        self.hidden: frozenset[int] = frozenset()  # persons not offered (already chosen)
        self.notes: dict[int, str] = {}  # a word after the name (a commission member)

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self.text = text
        found = name_index.search(text, self.limit + len(self.hidden))
        self.rows = [p for p in found if p.id not in self.hidden][: self.limit]
        self.loaded = True
        self.endResetModel()

    def person(self, row: int) -> PersonView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        person = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if column == "full_name" and person.id in self.notes:
            return f"{person.full_name} — {self.notes[person.id]}"
        if column == "position":  # in the interface language, by the names' fallback order
            return person.position_in(self.lang)
        if column == "unit":
            return person.units.pick(self.lang) or person.unit
        return getattr(person, column) or ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(f"roster.col.{COLUMNS[section]}", self.lang)
        return None
