"""Shortcuts and the vote keys under the Russian and Kazakh keyboard layouts.

The key events are built as X11 delivers them with ``setxkbmap kz`` (or ``ru``) and no
Latin layout: the key is the Cyrillic letter, the native scan code is the XKB keycode
of the physical key, the native virtual key is the keysym. On Kazakh the number row
gives ``" ә і ң ғ``. The measured table per shortcut is in docs/keyboard-layouts.md.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kzcommission.services.installation.demo import create_demo
from kzcommission.services.sitting import cases, sittings, voting
from kzcommission.ui.layout_keys import LayoutKeys, latin_table
from tests.ui.driver import activate

K = Qt.Key
M = Qt.KeyboardModifier
# The US key → what the Kazakh layout (xkb "kz") gives there: text, X keycode, keysym.
KZ = {
    "1": ('"', 10, 0x22),
    "2": ("ә", 11, 0x10004D9),
    "3": ("і", 12, 0x6A6),
    "4": ("ң", 13, 0x10004A3),
    "5": ("ғ", 14, 0x1000493),
    "A": ("ф", 38, 0x6C6),
    "O": ("щ", 32, 0x6DD),
    "P": ("з", 33, 0x6DA),
    "Z": ("я", 52, 0x6D1),
}
X_STATE = {M.ShiftModifier: 1, M.ControlModifier: 4, M.AltModifier: 8}


def press_kz(widget: QWidget, us_key: str, modifiers: M = M.NoModifier) -> None:
    """Press and release the key that bears ``us_key`` as the Kazakh layout sends it."""
    text, code, keysym = KZ[us_key]
    state = sum(bit for modifier, bit in X_STATE.items() if modifiers & modifier)
    typed = "" if modifiers & M.ControlModifier else text
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, ord(text.upper()), modifiers, code, keysym, state, typed)
        QApplication.sendEvent(widget, event)


@pytest.fixture
def layout_keys(qapp):
    keys = LayoutKeys(*latin_table("xcb"))
    qapp.installEventFilter(keys)
    yield keys
    qapp.removeEventFilter(keys)


def shortcut_probe(qtbot, sequence: str) -> tuple[QWidget, list[str]]:
    widget = QWidget()
    qtbot.addWidget(widget)
    fired: list[str] = []
    QShortcut(QKeySequence(sequence), widget, lambda: fired.append(sequence))
    widget.show()
    activate(qtbot, widget)
    widget.setFocus()
    return widget, fired


def test_ctrl_ze_is_ctrl_p_only_with_the_filter(qtbot, qapp):
    widget, fired = shortcut_probe(qtbot, "Ctrl+P")
    press_kz(widget, "P", M.ControlModifier)
    assert fired == []  # Qt alone: Ctrl+З matches nothing
    keys = LayoutKeys(*latin_table("xcb"))
    qapp.installEventFilter(keys)
    try:
        press_kz(widget, "P", M.ControlModifier)
        press_kz(widget, "O", M.ControlModifier | M.ShiftModifier)  # not Ctrl+Shift+O
    finally:
        qapp.removeEventFilter(keys)
    assert fired == ["Ctrl+P"]


@pytest.mark.parametrize(
    ("sequence", "us_key", "modifiers"),
    [
        ("Ctrl+Shift+O", "O", M.ControlModifier | M.ShiftModifier),
        ("Ctrl+1", "1", M.ControlModifier),  # Ctrl+" on the kz number row
        ("Ctrl+2", "2", M.ControlModifier),  # Ctrl+ә
        ("Alt+5", "5", M.AltModifier),  # Alt+ғ
        ("Ctrl+Z", "Z", M.ControlModifier),
    ],
)
def test_shortcuts_fire_from_the_kazakh_layout(qtbot, layout_keys, sequence, us_key, modifiers):
    widget, fired = shortcut_probe(qtbot, sequence)
    press_kz(widget, us_key, modifiers)
    assert fired == [sequence]


def test_windows_reads_the_virtual_key(qtbot, qapp):
    """Windows: the Russian layout's З key carries VK_P (0x50), the ә key VK_2 (0x32)."""
    widget, fired = shortcut_probe(qtbot, "Ctrl+P")
    keys = LayoutKeys(*latin_table("windows"))
    qapp.installEventFilter(keys)
    try:
        event = QKeyEvent(QEvent.Type.KeyPress, ord("З"), M.ControlModifier, 0x19, 0x50, 0, "")
        QApplication.sendEvent(widget, event)
        digit = QKeyEvent(QEvent.Type.KeyPress, ord("Ә"), M.NoModifier, 0x03, 0x32, 0, "ә")
        assert keys.latin_key(digit) == K.Key_2
    finally:
        qapp.removeEventFilter(keys)
    assert fired == ["Ctrl+P"]


