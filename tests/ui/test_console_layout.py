"""The console fits an office screen, and its messages do not outlive their cause."""

from __future__ import annotations

import pytest

from kzcommission.i18n import LANGUAGES, tr
from kzcommission.services.installation.demo import create_demo
from kzcommission.services.sitting import sittings
from kzcommission.ui.main_window import MainWindow
from tests.services.finished_sitting import finish_demo

# The narrowest screen in common office use: 1366 x 768 laptops.
OFFICE_SCREEN_WIDTH = 1366


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_console_fits_a_1366_pixel_screen(qtbot, database, ui_settings, lang: str):
    """On every case of a finished sitting: regular, repeat, extraordinary with its
    recording marks and the R-DEC-5 box, decided, postponed."""
    sitting_id = finish_demo()
    window = MainWindow(str(database), lang)
    qtbot.addWidget(window)
    window.open_sitting(sitting_id)
    window.show()
    console = window.page
    for row in range(console.form.caseList.count()):
        console.form.caseList.setCurrentRow(row)
        widest = window.minimumSizeHint().width()
        assert widest <= OFFICE_SCREEN_WIDTH, (row, widest)
        assert console.form.splitter.minimumSizeHint().width() <= OFFICE_SCREEN_WIDTH


def test_the_quorum_warning_goes_when_quorum_is_back(qtbot, window):
    sitting_id = create_demo()
    window.open_sitting(sitting_id)
    console = window.page
    seats = sittings.voting_seat_ids(console.sitting.commission_id)
    for seat in seats:
        console.quorum_changed(sittings.mark_attendance(sitting_id, seat, "present"))
    for seat in seats[:4]:
        console.quorum_changed(sittings.mark_attendance(sitting_id, seat, "left"))
    lost = tr("console.quorum_lost_message", "en")
    assert console.form.messageLabel.text() == lost
    console.quorum_changed(sittings.mark_attendance(sitting_id, seats[0], "late"))
    assert console.form.messageLabel.text() == ""
