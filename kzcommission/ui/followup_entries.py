"""The small forms of the follow-up view, one per entry: minutes signed (R-DL-6),
familiarised (R-DL-7), the head's decision (R-DOC-7), an appeal filed and decided
(R-DOC-8). Enter (in a one-line field) or Ctrl+Enter saves through the service,
Esc cancels; a refusal is shown in the form, which stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kzcommission.domain.appeals import APPEAL_OUTCOMES
from kzcommission.i18n import tr
from kzcommission.services.errors import ServiceError
from kzcommission.services.sitting import followup
from kzcommission.ui.date_field import DateField
from kzcommission.ui.dialogs import REFUSED, attempt, error_text
from kzcommission.ui.window_fit import fit_window

W = TypeVar("W", bound=QWidget)


class EntryDialog(QDialog):
    """A form whose ``store()`` calls one service; accepted only once the service saved."""

    def __init__(self, lang: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(title)
        self.setObjectName("followupEntry")
        self.form = QFormLayout()
        self.fields: dict[str, QWidget] = {}  # the service's field name -> its input
        self.error = QLabel()
        self.error.setObjectName("entryError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c")
        buttons = QDialogButtonBox()
        save = buttons.addButton(tr("fu.save", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("fu.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
        save.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        # As small as the fields allow: Qt keeps a window at least its layout's minimum.
        fit_window(self, "followup_entry", 560, 150)

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt API
        """The first field takes the focus with its text selected: typing replaces it."""
        super().showEvent(event)
        item = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
        first = item.widget() if item is not None else None
        if first is not None:
            first.setFocus()
        if isinstance(first, QLineEdit):
            first.selectAll()

    def row(self, key: str, widget: W, field: str = "") -> W:
        self.form.addRow(tr(key, self.lang), widget)
        if field:
            self.fields[field] = widget
        return widget

    def date_row(self, key: str, value: date | None, field: str) -> DateField:
        edit = DateField(value or date.today(), field=field, lang=self.lang)
        self.row(key, edit, field)
        return edit

    @staticmethod
    def day(edit: DateField) -> date:
        """A required date field's date (an empty one raises BadDate, a refusal)."""
        value = edit.value()
        assert value is not None  # required fields never read as None
        return value

    def store(self) -> object:  # pragma: no cover - each form has its own
        raise NotImplementedError

    def _refused(self, exc: ServiceError) -> None:
        """Said in the form; the input at fault takes the focus, to be corrected."""
        self.error.setText(error_text(exc, self.lang))
        at_fault = self.fields.get(exc.field or "")
        if at_fault is not None:
            at_fault.setFocus()

    def save(self) -> None:
        if attempt(self._refused, self.store) is REFUSED:
            return
        self.accept()


class DateEntry(EntryDialog):
    """One date: the minutes signed, or the results communicated against signature."""

    def __init__(
        self,
        lang: str,
        title: str,
        value: date | None,
        call: Callable[[date], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lang, title, parent)
        self.call = call
        self.on = self.date_row("fu.field.date", value, "done_on")

    def store(self) -> object:
        return self.call(self.day(self.on))


class HeadDecisionEntry(EntryDialog):
    """R-DOC-7: date, order number and text; a reason once a sheet carrying it was printed."""

    def __init__(
        self, lang: str, case_id: int, head: object | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(lang, tr("fu.head.title", lang), parent)
        self.case_id = case_id
        self.on = self.date_row("fu.field.date", getattr(head, "decided_on", None), "decided_on")
        order = QLineEdit(getattr(head, "order_number", ""))
        self.order = self.row("fu.field.order", order, "order_number")
        self.text = self.row("fu.field.text", QLineEdit(getattr(head, "text", "")))
        self.needs_reason = followup.head_decision_printed(case_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonField")
        if self.needs_reason:
            self.row("fu.field.reason", self.reason, "reason")
            note = QLabel(tr("fu.head.printed", lang))
            note.setWordWrap(True)
            self.form.addRow(note)

    def store(self) -> object:
        return followup.record_head_decision(
            self.case_id,
            self.day(self.on),
            self.order.text(),
            self.text.text(),
            reason=self.reason.text(),
        )


class AppealEntry(EntryDialog):
    """R-DOC-8: the appeal filed (date and text), with the scan of the paper if there is
    one: the view attaches it to the case's files once the appeal is saved, hashed off
    the UI thread like any case file."""

    def __init__(self, lang: str, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(lang, tr("fu.appeal.title", lang), parent)
        self.case_id = case_id
        self.on = self.date_row("fu.field.filed_on", None, "filed_on")
        self.text = self.row("fu.field.appeal_text", QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.scan = QLineEdit(placeholderText=tr("fu.field.scan_hint", lang))
        self.scan.setObjectName("appealScan")
        choose = QPushButton(tr("fu.field.scan_choose", lang))
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose_scan)
        QShortcut(QKeySequence("Alt+B"), self, self._choose_scan)
        line = QHBoxLayout()
        line.addWidget(self.scan, 1)
        line.addWidget(choose)
        holder = QWidget()
        holder.setLayout(line)
        line.setContentsMargins(0, 0, 0, 0)
        self.row("fu.field.scan", holder, "scan")
        self.choose_file: Callable[[], str] = self._ask_scan

    def _ask_scan(self) -> str:
        name, _ = QFileDialog.getOpenFileName(self, tr("fu.field.scan", self.lang))
        return name

    def _choose_scan(self) -> None:
        name = self.choose_file()
        if name:
            self.scan.setText(name)

    def scan_path(self) -> Path | None:
        text = self.scan.text().strip()
        return Path(text) if text else None

    def store(self) -> object:
        scan = self.scan_path()
        if scan is not None and not scan.is_file():
            raise ServiceError(
                f"scan: {scan} is not a file", field="scan", key="appeal_scan_missing",
                params={"path": str(scan)},
            )  # fmt: skip
        return followup.file_appeal(self.case_id, self.day(self.on), self.text.toPlainText())


class AppealOutcomeEntry(EntryDialog):
    """R-DOC-8: rejected, or cancelled (re-certification then offered, R-ELIG-6)."""

    def __init__(self, lang: str, appeal_id: int, parent: QWidget | None = None) -> None:
        super().__init__(lang, tr("fu.outcome.title", lang), parent)
        self.appeal_id = appeal_id
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcomeChoice")
        for outcome in APPEAL_OUTCOMES:
            self.outcome.addItem(tr(f"fu.appeal.{outcome}", lang), outcome)
        self.row("fu.field.outcome", self.outcome, "outcome")
        self.on = self.date_row("fu.field.date", None, "on")
        self.note = self.row("fu.field.note", QLineEdit())

    def store(self) -> object:
        return followup.decide_appeal(
            self.appeal_id, self.outcome.currentData(), self.day(self.on), self.note.text()
        )
