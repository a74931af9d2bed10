"""The reports screen driven with keys: filters switched, refreshed, exported off the UI thread."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from benchmarks.bench_reports import generate
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.usefixtures("database")


@pytest.fixture
def seeded():
    return generate(cases=1000, sittings=20, commissions=2, seed=7, absent_rate=0.15)


@pytest.fixture
def widget(qtbot, seeded):
    from kzcommission.ui.reports import ReportsWidget

    w = ReportsWidget("kk")
    qtbot.addWidget(w)
    w.resize(1100, 850)
    w.date_from.setDate(QDate(2024, 1, 1))
    w.date_to.setDate(QDate(2024, 12, 31))
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def refresh(qtbot, w) -> object:
    with qtbot.waitSignal(w.reportReady, timeout=20_000) as blocker:
        qtbot.keyClick(w, Qt.Key.Key_F5)
    return blocker.args[0]


def test_filters_by_keys_then_export(qtbot, widget, seeded, tmp_path):
    w = widget
    report = refresh(qtbot, w)
    assert report.decisions.total == 1000 and report.decisions.count("fits") == 914
    assert w.tabs.count() == 6  # the appeals section (R-DOC-8) gets its tab from sections()
    assert any("R-DOC-8" in w.tabs.tabText(i) for i in range(w.tabs.count()))

    # Alt+C focuses the commission filter (the label's mnemonic); Down picks the first one.
    w.tabs.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert w.commission.hasFocus()
    qtbot.keyClick(w.commission, Qt.Key.Key_Down)
    assert w.commission.currentData() == seeded.commission_ids[0]
    report = refresh(qtbot, w)
    assert report.filter.commission_id == seeded.commission_ids[0]
    assert report.decisions.total == sum(seeded.by_commission[seeded.commission_ids[0]].values())
    assert report.attendance.held == 10

    # Alt+U: a unit; the report narrows to the sittings that heard it.
    qtbot.keyClick(w, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert w.unit.hasFocus()
    qtbot.keyClick(w.unit, Qt.Key.Key_Down)
    unit = w.unit.currentData()
    report = refresh(qtbot, w)
    expected = sum(
        n for u, c in seeded.by_unit.items() if u == unit for n in c.values()
    )  # all commissions' cases of the unit, cut below to the chosen commission
    assert 0 < report.decisions.total <= expected

    # Back to everything, then export all three formats by their shortcuts.
    w.commission.setCurrentIndex(0)
    w.unit.setCurrentIndex(0)
    report = refresh(qtbot, w)
    w.choose_path = lambda fmt: tmp_path / f"report.{fmt}"
    for fmt, key in (("csv", Qt.Key.Key_C), ("xlsx", Qt.Key.Key_X), ("pdf", Qt.Key.Key_P)):
        with qtbot.waitSignal(w.exported, timeout=30_000) as blocker:
            qtbot.keyClick(
                w, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
        assert Path(blocker.args[0]) == tmp_path / f"report.{fmt}"
    rows = list(csv.reader(io.StringIO((tmp_path / "report.csv").read_text("utf-8-sig"))))
    assert ["жоғарылату", "73", "7.3"] in rows
    sheet = load_workbook(tmp_path / "report.xlsx").worksheets[0]
    assert ["сәйкес келеді", 914, 91.4] in [list(r) for r in sheet.iter_rows(values_only=True)]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")

    folder = ARTIFACTS / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    w.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    assert w.grab().save(str(folder / "reports_widget.png"))
    w.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    assert w.grab().save(str(folder / "reports_widget_quorum.png"))


def test_search_as_you_type(qtbot, widget):
    from kzcommission.store import models

    person = models.Person.get(models.Person.personnel_number == "T000042")
    widget.search.setFocus()
    for letter in person.surname[:2].lower():  # QTest types Latin-1 only: insert Cyrillic
        widget.search.insert(letter)
    assert widget.hits.isVisible() and widget.hits.count() > 0
    widget.search.clear()
    qtbot.keyClicks(widget.search, "T000042")
    assert widget.hits.count() == 1 and "T000042" in widget.hits.item(0).text()


def test_period_typed_with_its_dots_and_a_wrong_date_refused(qtbot, widget):
    """The period's dates are typed like every date of the product (ui/date_field.py): a
    date typed with its dots is that date; one that is no date is refused in the summary
    line, naming it, and no report is built from a date the user did not type."""
    w = widget
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert w.date_from.hasFocus()
    w.date_from.selectAll()
    qtbot.keyClicks(w.date_from, "31.02.2024")
    qtbot.keyClick(w, Qt.Key.Key_F5)
    assert "31.02.2024" in w.summary.text() and w.refresh_button.isEnabled()
    w.date_from.selectAll()
    qtbot.keyClicks(w.date_from, "01.07.2024")
    report = refresh(qtbot, w)
    assert (report.filter.date_from, report.filter.date_to) == (
        date(2024, 7, 1),
        date(2024, 12, 31),
    )
