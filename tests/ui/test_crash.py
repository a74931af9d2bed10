"""Nothing fails silently (issue 14, item 8): an unexpected error is logged with its
traceback in the data folder's rotating log and shown in the interface language with a
Copy button; the sitting stays as it was. Background work shows its failures by default."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from kzcommission import paths
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.installation.demo import create_demo
from kzcommission.services.sitting import sittings
from kzcommission.ui import crash
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.tasks import run_task


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A portable copy in a temporary folder: the log goes to its data folder."""
    folder = tmp_path / "install"
    folder.mkdir()
    (folder / paths.MARKER).write_text("")
    monkeypatch.setenv(paths.PORTABLE_DIR_ENV, str(folder))
    return folder / paths.DATA_FOLDER


@pytest.fixture
def handler(data_folder: Path, qapp):
    hooks = sys.excepthook, threading.excepthook
    crash.install_crash_handler("ru")
    yield data_folder / "logs" / crash.LOG_NAME
    sys.excepthook, threading.excepthook = hooks
    box = crash.open_dialog()
    if box is not None:
        box.reject()
    crash.stop_logging()


def boom() -> None:
    raise ZeroDivisionError("the tally divided by nobody")


def shown_dialog(qtbot) -> crash.ErrorDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: crash.open_dialog() is not None and crash.open_dialog().isVisible())
    return crash.open_dialog()


@pytest.mark.qt_no_exception_capture
def test_an_error_on_the_ui_thread_is_logged_and_shown(qtbot, handler, database, ui_settings):
    sitting_id = create_demo()
    before = sittings.get_sitting(sitting_id)
    QTimer.singleShot(0, boom)  # a slot raising, as a bug in a screen would
    box = shown_dialog(qtbot)
    log = handler.read_text(encoding="utf-8")
    assert "ZeroDivisionError: the tally divided by nobody" in log
    assert "Traceback (most recent call last)" in log and "in boom" in log
    assert box.windowTitle() == tr("crash.title", "ru") == "Непредвиденная ошибка"
    assert str(handler) in box.text.text()  # the file named to the user
    assert box.text.text().startswith("В программе произошла ошибка")
    qtbot.mouseClick(box.copy, Qt.MouseButton.LeftButton)
    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()
    assert box.isVisible()  # copying keeps the dialog open
    assert sittings.get_sitting(sitting_id) == before  # the sitting stays as it was


@pytest.mark.qt_no_exception_capture
def test_an_error_on_another_thread_reaches_the_dialog(qtbot, handler):
    thread = threading.Thread(target=boom)
    thread.start()
    thread.join()
    box = shown_dialog(qtbot)
    assert "ZeroDivisionError" in box.details.toPlainText()
    assert "the tally divided by nobody" in handler.read_text(encoding="utf-8")


def test_background_work_without_a_handler_shows_the_failure(qtbot, handler):
    def work(_context):
        raise RuntimeError("disk vanished while printing")

    run_task(work, lambda _result: None)
    box = shown_dialog(qtbot)
    assert "disk vanished while printing" in box.details.toPlainText()
    assert "RuntimeError: disk vanished while printing" in handler.read_text(encoding="utf-8")


def test_a_refusal_in_background_work_is_shown_as_a_refusal(qtbot, handler):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)

    def work(_context):
        raise ServiceError("the sitting is finalized", rule_id="R-SIT-8")

    run_task(work, lambda _result: None, parent=parent, lang="en")
    qtbot.waitUntil(lambda: isinstance(getattr(parent, "dialog", None), QMessageBox))
    assert "the sitting is finalized" in parent.dialog.text()
    assert crash.open_dialog() is None  # a refusal is not a crash


def test_the_log_rotates(handler):
    crash.start_logging()
    for number in range(crash.LOG_BACKUPS * 2 + 2):
        crash.log.error("x" * (crash.LOG_BYTES // 2) + str(number))
    files = sorted(p.name for p in handler.parent.iterdir())
    assert files == [crash.LOG_NAME] + [f"{crash.LOG_NAME}.{n}" for n in (1, 2, 3)]


def test_attempt_passes_refusals_and_lets_bugs_through():
    said: list[BaseException] = []
    refusal = ServiceError("no quorum", rule_id="R-QUO-2")

    def refuse() -> None:
        raise refusal

    assert attempt(said.append, refuse) is REFUSED and said == [refusal]
    assert attempt(said.append, lambda a, b=0: a + b, 2, b=3) == 5
    with pytest.raises(ZeroDivisionError):
        attempt(said.append, boom)  # a bug is not a refusal: it reaches the crash handler
    assert len(said) == 1
    assert QApplication.instance() is not None


@pytest.mark.qt_no_exception_capture
def test_a_bug_halfway_through_a_key_leaves_the_sitting_as_it_was(
    qtbot, handler, window, monkeypatch
):
    """P on the roll call, with the history writer failing inside the service's
    transaction: the mark is rolled back, the row keeps its old state, the user is told."""
    from kzcommission.services.sitting import sittings as sitting_service

    window.open_sitting(create_demo())
    console = window.page
    table = console.attendance.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    seat = console.commission.seats[0].id

    def broken(*_args, **_kwargs):
        raise KeyError("history writer broke")

    monkeypatch.setattr(sitting_service, "record_history", broken)
    # Posted, as the keyboard's events are: the event loop delivers it, not this test.
    QApplication.postEvent(
        table, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_P, Qt.KeyboardModifier.NoModifier, "p")
    )
    box = shown_dialog(qtbot)
    assert "KeyError" in box.details.toPlainText()
    assert "history writer broke" in handler.read_text(encoding="utf-8")
    assert seat not in sitting_service.attendance(console.sitting.id)  # rolled back
    assert table.item(0, 1).text() == console.attendance.table.item(1, 1).text()  # unmarked
    assert window.page is console  # the screen is still there, usable
