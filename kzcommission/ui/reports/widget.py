"""The reports screen: filters, the charts and tables of the consolidated report, the
case search as the user types, and the exports (PDF, CSV, XLSX) off the UI thread.

Keys: Alt+C / Alt+F / Alt+T / Alt+U focus a filter (commission, from, to, unit), F5
refreshes, Ctrl+Alt+P / Ctrl+Alt+C / Ctrl+Alt+X export PDF / CSV / XLSX. Shortcuts
are scoped to this widget so they do not clash with the sitting console's keys.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.preparation import commissions
from kzcommission.services.reports import consolidated
from kzcommission.services.reports import export as reports_export
from kzcommission.services.reports.consolidated import ReportFilter
from kzcommission.ui.date_field import DateField
from kzcommission.ui.dialogs import REFUSED, attempt, error_text
from kzcommission.ui.reports.panels import section_page
from kzcommission.ui.tasks import run_task

EXPORT_KEYS: dict[str, str] = {"pdf": "Ctrl+Alt+P", "csv": "Ctrl+Alt+C", "xlsx": "Ctrl+Alt+X"}
SEARCH_LIMIT = 30


class ReportsWidget(QWidget):
    """The consolidated reports; the lead adds it as a tab of the main window."""

    reportReady = Signal(object)  # ConsolidatedReport  # noqa: N815 (Qt naming)
    exported = Signal(str)  # noqa: N815
    failed = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.report: reports_export.ConsolidatedReport | None = None
        # Where an export goes; tests replace it so no dialog opens.
        self.choose_path: Callable[[str], Path | None] = self._ask_path
        self._tasks: list[Any] = []
        self._build()
        self.load_filters()

    # -- layout -------------------------------------------------------------

    def _build(self) -> None:
        t = self.lang
        self.commission = QComboBox(objectName="commission")
        # The typed date field of every page (ui/date_field.py), not a QDateEdit, whose
        # sections garble a date typed with its dots.
        today = date.today()
        self.date_from = DateField(date(today.year, 1, 1), field="date_from", lang=t)
        self.date_to = DateField(date(today.year, 12, 31), field="date_to", lang=t)
        self.date_from.setObjectName("date_from")
        self.date_to.setObjectName("date_to")
        self.unit = QComboBox(objectName="unit")
        filters = QHBoxLayout()
        for key, field, keys in (
            ("commission", self.commission, "Alt+C"), ("from", self.date_from, "Alt+F"),
            ("to", self.date_to, "Alt+T"), ("unit", self.unit, "Alt+U"),
        ):  # fmt: skip
            label = QLabel(f"{tr(f'report.filter.{key}', t)} ({keys})")
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field, 1)
            # Explicit keys, not label mnemonics: the same Latin letter in every language
            # (a Cyrillic label's mnemonic would move with the keyboard layout).
            self._shortcut(keys, field.setFocus)
        self.refresh_button = QPushButton(tr("report.refresh", t), objectName="refresh")
        self.refresh_button.clicked.connect(self.refresh)
        filters.addWidget(self.refresh_button)

        self.search = QLineEdit(objectName="search", placeholderText=tr("report.search", t))
        self.search.textChanged.connect(self.search_cases)
        self.hits = QListWidget(objectName="hits")
        self.hits.setMaximumHeight(110)
        self.hits.hide()

        self.summary = QLabel(objectName="summary")
        self.tabs = QTabWidget(objectName="tabs")
        exports = QHBoxLayout()
        exports.addStretch(1)
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, key in EXPORT_KEYS.items():
            button = QPushButton(f"{tr(f'report.export_{fmt}', t)}  ({key})", objectName=fmt)
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            exports.addWidget(button)
            self.export_buttons[fmt] = button
            self._shortcut(key, lambda f=fmt: self.export(f))
        self._shortcut("F5", self.refresh)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.hits)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(exports)

    def _shortcut(self, keys: str, slot: Callable[[], Any]) -> None:
        shortcut = QShortcut(QKeySequence(keys), self, slot)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def load_filters(self) -> None:
        """Commissions and units from the services; "all" first."""
        self.commission.clear()
        self.commission.addItem(tr("report.all_commissions", self.lang), None)
        for c in commissions.list_commissions():
            self.commission.addItem(c.name, c.id)
        self.unit.clear()
        self.unit.addItem(tr("report.all_units", self.lang), None)
        for unit in consolidated.list_units():
            self.unit.addItem(unit, unit)

    # -- report -------------------------------------------------------------

    def current_filter(self) -> ReportFilter:
        """The filters as typed; BadDate (a refusal naming the field) for a wrong date."""
        start, end = self.date_from.value(), self.date_to.value()
        assert start is not None and end is not None  # required fields never read as None
        return ReportFilter(start, end, self.commission.currentData(), self.unit.currentData())

    def refresh(self) -> None:
        """Build the report on a worker thread; the tabs are rebuilt when it arrives."""
        flt = attempt(self._failed, self.current_filter)
        if flt is REFUSED:
            return
        self.refresh_button.setEnabled(False)

        def work(_context: Any) -> Any:
            return reports_export.build_report(flt)

        self._tasks.append(run_task(work, self.show_report, on_error=self._failed))

    def show_report(self, report: reports_export.ConsolidatedReport) -> None:
        self.refresh_button.setEnabled(True)
        self.report = report
        current = self.tabs.currentIndex()
        self.tabs.clear()
        figures = reports_export.figures(report, self.lang)
        for section in reports_export.sections(report, self.lang):
            self.tabs.addTab(section_page(section, figures.get(section.key)), section.title)
        self.tabs.setCurrentIndex(max(current, 0))
        self.summary.setText(
            tr("report.loaded", self.lang, cases=report.decisions.total,
               sittings=report.attendance.held)
        )  # fmt: skip
        self.reportReady.emit(report)

    # -- search -------------------------------------------------------------

    def search_cases(self, text: str) -> None:
        """Runs on the UI thread: one indexed prefix query answers well within a keystroke."""
        self.hits.clear()
        found = consolidated.search_cases(text, SEARCH_LIMIT) if text.strip() else []
        for hit in found:
            decision = tr(f"report.decision.{hit.decision}", self.lang) if hit.decision else "—"
            self.hits.addItem(
                f"{hit.person_name} · {hit.personnel_number} · {hit.held_on:%d.%m.%Y} · "
                f"{hit.commission} · {decision}"
            )
        self.hits.setVisible(bool(found))

    # -- export -------------------------------------------------------------

    def _ask_path(self, fmt: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, tr(f"report.export_{fmt}", self.lang), f"report.{fmt}", f"*.{fmt}"
        )
        return Path(name) if name else None

    def export(self, fmt: str) -> None:
        """Write the shown report; rendering (charts, PDF) runs off the UI thread."""
        report = self.report
        if report is None:
            return
        path = self.choose_path(fmt)
        if path is None:
            return
        lang = self.lang

        def work(_context: Any) -> Path:
            return reports_export.export_report(report, fmt, path, lang)

        def done(written: Path) -> None:
            self.summary.setText(tr("report.exported", self.lang, path=str(written)))
            self.exported.emit(str(written))

        self._tasks.append(
            run_task(work, done, on_error=self._failed, parent=self,
                     label=tr("report.exporting", lang), lang=lang)
        )  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        message = tr("report.failed", self.lang, error=error_text(exc, self.lang))
        self.summary.setText(message)
        self.failed.emit(message)
