"""The Preparation tab: four pages, Alt+1..Alt+4 to switch between them."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kzcommission.i18n import tr
from kzcommission.ui.preparation.common import GuardedTabs, shortcut
from kzcommission.ui.preparation.deadlines_page import DeadlinesPage
from kzcommission.ui.preparation.due_page import DuePage
from kzcommission.ui.preparation.record_page import RecordPage
from kzcommission.ui.preparation.waiting_page import WaitingPage


class PreparationWidget(QWidget):
    """Personnel records, who is due, the deadline dashboard, postponed cases (issue 6)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.record = RecordPage(lang)
        self.due = DuePage(lang)
        self.deadlines = DeadlinesPage(lang)
        self.waiting = WaitingPage(lang)
        self.tabs = GuardedTabs()
        pages = (
            (self.record, "prep.tab.record"),
            (self.due, "prep.tab.due"),
            (self.deadlines, "prep.tab.deadlines"),
            (self.waiting, "prep.tab.waiting"),
        )
        for number, (page, key) in enumerate(pages, start=1):
            self.tabs.addTab(page, f"{number} {tr(key, lang)}")
            shortcut(self, f"Alt+{number}", lambda n=number - 1: self.show_page(n))
        self.tabs.currentChanged.connect(self._entered)
        QVBoxLayout(self).addWidget(self.tabs)

    def show_page(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        # Focus inside the page, so that its keys (scoped to the page) work at once.
        self.tabs.currentWidget().first.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt API
        super().showEvent(event)
        if not self.tabs.currentWidget().isAncestorOf(self.focusWidget() or self):
            self.tabs.currentWidget().first.setFocus()

    def _entered(self, index: int) -> None:
        # Each page is filled when shown, so the tab costs nothing until used.
        page = self.tabs.widget(index)
        if page is not self.record:
            page.refresh()
