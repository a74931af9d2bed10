"""Small non-blocking questions: a reason to type, a yes/no, an error to read.

Dialogs are opened with ``open()`` rather than ``exec()`` so the event loop
keeps running (the sitting clock, background work) and tests can answer them
with real key presses. The open dialog is kept on ``owner.dialog``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from kzcommission.domain.errors import RuleError
from kzcommission.i18n import REFERENCE_LANGUAGE, catalogue, refusal_reason, tr
from kzcommission.services.errors import ServiceError

T = TypeVar("T")
_INDEXED = re.compile(r"([a-z_]+)\[(\d+)\]")


def ask_text(
    owner: QWidget, title: str, label: str, on_ok: Callable[[str], None], text: str = ""
) -> QInputDialog:
    dialog = QInputDialog(owner)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)

    def accepted(value: str) -> None:
        if value.strip():
            on_ok(value.strip())

    dialog.textValueSelected.connect(accepted)
    _keep(owner, dialog)
    dialog.open()
    return dialog


def confirm(
    owner: QWidget, title: str, text: str, on_yes: Callable[[], None], lang: str
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=owner)
    yes = box.addButton(tr("common.yes", lang), QMessageBox.ButtonRole.YesRole)
    box.addButton(tr("common.no", lang), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)

    def finished() -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(finished)
    _keep(owner, box)
    box.open()
    return box


def rule_title(rule_id: str, lang: str) -> str | None:
    """The plain title of a RULEBOOK rule in ``lang``; None for an id not in the catalogue."""
    key = f"rule.{rule_id}"
    return tr(key, lang) if key in catalogue(REFERENCE_LANGUAGE) else None


def field_name(field: str | None, lang: str) -> str | None:
    """The input a refusal names, as the user reads it; None when there is no word for it.

    ``kpis[2]`` reads as the list's name and the row counted from one.
    """
    if not field:
        return None
    known = catalogue(REFERENCE_LANGUAGE)
    if f"field.{field}" in known:
        return tr(f"field.{field}", lang)
    indexed = _INDEXED.fullmatch(field)
    if indexed and f"field.{indexed[1]}" in known:
        return f"{tr(f'field.{indexed[1]}', lang)} {int(indexed[2]) + 1}"
    return None


def error_detail(exc: BaseException, lang: str | None = None) -> str:
    """The refusal's own message without the rule and field prefixes it may carry: in
    ``lang`` where the refusal can say it so (``detail_in``), else in English."""
    detail_in = getattr(exc, "detail_in", None)
    if lang is not None and detail_in is not None:
        return detail_in(lang)
    reason = refusal_reason(exc, lang) if lang is not None else None
    if reason is not None:
        return reason
    message = str(exc)
    rule, field = getattr(exc, "rule_id", None), getattr(exc, "field", None)
    if rule and message.startswith(f"[{rule}] "):
        message = message[len(rule) + 3 :]
    if field and message.startswith(f"{field}: "):
        message = message[len(field) + 2 :]
    return message


def error_text(exc: BaseException, lang: str, field_label: str | None = None) -> str:
    """A refusal as the user reads it: the rule's title in his language with its id first,
    then the input at fault, then the detailed message.

    ``field_label`` overrides the catalogue's name of the field (a panel's own label).
    """
    if not isinstance(exc, ServiceError | RuleError):
        return str(exc)
    rule = exc.rule_id
    field = field_label or field_name(exc.field, lang)
    message = error_detail(exc, lang)
    title = rule_title(rule, lang) if rule else None
    if rule and title is not None:
        field_line = tr("error.field_line", lang, field=field) if field else ""
        return tr(
            "error.with_rule_title", lang, rule=rule, title=title, field_line=field_line,
            message=message,
        )  # fmt: skip
    if field:
        message = tr("error.with_field", lang, field=field, message=message)
    if rule and rule not in message:
        return tr("error.with_rule", lang, message=message, rule=rule)
    return message


class Refused(Enum):
    """What ``attempt`` returns when the service refused; falsy, and never a result.

    A one-member enum, so that after ``if result is REFUSED: return`` a type checker
    knows the result is the call's own."""

    REFUSED = "REFUSED"

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = Refused.REFUSED


def attempt(
    on_refused: Callable[[ServiceError], object], call: Callable[..., T], /, *args, **kwargs
) -> T | Refused:
    """``call(*args, **kwargs)``; a refusal (a ``ServiceError``) goes to ``on_refused`` (the
    screen's own way of saying it) and ``REFUSED`` comes back. Only refusals are caught:
    anything else is a bug, which reaches the crash handler (ui.crash) with its traceback."""
    try:
        return call(*args, **kwargs)
    except ServiceError as exc:
        on_refused(exc)
        return REFUSED


def show_error(owner: QWidget, exc: BaseException, lang: str) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning, tr("error.title", lang), error_text(exc, lang), parent=owner
    )
    _keep(owner, box)
    box.open()
    return box


def _keep(owner: QWidget, dialog: QDialog) -> None:
    owner.dialog = dialog  # type: ignore[attr-defined]
