"""The console's keys for the chair: the review before signing (F12) and the room
display (Ctrl+F10 opens or closes it, F10 shows or hides the counted vote).

The display follows the console by itself: every change the console shows is
pushed to it, and the console clock refreshes it each second as a safety net
(also picking up what another client of a shared database recorded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QInputDialog

from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.sitting import room
from kzcommission.ui.chair_review import ChairReviewDialog
from kzcommission.ui.room_display import RoomDisplay

if TYPE_CHECKING:
    from kzcommission.ui.console import SittingConsole


class ChairActions:
    def __init__(self, console: SittingConsole) -> None:
        self.console = console
        self.lang = console.lang
        self.display: RoomDisplay | None = None
        self.shown_round: int | None = None  # the counted round on the wall (F10)
        self.shown_case: int | None = None

    @property
    def slots(self) -> dict:
        return {
            "chair_review": self.open_review,
            "room_display": self.toggle_display,
            "room_result": self.toggle_result,
        }

    # -- the review ----------------------------------------------------------------------
    def open_review(self) -> ChairReviewDialog:
        c = self.console
        c.case_panel.flush()
        dialog = ChairReviewDialog(self.lang, c.sitting, c)
        dialog.finished.connect(lambda _result: self._review_closed())
        c.dialog = dialog
        dialog.open()
        return dialog

    def _review_closed(self) -> None:
        c = self.console
        c.load_cases(c.case.id if c.case else None)  # explanations and corrections shown
        c.form.caseList.setFocus()

    # -- the room display ----------------------------------------------------------------
    def toggle_display(self) -> None:
        if self.display is not None:
            self.display.close()
            return
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            self._open_on(screens[0] if screens else None)
            return
        own = self.console.screen()
        default = next((i for i, s in enumerate(screens) if s is not own), 0)
        names = [
            tr(
                "room.screen_item",
                self.lang,
                number=i + 1,
                name=s.name(),
                width=s.geometry().width(),
                height=s.geometry().height(),
            )
            for i, s in enumerate(screens)
        ]
        dialog = QInputDialog(self.console)
        dialog.setWindowTitle(tr("room.screen_title", self.lang))
        dialog.setLabelText(tr("room.screen_prompt", self.lang))
        dialog.setComboBoxItems(names)
        dialog.setTextValue(names[default])
        dialog.textValueSelected.connect(lambda text: self._open_on(screens[names.index(text)]))
        self.console.dialog = dialog
        dialog.open()

    def _open_on(self, screen: QScreen | None) -> None:
        c = self.console
        display = RoomDisplay(self.lang, c)
        display.closed.connect(self._display_closed)
        self.display = display
        self.update()
        display.show_on(screen)
        c.window().activateWindow()  # the keyboard stays with the secretary
        screens = QGuiApplication.screens()
        number = screens.index(screen) + 1 if screen in screens else 1
        c.message(tr("console.room_opened", self.lang, screen=number))

    def _display_closed(self) -> None:
        self.display = None
        self.shown_round = None
        self.console.message(tr("console.room_closed", self.lang))

    def toggle_result(self) -> None:
        c = self.console
        if self.display is None:
            c.message(tr("console.room_not_open", self.lang))
            return
        if c.case is None:
            return
        latest = room.last_counted_round(c.case.id)
        if latest is None:
            c.message(tr("console.room_no_result", self.lang))
            return
        if self.shown_round == latest:
            self.shown_round = None
            c.message(tr("console.room_result_hidden", self.lang))
        else:
            self.shown_round = latest
            c.message(tr("console.room_result_shown", self.lang))
        self.update()

    def update(self) -> None:
        """Push the console's state to the display, if one is open."""
        if self.display is None:
            return
        c = self.console
        case_id = c.case.id if c.case is not None else None
        if case_id != self.shown_case:
            self.shown_case, self.shown_round = case_id, None  # a new case starts hidden
        try:
            view = room.room_view(c.sitting.id, case_id, self.shown_round)
        # not attempt(): deliberately silent, signed out or locked: the wall keeps what it showed
        except ServiceError:
            return
        if view != self.display.view:
            self.display.show_view(view)
