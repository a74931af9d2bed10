"""Every top-level window opens inside the screen, at the size the user left it.

``fit_window(window, name, width, height)`` is called once by each window or
dialog before it is shown: the size last left (or the default given) is cut to
the available geometry of the screen the window will open on, the window is
centred there, and a window last left maximised opens maximised. When the
window is hidden (closed, accepted, rejected) its size and maximised state are
written to the settings under ``window/<name>/...`` (``settings.window_size``).
Nothing is ever larger than the screen, whatever the settings file says.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from kzcommission.ui import settings

# Room for the window manager's title bar and borders around the client area.
FRAME_ALLOWANCE = QSize(16, 40)


def screen_of(window: QWidget) -> QScreen:
    """The screen of the window's (or its parent's) native window, else the primary one.

    Asked through the native window handle: QWidget.screen() on a window not yet
    created has crashed the test process once (a screen pointer kept from an
    earlier window), and before it is shown a new window opens on the primary.
    """
    owner = window.parentWidget().window() if window.parentWidget() is not None else window
    handle = owner.windowHandle()
    screen = handle.screen() if handle is not None else None
    return screen or QGuiApplication.primaryScreen()


def available(window: QWidget) -> QRect:
    """The part of the window's screen a window may use (without the task bar)."""
    return screen_of(window).availableGeometry()


def largest_client(window: QWidget) -> QSize:
    """The largest client size whose frame still fits the available screen."""
    room = available(window).size()
    return QSize(
        max(200, room.width() - FRAME_ALLOWANCE.width()),
        max(150, room.height() - FRAME_ALLOWANCE.height()),
    )


def fitted(size: QSize, window: QWidget) -> QSize:
    return size.boundedTo(largest_client(window))


def fit_window(window: QWidget, name: str, width: int, height: int) -> None:
    """Size ``window`` from its remembered size (else ``width`` x ``height``), within the screen."""
    stored = settings.window_size(name)
    size = QSize(stored.width.get(), stored.height.get())
    if size.width() <= 0 or size.height() <= 0:
        size = QSize(width, height)
    size = fitted(size, window)
    window.resize(size)
    room = available(window)
    if window.parentWidget() is None:  # a dialog is centred on its parent by Qt
        window.move(room.center() - QRect(0, 0, size.width(), size.height()).center())
    if stored.maximised.get():
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    keeper = _SizeKeeper(name, window)
    window.installEventFilter(keeper)
    window._size_keeper = keeper  # type: ignore[attr-defined] - lives as long as the window


class _SizeKeeper(QObject):
    """Writes the window's size and maximised state when it is hidden."""

    def __init__(self, name: str, window: QWidget) -> None:
        super().__init__(window)
        self.name = name

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # A window torn down by its Python owner may still hide once: then the keeper's own
        # attributes are gone, and there is nothing left worth remembering.
        name = getattr(self, "name", None)
        if name and event.type() == QEvent.Type.Hide and isinstance(watched, QWidget):
            remember(watched, name)
        return False


def remember(window: QWidget, name: str) -> None:
    stored = settings.window_size(name)
    maximised = window.isMaximized()
    normal = window.normalGeometry() if maximised else window.geometry()
    store = settings.open_settings()
    if normal.width() > 0 and normal.height() > 0:
        stored.width.set(normal.width(), store)
        stored.height.set(normal.height(), store)
    stored.maximised.set(maximised, store)


class _ScreenGuard(QObject):
    """Any window about to be shown larger than its screen (a message box with a long text,
    a dialog of Qt's own) is cut to the screen and moved inside it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            keep_inside(watched)
        return False


def keep_inside(window: QWidget) -> None:
    if window.isMaximized() or window.isFullScreen():
        return
    room = available(window)
    size = fitted(window.size(), window)
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    x = min(max(frame.x(), room.left()), room.right() - frame.width() + 1)
    y = min(max(frame.y(), room.top()), room.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def install_screen_guard(app: QObject) -> QObject:
    """The explicit start-up (ui.app.run) installs it once for the whole application."""
    guard = _ScreenGuard(app)
    app.installEventFilter(guard)
    return guard
