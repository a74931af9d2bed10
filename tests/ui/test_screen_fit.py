"""Everything fits a 1366 x 768 screen in kk, ru and en (issue 14, item 4).

The offscreen screen of the test run is 1366 x 768 (tests/conftest.py). Every
top-level window opens inside it, sized through ui.window_fit, its size and
maximised state remembered; the vote list of a 15-member commission shows every
voter without scrolling in every kind of case; no header, label or status is
cut, and a name that must be cut has its full text in a tooltip. Screenshots go
to tests/artifacts/screen_fit/.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolTip,
    QWidget,
)

from kzcommission.i18n import LANGUAGES
from kzcommission.services.sitting import sittings
from kzcommission.ui import settings
from kzcommission.ui.main_window import MainWindow
from kzcommission.ui.table_fit import (
    ElidedTips,
    compact_rows,
    header_text_fits,
    is_elided,
    show_all_rows,
)
from kzcommission.ui.window_fit import install_screen_guard
from tests.services.finished_sitting import finish_demo
from tests.ui.big_commission import MEMBER_COUNT, create_big_sitting
from tests.ui.driver import Keys, activate

K = Qt.Key
SCREEN = QRect(0, 0, 1366, 768)


@pytest.fixture
def shots(artifacts):
    folder = artifacts / "screen_fit"
    folder.mkdir(exist_ok=True)
    return folder


def screen() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def assert_inside(window: QWidget) -> None:
    frame = window.frameGeometry()
    assert screen().contains(frame), (type(window).__name__, frame, screen())


def test_the_test_screen_is_an_office_laptop(qapp):
    assert screen() == SCREEN


def open_window(qtbot, database, lang: str) -> MainWindow:  # noqa: ANN001
    window = MainWindow(str(database), lang)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def visible_dialog(qtbot) -> QDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_window_opens_inside_the_screen(qtbot, database, ui_settings, shots, lang):
    """The main window, each dialog its keys open, and the chair's review (F12)."""
    window = open_window(qtbot, database, lang)
    assert_inside(window)
    assert window.width() <= SCREEN.width() and window.height() <= SCREEN.height()
    keys = Keys(qtbot)
    for name, key, modifier in (
        ("shortcuts", K.Key_F1, Qt.KeyboardModifier.NoModifier),
        ("manual", K.Key_F1, Qt.KeyboardModifier.ShiftModifier),
        ("commission_editor", K.Key_N, Qt.KeyboardModifier.ControlModifier),
        ("settings", K.Key_Comma, Qt.KeyboardModifier.ControlModifier),
    ):
        activate(qtbot, window)
        keys.press(key, modifier, widget=window)
        dialog = visible_dialog(qtbot)
        assert_inside(dialog)
        assert cut_texts(dialog) == [], (name, lang)
        qtbot.wait(20)  # the columns settle after the first layout
        dialog.grab().save(str(shots / f"{name}_{lang}.png"))
        dialog.reject()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.open_sitting(finish_demo())
    console = window.page
    activate(qtbot, window)
    console.form.caseList.setFocus()
    keys.press(K.Key_F12, widget=console.form.caseList)
    review = visible_dialog(qtbot)
    assert_inside(review)
    header = review.table.horizontalHeader()
    last = header.count() - 1  # the review's last column is on screen, whole
    qtbot.wait(20)
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= header.width()
    for section in range(header.count()):
        assert header_text_fits(header, section), (lang, section)
    review.grab().save(str(shots / f"chair_review_{lang}.png"))
    review.showMaximized()
    qtbot.wait(20)
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= header.width()


def test_sizes_are_remembered_and_never_larger_than_the_screen(qtbot, database, ui_settings):
    window = open_window(qtbot, database, "en")
    window.resize(1000, 600)
    window.close()
    stored = settings.window_size("main")
    assert (stored.width.get(), stored.height.get(), stored.maximised.get()) == (1000, 600, False)
    again = open_window(qtbot, database, "en")
    assert again.size() == QSize(1000, 600)
    stored.width.set(5000)  # a settings file from a larger screen
    stored.height.set(3000)
    stored.maximised.set(True)
    third = MainWindow(str(database), "en")
    qtbot.addWidget(third)
    assert third.width() <= SCREEN.width() and third.height() <= SCREEN.height()
    assert third.windowState() & Qt.WindowState.WindowMaximized


def test_a_window_of_qt_s_own_is_cut_to_the_screen(qtbot, qapp):
    guard = install_screen_guard(qapp)
    try:
        box = QMessageBox(QMessageBox.Icon.Information, "x", "y")
        box.setMinimumSize(10, 10)
        box.resize(3000, 2000)
        box.move(-50, -50)
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        assert_inside(box)
    finally:
        qapp.removeEventFilter(guard)


def cut_texts(root: QWidget) -> list[str]:
    """Every header section, label or table cell whose text is cut without a tooltip."""
    problems = []
    for header in root.findChildren(QHeaderView):
        if header.isVisible() and header.orientation() == Qt.Orientation.Horizontal:
            for section in range(header.count()):
                if not header.isSectionHidden(section) and not header_text_fits(header, section):
                    text = header.model().headerData(section, Qt.Orientation.Horizontal)
                    problems.append(f"header {text!r}")
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            if label.sizeHint().width() > label.width() + 1:
                problems.append(f"label {label.text()!r}")
    for table in root.findChildren(QTableView):
        if not table.isVisible():
            continue
        if table.horizontalHeader().length() > table.viewport().width():
            problems.append(f"table {table.objectName()} wider than its view")
        model = table.model()
        tips = isinstance(table.itemDelegate(), ElidedTips)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                if index.data() and is_elided(table, index):
                    if not (tips or index.data(Qt.ItemDataRole.ToolTipRole)):
                        problems.append(f"cell {index.data()!r}")
    return problems


