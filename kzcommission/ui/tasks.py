"""The one background-work helper: a function on the thread pool, results on the UI thread.

The function receives a ``TaskContext`` to report progress and to ask whether
the user cancelled. Its result or exception comes back through queued signals
to a QObject living on the UI thread, so callbacks may touch widgets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from kzcommission.i18n import tr
from kzcommission.services.installation.database import release_thread_connection


class TaskContext:
    """Handed to the work function: progress out, cancellation in."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._signals.progress.emit(int(done), int(total))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, func: Callable[[TaskContext], Any], context: TaskContext) -> None:
        super().__init__()
        self.func: Callable[[TaskContext], Any] | None = func
        self.context: TaskContext | None = context

    def run(self) -> None:
        context = self.context
        assert context is not None and self.func is not None
        try:
            result = self.func(context)
        except BaseException as exc:  # every failure goes back to the UI, never lost
            release_thread_connection()
            context._signals.failed.emit(exc)
        else:
            release_thread_connection()
            context._signals.finished.emit(result)
        finally:
            # Nothing of the task may die on this thread: the UI thread keeps the task (and
            # its QObjects) until well after this (see _bury), so these are never the last.
            self.context = None
            self.func = None
            del context


# Running tasks, kept alive until they report back.
_running: set[Task] = set()
# Finished tasks, kept a while longer: a QObject must be destroyed on the thread it lives on
# (the UI thread), never by a worker dropping the last reference a moment after it emitted,
# nor inside the slot Qt is delivering to it. Two such deaths at once crashed the process.
_finished: list[tuple[float, Task]] = []
KEEP_FINISHED_SECONDS = 5.0


def _bury(task: Task | None = None) -> None:
    """Keep ``task`` for KEEP_FINISHED_SECONDS; let go of those kept longer (UI thread)."""
    now = time.monotonic()
    _finished[:] = [(t, kept) for t, kept in _finished if now - t < KEEP_FINISHED_SECONDS]
    if task is not None:
        _finished.append((now, task))


class Task(QObject):
    """A running piece of background work; ``cancel()`` asks the function to stop."""

    progressed = Signal(int, int)

    def __init__(
        self,
        func: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self._signals = _Signals()
        self.context = TaskContext(self._signals)
        self._on_done = on_done
        self._on_error = on_error
        self._parent: QWidget | None = None
        self._lang = "en"
        self.dialog: QProgressDialog | None = None
        self.finished = False
        self._signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(func, self.context)

    def start(self) -> None:
        _bury()  # the finished ones kept long enough go now, on the UI thread
        _running.add(self)
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        self.context.cancel()

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)
        if self.dialog is not None:
            # Byte counts overflow a QProgressDialog's int; show per mille instead.
            self.dialog.setValue(int(1000 * done / total) if total else 0)

    def _finish(self) -> None:
        self.finished = True
        _running.discard(self)
        _bury(self)
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    @Slot(object)
    def _done(self, result: object) -> None:
        self._finish()
        if _alive(self._on_done):
            self._on_done(result)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self._finish()
        if self._on_error is None:
            show_failure(exc, self._parent, self._lang)  # type: ignore[arg-type]
        elif _alive(self._on_error):
            self._on_error(exc)  # type: ignore[arg-type]


def show_failure(exc: BaseException, parent: QWidget | None, lang: str) -> None:
    """The default for work given no error handler: a refusal is shown as one, anything
    else is an unexpected error, logged with its traceback and shown (ui.crash)."""
    from kzcommission.domain.errors import RuleError
    from kzcommission.services.errors import ServiceError
    from kzcommission.ui import crash
    from kzcommission.ui.dialogs import show_error

    owner = parent if parent is not None and shiboken6.isValid(parent) else None
    owner = owner or QApplication.activeWindow()
    if isinstance(exc, ServiceError | RuleError) and owner is not None:
        show_error(owner, exc, lang)
    else:
        crash.report(exc)


def _alive(callback: Callable[..., Any]) -> bool:
    """False when the callback is a method of a widget closed meanwhile (the user moved on)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def run_task(
    func: Callable[[TaskContext], Any],
    on_done: Callable[[Any], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
    parent: QWidget | None = None,
    label: str = "",
    lang: str = "en",
) -> Task:
    """Start ``func(context)`` off the UI thread; with ``parent``, show a cancellable dialog.

    Without ``on_error`` a failure is not lost: ``show_failure`` shows it."""
    task = Task(func, on_done, on_error)
    task._parent, task._lang = parent, lang
    if parent is not None:
        dialog = QProgressDialog(label, tr("task.cancel", lang), 0, 1000, parent)
        dialog.setWindowTitle(tr("task.title", lang))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # short work finishes before any dialog flashes up
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        task.dialog = dialog
    task.start()
    return task


def running_tasks() -> int:
    return len(_running)
