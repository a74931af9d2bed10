"""The main window: the open database and its commissions."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from kzcommission.i18n import tr
from kzcommission.services import commissions


class MainWindow(QMainWindow):
    def __init__(self, database: str, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang
        self.setWindowTitle(tr("app.title", lang) + f" — {database}")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel(tr("main.commissions", lang)))
        self.commission_list = QListWidget()
        layout.addWidget(self.commission_list)
        self.setCentralWidget(central)
        self.resize(1100, 720)
        self.refresh()

    def refresh(self) -> None:
        self.commission_list.clear()
        for commission in commissions.list_commissions():
            self.commission_list.addItem(
                tr(
                    "main.commission_line",
                    self.lang,
                    name=commission.name,
                    members=len(commission.voting_seats),
                )
            )
