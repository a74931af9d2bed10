"""The Qt binding must not leak references to None: PySide6-Essentials 6.12.0 on
Python 3.11 lost one on every call of a method returning nothing (setText, setItem...),
and a long sitting (a few hundred attendance keys) aborted with "none_dealloc".
pyproject.toml keeps that release out; this test fails if one like it comes back."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem


def test_qt_calls_returning_nothing_keep_none_alive(qtbot):
    label = QLabel()
    table = QTableWidget(1, 1)
    qtbot.addWidget(label)
    qtbot.addWidget(table)
    before = sys.getrefcount(None)
    for index in range(1000):
        label.setText(str(index))
        table.setItem(0, 0, QTableWidgetItem("x"))
    assert before - sys.getrefcount(None) < 50
