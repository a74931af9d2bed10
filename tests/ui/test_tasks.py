"""The background-work helper: results reach the UI thread; a closed screen is left alone."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from kzcommission.ui.tasks import run_task, running_tasks


def test_result_arrives_on_the_ui_thread(qtbot):
    seen: list[tuple[int, bool]] = []

    def work(context):
        context.progress(1, 2)
        return 41 + 1

    def done(value):
        seen.append((value, threading.current_thread() is threading.main_thread()))

    run_task(work, done)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]


def test_a_screen_closed_meanwhile_gets_no_callback(qtbot):
    """The user left the page before its work finished: nothing touches the dead widget."""
    release = threading.Event()
    label = QLabel("waiting")

    def work(_context):
        release.wait(5)
        return "done"

    run_task(work, label.setText)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive_label(label))
    release.set()
    qtbot.waitUntil(lambda: running_tasks() == 0)  # finished without a RuntimeError


def _alive_label(label: QLabel) -> bool:
    import shiboken6

    return shiboken6.isValid(label)


def test_errors_reach_the_error_callback(qtbot):
    errors: list[BaseException] = []

    def work(_context):
        raise ValueError("row 3, column birth_date: not a date")

    run_task(work, lambda _v: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert "birth_date" in str(errors[0])
