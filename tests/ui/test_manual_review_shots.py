"""The manual's pictures of the chair's review and the room display, in each language.

A finished demo sitting whose extraordinary interviews lack their recording
reference (R-SIT-2): the review shows the blocked cases and their findings, one
is explained in writing, the chair confirms; the room display shows a counted
vote. Each screen is checked before it is saved into ``docs/manual/images/<lang>/``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kzcommission.i18n import LANGUAGES, tr
from kzcommission.services.sitting import review
from kzcommission.ui.chair_review import COLUMNS, ChairReviewDialog
from kzcommission.ui.room_display import RoomDisplay
from tests.services.finished_sitting import finish_demo
from tests.ui.driver import Keys, activate
from tests.ui.test_manual_screenshots import Shots

K = Qt.Key
M = Qt.KeyboardModifier
EXPLANATION = {
    "kk": "Диктофон істен шықты; жауаптар хаттамаға толық жазылды.",
    "ru": "Диктофон отказал; ответы полностью записаны в протокол.",
    "en": "The recorder failed; the answers are written in full in the minutes.",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manual_review_and_room_display(qtbot, lang_window, lang: str):
    shot = Shots(lang)
    keys = Keys(qtbot)
    sitting_id = finish_demo(recordings_for=False)
    window = lang_window(lang)
    window.open_sitting(sitting_id)
    console = window.page
    activate(qtbot, window)
    console.form.caseList.setFocus()

    keys.press(K.Key_F12, widget=console.form.caseList)
    qtbot.waitUntil(lambda: isinstance(console.dialog, ChairReviewDialog))
    dialog: ChairReviewDialog = console.dialog
    activate(qtbot, dialog)
    blocked = tr("review.state.blocked", lang, count=1)
    assert (
        dialog.table.item(7, COLUMNS.index("state")).text() == blocked
    )  # case 8: no recording (R-SIT-2)
    keys.press(K.Key_Down, widget=dialog.table)
    for _ in range(6):
        keys.press(K.Key_Down, widget=dialog.table)
    assert "R-SIT-2" in dialog.findings.item(0).text()
    shot(dialog, "chair_review")

    for line, finding in review.blocking_findings(sitting_id):
        review.explain(line.case_id, finding.finding.key, EXPLANATION[lang])
    dialog.refresh()
    keys.press(K.Key_Return, M.ControlModifier | M.ShiftModifier, widget=dialog.table)
    qtbot.waitUntil(lambda: review.review_sitting(sitting_id).all_confirmed)
    assert tr("review.ready", lang) in dialog.summary.text()
    shot(dialog, "chair_review_confirmed")
    dialog.reject()

    activate(qtbot, console)
    console.form.caseList.setFocus()
    keys.press(K.Key_F10, M.ControlModifier, widget=console.form.caseList)
    qtbot.waitUntil(lambda: isinstance(console.chair.display, RoomDisplay))
    display = console.chair.display
    display.resize(1280, 720)
    keys.press(K.Key_F10, widget=console)
    qtbot.waitUntil(
        lambda: tr("room.result_title", lang, subject="", number=1)[:6] in display.text()
    )
    assert console.case.person_name in display.text()
    shot(display, "room_display")
    display.close()
