"""The performance evaluation tab (Order 13): corps A, corps B, calibration sessions.

``EvaluationWidget(lang)`` is what the main window adds as a tab. Results are
confidential (R-CAL-4): a role without ``evaluation.view`` sees a notice, no data.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kzcommission.i18n import tr
from kzcommission.services.context import current_actor
from kzcommission.services.permissions import allowed
from kzcommission.ui.evaluation.calibration import CalibrationPanel
from kzcommission.ui.evaluation.corps_a import CorpsAPanel
from kzcommission.ui.evaluation.corps_b import CorpsBPanel
from kzcommission.ui.preparation.common import GuardedTabs

__all__ = ["EvaluationWidget"]


class EvaluationWidget(QWidget):
    """Three panels in tabs; Alt+1..3 switch, F5 reloads the lists."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        layout = QVBoxLayout(self)
        self.tabs = GuardedTabs()
        self.tabs.setObjectName("evaluationTabs")
        if not allowed("evaluation.view", current_actor().role):
            # R-CAL-4: the services refuse anyway; the screen does not invite the attempt.
            notice = QLabel(tr("eval.doc.confidential", lang))
            notice.setObjectName("confidentialNotice")
            layout.addWidget(notice)
            self.corps_a = self.corps_b = self.calibration = None
            return
        self.corps_a = CorpsAPanel(lang)
        self.corps_b = CorpsBPanel(lang)
        self.calibration = CalibrationPanel(lang)
        # Numbered like the Preparation tabs: the number is the Alt key that shows it.
        for number, (panel, key) in enumerate(
            ((self.corps_a, "eval.tab.corps_a"), (self.corps_b, "eval.tab.corps_b"),
             (self.calibration, "eval.tab.calibration")), start=1,
        ):  # fmt: skip
            self.tabs.addTab(panel, f"{number} {tr(key, lang)}")
        layout.addWidget(self.tabs)
        for n in range(3):
            self._shortcut(f"Alt+{n + 1}", lambda n=n: self.tabs.setCurrentIndex(n))
        self._shortcut("F5", self.reload)

    def _shortcut(self, keys: str, slot) -> None:
        act = QAction(self)
        act.setShortcut(QKeySequence(keys))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)

    def refresh(self) -> None:
        """Every panel's lists from the store; edits typed and not saved stay as typed."""
        for panel in (self.corps_a, self.corps_b, self.calibration):
            if panel is not None:
                panel.refresh()

    def reload(self) -> None:
        """F5: the panel on screen from the store. Edits typed there and not saved are
        saved or discarded by the user's answer first (Escape: nothing reloaded); the
        other panels refresh their lists and keep what is typed in them."""
        shown = self.tabs.currentWidget()
        if shown is None or not shown.settle():
            return
        shown.refresh(keep_unsaved=False)
        for panel in (self.corps_a, self.corps_b, self.calibration):
            if panel is not None and panel is not shown:
                panel.refresh()
