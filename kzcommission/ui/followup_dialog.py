"""After the sitting (issue 21): one line per decided case of a finalized sitting, with
the minutes signed (R-DL-6), the results communicated against signature (R-DL-7), the
head's decision (R-DOC-7) and the appeal (R-DOC-8, re-certification by R-ELIG-6), each
with its deadline state and rule id, coloured as on the deadline dashboard.

Opened by Ctrl+Shift+U from the sitting console and from the Preparation deadline
page. Every entry is a key (listed on the buttons); the forms are in
ui.followup_entries, the case's papers in ui.case_files_dialog. Ctrl+P shows the
chosen case's personal-file extract (R-DOC-7) in the print dialog. Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzcommission.i18n import tr
from kzcommission.services.preparation import campaign
from kzcommission.services.sitting import followup, followup_lines, sittings
from kzcommission.services.sitting.followup_lines import Entry, FollowupLine
from kzcommission.ui.dialogs import REFUSED, Refused, attempt, error_text
from kzcommission.ui.followup_entries import (
    AppealEntry,
    AppealOutcomeEntry,
    DateEntry,
    HeadDecisionEntry,
)
from kzcommission.ui.labels import option_label
from kzcommission.ui.paper_output import PaperOutput
from kzcommission.ui.preparation.common import STATUS_COLOURS, short, table
from kzcommission.ui.print_dialog import default_folder
from kzcommission.ui.shortcuts import key_of
from kzcommission.ui.table_fit import spread_columns
from kzcommission.ui.window_fit import fit_window

COLUMNS = ("number", "name", "decision", "minutes", "communicate", "head", "appeal")
PAPER_ACTIONS = ("files", "print", "refresh")  # the second row of buttons
# Colours of the appeal cell: an appeal waiting for its decision asks for attention.
APPEAL_COLOURS = {"filed": "due_soon", "rejected": "done", "cancelled": "done_late"}


class FollowupDialog(QDialog):
    """``today`` fixes the day the deadline states are read on (tests, a late entry)."""

    def __init__(
        self,
        lang: str,
        sitting_id: int,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.today = today
        self.sitting = sittings.get_sitting(sitting_id)
        self.dialog: QDialog | None = None
        self.lines: list[FollowupLine] = []
        self.paperwork = FollowupPaper(self)
        self.setObjectName("followupDialog")
        self.setWindowTitle(
            tr(
                "fu.title",
                lang,
                number=self.sitting.number or self.sitting.id,
                date=short(self.sitting.held_on),
            )
        )
        fit_window(self, "followup", 1320, 640)
        intro = QLabel(tr("fu.intro", lang))
        intro.setWordWrap(True)
        self.table = table([tr(f"fu.col.{c}", lang) for c in COLUMNS])
        self.table.setObjectName("followupTable")
        self.table.setWordWrap(True)
        spread_columns(self.table, {1: 2, 2: 2, 3: 2, 4: 2.4, 5: 3, 6: 3})
        # The lines' heights follow the columns' widths, which follow the window's.
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(self.fit_rows)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows.start())
        self.status = QLabel()
        self.status.setObjectName("followupStatus")
        self.status.setWordWrap(True)
        # Two rows: the entries, then the case's papers; one row of all of them is wider
        # than a 1366-pixel screen in Russian and Kazakh.
        buttons = QVBoxLayout()
        rows = {name: QHBoxLayout() for name in ("entries", "papers")}
        self.slots: dict[str, Callable[[], None]] = {
            "minutes": self.sign_minutes,
            "communicate": self.familiarise,
            "head": self.head_decision,
            "appeal": self.file_appeal,
            "outcome": self.decide_appeal,
            "files": self.files,
            "print": self.print_summary,
            "refresh": self.refresh,
        }
        native = QKeySequence.SequenceFormat.NativeText
        for name, slot in self.slots.items():
            keys = key_of(f"fu_{name}")  # F1's map (ui.shortcuts) holds the keys
            text = f"{tr(f'fu.action.{name}', lang)} ({keys.toString(native)})"
            button = QPushButton(text)
            button.setObjectName(f"{name}Button")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            rows["papers" if name in PAPER_ACTIONS else "entries"].addWidget(button)
            QShortcut(keys, self, slot)
        for row in rows.values():
            row.addStretch(1)
            buttons.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()
        self.table.setFocus()

    # -- the lines --------------------------------------------------------------------
    # The rule id leads each cell: a line may break at its hyphen, never at its start.
    def _entry_text(self, entry: Entry) -> str:
        parts = [entry.rule_id]
        if entry.done_on:
            parts.append(short(entry.done_on))
        elif entry.due:
            parts.append(tr("fu.due", self.lang, date=short(entry.due)))
        if entry.status:
            parts.append(tr(f"prep.status.{entry.status}", self.lang))
        elif not entry.done_on:  # no deadline of its own (Order 880 minutes): just not yet
            parts.append(tr("fu.none", self.lang))
        return " · ".join(parts)

    def _head_text(self, line: FollowupLine) -> str:
        head = line.head
        if head is None:
            return "R-DOC-7 · " + tr("fu.none", self.lang)
        order = f"№ {head.order_number}, " if head.order_number else ""
        text = f"{head.text}; " if head.text else ""
        return f"R-DOC-7 · {text}{order}{short(head.decided_on)}"

    def _appeal_text(self, line: FollowupLine) -> str:
        appeal, lang = line.appeal, self.lang
        if appeal is None:
            return "R-DOC-8 · " + tr("fu.appeal.none", lang)
        text = "R-DOC-8 · " + tr("fu.appeal.filed_on", lang, date=short(appeal.filed_on))
        if appeal.outcome != "pending":
            text += "; " + tr(f"fu.appeal.{appeal.outcome}", lang) + " " + short(appeal.outcome_on)
        if line.recertify_from:
            key = "fu.appeal.scheduled" if line.recertification_scheduled else "fu.appeal.recertify"
            text += "\nR-ELIG-6 · " + tr(key, lang, date=short(line.recertify_from))
        return text

    def _cells(self, line: FollowupLine) -> list[tuple[str, str]]:
        """(text, status for the colour) of each column."""
        appeal = APPEAL_COLOURS.get(line.appeal_state, "")
        return [
            (str(line.number), ""),
            (line.person_name, ""),
            (option_label(line.decision, self.lang), ""),
            (self._entry_text(line.minutes), line.minutes.status),
            (self._entry_text(line.communicate), line.communicate.status),
            (self._head_text(line), "done" if line.head else ""),
            (self._appeal_text(line), appeal),
        ]

    def refresh(self) -> None:
        def refused(exc: Exception) -> None:
            self.status.setText(error_text(exc, self.lang))

        found = attempt(refused, followup_lines.sitting_lines, self.sitting.id, self.today)
        if isinstance(found, Refused):  # nothing stays on screen that the actor may not read
            self.lines = []
            self.table.setRowCount(0)
            return
        row = max(self.table.currentRow(), 0)
        self.lines = found
        self.table.setRowCount(len(found))
        for r, line in enumerate(found):
            for c, (text, state) in enumerate(self._cells(line)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if state:
                    item.setBackground(QColor(STATUS_COLOURS[state]))
                    item.setData(Qt.ItemDataRole.UserRole, state)
                self.table.setItem(r, c, item)
        self.fit_rows()
        if found:
            self.table.selectRow(min(row, len(found) - 1))
        else:
            self.status.setText(tr("fu.no_cases", self.lang))

    def fit_rows(self) -> None:
        """Each line as tall as its wrapped text, with a margin: Qt's own estimate of a
        wrapped cell cuts the first and last lines of a four-line appeal."""
        margin = self.table.fontMetrics().lineSpacing() // 2
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, self.table.sizeHintForRow(row) + margin)

    def current(self) -> FollowupLine | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            return self.lines[row]
        self.status.setText(tr("fu.choose_case", self.lang))
        return None

    # -- the entries ------------------------------------------------------------------
    def _open(self, entry: QDialog, saved_key: str) -> None:
        def saved() -> None:
            self.refresh()
            self.status.setText(tr(saved_key, self.lang))

        entry.accepted.connect(saved)
        entry.finished.connect(self._back)
        self.dialog = entry
        entry.open()

    def _back(self, _result: int = 0) -> None:
        """Back on the lines once a form closes, so the next key works at once."""
        self.activateWindow()
        self.table.setFocus()

    def sign_minutes(self) -> None:
        """The minutes are one document: signing them dates every decided case's line."""
        self._date_step("minutes", followup.sign_sitting_minutes)

    def familiarise(self) -> None:
        self._date_step("communicate", followup.familiarise)

    def _date_step(self, step: str, call: Callable[..., object]) -> None:
        """A dated step of the chosen line: the minutes signed or the familiarisation."""
        line = self.current()
        if line is None:
            return
        case_id, today = line.case_id, self.today
        entry = DateEntry(
            self.lang,
            tr(f"fu.{step}.title", self.lang),
            getattr(line, step).done_on,
            lambda on: call(case_id, on, today=today),
            self,
        )
        self._open(entry, f"fu.saved.{step}")

    def head_decision(self) -> None:
        line = self.current()
        if line is not None:
            self._open(HeadDecisionEntry(self.lang, line.case_id, line.head, self), "fu.saved.head")

    def file_appeal(self) -> None:
        line = self.current()
        if line is None:
            return
        entry = AppealEntry(self.lang, line.case_id, self)
        self._open(entry, "fu.saved.appeal")
        entry.accepted.connect(lambda: self._attach_scan(line, entry.scan_path()))

    def _attach_scan(self, line: FollowupLine, scan: Path | None) -> None:
        """The appeal's scan joins the case's files (step "appeal") in the files window,
        which reads and hashes it off the UI thread and says how it went."""
        from kzcommission.ui.case_files_dialog import CaseFilesDialog

        if scan is None:
            return
        dialog = CaseFilesDialog(self.lang, line.case_id, line.person_name, self)
        dialog.finished.connect(self._back)
        self.dialog = dialog
        dialog.open()
        dialog.attach_path(scan, campaign.APPEAL)

    def decide_appeal(self) -> None:
        line = self.current()
        if line is None:
            return
        if line.appeal is None or line.appeal.outcome != "pending":
            self.status.setText(tr("fu.appeal.nothing_pending", self.lang))
            return
        self._open(AppealOutcomeEntry(self.lang, line.appeal.id, self), "fu.saved.outcome")

    def files(self) -> None:
        from kzcommission.ui.case_files_dialog import CaseFilesDialog

        line = self.current()
        if line is None:
            return
        dialog = CaseFilesDialog(self.lang, line.case_id, line.person_name, self)
        dialog.finished.connect(self._back)
        self.dialog = dialog
        dialog.open()

    def print_summary(self) -> None:
        """Ctrl+P: the chosen case's personal-file extract (R-DOC-7) in the print dialog,
        with the case's other papers offered unticked; refused first, with its reason,
        where the case has none."""
        from kzcommission.services.papers import case_documents, paper

        line = self.current()
        if line is None or self.paperwork.task is not None:
            return
        case_id = line.case_id
        if attempt(self.refused, case_documents.summary_doc, case_id) is REFUSED:
            return
        self.paperwork.open_paper(
            lambda: paper.case_paper(case_id),
            tr("paper.doc.summary", self.lang, number=line.number, name=line.person_name),
            tick=lambda item: item.document == "summary",
        )

    def refused(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc, self.lang))


class FollowupPaper(PaperOutput):
    """The print dialog's outcomes said on the view's status line; the files go to the
    sitting's folder, and may be signed (the sitting is finalized)."""

    def __init__(self, view: FollowupDialog) -> None:
        super().__init__(view, view.lang)
        self.view = view

    def message(self, text: str) -> None:
        self.view.status.setText(text)

    @property
    def folder(self) -> Path:
        sitting = self.view.sitting
        return default_folder(sitting.number or str(sitting.id))

    @property
    def can_sign(self) -> bool:
        return self.view.sitting.status == "finalized"

    @property
    def doc_name(self) -> str:
        return self.view.sitting.number or str(self.view.sitting.id)