def test_only_foreign_keys_are_moved(layout_keys):
    def latin(key: int, modifiers: M, code: int, text: str) -> int | None:
        return layout_keys.latin_key(
            QKeyEvent(QEvent.Type.KeyPress, key, modifiers, code, 0, 0, text)
        )

    assert latin(K.Key_P, M.ControlModifier, 33, "") is None  # us: already P
    assert latin(K.Key_1, M.NoModifier, 10, "1") is None  # ru number row: digits
    assert latin(K.Key_Exclam, M.ShiftModifier, 10, "!") is None  # Shift+1 stays !
    assert latin(K.Key_1, M.KeypadModifier, 87, "1") is None  # the keypad
    assert latin(ord("З"), M.NoModifier, 0, "з") is None  # no physical key known
    assert latin(K.Key_QuoteDbl, M.NoModifier, 10, '"') == K.Key_1  # kz: " on the 1 key
    assert latin(ord("Ә"), M.AltModifier, 11, "ә") == K.Key_2
    assert latin_table("cocoa") == ({}, False)


def test_typed_kazakh_and_russian_text_is_unchanged(qtbot, layout_keys):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    activate(qtbot, edit)
    edit.setFocus()
    for us_key in ("2", "3", "P", "1"):
        press_kz(edit, us_key)
    assert edit.text() == 'әіз"'
    press_kz(edit, "A", M.ControlModifier)  # Ctrl+Ф is Ctrl+A: select all
    assert edit.selectedText() == 'әіз"'


def test_a_case_voted_on_the_kazakh_layout(qtbot, window, layout_keys):
    """The console with the keys of a Kazakh keyboard: open the sitting (Ctrl+Shift+Щ),
    roll call with З (the P key), ballots with " ә і (1 2 3), undo (Ctrl+Я), the rest
    unanimous for option 1 (Alt+"), count, then Ctrl+ә and Ctrl+" between the pages."""
    sitting_id = create_demo()
    window.open_sitting(sitting_id)
    console = window.page
    activate(qtbot, console)
    press_kz(console, "O", M.ControlModifier | M.ShiftModifier)
    assert console.sitting.status == "open"
    qtbot.keyClick(console, K.Key_F2)
    table = console.attendance.table
    for _ in range(10):
        press_kz(table, "P")
    state = sittings.quorum_state(sitting_id)
    assert (state.present, state.valid) == (9, True)
    qtbot.keyClick(console, K.Key_F5)
    ballots = console.vote.form.ballotTable
    assert ballots.hasFocus()
    for us_key in ("1", "2", "3"):
        press_kz(ballots, us_key)
    round_ = console.vote.round
    seats = [s.id for s in console.commission.seats]
    options = round_.options
    cast = voting.live_tally(round_.id).ballots
    assert [cast.get(seat) for seat in seats[:4]] == [*options[:3], None]
    press_kz(ballots, "Z", M.ControlModifier)  # undo the last ballot
    cast = voting.live_tally(round_.id).ballots
    assert [cast.get(seat) for seat in seats[:3]] == [*options[:2], None]
    press_kz(ballots, "1", M.AltModifier)  # everyone for option 1
    assert set(voting.live_tally(round_.id).ballots.values()) == {options[0]}
    assert len(voting.live_tally(round_.id).ballots) == 9
    qtbot.keyClick(ballots, K.Key_Return, M.ControlModifier)
    case = cases.get_case(console.case_panel.case.id)
    assert (case.decision, case.decision_rule) == ("fits", "R-VOTE-2")
    press_kz(QApplication.focusWidget() or console, "2", M.ControlModifier)
    assert window.page_kind == "preparation"
    press_kz(QApplication.focusWidget() or window, "1", M.ControlModifier)
    assert window.page_kind == "console"


def test_the_application_installs_the_filter_at_start_up(qapp, monkeypatch, ui_settings):
    from kzcommission.ui import app as app_module

    monkeypatch.setattr(app_module, "start", lambda *args, **kwargs: False)  # no database
    monkeypatch.setattr(app_module, "on_quit", lambda: None)
    before = set(qapp.findChildren(LayoutKeys))
    app_module.run(None, smoke_seconds=0)
    added = [keys for keys in qapp.findChildren(LayoutKeys) if keys not in before]
    for keys in added:
        qapp.removeEventFilter(keys)
        keys.setParent(None)
    assert len(added) == 1