def assert_tooltip_of_cut_cells(qtbot, table: QTableView) -> None:  # noqa: ANN001
    """Hovering a cut cell shows its whole text (the delegate's tooltip)."""
    cut = [
        table.model().index(row, column)
        for row in range(table.model().rowCount())
        for column in range(table.model().columnCount())
        if table.model().index(row, column).data()
        and is_elided(table, table.model().index(row, column))
    ]
    assert cut, "a 15-member list in this width has cut names"
    for index in cut[:3]:
        where = table.visualRect(index).center()
        event = QHelpEvent(QEvent.Type.ToolTip, where, table.viewport().mapToGlobal(where))
        QApplication.sendEvent(table.viewport(), event)
        qtbot.waitUntil(QToolTip.isVisible)
        assert QToolTip.text() == index.data()
        QToolTip.hideText()


def rows_shown(table: QTableView) -> int:
    """Rows wholly inside the table's viewport (the vote list never scrolls)."""
    height = table.viewport().height()
    return sum(
        1
        for row in range(table.model().rowCount())
        if 0 <= table.rowViewportPosition(row)
        and table.rowViewportPosition(row) + table.rowHeight(row) <= height
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_console_shows_every_voter_and_cuts_no_text(qtbot, database, ui_settings, shots, lang):
    """15 members and a secretary, a regular, a repeat and an extraordinary case (five
    options): the vote list, the roll call and the scorecards, tab by tab (F2, F8, F9)."""
    window = open_window(qtbot, database, lang)
    window.open_sitting(create_big_sitting())
    console = window.page
    assert_inside(window)
    keys = Keys(qtbot)
    ballots = console.vote.form.ballotTable
    for row in range(console.form.caseList.count()):
        console.form.caseList.setCurrentRow(row)
        keys.press(K.Key_F9, widget=console)
        qtbot.wait(20)
        assert ballots.rowCount() == MEMBER_COUNT + 1  # and the secretary
        ballots.setFocus()
        for _ in range(3):  # three ballots: the vote column has its texts
            keys.press(K.Key_1, widget=ballots)
        assert sum(1 for r in range(ballots.rowCount()) if ballots.item(r, 1).text()) == 3
        assert rows_shown(ballots) == ballots.rowCount(), (lang, row)
        assert ballots.mapTo(window, ballots.rect().bottomLeft()).y() <= window.height()
        assert cut_texts(console) == [], (lang, row)
        window.grab().save(str(shots / f"vote_{lang}_{row + 1}.png"))
        keys.press(K.Key_F8, widget=console)
        qtbot.wait(20)
        scores = console.scores.table
        if console.form.scoresTab.isEnabled() and scores.isVisible():
            assert rows_shown(scores) == scores.rowCount()
            assert cut_texts(console) == [], (lang, row)
            window.grab().save(str(shots / f"scores_{lang}_{row + 1}.png"))
    assert_tooltip_of_cut_cells(qtbot, ballots)
    attendance = console.attendance.table
    assert rows_shown(attendance) == attendance.rowCount() == MEMBER_COUNT + 1
    for row in range(attendance.rowCount()):  # the status and time are never cut
        for column in (1, 2):
            assert not is_elided(attendance, attendance.model().index(row, column))
        name = attendance.item(row, 0)
        seat = console.commission.seats[row]
        assert seat.holder_name in name.toolTip()  # the full name, whatever is shown
    assert sittings.quorum_state(console.sitting.id).present == MEMBER_COUNT


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_amendments_dialog_and_the_home_page_cut_no_text(
    qtbot, database, ui_settings, shots, lang
):
    from kzcommission.ui.amendments_dialog import AmendmentsDialog

    sitting_id = finish_demo()
    window = open_window(qtbot, database, lang)
    window.go_home()
    qtbot.wait(400)  # the roster's columns are fitted to its names once the list settles
    assert cut_texts(window) == []
    dialog = AmendmentsDialog(lang, sittings.get_sitting(sitting_id), window)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(20)
    assert_inside(dialog)
    assert cut_texts(dialog) == []
    dialog.grab().save(str(shots / f"amendments_{lang}.png"))


def test_a_table_on_a_hidden_tab_is_sized_with_its_header(qtbot):
    """The vote list is filled while its tab is hidden; it is whole the moment it shows."""
    from PySide6.QtWidgets import QTableWidget

    table = QTableWidget(MEMBER_COUNT + 1, 3)
    qtbot.addWidget(table)
    compact_rows(table)
    show_all_rows(table)  # never shown yet: the header is not "visible"
    header = table.horizontalHeader().sizeHint().height()
    assert table.maximumHeight() >= (MEMBER_COUNT + 1) * table.rowHeight(0) + header


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_and_tab_fits_the_screen_width(qtbot, database, ui_settings, lang):
    """Seen on the desk: the Evaluation page in Russian made the main window wider than
    the screen (corps A's row of buttons), cutting its right edge. Every page and every
    tab of it needs no more than the screen."""
    window = open_window(qtbot, database, lang)
    for show in (window.show_preparation, window.show_evaluation, window.show_reports):
        show()
        page = window.page
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            qtbot.wait(10)
            needed = window.minimumSizeHint().width()
            assert needed <= SCREEN.width(), (lang, show.__name__, index, needed)
            assert window.width() <= SCREEN.width(), (lang, show.__name__, index)
