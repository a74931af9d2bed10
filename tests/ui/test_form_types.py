"""Issue 20 item 3: each Designer form's widgets are typed attributes of a class generated
from its .ui; a widget renamed or removed in a form fails here, not in front of a user, and
the forms' catalogue keys are still translated when they load."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from kzcommission.i18n import tr
from kzcommission.ui import form_types
from kzcommission.ui.forms import Form, FormMismatch, forms_root, load_form

ROOT = Path(__file__).resolve().parents[2]
FORM_CLASSES = [
    cls
    for _, cls in inspect.getmembers(form_types, inspect.isclass)
    if issubclass(cls, Form) and cls is not Form
]


def generator():
    spec = importlib.util.spec_from_file_location(
        "generate_form_types", ROOT / "packaging" / "generate_form_types.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_form_types_are_what_the_forms_give() -> None:
    committed = (ROOT / "kzcommission" / "ui" / "form_types.py").read_text(encoding="utf-8")
    assert committed == generator().render(), (
        "forms/*.ui changed: run python packaging/generate_form_types.py"
    )


def test_every_form_has_its_class() -> None:
    assert sorted(cls.ui_name for cls in FORM_CLASSES) == sorted(
        path.stem for path in forms_root().glob("*.ui")
    )


@pytest.mark.parametrize("form_type", FORM_CLASSES, ids=lambda cls: cls.ui_name)
def test_every_declared_widget_loads_with_its_class(qtbot, form_type: type[Form]) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = load_form(form_type, "en", host)
    declared = form_type.declared()
    assert declared
    for name, qt_class in declared.items():
        child = getattr(form, name)
        assert isinstance(child, qt_class), name
        assert child.objectName() == name


def test_a_widget_missing_from_its_form_fails_when_the_form_loads(qtbot) -> None:
    class RenamedSettingsForm(form_types.SettingsForm):
        goneButton: QPushButton

    host = QWidget()
    qtbot.addWidget(host)
    with pytest.raises(FormMismatch, match="settings.ui has no QPushButton named goneButton"):
        load_form(RenamedSettingsForm, "en", host)


def test_a_widget_of_another_class_fails_when_the_form_loads(qtbot) -> None:
    class RetypedSettingsForm(form_types.SettingsForm):
        languageCombo: QPushButton  # type: ignore[assignment]

    host = QWidget()
    qtbot.addWidget(host)
    with pytest.raises(FormMismatch, match="no QPushButton named languageCombo"):
        load_form(RetypedSettingsForm, "en", host)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_forms_texts_are_still_translated_from_their_keys(qtbot, lang: str) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = load_form(form_types.SettingsForm, lang, host)
    assert form.languageLabel.text() == tr("settings.language", lang)
    assert form.languageLabel.text() != "settings.language"


def test_the_generator_refuses_a_widget_class_qt_does_not_have(tmp_path: Path) -> None:
    (tmp_path / "broken.ui").write_text(
        '<ui version="4.0"><widget class="QWidget" name="Broken"><layout class="QVBoxLayout">'
        '<item><widget class="QFancyButton" name="fancyButton"/></item>'
        "</layout></widget></ui>",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="broken.ui: fancyButton has class 'QFancyButton'"):
        generator().render(tmp_path)
