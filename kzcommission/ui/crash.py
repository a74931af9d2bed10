"""Nothing fails silently: an unexpected error is logged with its traceback and shown.

``install_crash_handler()`` (the explicit start-up, ``ui.app.run``) sends every
uncaught exception, on the UI thread or any other, to ``report``: the traceback
goes to a rotating log file in the data folder (``paths.data_dir()/logs``), and
the user sees a dialog in the interface language naming that file, with a
button copying the details. The event loop goes on: the sitting stays as it was,
since every service call is one transaction that an exception rolls back.
Background work (``ui.tasks``) reports its failures here by default.
Modelled on the idea of Anki's ``qt/aqt/errors.py``; the code is our own.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kzcommission import paths
from kzcommission.i18n import tr
from kzcommission.ui.window_fit import fit_window

LOG_NAME = "kzcommission.log"
LOG_BYTES = 1_000_000  # per file; three older files are kept
LOG_BACKUPS = 3

log = logging.getLogger("kzcommission")
_state: dict[str, object] = {
    "lang": "kk",
    "handler": None,
    "bridge": None,
    "showing": False,
    "dialog": None,
}


def log_file() -> Path:
    return paths.data_dir() / "logs" / LOG_NAME


def set_language(lang: str) -> None:
    """The language the next error dialog speaks (the main window calls it on a switch)."""
    _state["lang"] = lang


def start_logging() -> Path:
    """The rotating log file, made once; its path."""
    path = log_file()
    handler = _state["handler"]
    if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
        return path
    if isinstance(handler, logging.Handler):
        log.removeHandler(handler)
        handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _state["handler"] = handler
    return path


def stop_logging() -> None:
    handler = _state["handler"]
    if isinstance(handler, logging.Handler):
        log.removeHandler(handler)
        handler.close()
    _state["handler"] = None


class _Bridge(QObject):
    """Carries a failure from any thread to the UI thread, where the dialog may open."""

    failed = Signal(str)


def install_crash_handler(lang: str) -> None:
    """Every uncaught exception from now on: logged, then shown (see the module docstring)."""
    set_language(lang)
    start_logging()
    bridge = _Bridge()
    bridge.failed.connect(_show, Qt.ConnectionType.QueuedConnection)
    _state["bridge"] = bridge
    sys.excepthook = _excepthook
    threading.excepthook = lambda args: _excepthook(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    report(exc, tb)


def report(exc: BaseException, tb: TracebackType | None = None) -> str:
    """Log ``exc`` with its traceback and show it; the text logged is returned."""
    details = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    try:
        start_logging()
        log.error("unexpected error\n%s", details)
    except OSError as problem:  # a full or read-only disk: the dialog still shows it
        print(f"kzcommission: cannot write the log: {problem}\n{details}", file=sys.stderr)
    bridge = _state["bridge"]
    if isinstance(bridge, _Bridge):
        bridge.failed.emit(details)  # queued: shown by the UI thread's event loop
    elif (
        QApplication.instance() is not None
        and threading.current_thread() is threading.main_thread()
    ):
        _show(details)
    return details


def _show(details: str) -> None:
    if _state["showing"]:
        return  # one dialog at a time; every failure is in the log
    _state["showing"] = True
    box = ErrorDialog(details, str(_state["lang"]), QApplication.activeWindow())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: _state.update(showing=False, dialog=None))
    _state["dialog"] = box
    box.open()  # not exec(): the event loop (the sitting's clock, background work) goes on


def open_dialog() -> ErrorDialog | None:
    """The error dialog on screen, if any."""
    box = _state.get("dialog")
    return box if isinstance(box, ErrorDialog) else None


class ErrorDialog(QDialog):
    """What happened in the user's words, the log file's path, the details; Copy, Close."""

    def __init__(self, details: str, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(tr("crash.title", lang))
        layout = QVBoxLayout(self)
        self.text = QLabel(tr("crash.text", lang, path=str(log_file())), objectName="crashText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        self.details = QPlainTextEdit(details, objectName="crashDetails")
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox()
        self.copy = buttons.addButton(
            tr("crash.copy", lang), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy.setObjectName("crashCopy")
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        close = buttons.addButton(tr("crash.close", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        fit_window(self, "error", 720, 420)
