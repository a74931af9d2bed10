"""Issue 18, item 10 in the window: a package whose person is known here under another
name is refused with both names in the interface language, and the dialog offers the
operator's choice to merge; choosing it (keyboard only) imports the sitting."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import Qt

from kzcommission.ui.exchange_dialogs import PackageReportDialog


def test_a_renamed_person_is_refused_then_merged_from_the_dialog(
    qtbot, lang_window, database, keyring_in_memory, tmp_path: Path
):
    from kzcommission.services.exchange.package import KEY_SECRET
    from kzcommission.services.installation.database import open_database
    from kzcommission.services.trust import secrets
    from kzcommission.store import models
    from tests.exchange.test_exchange import KEY, office_package
    from tests.exchange.test_identity_and_history import known_here_as, package_data
    from tests.ui.driver import Keys, activate

    window = lang_window("ru")
    sent = office_package(tmp_path)
    open_database(database)
    secrets.set_secret(KEY_SECRET, base64.b64encode(KEY).decode())
    theirs = next(p for p in package_data(sent)["persons"] if p["surname"] == "Петров")
    ours = known_here_as(theirs["uuid"], "Иванов", "Иван")
    window.package_chooser = lambda: str(sent)
    activate(qtbot, window)
    keys = Keys(qtbot)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    keys.press(Qt.Key.Key_I, mods, widget=window)
    qtbot.waitUntil(lambda: window.task is None and window.dialog is not None, timeout=20_000)
    refused = window.dialog
    assert isinstance(refused, PackageReportDialog) and refused.merge_button is not None
    lines = refused.lines.toPlainText()
    assert "в пакете «Петров" in lines and "«Иванов Иван»" in lines
    assert "Объединить и импортировать" in lines  # the hint names the button
    assert models.Sitting.select().count() == 0
    # Close stays the default button: the merge is chosen deliberately.
    refused.merge_button.setFocus()
    keys.press(Qt.Key.Key_Space, widget=refused.merge_button)
    qtbot.waitUntil(lambda: window.task is None and window.dialog is not refused, timeout=20_000)
    assert models.Sitting.select().count() == 1
    assert models.Case.select().where(models.Case.person == ours).count() == 1
    merged = window.dialog.lines.toPlainText()
    assert "Объединено: «Петров" in merged and "здесь — «Иванов Иван»" in merged
    assert window.dialog.merge_button is None
