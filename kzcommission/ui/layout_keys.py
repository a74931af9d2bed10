"""Shortcuts under a Russian or Kazakh keyboard layout: the key's place, not its letter.

Qt matches a shortcut by the symbol the key gives. With only Cyrillic layouts set on
X11 (``setxkbmap ru``, or ``ru,kz``) Ctrl+P arrives as Ctrl+З and no shortcut fires: Qt
falls back to a Latin symbol only from another layout group that has one. On the Kazakh
layout the number row gives ``" ә і ң ғ`` instead of 1-5, so the vote keys 1-5, Alt+1..5
and Ctrl+1..4 never arrive at all, whatever else is set.

One application-wide event filter, installed at start-up, looks at each key press that
no shortcut took. If its key is a non-Latin letter (with or without Ctrl, Alt, Shift), or
it is on the number row and gives no digit (Shift not held), the press is sent again with
the key of the same physical place on a US keyboard, and the original is dropped. So
Ctrl+З is Ctrl+P, Alt+ә is Alt+2, and the attendance letters P A L E D and the score
keys G N work on the keys that bear them. The text stays what was typed, so typing
Kazakh or Russian in a field, a cell or a list's type-ahead is unchanged (Qt's widgets
insert and search by ``text()``; only our table filters read ``key()``). The new press
is not spontaneous, so Qt offers it to the shortcut map first (QApplication::notify),
then to the widget and its filters. A shortcut written with a Cyrillic letter would
still match first, on the original press.

Where the physical place comes from:

* X11 (xcb) and Wayland: ``nativeScanCode()`` is the XKB keycode, the evdev code + 8,
  the same whatever layout is active (P is 33 on every layout).
* Windows: ``nativeVirtualKey()``. The Russian and Kazakh layouts keep the US virtual
  keys on the letter and number keys (VK_P on the З key, VK_2 on the ә key), and those
  codes equal Qt's Key_A..Key_Z and Key_0..Key_9; ``,`` ``[`` ``]`` are VK_OEM_COMMA,
  VK_OEM_4 and VK_OEM_6. Qt's own Windows fallback (the virtual key among the possible
  keys of a shortcut) relies on the same codes. Not yet measured on a Windows desk.
* macOS: nothing is remapped (the app is not built for it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QWidget

K = Qt.Key
US_ROWS = {  # first keycode of each row on X11 (evdev + 8), the US keys in order
    10: "1234567890-=",
    24: "QWERTYUIOP[]",
    38: "ASDFGHJKL;'",
    49: "`",
    51: "\\ZXCVBNM,./",
}
XKB_KEYCODES: dict[int, int] = {
    first + i: ord(char) for first, row in US_ROWS.items() for i, char in enumerate(row)
}
WINDOWS_VIRTUAL_KEYS: dict[int, int] = {
    **{code: code for code in range(ord("0"), ord("9") + 1)},
    **{code: code for code in range(ord("A"), ord("Z") + 1)},
    0xBC: K.Key_Comma,
    0xBE: K.Key_Period,
    0xDB: K.Key_BracketLeft,
    0xDD: K.Key_BracketRight,
}
DIGITS = range(K.Key_0, K.Key_9 + 1)


def latin_table(platform: str) -> tuple[dict[int, int], bool]:
    """The physical-place table for a Qt platform name, and whether it reads the virtual key."""
    if platform == "windows":
        return WINDOWS_VIRTUAL_KEYS, True
    if platform in ("cocoa", "ios"):
        return {}, False
    return XKB_KEYCODES, False  # xcb, wayland, and offscreen in the tests


class LayoutKeys(QObject):
    """Re-sends a press with a non-Latin key, or a number-row press without a digit, as
    the US key of the same place."""

    def __init__(self, table: dict[int, int], virtual_key: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.table = table
        self.virtual_key = virtual_key

    def latin_key(self, event: QKeyEvent) -> int | None:
        """The US key of the pressed place when this press needs it, else None."""
        native = event.nativeVirtualKey() if self.virtual_key else event.nativeScanCode()
        latin = self.table.get(native)
        key = event.key()
        if latin is None or latin == key:
            return None
        if 0x7F < key < K.Key_Escape:  # a letter beyond ASCII: Ctrl+З, Alt+ә, З alone
            return latin
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if latin in DIGITS and key not in DIGITS and not shift:  # " on the kz 1 key
            return latin
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        latin = self.latin_key(event)
        if latin is None:
            return False
        again = QKeyEvent(
            QEvent.Type.KeyPress,
            latin,
            event.modifiers(),
            event.nativeScanCode(),
            event.nativeVirtualKey(),
            event.nativeModifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        QGuiApplication.sendEvent(watched, again)
        return True


def install_layout_keys(app: QGuiApplication) -> LayoutKeys:
    """Install the filter on the application (once, at start-up); returns it."""
    keys = LayoutKeys(*latin_table(app.platformName()), parent=app)
    app.installEventFilter(keys)
    return keys
