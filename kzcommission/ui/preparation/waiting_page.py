"""Cases waiting for a new sitting: postponed for a good reason (R-SIT-3) and
re-certifications, offered no earlier than R-ELIG-6 allows (after a "recertify"
decision or an order cancelled on appeal, R-DOC-8)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kzcommission.i18n import tr
from kzcommission.services.sitting import followup, sittings
from kzcommission.ui.dialogs import REFUSED, attempt
from kzcommission.ui.preparation.common import (
    StatusLine,
    fill,
    selected_key,
    short,
    shortcut,
    table,
    with_key,
)

KEYS = {"refresh": "F5", "move": "Ctrl+M", "sitting": "Ctrl+G"}


class WaitingPage(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        t = lambda key: tr(key, lang)  # noqa: E731
        self.view = table(
            [
                t("prep.col.name"),
                t("prep.col.sitting"),
                t("prep.col.reason"),
                t("prep.col.earliest"),
                t("prep.col.rule"),
            ]
        )
        self.sitting = QComboBox()
        move = QPushButton(with_key(t("prep.wait.move"), KEYS["move"]))
        move.clicked.connect(self.move_cases)
        row = QHBoxLayout()
        for widget in (QLabel(t("prep.wait.sitting")), self.sitting, move):
            row.addWidget(widget)
        row.addStretch(1)
        self.status = StatusLine()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addWidget(self.status)
        shortcut(self, KEYS["refresh"], self.refresh)
        shortcut(self, KEYS["move"], self.move_cases)
        shortcut(self, KEYS["sitting"], self.sitting.setFocus)
        self.waiting: list[followup.WaitingCase] = []

    @property
    def first(self) -> QWidget:
        """The widget that takes the focus when the page is shown."""
        return self.view

    def refresh(self) -> None:
        self.waiting = followup.postponed_cases() + followup.recertification_due()
        reason = lambda w: tr(w.label_key, self.lang)  # noqa: E731
        fill(
            self.view,
            [
                [w.person_name, short(w.sitting_date), reason(w), short(w.earliest), w.rule_id]
                for w in self.waiting
            ],
            list(range(len(self.waiting))),
        )
        if self.waiting:
            self.view.selectRow(0)
        self.sitting.clear()
        for s in sittings.list_sittings():
            if s.status != "finalized":
                self.sitting.addItem(f"{short(s.held_on)}  №{s.number}", s.id)

    def move_cases(self) -> None:
        index = selected_key(self.view)
        if index is None or self.sitting.currentData() is None:
            self.status.error(tr("prep.no_employee", self.lang))
            return
        waiting = self.waiting[int(index)]
        target = self.sitting.currentData()
        move = (
            followup.move_postponed
            if waiting.reason == "postponed"
            else followup.schedule_recertification
        )
        say = self.status.refused(self.lang)
        if attempt(say, move, waiting.case_id, target) is REFUSED:
            return
        self.refresh()
        self.status.ok(tr("prep.wait.moved", self.lang))
