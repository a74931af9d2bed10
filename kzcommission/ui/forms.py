"""Loading the Qt Designer forms of forms/*.ui at run time, translated.

In a form, every user-visible text is a catalogue key (``console.vote``); the
loader swaps it for the text of the chosen language, so the forms stay free of
any one language and the catalogues stay the only source of words.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QTabWidget, QWidget

from kzcommission.i18n import catalogue, tr


def forms_root() -> Path:
    """``forms/``: beside ``resources/`` at the top of the checkout, or inside a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "forms"
    return Path(__file__).resolve().parent.parent.parent / "forms"


def form_path(name: str) -> Path:
    return forms_root() / f"{name}.ui"


class Form:
    """A loaded form: the widget, and its named children as attributes."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def __getattr__(self, name: str) -> QObject:
        child = self.widget.findChild(QObject, name)
        if child is None:
            raise AttributeError(f"form {self.widget.objectName()} has no {name}")
        return child


def _translate(text: str, lang: str) -> str:
    # Only texts that are keys are translated; a form may hold a literal like "—".
    return tr(text, lang) if text and text in catalogue("en") else text


def translate_tree(root: QWidget, lang: str) -> None:
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, (QLabel, QAbstractButton)):
            widget.setText(_translate(widget.text(), lang))
        if isinstance(widget, QLineEdit):
            widget.setPlaceholderText(_translate(widget.placeholderText(), lang))
        if isinstance(widget, QGroupBox):
            widget.setTitle(_translate(widget.title(), lang))
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                widget.setTabText(index, _translate(widget.tabText(index), lang))
        if widget.toolTip():
            widget.setToolTip(_translate(widget.toolTip(), lang))
        if widget.windowTitle():
            widget.setWindowTitle(_translate(widget.windowTitle(), lang))


def load_form(name: str, lang: str, parent: QWidget | None = None) -> Form:
    """Load ``forms/<name>.ui`` as a child of ``parent`` and translate it."""
    path = form_path(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"form {path} is missing")
    try:
        widget = QUiLoader().load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise RuntimeError(f"form {path} could not be loaded")
    translate_tree(widget, lang)
    return Form(widget)


def reserve_lines(label: QLabel, lines: int) -> None:
    """Keep room for ``lines`` lines of a wrapping label: in a crowded tab Qt's layouts
    do not ask a word-wrapped label its height for the width it gets, and squeeze it
    onto its neighbours (the vote's result, the console's messages)."""
    label.ensurePolished()  # the style sheet's font size, not the default one
    margins = label.contentsMargins()
    label.setMinimumHeight(
        label.fontMetrics().lineSpacing() * lines + margins.top() + margins.bottom() + 4
    )
