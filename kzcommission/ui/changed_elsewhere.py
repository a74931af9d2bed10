"""What a form shows when its save was refused because another desk saved the record
since it was loaded (services/stale.py, issue 22 item 8): which parts changed, and the
offer to reload the record as it now is. One helper for every form that saves this way
(the personnel record, a case's texts, the corps A and corps B sheets)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from kzcommission.i18n import tr
from kzcommission.services.stale import ChangedElsewhere


def offer_reload(
    owner: QWidget,
    lang: str,
    refusal: ChangedElsewhere,
    part: Callable[[str], str],
    reload: Callable[[object], None],
) -> str:
    """Say what changed (``part`` names each part in ``lang``) and ask whether to reload.

    Enter (Yes) reloads through ``reload(refusal.current)``, dropping what is typed here;
    Escape (No) keeps the typing on screen, unsaved, to compare. Returns the line the form
    shows afterwards."""
    parts = ", ".join(dict.fromkeys(part(p) for p in refusal.changed))
    text = tr("changed.text", lang, parts=parts)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("changed.title", lang),
        text + "\n\n" + tr("changed.ask", lang),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        owner,
    )
    box.setObjectName("changedElsewhere")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    answer = box.exec()
    owner.window().activateWindow()  # back to the form, keys go on there
    if answer != QMessageBox.StandardButton.Yes:
        return text
    reload(refusal.current)
    return text + " " + tr("changed.reloaded", lang)
