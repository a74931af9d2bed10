"""Keyboard layouts: does every key of the keyboard map fire under us, ru and kz (X11)?

    DESK_STATE=/tmp/desk-x /work/shared/tools/desk start -- \\
        .venv/bin/python benchmarks/bench_layouts.py --out /tmp/layouts.md

Needs a real X screen (the desk, or any X11 session; it calls setxkbmap and xdotool,
and leaves the layout at us). A probe window holds one QShortcut per key sequence of
``ui/shortcuts.py`` (the same shortcut map the app uses) and a focused table whose key
filter reads ``key()`` as the vote, attendance and score tables do, for the keys
without Ctrl/Alt. For each layout, each key is pressed with xdotool as that layout's
keyboard sends it (the keysym the layout gives on the US key's place: Ctrl+P is
ctrl+Cyrillic_ze on ru), first without, then with ``ui/layout_keys.py`` installed.
Writes a Markdown table (action, keys, per layout: before → after). Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableWidget, QVBoxLayout, QWidget  # noqa: E402

from kzcommission.ui.layout_keys import XKB_KEYCODES, install_layout_keys  # noqa: E402
from kzcommission.ui.shortcuts import KEYMAP  # noqa: E402

SPECIAL = {  # xdotool names of the keys that are the same on every layout
    Qt.Key.Key_Return: "Return",
    Qt.Key.Key_Delete: "Delete",
    Qt.Key.Key_Space: "space",
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Down: "Down",
    **{getattr(Qt.Key, f"Key_F{n}"): f"F{n}" for n in range(1, 13)},
}
PLACE = {latin: code for code, latin in XKB_KEYCODES.items()}
MODIFIERS = (
    (Qt.KeyboardModifier.ControlModifier, "ctrl"),
    (Qt.KeyboardModifier.AltModifier, "alt"),
    (Qt.KeyboardModifier.ShiftModifier, "shift"),
)


def expand(keys: str) -> list[str]:
    """'Alt+1 … Alt+5' → Alt+1..Alt+5; 'G / N / Delete' → G, N, Delete."""
    out: list[str] = []
    for part in keys.split(" / "):
        if " … " in part:
            first, last = part.split(" … ")
            prefix = first[:-1]
            out += [f"{prefix}{n}" for n in range(int(first[-1]), int(last[-1]) + 1)]
        else:
            out.append(part)
    return out


def x_keymap() -> dict[int, str]:
    """Keycode → the keysym of its first level in the X server's current layout."""
    text = subprocess.run(
        ["xkbcomp", "-xkb", os.environ["DISPLAY"], "-"], capture_output=True, text=True
    ).stdout
    codes = {m[1]: int(m[2]) for m in re.finditer(r"<(\w+)>\s*=\s*(\d+);", text)}
    syms: dict[int, str] = {}
    for m in re.finditer(r"key <(\w+)>\s*\{(?:[^}]*?=\s*)?\s*\[\s*(\w+)", text):
        if m[1] in codes:
            syms[codes[m[1]]] = m[2]
    return syms


def xdotool_name(combo: QKeySequence, keymap: dict[int, str]) -> str | None:
    key = combo[0].key()
    modifiers = combo[0].keyboardModifiers()
    if key in SPECIAL:
        name = SPECIAL[key]
    elif key in PLACE:
        name = keymap.get(PLACE[key], "")
    else:
        return None
    return "+".join([n for m, n in MODIFIERS if modifiers & m] + [name])


class Probe(QWidget):
    def __init__(self, sequences: list[str]) -> None:
        super().__init__()
        self.fired: list[str] = []
        self.seen: list[str] = []
        self.table = QTableWidget(3, 2, self)
        QVBoxLayout(self).addWidget(self.table)
        self.table.installEventFilter(self)
        for text in sequences:
            sequence = QKeySequence(text)
            if sequence[0].keyboardModifiers() or sequence[0].key() in SPECIAL:
                shortcut = QShortcut(sequence, self)
                shortcut.activated.connect(lambda t=text: self.fired.append(t))
        self.resize(400, 200)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift):
                return False
            text = QKeySequence(event.keyCombination()).toString()
            self.seen.append(f"{text} (0x{event.key():x}, code {event.nativeScanCode()})")
            if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.fired.append(text)  # the panels read key() without modifiers
                return True
        return False


def measure(probe: Probe, sequences: list[str], layouts: list[str]) -> dict:
    results: dict[tuple[str, str], tuple[bool, str]] = {}
    for layout in layouts:
        subprocess.run(["setxkbmap", "-layout", layout], check=True)
        QTest.qWait(400)
        keymap = x_keymap()
        for text in sequences:
            name = xdotool_name(QKeySequence(text), keymap)
            probe.fired.clear()
            probe.seen.clear()
            probe.activateWindow()
            probe.table.setFocus()
            subprocess.run(["xdotool", "key", "--clearmodifiers", name or "VoidSymbol"])
            QTest.qWait(120)
            ok = QKeySequence(text).toString() in probe.fired or text in probe.fired
            results[layout, text] = (ok, f"{name} → {', '.join(probe.seen) or 'shortcut'}")
    subprocess.run(["setxkbmap", "-layout", "us"], check=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--layouts", nargs="+", default=["us", "ru", "kz"], help="e.g. us ru kz ru,kz kz,us"
    )
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    sequences = sorted({k for _n, keys, _w in KEYMAP for k in expand(keys)})
    probe = Probe(sequences)
    probe.show()
    QTest.qWaitForWindowExposed(probe)
    layouts = args.layouts
    before = measure(probe, sequences, layouts)
    install_layout_keys(app)
    after = measure(probe, sequences, layouts)
    mark = {True: "yes", False: "**no**"}
    lines = [
        "| action | keys | where | " + " | ".join(layouts) + " |",
        "|---|---|---|" + "---|" * len(layouts),
    ]
    for name, keys, where in KEYMAP:
        cells = []
        for layout in layouts:
            was = all(before[layout, k][0] for k in expand(keys))
            now = all(after[layout, k][0] for k in expand(keys))
            cells.append(mark[now] if was == now else f"{mark[was]} → {mark[now]}")
        lines.append(f"| {name} | {keys} | {where} | " + " | ".join(cells) + " |")
    details = ["", "Keys that did not fire (before → after the filter):", ""]
    for layout in layouts:
        for text in sequences:
            ok_before, how_before = before[layout, text]
            ok_after, how_after = after[layout, text]
            if not (ok_before and ok_after):
                details.append(
                    f"- {layout} {text}: {mark[ok_before]} ({how_before}) → "
                    f"{mark[ok_after]} ({how_after})"
                )
    args.out.write_text("\n".join(lines + details) + "\n", encoding="utf-8")
    print(args.out)
    app.quit()


if __name__ == "__main__":
    main()
