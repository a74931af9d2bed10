"""Loading the Qt Designer forms of forms/*.ui at run time, translated.

In a form, every user-visible text is a catalogue key (``console.vote``); the
loader swaps it for the text of the chosen language, so the forms stay free of
any one language and the catalogues stay the only source of words. A loaded form
comes back as its class in form_types.py, generated from the .ui, whose attributes are
the form's widgets with their Qt types.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import ClassVar, TypeVar

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
    """A loaded form: the widget, and its named children as typed attributes.

    Each form's subclass is generated from its .ui file (kzcommission/ui/form_types.py,
    by packaging/generate_form_types.py) and declares every named widget and layout
    with its Qt class; they are all looked up when the form loads, so a widget missing
    from the form fails there, loudly, and not when a user reaches it.
    """

    ui_name: ClassVar[str]  # the form's file, forms/<ui_name>.ui

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        for name, qt_class in self.declared().items():
            child = widget.findChild(qt_class, name)
            if child is None:
                raise FormMismatch(
                    f"forms/{self.ui_name}.ui has no {qt_class.__name__} named {name}: "
                    "run packaging/generate_form_types.py after changing a form"
                )
            setattr(self, name, child)

    @classmethod
    def declared(cls) -> dict[str, type[QObject]]:
        """The named widgets and layouts the form's class declares, with their Qt classes."""
        found: dict[str, type[QObject]] = {}
        for base in reversed(cls.__mro__):
            if issubclass(base, Form) and base is not Form:
                found.update(inspect.get_annotations(base, eval_str=True))
        return found


class FormMismatch(RuntimeError):
    """A form lacks a widget its generated class declares (the .ui changed, the class not)."""


FormT = TypeVar("FormT", bound=Form)


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


def load_form(form_type: type[FormT], lang: str, parent: QWidget | None = None) -> FormT:
    """Load ``forms/<ui_name>.ui`` as a child of ``parent``, translate it, and return it
    as its typed class (one of kzcommission.ui.form_types)."""
    path = form_path(form_type.ui_name)
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
    return form_type(widget)


def reserve_lines(label: QLabel, lines: int) -> None:
    """Keep room for ``lines`` lines of a wrapping label: in a crowded tab Qt's layouts
    do not ask a word-wrapped label its height for the width it gets, and squeeze it
    onto its neighbours (the vote's result, the console's messages)."""
    label.ensurePolished()  # the style sheet's font size, not the default one
    margins = label.contentsMargins()
    label.setMinimumHeight(
        label.fontMetrics().lineSpacing() * lines + margins.top() + margins.bottom() + 4
    )
