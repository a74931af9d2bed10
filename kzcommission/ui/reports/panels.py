"""The pieces of the reports screen: a chart canvas and a table of one report section.

The charts are the figures of ``documents.report_charts`` (the very ones printed in the
PDF, handed over by ``services.reports.export``) shown through matplotlib's Qt canvas;
tables come from ``report_tables`` the same way, so the screen, the PDF, CSV and XLSX
show the same columns.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.services.reports.export import Section, cell_text

# A screenful: longer sections (2,000 sittings) are complete in the exports.
ROWS_SHOWN = 500
# The column that takes the spare width: the names (the commission's, for sittings).
STRETCH = {"sittings": 2}


def chart_canvas(figure: Any) -> QWidget:
    """A Qt widget drawing ``figure`` (imported here: only the GUI needs the Qt backend)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = FigureCanvasQTAgg(figure)
    width, height = figure.get_size_inches()
    canvas.setMinimumSize(int(width * 60), int(height * 80))
    return canvas


def section_table(section: Section) -> QTableWidget:
    rows = section.rows[:ROWS_SHOWN]
    table = QTableWidget(len(rows), len(section.header))
    table.setObjectName(f"table_{section.key}")
    table.setHorizontalHeaderLabels(list(section.header))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(cell_text(value))
            if isinstance(value, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if section.header:
        header.setSectionResizeMode(STRETCH.get(section.key, 0), QHeaderView.ResizeMode.Stretch)
    return table


def section_page(section: Section, figure: Any | None = None) -> QWidget:
    """One tab: the section's note, its chart (if any) and its table."""
    page = QWidget()
    page.setObjectName(f"page_{section.key}")
    layout = QVBoxLayout(page)
    if section.note:
        note = QLabel(section.note)
        note.setWordWrap(True)
        note.setObjectName("note")
        layout.addWidget(note)
    if figure is not None:
        layout.addWidget(chart_canvas(figure), 3)
    if section.header:
        layout.addWidget(section_table(section), 2)
    else:
        layout.addStretch(1)
    return page
